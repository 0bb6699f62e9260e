import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (`main`) and ESM (`module`) builds. Node — and so Pothos and Yoga,
    // which vitest leaves to Node — loads the CommonJS one, while Vite would hand our sources the
    // ESM one: two "realms" of graphql, and the schema fails with "from another module or realm".
    // Resolve it the way Node does.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // One migrated and seeded embedded database per run, which each test file copies.
    globalSetup: ['tests/helpers/embedded-template.ts'],
    // Each file gets its own database (tests/helpers/database.ts); two cores run two files at once.
    pool: 'forks',
    maxWorkers: 2,
    // Every operation compiled at its first execution, so the whole suite runs on compiled
    // execution (src/graphql/compiled-execution.ts), which serves every repeated document; the
    // graphql-js executor that serves a document's first execution (by default) is compared with
    // it in tests/compiled-execution.test.ts.
    env: { COMPILE_AFTER_EXECUTIONS: '0' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
