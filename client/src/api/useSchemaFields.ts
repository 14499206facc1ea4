// Loads the hub's schema (type → fields) once per token, so the UI only offers what the server answers.
import { useMemo } from 'react';
import { SchemaFieldsDocument } from '../gql/graphql';
import { toSchemaFields, type SchemaFields } from './schema-fields';
import { useGraphQL } from './useGraphQL';

export function useSchemaFields(token: string | null): SchemaFields | null {
  const { data, error } = useGraphQL(SchemaFieldsDocument, {}, token);
  return useMemo(() => (data ? toSchemaFields(data) : error ? new Map() : null), [data, error]);
}
