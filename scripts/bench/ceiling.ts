/**
 * npm run bench:ceiling [-- --quotes 100000 --duration 4 --rounds 3 --connections 20]
 *
 * How far this stack can go on the cheapest query of `npm run bench`, page 1 of all quotes, against
 * PostGraphile answering it from PostgreSQL, in alternating rounds on the bench's database (build
 * it first with `npm run bench -- --quotes <n>`):
 *   - PostGraphile, page 1;
 *   - bare graphql-yoga answering the same page from memory (scripts/bench/ceiling-server.ts): the
 *     most any server on Yoga and graphql-js execution can do for it, with no SQL at all;
 *   - the app, `{ __typename }`: its HTTP and safety plugins (limits, deadline, request id, metrics…)
 *     with nothing to execute;
 *   - the app without that pipeline, page 1 (scripts/bench/ceiling-app.ts): its schema, resolvers
 *     and data path on bare graphql-yoga;
 *   - the app, page 1.
 * Prints req/s and server CPU per request of each, and their ratio to PostGraphile.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchCases } from './cases.js';
import { startCluster } from './cluster.js';
import { ensurePostGraphileInstalled, loadRound, post, startApp, startPostGraphile, startProcess, type BenchServer } from './servers.js';

const { values: args } = parseArgs({
  options: {
    quotes: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    // As in npm run bench: V8 needs about 4 s of load to optimise the code a new query runs.
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
  },
});
const QUOTES = Number(args.quotes.replaceAll('_', ''));
const CLK_TCK = 100;

interface Target {
  label: string;
  server: BenchServer;
  body: string;
  requests: number;
  seconds: number;
  ticks: number;
}

async function load(target: Target, seconds: number, measured: boolean): Promise<void> {
  const ticks0 = target.server.cpuTicks();
  const result = await loadRound(target.server, target.body, seconds, Number(args.connections));
  if (!measured) return;
  target.requests += result.requests.total;
  target.seconds += seconds;
  target.ticks += target.server.cpuTicks() - ticks0;
}

async function main(): Promise<void> {
  ensurePostGraphileInstalled();
  const cluster = await startCluster();
  const stops: (() => Promise<void> | void)[] = [() => cluster.stop()];
  try {
    const database = `bench_q${QUOTES}_s1`;
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1;
    await admin.end();
    if (!exists) throw new Error(`no bench database ${database}: run npm run bench -- --quotes ${QUOTES} first`);

    const options = { databaseUrl: cluster.url(database), poolMax: 10, logDir: 'tmp/bench-logs' };
    const app = await startApp(options);
    stops.push(() => app.stop());
    const postgraphile = await startPostGraphile(options);
    stops.push(() => postgraphile.stop());

    const page1 = benchCases().find((c) => c.name.startsWith('all quotes, page 1 '))!;
    const appAnswer = await post(app.url, page1.app);
    const postgraphileAnswer = await post(postgraphile.url, page1.postgraphile!);
    if (JSON.stringify(page1.normalizeApp(appAnswer.data)) !== JSON.stringify(page1.postgraphile!.normalize(postgraphileAnswer.data))) {
      throw new Error('the app and PostGraphile answer page 1 differently');
    }
    const ceiling = await startProcess('yoga from memory', ['--import', 'tsx', 'scripts/bench/ceiling-server.ts'], { PAGE: JSON.stringify(appAnswer.data) }, options.logDir);
    stops.push(() => ceiling.stop());
    const ceilingAnswer = await post(ceiling.url, page1.app);
    if (JSON.stringify(ceilingAnswer.data) !== JSON.stringify(appAnswer.data)) throw new Error('Yoga from memory answers differently from the app');
    const bare = await startProcess('app without its pipeline', ['--import', 'tsx', 'scripts/bench/ceiling-app.ts'], {
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      DB_POOL_MAX: String(options.poolMax),
      LOG_LEVEL: 'warn',
    }, options.logDir);
    stops.push(() => bare.stop());
    const bareAnswer = await post(bare.url, page1.app);
    if (JSON.stringify(bareAnswer.data) !== JSON.stringify(appAnswer.data)) throw new Error('the app without its pipeline answers differently from the app');

    const body = (request: object) => JSON.stringify(request);
    const targets: Target[] = [
      { label: 'PostGraphile, page 1', server: postgraphile, body: body(page1.postgraphile!) },
      { label: 'bare Yoga, page 1 from memory', server: ceiling, body: body(page1.app) },
      { label: 'the app, { __typename }', server: app, body: body({ query: '{ __typename }' }) },
      { label: 'the app without its request pipeline, page 1', server: bare, body: body(page1.app) },
      { label: 'the app, page 1', server: app, body: body(page1.app) },
    ].map((t) => ({ ...t, requests: 0, seconds: 0, ticks: 0 }));

    const duration = Number(args.duration);
    for (const target of targets) await load(target, Number(args.warmup), false);
    for (let round = 0; round < Number(args.rounds); round++) for (const target of targets) await load(target, duration, true);

    console.log(`\n${QUOTES.toLocaleString('en')} quotes · ${args.connections} connections · ${args.rounds} alternating rounds of ${duration} s · ${new Date().toISOString().slice(0, 16)} UTC\n`);
    console.log('| server, query | req/s | server CPU ms/req | × PostGraphile req/s |');
    console.log('|---|---|---|---|');
    const reference = targets[0]!.requests / targets[0]!.seconds;
    for (const t of targets) {
      const rps = t.requests / t.seconds;
      console.log(`| ${t.label} | ${rps.toFixed(0)} | ${((t.ticks * 1000) / CLK_TCK / t.requests).toFixed(2)} | ${(rps / reference).toFixed(2)}× |`);
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

await main();
