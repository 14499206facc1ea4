// The long fault tests (`npm run test:faults`): database restarts, kills mid-import, fuzzing, a minute of load.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // As in vitest.config.ts: one copy of graphql for our code, type-graphql and Apollo.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One file at a time: they restart the shared PostgreSQL, kill processes and measure memory.
    maxWorkers: 1,
    fileParallelism: false,
    pool: 'forks',
    // The load test forces collections to see whether memory stays flat.
    execArgv: ['--expose-gc'],
    // Without DATABASE_URL the restart test has no server to restart.
    passWithNoTests: true,
  },
});
