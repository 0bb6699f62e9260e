/**
 * The request deadline, in-process on the suite's database (embedded or server): a request whose
 * SQL cannot finish gets TIMEOUT at its deadline, its statement is cancelled and its connection
 * returns to the pool, and nothing else waits meanwhile — the embedded database runs in a worker
 * thread, so even a statement that cannot be interrupted leaves the event loop free.
 */
import { REQUEST_TIMEOUT_MS } from './helpers/short-deadline.js';
import { usesServer } from './helpers/database.js';
import { execute } from './helpers/graphql.js';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { poolStats, sql } from '../src/db.js';
import { yoga } from '../src/yoga.js';
import { listen } from './helpers/http-server.js';

const QUERY = '{ person(slug: "elon-musk") { name } }';
/** How long the database is held in the first test. */
const HOLD_MS = 2_000;

/**
 * Makes the database unable to answer the app for a while: on a server, another session locks the
 * table the query reads (released no earlier than `minimumMs`); PGlite has one connection, which a
 * statement of HOLD_MS occupies.
 */
async function holdDatabase(minimumMs = HOLD_MS): Promise<{ release(): Promise<void> }> {
  if (!usesServer) {
    const sleeping = sql.query(`SELECT pg_sleep(${HOLD_MS / 1000})`);
    // Give the worker time to start the statement.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { release: () => sleeping.then(() => undefined) };
  }
  const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE "Actor" IN ACCESS EXCLUSIVE MODE');
  const heldUntil = performance.now() + minimumMs;
  return {
    release: async () => {
      // Held as long as on PGlite, so the assertions mean the same on both.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, heldUntil - performance.now())));
      await locker.query('ROLLBACK');
      await locker.end();
    },
  };
}

/** Statements of the app still running on the server's database (the caller's own excluded). */
async function activeStatements(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe(`request deadline (${usesServer ? 'PostgreSQL server' : 'embedded database'})`, () => {
  it('answers TIMEOUT at the deadline while the database cannot answer, keeps /healthz and the event loop responsive, and recovers', async () => {
    const hold = await holdDatabase();
    let worstLoopDelay = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worstLoopDelay = Math.max(worstLoopDelay, now - last - 10);
      last = now;
    }, 10);
    try {
      const started = performance.now();
      const pending = execute(QUERY);
      const health = await yoga.fetch('http://yoga/healthz');
      const healthMs = performance.now() - started;
      const result = await pending;
      const elapsed = performance.now() - started;

      expect(result.status).toBe(503);
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['TIMEOUT']);
      expect(elapsed).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 20);
      // The database is held for 2 s: an answer or a tick that waited for it would show about 2000 ms.
      expect(elapsed).toBeLessThan(HOLD_MS - 500);
      expect(health.status).toBe(200);
      expect(healthMs).toBeLessThan(REQUEST_TIMEOUT_MS);
      expect(worstLoopDelay).toBeLessThan(HOLD_MS * 0.75);
      console.info(`deadline: TIMEOUT after ${Math.round(elapsed)} ms (deadline ${REQUEST_TIMEOUT_MS}); /healthz in ${Math.round(healthMs)} ms; worst event-loop delay ${Math.round(worstLoopDelay)} ms`);
    } finally {
      clearInterval(ticker);
      await hold.release();
    }
    const after = await execute(QUERY);
    expect(after).toMatchObject({ status: 200, data: { person: { name: 'Elon Musk' } } });
  });

  it.skipIf(!usesServer)('cancels the statement on the server and returns its pool connection (server only: PGlite cannot interrupt a statement)', async () => {
    const hold = await holdDatabase(0);
    try {
      const result = await execute(QUERY);
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['TIMEOUT']);
      // The cancel request is on its way when the answer leaves; give the server a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await activeStatements()).toBe(0);
      expect(poolStats()).toMatchObject({ waiting: 0 });
      const stats = poolStats()!;
      expect(stats.total - stats.idle).toBe(0);
    } finally {
      await hold.release();
    }
  });

  it.skipIf(!usesServer)('cancels the statement when the client disconnects (server only)', async () => {
    const server = await listen(yoga);
    const hold = await holdDatabase(0);
    try {
      const abort = new AbortController();
      const request = fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
        signal: abort.signal,
      }).catch((error: unknown) => error);
      // Wait until the statement waits on the server, then hang up.
      for (let tries = 0; (await activeStatements()) === 0 && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await activeStatements()).toBe(1);
      abort.abort();
      await request;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await activeStatements()).toBe(0);
      const stats = poolStats()!;
      expect(stats.total - stats.idle).toBe(0);
    } finally {
      await hold.release();
      await server.close();
    }
  });

  it('reports no pool on the embedded database and the pool size on a server', () => {
    expect(poolStats()).toEqual(usesServer ? expect.objectContaining({ max: 10, waiting: 0 }) : null);
  });
});
