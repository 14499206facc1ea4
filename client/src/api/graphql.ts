// The client's one way to talk to the hub's GraphQL API: a POST with the signed-in token, errors as thrown sentences.

export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

export class GraphQLRequestError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

export async function graphqlRequest<T>(query: string, variables: Record<string, unknown> = {}, token?: string | null, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal });
  let body: { data?: T; errors?: GraphQLErrorBody[] };
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError(`The hub answered ${response.status} without a GraphQL body.`);
  }
  if (body.errors?.length) throw new GraphQLRequestError(body.errors.map((error) => error.message).join(' '), body.errors[0].extensions?.code);
  if (!body.data) throw new GraphQLRequestError('The hub returned no data.');
  return body.data;
}
