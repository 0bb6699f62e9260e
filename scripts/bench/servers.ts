/**
 * The servers the bench compares, each a child process on 127.0.0.1 whose CPU time and memory are
 * read from /proc: the app (production mode), PostGraphile 5 (bench/postgraphile) and the
 * hand-written floor (scripts/bench/floor.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { freePort, rssMb, ticks } from './cluster.js';

export interface BenchServer {
  readonly label: string;
  readonly url: string;
  readonly pid: number;
  alive(): boolean;
  cpuTicks(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** POSTs a GraphQL request and returns the parsed body. */
export async function post(url: string, body: unknown, timeoutMs = 120_000): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
}

async function waitUntilReady(url: string, child: ChildProcess, label: string, logFile: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}; see ${logFile}`);
    try {
      const answer = await post(url, { query: '{ __typename }' }, 5_000);
      if (answer.data) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${label} did not answer within 5 minutes; see ${logFile}`);
}

export async function startProcess(label: string, args: string[], env: Record<string, string>, logDir: string, path = '/graphql'): Promise<BenchServer> {
  const port = await freePort();
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${label.replace(/\W+/g, '-').toLowerCase()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}${path}`;
  await waitUntilReady(url, child, label, logFile);
  return {
    label,
    url,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    cpuTicks: () => ticks(child.pid!),
    rssMb: () => rssMb(child.pid!),
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * One round of load on a server: autocannon POSTing `body` on `connections` connections for
 * `seconds`. Throws when any answer failed (a round with failures measures nothing comparable).
 */
export async function loadRound(server: BenchServer, body: string, seconds: number, connections: number): Promise<autocannon.Result> {
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    connections,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${server.label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

export interface ServerOptions {
  databaseUrl: string;
  poolMax: number;
  logDir: string;
  /** Extra environment for the app (e.g. raised cost limits). */
  appEnv?: Record<string, string>;
  /** `node` flags for the server process (e.g. `--trace-gc-nvp`); none by default, as `npm start` runs it. */
  nodeArgs?: string[];
  /** The process's label (and log file name), when several of one kind run at once. */
  label?: string;
}

/**
 * The app as `npm start` runs it: the compiled build (rebuilt here), production mode, no seeding and
 * no `node` flags, with its own default configuration (HEAP_GROWING_PERCENT included), so its RSS is
 * what a deployment sees.
 */
export function startApp(options: ServerOptions): Promise<BenchServer> {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  return startProcess(options.label ?? 'app', [...(options.nodeArgs ?? []), 'dist/server.js'], {
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    DB_POOL_MAX: String(options.poolMax),
    SEED_ON_START: 'never',
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'warn',
    ...options.appEnv,
  }, options.logDir);
}

const POSTGRAPHILE_DIR = resolve('bench/postgraphile');

/** Installs bench/postgraphile's own dependencies on first use. */
export function ensurePostGraphileInstalled(): void {
  if (existsSync(join(POSTGRAPHILE_DIR, 'node_modules', 'postgraphile'))) return;
  console.log('installing PostGraphile into bench/postgraphile (once) …');
  const result = spawnSync('npm', ['--prefix', POSTGRAPHILE_DIR, 'ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm --prefix bench/postgraphile ci failed');
}

export function startPostGraphile(options: ServerOptions): Promise<BenchServer> {
  return startProcess(options.label ?? 'PostGraphile', [...(options.nodeArgs ?? []), join(POSTGRAPHILE_DIR, 'server.mjs')], {
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    DB_POOL_MAX: String(options.poolMax),
    PG_SCHEMAS: 'public,postgraphile_bench',
  }, options.logDir);
}

export function startFloor(options: ServerOptions): Promise<BenchServer> {
  return startProcess('floor', ['--import', 'tsx', 'scripts/bench/floor.ts'], {
    DATABASE_URL: options.databaseUrl,
    DB_POOL_MAX: String(options.poolMax),
  }, options.logDir);
}

/**
 * What PostGraphile needs to answer the app's questions the app's way, in a schema of its own:
 * the many-to-many conflict → events in the app's order (a computed column), and the app's
 * date-range filter on the stored bounds (amber has no range filter).
 */
export const POSTGRAPHILE_FUNCTIONS = `
CREATE SCHEMA IF NOT EXISTS postgraphile_bench;
CREATE OR REPLACE FUNCTION postgraphile_bench."Conflict_events"(c public."Conflict") RETURNS SETOF public."Event"
  LANGUAGE sql STABLE AS $$
    SELECT e.* FROM public."Event" e JOIN public."_ConflictToEvent" ce ON ce."B" = e.id
     WHERE ce."A" = c.id ORDER BY e."dateEarliest", e."chronologyDepth", e."dateLatest", e.id
  $$;
CREATE OR REPLACE FUNCTION postgraphile_bench.events_in_range("from" date, "to" date) RETURNS SETOF public."Event"
  LANGUAGE sql STABLE AS $$
    SELECT e.* FROM public."Event" e
     WHERE e."dateEarliest" IS NOT NULL AND e."dateEarliest" <= "to" AND e."dateLatest" >= "from"
     ORDER BY e."dateEarliest", e."chronologyDepth", e."dateLatest", e.id
  $$;
`;
