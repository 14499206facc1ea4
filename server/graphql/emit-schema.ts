// Writes schema.graphql (committed, so every change to the API shows in review).
import { atlasSchema, SCHEMA_FILE } from './schema.js';

await atlasSchema({ emitSchemaFile: true });
console.log(`wrote ${SCHEMA_FILE}`);
