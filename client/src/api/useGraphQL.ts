// Runs a GraphQL query when its inputs change, through the token's urql client (answers from its document cache, drops
// answers that arrive too late); returns data, error and loading. A plain query string works as well as a document
// written with `graphql(...)`, whose result type is then generated from schema.graphql.
import { useEffect, useState } from 'react';
import type { AnyVariables } from '@urql/core';
import { atlasClient, errorSentence, type GraphQLDocument } from './graphql';

export interface QueryState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * `query` null means "do not run" (e.g. nothing selected, or the schema lacks the field). A new `refreshKey` asks the
 * hub again instead of the cache (after a change made elsewhere).
 */
export function useGraphQL<TResult, TVariables extends AnyVariables = AnyVariables>(
  query: GraphQLDocument<TResult, TVariables> | null,
  variables: TVariables,
  token: string | null,
  refreshKey = 0,
): QueryState<TResult> {
  const [state, setState] = useState<QueryState<TResult>>({ data: null, error: null, loading: false });
  const queryText = query?.toString() ?? null;
  const variablesKey = JSON.stringify(variables);
  useEffect(() => {
    if (!queryText) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    setState((previous) => ({ ...previous, loading: true, error: null }));
    const requestPolicy = refreshKey ? 'network-only' : 'cache-first';
    const subscription = atlasClient(token)
      .query<TResult>(queryText, JSON.parse(variablesKey), { requestPolicy })
      .subscribe((result) => {
        if (result.error) setState({ data: null, error: errorSentence(result.error).message, loading: false });
        else setState({ data: result.data ?? null, error: result.data ? null : 'The hub returned no data.', loading: Boolean(result.stale) });
      });
    return () => subscription.unsubscribe();
  }, [queryText, variablesKey, token, refreshKey]);
  return state;
}
