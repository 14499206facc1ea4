// What the running hub's schema offers: type name → field names, so panels can hide what the server does not have yet.

export type SchemaFields = ReadonlyMap<string, ReadonlySet<string>>;

export const SCHEMA_FIELDS_QUERY = `{ __schema { types { name kind fields { name } } } }`;

interface IntrospectionTypes {
  __schema: { types: { name: string; kind: string; fields: { name: string }[] | null }[] };
}

export function toSchemaFields(data: IntrospectionTypes): SchemaFields {
  const map = new Map<string, Set<string>>();
  for (const type of data.__schema.types) {
    if (type.fields) map.set(type.name, new Set(type.fields.map((field) => field.name)));
  }
  return map;
}

export function hasField(fields: SchemaFields | null, typeName: string, fieldName: string): boolean {
  return fields?.get(typeName)?.has(fieldName) ?? false;
}
