import { defineConfig } from 'vitest/config';

export default defineConfig({
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
