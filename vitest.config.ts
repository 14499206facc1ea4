import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS and ESM builds; type-graphql and Apollo (loaded by Node) get the CJS one, so our code must too,
    // or a scalar made by one copy is not a scalar to the other.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['server/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/faults/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores and a WebAssembly database per file: more workers only queue.
    maxWorkers: 2,
    pool: 'forks',
  },
});
