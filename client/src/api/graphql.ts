// The client's one way to talk to the hub's GraphQL API: an urql client (document cache, deduplication, aborts) per
// signed-in token, and a promise form of it for one-off requests and mutations; errors come as thrown sentences.
import { Client, cacheExchange, fetchExchange, type AnyVariables, type CombinedError } from '@urql/core';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** A query as a plain string, or a document written with `graphql(...)` whose result and variables are generated. */
export type GraphQLDocument<TResult = unknown, TVariables = AnyVariables> = string | (DocumentTypeDecoration<TResult, TVariables> & { toString(): string });

/** The result type of a generated document. */
export type ResultOf<D> = D extends DocumentTypeDecoration<infer R, unknown> ? R : never;

/** One error of a GraphQL answer, as the hub sends it. */
export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

export class GraphQLRequestError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

let current: { token: string | null; client: Client } | null = null;

/**
 * The urql client of this token. A new token gets a new client, so what one role read is never served from the cache
 * to another (an official after an admin, a visitor after signing out).
 */
export function atlasClient(token: string | null): Client {
  if (current?.token === token) return current.client;
  const client = new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    // The hub's Apollo Server refuses GET requests that lack a preflight header (its CSRF guard): POST, as before.
    preferGetMethod: false,
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : undefined }),
  });
  current = { token, client };
  return client;
}

/** The sentence an error result says: the GraphQL errors' messages, or what went wrong reaching the hub. */
export function errorSentence(error: CombinedError): GraphQLRequestError {
  if (error.graphQLErrors.length) {
    const code = error.graphQLErrors[0].extensions?.code;
    return new GraphQLRequestError(error.graphQLErrors.map((e) => e.message).join(' '), typeof code === 'string' ? code : undefined);
  }
  const status = (error.response as Response | undefined)?.status;
  return new GraphQLRequestError(status ? `The hub answered ${status} without a GraphQL body.` : error.networkError?.message ?? error.message);
}

export function isMutation(query: string): boolean {
  return /^\s*mutation\b/.test(query.replace(/^(\s*#[^\n]*\n)+/, ''));
}

/** One request, answered once: through the token's client, so a mutation drops the cached queries it touches. */
export async function graphqlRequest<TResult, TVariables extends AnyVariables = AnyVariables>(
  document: GraphQLDocument<TResult, TVariables>,
  variables: TVariables = {} as TVariables,
  token?: string | null,
  signal?: AbortSignal,
): Promise<TResult> {
  const client = atlasClient(token ?? null);
  const query = document.toString();
  const context = { requestPolicy: 'network-only' as const, fetchOptions: { signal } };
  const source = isMutation(query) ? client.mutation<TResult, TVariables>(query, variables, context) : client.query<TResult, TVariables>(query, variables, context);
  const result = await source.toPromise();
  if (signal?.aborted) throw new GraphQLRequestError('The request was cancelled.');
  if (result.error) throw errorSentence(result.error);
  if (!result.data) throw new GraphQLRequestError('The hub returned no data.');
  return result.data;
}
