/**
 * npm run bench [-- --quotes 100000 --duration 3 --rounds 2 --warmup 5 --connections 20 --only timeline,speaker]
 *
 * The app against PostGraphile 5 and a hand-written single statement (the floor), all reflecting the
 * same synthetic database (npm run db:synth), over HTTP on 127.0.0.1 with autocannon, in alternating
 * rounds (A B A B) so that a busy machine slows every server alike. Checks that the answers are
 * equal, then prints one table — req/s, latency, SQL statements per request (pg_stat_statements),
 * server and PostgreSQL CPU per request (/proc), RSS, ratios — and EXPLAIN (ANALYZE, BUFFERS)
 * summaries of the statements the app sends, flagging sequential scans on tables over 10k rows.
 *
 * PostgreSQL is a cluster of the bench's own in tmp/bench-pg (see scripts/bench/cluster.ts); the
 * synthetic database is built on first use and kept while the generator and migrations are
 * unchanged. The figures compare servers within one run on one machine; they are not absolutes.
 * (The earlier in-process latency bench is npm run bench:in-process.)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { pgConnection } from '../src/synth/connection.js';
import { synthesize } from '../src/synth/generate.js';
import { benchCases } from './bench/cases.js';
import { startCluster, type Cluster } from './bench/cluster.js';
import { explainDuring, formatPlan, type PlanSummary } from './bench/explain.js';
import {
  ensurePostGraphileInstalled,
  post,
  POSTGRAPHILE_FUNCTIONS,
  startApp,
  startFloor,
  startPostGraphile,
  type BenchServer,
} from './bench/servers.js';

const { values: args } = parseArgs({
  options: {
    quotes: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '20' },
    // Seconds of load on each server before a query's rounds: V8 optimises the code a new query runs
    // while it runs. Page 1 of all quotes reached the app's steady CPU per request after ~4 s of load
    // (2.1 ms per request in the first second, 0.6 from the fourth on), PostGraphile's after ~2 s;
    // with 1 s, the first round still measured part of that warm-up rather than a serving process.
    warmup: { type: 'string', default: '5' },
    pool: { type: 'string', default: '10' },
    only: { type: 'string' },
    'walk-budget': { type: 'string', default: '180' },
    'too-slow': { type: 'string', default: '2000' },
  },
});
const QUOTES = Number(args.quotes.replaceAll('_', ''));
const SEED = Number(args.seed);
const DURATION = Number(args.duration);
const ROUNDS = Number(args.rounds);
const CONNECTIONS = Number(args.connections);
const WARMUP = Number(args.warmup);
const POOL = Number(args.pool);
const WALK_BUDGET_MS = Number(args['walk-budget']) * 1000;
/** A server whose lone request takes longer (ms) is not put under load: its rounds would only pile up abandoned requests. */
const TOO_SLOW_MS = Number(args['too-slow']);
const CLK_TCK = 100;

interface Measurement {
  /** Answered within the rounds (2xx). */
  requests: number;
  /** Sent, including those still running when a round ended (their CPU is counted too). */
  sent: number;
  seconds: number;
  failures: number;
  p50: number[];
  p99: number[];
  /** Per request, from a sequential pass. */
  statements: number;
  /** Median latency of requests sent one at a time (no load). */
  sequentialMs: number;
  /** Too slow to load (see TOO_SLOW_MS): only the lone-request figures exist. */
  loneOnly?: boolean;
  /** CPU per request of the lone requests. */
  lone?: { serverMs: number; postgresMs: number };
  serverTicks: number;
  postgresTicks: number;
  rss: number;
}

const emptyMeasurement = (): Measurement => ({ requests: 0, sent: 0, seconds: 0, failures: 0, p50: [], p99: [], statements: 0, sequentialMs: NaN, serverTicks: 0, postgresTicks: 0, rss: 0 });

