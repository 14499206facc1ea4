// The client's generated GraphQL types (client/src/gql) are what `npm run codegen` makes of schema.graphql and the
// client's documents today: a schema change, or a query edited without regenerating, fails here with the fix to run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import { codegenConfig, GENERATED_DIR } from '../client/codegen/codegen.config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the client GraphQL types', () => {
  it('are up to date with schema.graphql and the client documents (else: npm run codegen, and commit client/src/gql)', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...codegenConfig, cwd: ROOT }, false);
    expect(outputs.length).toBeGreaterThan(0);
    const generated = new Map(outputs.map((o) => [path.relative(ROOT, path.resolve(ROOT, o.filename)), o.content]));
    const committed = fs.readdirSync(path.join(ROOT, GENERATED_DIR)).map((name) => path.join(GENERATED_DIR, name));
    expect([...generated.keys()].sort(), 'files in client/src/gql').toEqual(committed.map((f) => path.normalize(f)).sort());
    for (const [file, content] of generated) {
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8') === content, `${file} differs from what npm run codegen writes`).toBe(true);
    }
  }, 120_000);

  it('type every operation of the client, each under its own name', async () => {
    const types = fs.readFileSync(path.join(ROOT, GENERATED_DIR, 'graphql.ts'), 'utf8');
    for (const operation of ['Community', 'CommunityWalk', 'CommunityLabels', 'Districts', 'StandardsReport', 'Renovation', 'WhatIf', 'Suggest', 'Search', 'Sources', 'Sync']) {
      expect(types, operation).toContain(`export const ${operation}Document = new TypedDocumentString(`);
    }
  });
});
