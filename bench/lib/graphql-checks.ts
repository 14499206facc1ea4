// Small helpers for GraphQL in the harness: fail loudly on errors, and ask the schema what exists.
import type { BenchHub, GraphqlResponse } from './hub.js';

export function ok(response: GraphqlResponse, what: string): any {
  if (response.errors?.length) throw new Error(`${what}: ${response.errors.map((e) => e.message).join('; ')}`);
  return response.data;
}

/** The fields of a GraphQL type (empty when there is no such type), to leave out what is not built yet. */
export async function fieldsOf(hub: BenchHub, typeName: string): Promise<Set<string>> {
  const data = ok(await hub.gql('query($n: String!) { __type(name: $n) { fields { name } } }', { n: typeName }), `introspecting ${typeName}`);
  return new Set<string>((data.__type?.fields ?? []).map((f: { name: string }) => f.name));
}
