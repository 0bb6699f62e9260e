import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { extname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { config } from './config.js';
import { prisma, reopenEmbeddedDatabase, sql } from './db.js';
import { applyMigrations, pendingMigrations } from './db/migrations.js';
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
 *
 * On an embedded database in a directory, that work (the first start's, or a start after an update
 * with new migrations) runs in a child process (`prepareInChildProcess`), and this process opens the
 * prepared directory afterwards, as any later start does. Why: loading the knowledge base goes
 * through Prisma's client, whose query compiler (WebAssembly, 40–45 MB) and whatever the C allocator
 * handed out for the work stayed with the process after the database's worker was replaced: the
 * first start's server peaked at 421 MB under load against 344 MB when started again on the same
 * directory (issue 6's target for the embedded default: under 400 MB). A process gives it all back
 * when it exits.
 */
export async function prepareDatabase(): Promise<void> {
  await waitForDatabase();
  if (!preparesInChildProcess() || !(await needsPreparation())) return prepareDatabaseHere();
  const started = performance.now();
  await reopenEmbeddedDatabase(prepareInChildProcess);
  await sql.query('SELECT 1');
  logger.info({ database: sql.description, preparedInMs: Math.round(performance.now() - started) }, 'prepared the embedded database in a child process');
}

/**
 * `prepareDatabase`'s work in this process: migrations (MIGRATE_ON_START), then the knowledge base
 * (SEED_ON_START); `reopen` replaces the embedded database's worker afterwards when anything changed.
 */
export async function prepareDatabaseHere({ reopen = true }: { reopen?: boolean } = {}): Promise<void> {
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
  // MB with the reopen, which takes about a second). Where the work runs in a child process
  // (`prepareDatabase`) the child just exits instead.
  if (changed && reopen) {
    const started = performance.now();
    if (await reopenEmbeddedDatabase()) {
      await sql.query('SELECT 1');
      logger.info({ database: sql.description, reopenedInMs: Math.round(performance.now() - started) }, 'reopened the embedded database to release start-up memory');
    }
  }
}

/** Whether `prepareDatabase` would change anything: a pending migration, or a knowledge base to load. */
async function needsPreparation(): Promise<boolean> {
  if (config.MIGRATE_ON_START && (await pendingMigrations(sql)).length > 0) return true;
  return config.SEED_ON_START === 'always' || (config.SEED_ON_START === 'auto' && !(await hasConflicts()));
}

/**
 * Whether the preparation runs in a child process: on an embedded database in a directory (an
 * in-memory one lives in this process's worker; a server's memory is not this process's), and not
 * under vitest, whose TypeScript transform a child `node` would not have (its tests of start-up run
 * the server as a process of its own, which does use a child).
 */
function preparesInChildProcess(): boolean {
  return !config.DATABASE_URL && !config.EMBEDDED_DB_DIR.startsWith('memory://') && !process.env.VITEST;
}

/**
 * Runs src/prepare-database.ts (or its compiled .js beside this file) in a child process with this
 * process's environment and module loader (tsx under `npm run dev`), its log lines going to the same
 * output. A signal that stops this process meanwhile stops the child too, rather than leaving it
 * writing to a directory that a restarted server may open.
 */
async function prepareInChildProcess(): Promise<void> {
  const script = fileURLToPath(new URL(`./prepare-database${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
  const child = spawn(process.execPath, [...moduleLoaderArgs(process.execArgv), script], { env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.once('SIGINT', forward).once('SIGTERM', forward);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    if (code !== 0) throw new Error(`preparing the embedded database in ${config.EMBEDDED_DB_DIR} failed in its child process (${signal ?? `exit code ${code}`}); its log lines are above`);
  } finally {
    process.off('SIGINT', forward).off('SIGTERM', forward);
  }
}

/** The `node` options that load modules (`--import tsx`…), without the others (`--inspect` would take the same port twice). */
function moduleLoaderArgs(execArgv: readonly string[]): string[] {
  const loaders = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (loaders.has(arg) && i + 1 < execArgv.length) kept.push(arg, execArgv[++i]!);
    else if ([...loaders].some((flag) => arg.startsWith(`${flag}=`))) kept.push(arg);
  }
  return kept;
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