/** Rebuilds the synthetic database when the generator, the migrations or the size changed. */
async function ensureDatabase(cluster: Cluster, name: string): Promise<void> {
  const hash = createHash('sha256');
  for (const file of readdirSync('src/synth').sort()) hash.update(readFileSync(join('src/synth', file)));
  for (const migration of readdirSync('prisma/migrations').sort()) hash.update(migration);
  const fingerprint = `synth quotes=${QUOTES} seed=${SEED} ${hash.digest('hex').slice(0, 16)}`;

  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (rows[0]?.comment === fingerprint) return;
    console.log(`building ${name} (${QUOTES.toLocaleString('en')} quotes) …`);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const client = new pg.Client({ connectionString: cluster.url(name) });
    await client.connect();
    try {
      const summary = await synthesize(pgConnection(client, name), { quotes: QUOTES, seed: SEED, log: (m) => console.log(`  ${m}`) });
      const total = Object.values(summary.rows).reduce((sum, n) => sum + n, 0);
      console.log(`  ${total.toLocaleString('en')} rows in ${(summary.tookMs / 1000).toFixed(1)} s (generator CPU ${(summary.cpuMs / 1000).toFixed(1)} s)`);
    } finally {
      await client.end();
    }
    await admin.query(`COMMENT ON DATABASE "${name}" IS '${fingerprint}'`);
  } finally {
    await admin.end();
  }
}

/** Sets `after` so the case asks for its page: walks the list 100 items at a time. */
async function resolvePage(server: BenchServer, walkQuery: string, request: { query: string; variables?: Record<string, unknown> }, connection: (data: any) => any, page: number, pageSize: number) {
  const started = Date.now();
  let remaining = (page - 1) * pageSize;
  let after: string | null = null;
  while (remaining > 0) {
    if (Date.now() - started > WALK_BUDGET_MS) throw new Error(`walking to page ${page} took over ${WALK_BUDGET_MS / 1000} s`);
    const first = Math.min(100, remaining);
    const answer = await post(server.url, { query: walkQuery, variables: { ...request.variables, first, after } });
    if (answer.errors) throw new Error(JSON.stringify(answer.errors).slice(0, 300));
    after = connection(answer.data).pageInfo.endCursor;
    remaining -= first;
  }
  return { query: request.query, variables: { ...request.variables, after } };
}

/** Waits until no statement runs in the database (requests abandoned by the last round finish). */
async function drain(stats: pg.Client): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { rows } = await stats.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    if (Number(rows[0]!.n) === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * SQL statements per request (transaction control aside) and the latency without load, from a few
 * requests sent one at a time.
 */
async function sequentialPass(server: BenchServer, request: unknown, stats: pg.Client, cluster: Cluster, requests = 3) {
  await drain(stats);
  await stats.query('SELECT pg_stat_statements_reset()');
  const server0 = server.cpuTicks();
  const postgres0 = cluster.cpuTicks();
  const timings: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await post(server.url, request);
    timings.push(performance.now() - started);
  }
  const { rows } = await stats.query<{ calls: string | null }>(
    `SELECT sum(calls) AS calls FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION)'
        AND query !~* 'pg_stat_statements|pg_stat_activity'`,
  );
  timings.sort((a, b) => a - b);
  const perRequestMs = (ticksTotal: number) => ((ticksTotal / CLK_TCK) * 1000) / requests;
  return {
    statements: Number(rows[0]?.calls ?? 0) / requests,
    ms: timings[Math.floor(requests / 2)]!,
    serverMs: perRequestMs(server.cpuTicks() - server0),
    postgresMs: perRequestMs(cluster.cpuTicks() - postgres0),
  };
}

async function measure(server: BenchServer, body: string, seconds: number, cluster: Cluster, stats: pg.Client, into?: Measurement): Promise<void> {
  await drain(stats);
  const server0 = server.cpuTicks();
  const postgres0 = cluster.cpuTicks();
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
  });
  if (!into) return;
  // Requests abandoned when the round ended still run; their CPU belongs to this round.
  await drain(stats);
  const server1 = server.cpuTicks();
  const postgres1 = cluster.cpuTicks();
  const ok = result['2xx'];
  into.requests += ok;
  into.sent += Math.max(ok, result.requests.sent);
  into.seconds += result.duration;
  into.failures += result.non2xx + result.errors + result.timeouts;
  into.p50.push(result.latency.p50);
  into.p99.push(result.latency.p99);
  into.serverTicks += server1 - server0;
  into.postgresTicks += postgres1 - postgres0;
  into.rss = Math.max(into.rss, server.rssMb());
}

