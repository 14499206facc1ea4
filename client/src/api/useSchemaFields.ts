// Loads the hub's schema (type → fields) once per token, so the UI only offers what the server answers.
import { useEffect, useState } from 'react';
import { graphqlRequest } from './graphql';
import { SCHEMA_FIELDS_QUERY, toSchemaFields, type SchemaFields } from './schema-fields';

export function useSchemaFields(token: string | null): SchemaFields | null {
  const [fields, setFields] = useState<SchemaFields | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    graphqlRequest<Parameters<typeof toSchemaFields>[0]>(SCHEMA_FIELDS_QUERY, {}, token, controller.signal)
      .then((data) => setFields(toSchemaFields(data)))
      .catch(() => setFields(new Map()));
    return () => controller.abort();
  }, [token]);
  return fields;
}
