/**
 * Database faults, for real: the server runs as a child process (`src/server.ts`) against its own
 * database on the PostgreSQL server, through a TCP proxy that refuses, cuts and black-holes
 * connections (tests/helpers/tcp-proxy.ts), so the shared server itself is never disturbed.
 * Server mode only (`npm run test:server`, as CI does): the embedded database has no network to
 * fail, and the embedded run should not repeat these tests.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, postgresServerAvailable, postgresServerUrl } from './helpers/postgres-server.js';
import { isListeningLine, type ServerProcess, startServerProcess } from './helpers/server-process.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';

const available = Boolean(process.env.TEST_DATABASE_URL) && (await postgresServerAvailable());

// The deadline leaves room above the read timeout (800 + 300 ms), so a partition is reported as
// SERVICE_UNAVAILABLE by the pool, not as TIMEOUT by the deadline, even on a loaded machine.
const REQUEST_TIMEOUT_MS = 3_000;
const DB_STATEMENT_TIMEOUT_MS = 800;
const DB_CONNECT_TIMEOUT_MS = 300;

const QUERY = '{ person(slug: "elon-musk") { name } }';
/** A page of a list: its statement goes through the app's SQL runner, not Prisma's client. */
const PAGE_QUERY = '{ people(first: 5) { edges { node { name } } } }';

interface Answer {
  status: number;
  ms: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(base: string, accept = 'application/graphql-response+json', query = QUERY): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, ms: performance.now() - started, body };
}