function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return `${path}: ${a.length} items ≠ ${b.length} items`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const diff = firstDifference((a as any)[key], (b as any)[key], `${path}.${key}`);
    if (diff) return diff;
  }
  return `${path} differs`;
}

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN);

interface Row {
  query: string;
  server: string;
  m: Measurement;
  vsPostGraphile?: number;
  vsFloor?: number;
}

function formatRows(rows: Row[]): string {
  const header = ['query', 'server', 'req/s', 'p50 ms', 'p99 ms', '1 req ms', 'SQL/req', 'server CPU ms/req', 'PG CPU ms/req', 'RSS MB', '× PostGraphile', '× floor', 'failed'];
  const lines = rows.map(({ query, server, m, vsPostGraphile, vsFloor }) => {
    const perRequest = (ticksTotal: number) => (m.sent ? ((ticksTotal / CLK_TCK) * 1000) / m.sent : NaN);
    return [
      query,
      server,
      m.loneOnly ? `(${(1000 / m.sequentialMs).toFixed(2)} alone)` : (m.requests / m.seconds).toFixed(1),
      m.loneOnly ? 'not loaded' : m.requests ? mean(m.p50).toFixed(0) : `> ${DURATION * 1000}`,
      m.loneOnly || !m.requests ? '—' : mean(m.p99).toFixed(0),
      m.sequentialMs.toFixed(0),
      m.statements.toFixed(1),
      (m.loneOnly ? m.lone!.serverMs : perRequest(m.serverTicks)).toFixed(1),
      (m.loneOnly ? m.lone!.postgresMs : perRequest(m.postgresTicks)).toFixed(1),
      m.rss.toFixed(0),
      ratioCell(vsPostGraphile, 'PostGraphile'),
      ratioCell(vsFloor, 'the floor'),
      m.failures ? String(m.failures) : '',
    ];
  });
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...lines.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
}

/** A ratio's cell; the reference answered nothing within the rounds when it is infinite. */
function ratioCell(ratio: number | undefined, reference: string): string {
  if (ratio === undefined) return '';
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : `— (${reference} answered none)`;
}

/** The ratios issue 6 sets targets on, read off the rows of this run. */
function targetChecks(rows: Row[], plans: { name: string; plans: PlanSummary[] }[]): string {
  const appRate = new Map<string, number>();
  let current = '';
  for (const row of rows) {
    if (row.query) current = row.query;
    if (row.server === 'app') appRate.set(current, row.m.requests / row.m.seconds);
  }
  const find = (part: string) => [...appRate.entries()].find(([name]) => name.includes(part))?.[1];
  const ratio = (a?: number, b?: number) => (a && b ? `${(a / b).toFixed(2)}` : 'n/a');
  const versus = rows.filter((row) => row.vsPostGraphile !== undefined).map((row) => row.vsPostGraphile!);
  const floor = rows.find((row) => row.vsFloor !== undefined)?.vsFloor;
  const seqScans = plans.flatMap((p) => p.plans.flatMap((plan) => plan.seqScans.filter((scan) => scan.tableRows > 10_000).map((scan) => `${p.name}: "${scan.relation}"`)));
  const appRows = rows.filter((row) => row.server === 'app');
  return [
    `- slowest query against PostGraphile: ${versus.length ? Math.min(...versus).toFixed(2) : 'n/a'}× its req/s (target ≥ 1.0)`,
    `- headline nested query against the hand-written floor: ${floor?.toFixed(2) ?? 'n/a'}× (target ≥ 0.5)`,
    `- page 500 against page 1 of all quotes: ${ratio(find('page 1 '), find('page 500'))}× slower (target ≤ 1.5)`,
    `- timeline page 1, ~5,000-entry against ~50-entry conflict: ${ratio(find('small (~50'), find('medium (~5,000'))}× slower (target ≤ 1.5)`,
    `- SQL statements per request (app): ${appRows.map((row) => row.m.statements.toFixed(0)).join(', ')}`,
    `- sequential scans on tables over 10k rows: ${seqScans.length ? seqScans.join('; ') : 'none'}`,
    `- app RSS at most ${Math.max(...appRows.map((row) => row.m.rss)).toFixed(0)} MB (target < 300)`,
  ].join('\n');
}

