// The newest data versions (change sets), for choosing one in the "what changed" view and for its export links.
import { DATA_VERSIONS_QUERY, type DataVersionFacts } from './changes-query';
import { hasField, type SchemaFields } from './schema-fields';
import { useGraphQL } from './useGraphQL';

export const VERSIONS_LISTED = 100;

export function useDataVersions(token: string | null, fields: SchemaFields | null): DataVersionFacts[] | null {
  const state = useGraphQL<{ dataVersions: { nodes: DataVersionFacts[] } }>(
    hasField(fields, 'Query', 'dataVersions') ? DATA_VERSIONS_QUERY : null,
    { first: VERSIONS_LISTED },
    token,
  );
  return state.data?.dataVersions.nodes ?? null;
}
