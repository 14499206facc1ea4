// What the running hub's schema offers: type name → field names, so panels can hide what the server does not have yet.
import type { SchemaFieldsQuery } from '../gql/graphql';

export type SchemaFields = ReadonlyMap<string, ReadonlySet<string>>;

export function toSchemaFields(data: SchemaFieldsQuery): SchemaFields {
  const map = new Map<string, Set<string>>();
  for (const type of data.__schema.types) {
    if (type.name && type.fields) map.set(type.name, new Set(type.fields.map((field) => field.name)));
  }
  return map;
}

export function hasField(fields: SchemaFields | null, typeName: string, fieldName: string): boolean {
  return fields?.get(typeName)?.has(fieldName) ?? false;
}
