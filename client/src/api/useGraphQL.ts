// Runs a GraphQL query when its inputs change; returns data, error and loading, and drops answers that arrive too late.
import { useEffect, useState } from 'react';
import { graphqlRequest } from './graphql';

export interface QueryState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** `query` null means "do not run" (e.g. nothing selected, or the schema lacks the field). */
export function useGraphQL<T>(query: string | null, variables: Record<string, unknown>, token: string | null, refreshKey = 0): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ data: null, error: null, loading: false });
  const variablesKey = JSON.stringify(variables);
  useEffect(() => {
    if (!query) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: null }));
    graphqlRequest<T>(query, JSON.parse(variablesKey), token, controller.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error: Error) => {
        if (!controller.signal.aborted) setState({ data: null, error: error.message, loading: false });
      });
    return () => controller.abort();
  }, [query, variablesKey, token, refreshKey]);
  return state;
}
