import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { config } from './config.js';
import { PGliteWorkerClient } from './db/pglite-proxy.js';
import { GuardedPool } from './db/postgres-pool.js';
import { logger } from './logger.js';
import { PrismaClient } from './generated/prisma/client.js';

/**
 * Raw SQL access beside Prisma, for what Prisma's client cannot do or does at a cost: running
 * migration files (several statements per file), test instrumentation, and the statements that
 * pick a list's page (src/modules/common/pages.ts), plain SQL for which Prisma's client only added
 * CPU. In server mode its statements are request-bound like Prisma's (cancelled with the request)
 * and prepared like them (`statementNames`).
 */
export interface SqlRunner {
  /** Runs one or more statements without parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  /**
   * Runs one parameterised statement and returns its rows, with the driver's own value types: pg
   * gives BIGINT as text and DATE/TIMESTAMP as Dates in local time, PGlite gives BIGINT as a number
   * when it is safe; read such columns in a form both give alike.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** What this database is, for logs: `embedded:<dir>` or the server URL without password. */
  readonly description: string;
  close(): Promise<void>;
}

/** What the embedded database offers beside Prisma: PGlite's `query` (with `blob` for COPY) and `exec`, run in its worker. */
export type EmbeddedDatabase = Pick<PGlite, 'query' | 'exec'>;

function openEmbedded(dir: string): { adapter: PrismaPGlite; sql: SqlRunner; pglite: EmbeddedDatabase; reopen?: (whileClosed?: () => Promise<void>) => Promise<void> } {
  // PGlite's own mkdir is not recursive.
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  // In a worker thread: a slow statement cannot block the event loop (src/db/pglite-worker.ts).
  const pglite = new PGliteWorkerClient(dir, { shared_buffers: config.EMBEDDED_DB_SHARED_BUFFERS }, (createdInMs) =>
    logger.info({ database: `embedded:${dir}`, createdInMs }, 'created the embedded database (initdb in a child process)'),
  );
  return {
    pglite,
    // An in-memory database lives in its worker: a new worker would start empty.
    ...(dir.startsWith('memory://') ? {} : { reopen: (whileClosed?: () => Promise<void>) => pglite.reopen(whileClosed) }),
    // The adapter only calls query/exec/transaction, which the worker client provides.
    adapter: new PrismaPGlite(pglite as unknown as PGlite),
    sql: {
      description: `embedded:${dir}`,
      async exec(text) {
        await pglite.exec(text);
      },
      async query<Row>(text: string, params: unknown[] = []) {
        return (await pglite.query<Row>(text, params)).rows;
      },
      async close() {
        if (!pglite.closed) await pglite.close();
      },
    },
  };
}

/** Connections of the PostgreSQL pool (server mode), for metrics and tests; null on the embedded database. */
export interface PoolStats {
  /** Connections open (idle or in use). */
  total: number;
  /** Open connections not in use. */
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
  /** DB_POOL_MAX. */
  max: number;
}

let readPoolStats: () => PoolStats | null = () => null;

export function poolStats(): PoolStats | null {
  return readPoolStats();
}

function safeDescription(url: string): string {
  const safeUrl = new URL(url);
  safeUrl.password = '';
  return safeUrl.toString();
}

/**
 * Names for the statements sent (Prisma's `statementNameGenerator`, and the SQL runner's): a named statement is parsed and
 * planned once per pool connection and then only bound and executed, where an unnamed one is sent,
 * parsed and planned again each time — for the nested queries of a list, its text is kilobytes and
 * its planning most of its cost. The name is the hash of the text, so one text always has one name.
 * Prepared statements live on the server until the connection closes, so only the first `limit`
 * distinct texts get a name: however many query shapes clients send, each connection holds at most
 * that many (the texts remembered here are bounded alike).
 */
function statementNames(limit: number): ((query: { sql: string }) => string) | undefined {
  if (limit === 0) return undefined;
  const names = new Map<string, string>();
  // Typed as always naming; pg sends a statement without a name (undefined) unprepared.
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < limit) {
      name = `s${createHash('sha1').update(sql).digest('base64url')}`;
      names.set(sql, name);
    }
    return name as string;
  };
}

function openServer(url: string, poolMax: number): { adapter: PrismaPg; sql: SqlRunner } {
  // One budget of statement names for Prisma's statements and the runner's.
  const names = statementNames(config.DB_PREPARED_STATEMENTS);
  const pool = new GuardedPool(url, poolMax, {
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  });
  // An idle connection that dies (server restart, keepalive failure) is dropped by the pool; without
  // a listener its 'error' event would crash the process.
  pool.on('error', (error) => logger.warn({ database: safeDescription(url), reason: error.message }, 'dropped a failed idle database connection'));
  readPoolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolMax });
  let closed = false;
  return {
    adapter: new PrismaPg(pool, { statementNameGenerator: names }),
    sql: {
      description: safeDescription(url),
      async exec(text) {
        await pool.query(text);
      },
      async query<Row>(text: string, params: unknown[] = []) {
        return (await pool.query({ text, values: params, name: names?.({ sql: text }) })).rows as Row[];
      },
      async close() {
        if (closed) return;
        closed = true;
        await pool.end();
      },
    },
  };
}

const opened: { adapter: PrismaPg | PrismaPGlite; sql: SqlRunner; pglite?: EmbeddedDatabase; reopen?: (whileClosed?: () => Promise<void>) => Promise<void> } = config.DATABASE_URL
  ? openServer(config.DATABASE_URL, config.DB_POOL_MAX)
  : openEmbedded(config.EMBEDDED_DB_DIR);
const { adapter, sql: sqlRunner } = opened;

/** The embedded database itself, when there is one (bulk loading through COPY needs it). */
export const embeddedDatabase: EmbeddedDatabase | undefined = opened.pglite;

/**
 * Closes the embedded database and opens it again in a new worker thread, which returns all the
 * memory the old one had grown to (WebAssembly memory never shrinks); `whileClosed` runs while it is
 * closed (another process may use the directory then). False, doing nothing, on a server or an
 * in-memory embedded database. Only while nothing else uses the database (start-up).
 */
export async function reopenEmbeddedDatabase(whileClosed?: () => Promise<void>): Promise<boolean> {
  if (!opened.reopen) return false;
  await opened.reopen(whileClosed);
  return true;
}

/** The one Prisma client of the process (imported, never put in the GraphQL context). */
export const prisma = new PrismaClient({ adapter });

export const sql: SqlRunner = sqlRunner;

export async function closeDatabase(): Promise<void> {
  await prisma.$disconnect();
  await sql.close();
}
