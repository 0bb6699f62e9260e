import { setTimeout as sleep } from 'node:timers/promises';
import { config } from './config.js';
import { prisma, reopenEmbeddedDatabase, sql } from './db.js';
import { applyMigrations } from './db/migrations.js';
import { DatabaseUnavailableError } from './db/request-scope.js';
import { logger } from './logger.js';
import { DEFAULT_DATASET_PATH, loadDataset } from './seed/dataset.js';
import { seedDatabase } from './seed/load.js';

/** Start-up gave up: the database stayed unreachable for STARTUP_TIMEOUT_MS. */
export class StartupTimeoutError extends Error {
  override readonly name = 'StartupTimeoutError';
}

/**
 * Waits until the database answers: an orchestrator often starts the app before its database.
 * Retries with exponential back-off (250 ms doubling, at most 5 s), one log line per failed try,
 * and gives up after STARTUP_TIMEOUT_MS. Errors other than "unreachable" (wrong password, missing
 * database) are not waited out: they fail at once, and so does an embedded database that cannot
 * open (nothing to wait for).
 */
export async function waitForDatabase(timeoutMs = config.STARTUP_TIMEOUT_MS): Promise<void> {
  if (!config.DATABASE_URL) return void (await sql.query('SELECT 1'));
  const started = performance.now();
  for (let attempt = 1, delay = 250; ; attempt++, delay = Math.min(delay * 2, 5_000)) {
    try {
      await sql.query('SELECT 1');
      if (attempt > 1) logger.info({ database: sql.description, attempt }, 'database reachable');
      return;
    } catch (error) {
      if (!(error instanceof DatabaseUnavailableError)) throw error;
      const remaining = timeoutMs - (performance.now() - started);
      if (remaining <= 0) {
        throw new StartupTimeoutError(`database ${sql.description} still unreachable after ${attempt} tries in ${timeoutMs} ms (STARTUP_TIMEOUT_MS); giving up`);
      }
      const wait = Math.min(delay, remaining);
      logger.warn({ database: sql.description, attempt, retryInMs: Math.round(wait), reason: error.message }, 'database unreachable, retrying');
      await sleep(wait);
    }
  }
}

/**
 * Brings the database to the state the code expects before the first request: reachable, pending
 * migrations applied, and the bundled knowledge base loaded into an empty database (SEED_ON_START).
 */
export async function prepareDatabase(): Promise<void> {
  await waitForDatabase();
  let changed = false;
  if (config.MIGRATE_ON_START) {
    const { applied } = await applyMigrations(sql);
    logger.info({ database: sql.description, applied }, applied.length ? 'applied migrations' : 'database schema up to date');
    changed = applied.length > 0;
  }
  const seed = config.SEED_ON_START;
  if (seed === 'always' || (seed === 'auto' && !(await hasConflicts()))) {
    const summary = await seedDatabase(prisma, await loadDataset(DEFAULT_DATASET_PATH));
    logger.info({ summary }, 'loaded the bundled knowledge base');
    changed = true;
  }
  // The embedded database keeps what its first start and the loading grew to: WebAssembly memory
  // never shrinks. A fresh worker on the same directory starts from what a later start needs
  // (measured while initdb still ran in the worker: first start 880–960 MB RSS when ready, 390–435
  // MB with the reopen, which takes about a second). Since initdb runs in a child process
  // (src/db/pglite-worker.ts) the difference is within the noise (346–383 MB with it, 367 MB in a
  // run without); it stays, as a second of start-up against memory that loading a larger bundled
  // knowledge base would grow.
  if (changed) {
    const started = performance.now();
    if (await reopenEmbeddedDatabase()) {
      await sql.query('SELECT 1');
      logger.info({ database: sql.description, reopenedInMs: Math.round(performance.now() - started) }, 'reopened the embedded database to release start-up memory');
    }
  }
}

/**
 * Whether the database holds a knowledge base already. Asked in SQL, not through Prisma's client: its
 * first query instantiates Prisma's query compiler (WebAssembly, 40–45 MB of RSS), which a server
 * whose reads all go through the app's own statements (src/modules/common/nested-rows.ts) then never
 * needs.
 */
async function hasConflicts(): Promise<boolean> {
  const [row] = await sql.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM "Conflict") AS "any"');
  return row?.any === true;
}
