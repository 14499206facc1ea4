// GraphQL Code Generator's settings: the client's result and variable types, generated from the committed schema.graphql
// and the client's documents: the .graphql files beside their hooks (and any `graphql(...)` call) in client/src.
// `npm run codegen` writes client/src/gql, which is committed; test/codegen.test.ts fails when it is out of date.
import type { CodegenConfig } from '@graphql-codegen/cli';

export const GENERATED_DIR = 'client/src/gql/';

export const codegenConfig: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/src/**/*.graphql', 'client/src/**/*.{ts,tsx}', '!client/src/gql/**'],
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    [GENERATED_DIR]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents stay strings in the bundle (urql parses them once and keys its cache by them), not ASTs as JSON;
        // a hook imports its document (`CommunityDocument`) from gql/graphql.ts, so each query is in the bundle once.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: {
          GeoJSON: { input: "import('geojson').Geometry", output: "import('geojson').Geometry" },
          JSONObject: { input: 'Record<string, unknown>', output: 'Record<string, unknown>' },
          DateTimeISO: { input: 'string', output: 'string' },
        },
      },
    },
  },
};

export default codegenConfig;
