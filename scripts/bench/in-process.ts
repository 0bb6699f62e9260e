// Measures the read API over HTTP handling (yoga.fetch) on the database this process is configured
// for, and prints latency percentiles and SQL statements per request. Figures are for comparing
// runs on one machine (embedded vs server, before vs after a change), not absolute claims.
//
// (npm run bench is the HTTP benchmark against PostGraphile at scale: scripts/bench.ts.)
//
//   npm run bench:in-process                              # embedded PostgreSQL (in memory)
//   DATABASE_URL=postgresql://… npm run bench:in-process  # a server (the database is migrated and seeded)
import { performance } from 'node:perf_hooks';
// The same driver-level statement counter the tests use.
import { countStatements } from '../../tests/helpers/sql-counter.js';

process.env.EMBEDDED_DB_DIR ??= 'memory://';
process.env.LOG_LEVEL ??= 'warn';
process.env.NODE_ENV ??= 'production';

const { prepareDatabase } = await import('../../src/startup.js');
const { closeDatabase, sql } = await import('../../src/db.js');
const { yoga } = await import('../../src/yoga.js');
const { exampleQueries } = await import('../../src/graphiql.js');
await prepareDatabase();

const NESTED = `{ conflict(slug: "musk-vs-openai") { events(first: 50) { edges { node { title participants { role actor { name affiliations { role organization { name } sources { title } } } } sources { title } } } } } }`;
const cases = [
  { name: 'conflict→events→participants→affiliations', query: NESTED, variables: undefined as string | undefined },
  ...exampleQueries.map((example) => ({ name: example.name, query: example.query, variables: example.variables })),
];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
console.log(`database: ${sql.description}; ${ROUNDS} sequential requests per query after 20 warm-up requests`);
console.log('query'.padEnd(44), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'SQL/req'.padStart(8));
for (const { name, query, variables } of cases) {
  const body = JSON.stringify({ query, variables: variables ? JSON.parse(variables) : undefined });
  const run = async () => {
    const response = await yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const result = (await response.json()) as { errors?: unknown };
    if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  };
  for (let i = 0; i < 20; i++) await run();
  const timings: number[] = [];
  const { statements } = await countStatements(async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      await run();
      timings.push(performance.now() - start);
    }
  });
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(2);
  console.log(name.padEnd(44), at(0.5).padStart(8), at(0.95).padStart(8), (statements.length / ROUNDS).toFixed(1).padStart(8));
}
await closeDatabase();
