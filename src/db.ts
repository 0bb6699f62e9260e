import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { config } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';

/**
 * Raw SQL access beside Prisma, for what Prisma's client cannot do: running migration files
 * (several statements per file) and test instrumentation.
 */
export interface SqlRunner {
  /** Runs one or more statements without parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** What this database is, for logs: `embedded:<dir>` or the server URL without password. */
  readonly description: string;
  close(): Promise<void>;
}

function openEmbedded(dir: string): { adapter: PrismaPGlite; sql: SqlRunner; pglite: PGlite } {
  // PGlite's own mkdir is not recursive.
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  return {
    pglite,
    adapter: new PrismaPGlite(pglite),
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

function openServer(url: string, poolMax: number): { adapter: PrismaPg; sql: SqlRunner } {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  const safeUrl = new URL(url);
  safeUrl.password = '';
  let closed = false;
  return {
    adapter: new PrismaPg(pool),
    sql: {
      description: safeUrl.toString(),
      async exec(text) {
        await pool.query(text);
      },
      async query<Row>(text: string, params: unknown[] = []) {
        return (await pool.query(text, params)).rows as Row[];
      },
      async close() {
        if (closed) return;
        closed = true;
        await pool.end();
      },
    },
  };
}

const opened: { adapter: PrismaPg | PrismaPGlite; sql: SqlRunner; pglite?: PGlite } = config.DATABASE_URL
  ? openServer(config.DATABASE_URL, config.DB_POOL_MAX)
  : openEmbedded(config.EMBEDDED_DB_DIR);
const { adapter, sql: sqlRunner } = opened;

/** The embedded database itself, when there is one (bulk loading through COPY needs it). */
export const embeddedDatabase: PGlite | undefined = opened.pglite;

/** The one Prisma client of the process (imported, never put in the GraphQL context). */
export const prisma = new PrismaClient({ adapter });

export const sql: SqlRunner = sqlRunner;

export async function closeDatabase(): Promise<void> {
  await prisma.$disconnect();
  await sql.close();
}