async function probe(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const isRetryLine = (line: { msg: string }) => line.msg === 'database unreachable, retrying';

describe.skipIf(!available)(`database faults (needs TEST_DATABASE_URL and a server answering there: ${postgresServerUrl})`, () => {
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  let proxy: TcpProxy;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createServerDatabase();
    proxy = await startTcpProxy(database.url);
    // Start while the database refuses connections, then let it come up.
    proxy.mode = 'refuse';
    server = await startServerProcess({
      DATABASE_URL: proxy.url,
      DB_POOL_MAX: '4',
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      DB_STATEMENT_TIMEOUT_MS: String(DB_STATEMENT_TIMEOUT_MS),
      DB_CONNECT_TIMEOUT_MS: String(DB_CONNECT_TIMEOUT_MS),
      STARTUP_TIMEOUT_MS: '60000',
      SEED_ON_START: 'always',
    });
    await server.waitForLog((line) => isRetryLine(line) && line.attempt === 2, 60_000);
    proxy.mode = 'pass';
    await server.waitForLog(isListeningLine, 60_000);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it('waits for the database at start-up with back-off, one line per try without a stack', () => {
    const retries = server.logs.filter(isRetryLine);
    expect(retries.slice(0, 2)).toMatchObject([
      { level: 40, attempt: 1, retryInMs: 250, reason: expect.stringMatching(/unreachable/) },
      { level: 40, attempt: 2, retryInMs: 500 },
    ]);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it('answers while the database is reachable', async () => {
    const answer = await post(server.url);
    expect(answer).toMatchObject({ status: 200, body: { data: { person: { name: 'Elon Musk' } } } });
  });

  it('answers SERVICE_UNAVAILABLE (HTTP 503) at once when the database refuses connections; /healthz stays 200, /readyz turns 503', async () => {
    proxy.mode = 'refuse';
    proxy.cut();
    const answer = await post(server.url);
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(answer.body.errors?.[0]?.message).not.toMatch(/ECONN|127\.0\.0\.1|pg|prisma/i);
    expect(answer.ms).toBeLessThan(REQUEST_TIMEOUT_MS);
    // Legacy JSON clients get the same error with HTTP 200, as GraphQL over HTTP prescribes.
    const legacy = await post(server.url, 'application/json');
    expect(legacy.status).toBe(200);
    expect(legacy.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect((await probe(`${server.url}/healthz`)).status).toBe(200);
    expect((await probe(`${server.url}/readyz`)).status).toBe(503);
    proxy.mode = 'pass';
    expect((await post(server.url)).status).toBe(200);
  });

  it('fails fast with SERVICE_UNAVAILABLE within the deadline during a partition, and answers again within 1 s of recovery', async () => {
    // Warm the pool: the partition must also catch connections that are already open.
    await Promise.all([post(server.url), post(server.url)]);
    proxy.mode = 'blackhole';
    const during = await Promise.all([post(server.url), post(server.url), post(server.url)]);
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(answer.ms).toBeLessThan(REQUEST_TIMEOUT_MS);
    }
    const health = await probe(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(500);
    const readiness = await probe(`${server.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(readiness.ms).toBeLessThan(REQUEST_TIMEOUT_MS);

    proxy.mode = 'pass';
    const recovered = performance.now();
    let answer = await post(server.url);
    while (answer.status !== 200 && performance.now() - recovered < 5_000) answer = await post(server.url);
    const recoveryMs = performance.now() - recovered;
    expect(answer.body).toMatchObject({ data: { person: { name: 'Elon Musk' } } });
    expect(recoveryMs).toBeLessThan(1_000);
    expect((await probe(`${server.url}/readyz`)).status).toBe(200);
    console.info(`partition: failed in ${Math.round(Math.max(...during.map((a) => a.ms)))} ms at most; recovered in ${Math.round(recoveryMs)} ms`);
  });

  it.each([
    ['a lookup through Prisma', QUERY],
    ['a list’s page through the SQL runner', PAGE_QUERY],
  ])('cancels a statement past DB_STATEMENT_TIMEOUT_MS with TIMEOUT and leaves no query running (%s)', async (_path, query) => {
    // A lock held by another session makes the request's statement wait on the server.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "Actor" IN ACCESS EXCLUSIVE MODE');
      const answer = await post(server.url, undefined, query);
      expect(answer.status).toBe(503);
      expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['TIMEOUT']);
      expect(answer.ms).toBeGreaterThanOrEqual(DB_STATEMENT_TIMEOUT_MS - 50);
      expect(answer.ms).toBeLessThan(REQUEST_TIMEOUT_MS);
      const waiting = await locker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`,
      );
      expect(waiting.rows[0].n).toBe(0);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await post(server.url, undefined, query)).status).toBe(200);
  });
});

describe.skipIf(!available)(`start-up with the database down (needs TEST_DATABASE_URL and a server answering there: ${postgresServerUrl})`, () => {
  it('retries with back-off, one log line per try, then exits with status 1 after STARTUP_TIMEOUT_MS', async () => {
    const proxy = await startTcpProxy(postgresServerUrl);
    proxy.mode = 'refuse';
    const server = await startServerProcess({ DATABASE_URL: proxy.url, STARTUP_TIMEOUT_MS: '1500' });
    try {
      const first = await server.waitForLog(isRetryLine, 30_000);
      const firstAt = performance.now();
      const exit = await server.exited;
      expect(exit.code).toBe(1);
      // From the first failed try to the exit: the configured time, not much more.
      expect(exit.at - firstAt).toBeLessThan(1_500 + 1_000);
      const retries = server.logs.filter(isRetryLine);
      expect(first).toMatchObject({ attempt: 1, retryInMs: 250 });
      expect(retries.map((line) => line.attempt)).toEqual(retries.map((_, index) => index + 1));
      expect(retries.length).toBeGreaterThanOrEqual(3);
      // Back-off: each wait at least as long as the one before, except the last (cut to the time left).
      const waits = retries.slice(0, -1).map((line) => line.retryInMs as number);
      expect(waits).toEqual([...waits].sort((a, b) => a - b));
      expect(server.logs.at(-1)).toMatchObject({ level: 60, msg: expect.stringMatching(/still unreachable after \d+ tries in 1500 ms.*giving up/) });
      expect(server.output()).not.toMatch(/\n\s+at /);
    } finally {
      await server.stop();
      await proxy.close();
    }
  }, 60_000);
});