async function main(): Promise<void> {
  const only = args.only?.split(',') ?? [];
  const cases = benchCases().filter((c) => only.length === 0 || only.some((part) => c.name.includes(part)));
  const logDir = 'tmp/bench-logs';
  mkdirSync(logDir, { recursive: true });
  ensurePostGraphileInstalled();

  const cluster = await startCluster();
  const servers: BenchServer[] = [];
  const stops: (() => Promise<void> | void)[] = [() => cluster.stop()];
  const cleanup = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    const database = `bench_q${QUOTES}_s${SEED}`;
    await ensureDatabase(cluster, database);
    const databaseUrl = cluster.url(database);
    const stats = new pg.Client({ connectionString: databaseUrl });
    await stats.connect();
    stops.push(() => stats.end());
    await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await stats.query(POSTGRAPHILE_FUNCTIONS);
    const tableRows = new Map(
      (await stats.query<{ name: string; rows: number }>(`SELECT relname AS name, reltuples::bigint AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`)).rows.map(
        (r) => [r.name, Number(r.rows)],
      ),
    );

    const options = { databaseUrl, poolMax: POOL, logDir };
    let app = await startApp(options);
    servers.push(app);
    stops.push(() => app.stop());
    const postgraphile = await startPostGraphile(options);
    servers.push(postgraphile);
    stops.push(() => postgraphile.stop());
    const floor = await startFloor(options);
    stops.push(() => floor.stop());

    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${(await stats.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version}`;
    console.log(`\n${QUOTES.toLocaleString('en')} quotes · ${machine}`);
    console.log(`${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per server and query, pool ${POOL} per server\n`);

    const rows: Row[] = [];
    const notes: string[] = [];
    const plans: { name: string; plans: PlanSummary[] }[] = [];
    for (const benchCase of cases) {
      if (!app.alive()) {
        notes.push(`the app had died (out of memory?) before "${benchCase.name}"; restarted`);
        app = await startApp(options);
      }
      console.log(`· ${benchCase.name}`);
      try {
        await runCase(benchCase);
      } catch (error) {
        notes.push(`${benchCase.name}: ${(error as Error).message.slice(0, 300)}`);
        console.log(`  failed: ${(error as Error).message.slice(0, 300)}`);
      }
    }
    async function runCase(benchCase: (typeof cases)[number]): Promise<void> {
      const contenders: { server: BenchServer; request: { query: string; variables?: Record<string, unknown> }; normalize: (data: any) => unknown }[] = [];
      try {
        let appRequest = benchCase.app;
        if (benchCase.paging) {
          const { page, pageSize, walk, connection } = benchCase.paging;
          appRequest = await resolvePage(app, walk.app, benchCase.app, connection.app, page, pageSize);
        }
        contenders.push({ server: app, request: appRequest, normalize: benchCase.normalizeApp });
      } catch (error) {
        notes.push(`${benchCase.name}: the app could not be asked (${(error as Error).message})`);
        console.log(`  skipped: ${(error as Error).message}`);
        return;
      }
      if (benchCase.postgraphile) {
        let request: { query: string; variables?: Record<string, unknown> } = benchCase.postgraphile;
        if (benchCase.paging?.walk.postgraphile) {
          const { page, pageSize, walk, connection } = benchCase.paging;
          request = await resolvePage(postgraphile, walk.postgraphile!, request, connection.postgraphile!, page, pageSize);
        }
        contenders.push({ server: postgraphile, request, normalize: benchCase.postgraphile.normalize });
      }
      if (benchCase.floor) contenders.push({ server: floor, request: benchCase.app, normalize: benchCase.normalizeApp });

      // The answers must be equal before their speed means anything.
      const answers = [];
      for (const contender of contenders) {
        const answer = await post(contender.server.url, contender.request);
        if (answer.errors || !answer.data) throw new Error(`${contender.server.label} failed "${benchCase.name}": ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
        answers.push(contender.normalize(answer.data));
      }
      for (let i = 1; i < contenders.length; i++) {
        const difference = firstDifference(answers[0], answers[i]);
        if (difference) notes.push(`${benchCase.name}: the app's answer differs from ${contenders[i]!.server.label}'s at ${difference}`);
      }

      plans.push({ name: benchCase.name, plans: await explainDuring(stats, cluster.logFile, tableRows, async () => void (await post(app.url, contenders[0]!.request))) });

      const measurements = contenders.map(() => emptyMeasurement());
      for (const [i, contender] of contenders.entries()) {
        const lone = await sequentialPass(contender.server, contender.request, stats, cluster);
        measurements[i]!.statements = lone.statements;
        measurements[i]!.sequentialMs = lone.ms;
        measurements[i]!.lone = { serverMs: lone.serverMs, postgresMs: lone.postgresMs };
        measurements[i]!.rss = contender.server.rssMb();
      }
      const bodies = contenders.map((c) => JSON.stringify(c.request));
      for (const m of measurements) m.loneOnly = m.sequentialMs > TOO_SLOW_MS;
      const loaded = contenders.map((_, i) => i).filter((i) => !measurements[i]!.loneOnly);
      for (const i of loaded) await measure(contenders[i]!.server, bodies[i]!, WARMUP, cluster, stats);
      for (let round = 0; round < ROUNDS; round++) {
        for (const i of loaded) await measure(contenders[i]!.server, bodies[i]!, DURATION, cluster, stats, measurements[i]);
      }
      for (const i of loaded) measurements[i]!.rss = Math.max(measurements[i]!.rss, contenders[i]!.server.rssMb());
      for (const m of measurements) if (m.loneOnly) notes.push(`${benchCase.name}: a lone request took ${(m.sequentialMs / 1000).toFixed(1)} s; not put under load (ratios from lone requests)`);
      // When a server was too slow to load, compare lone-request speeds instead.
      const anyLone = measurements.some((m) => m.loneOnly);
      const rate = (m: Measurement) => (anyLone ? 1000 / m.sequentialMs : m.requests / m.seconds);
      const pglIndex = contenders.findIndex((c) => c.server === postgraphile);
      const floorIndex = contenders.findIndex((c) => c.server === floor);
      for (const [i, contender] of contenders.entries()) {
        const m = measurements[i]!;
        rows.push({
          query: i === 0 ? benchCase.name : '',
          server: contender.server.label,
          m,
          vsPostGraphile: i === 0 && pglIndex > 0 ? rate(m) / rate(measurements[pglIndex]!) : undefined,
          vsFloor: i === 0 && floorIndex > 0 ? rate(m) / rate(measurements[floorIndex]!) : undefined,
        });
      }
      console.log(formatRows(rows.slice(-contenders.length)).split('\n').slice(2).join('\n'));
    }

    const table = formatRows(rows);
    const targets = targetChecks(rows, plans);
    const explain = plans
      .map(({ name, plans: list }) => [`${name}: ${list.length} statement(s)`, ...list.map((plan, i) => `  ${String(i + 1).padStart(2)}. ${formatPlan(plan)}`)].join('\n'))
      .join('\n');
    const report = [
      `${QUOTES.toLocaleString('en')} quotes · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine}`,
      `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per server and query`,
      '',
      table,
      '',
      notes.length ? notes.map((n) => `- ${n}`).join('\n') : '- every compared answer was equal',
      '',
      "Issue 6's targets, from this run:",
      targets,
      '',
      "EXPLAIN (ANALYZE, BUFFERS) of the app's statements (one request each):",
      explain,
    ].join('\n');
    console.log(`\n${report}`);
    const file = `tmp/bench-${QUOTES}.md`;
    writeFileSync(file, report + '\n');
    console.log(`\n(written to ${file})`);
  } finally {
    await cleanup();
  }
}

await main();
