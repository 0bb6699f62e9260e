/**
 * The embedded PostgreSQL (PGlite) in its own thread. PGlite runs each statement synchronously in
 * WebAssembly and cannot be interrupted (it ignores `statement_timeout`): on the main thread a slow
 * statement froze every request, health checks and signal handling for as long as it ran. Here it
 * only occupies this thread. Talks to src/db/pglite-proxy.ts through messages.
 *
 * Statements run one at a time in arrival order (PGlite has one connection); an open transaction
 * holds the line until it ends, and only its own statements run meanwhile. A statement whose
 * request was cancelled before its turn is dropped without running.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { PGliteWorkerData, WorkerReply, WorkerRequest } from './pglite-proxy.js';

const port = parentPort!;
const { dataDir, settings } = workerData as PGliteWorkerData;
// Settings are added to PGlite's own start parameters (single-user mode, no parallel workers, …),
// which it needs and which replacing `startParams` would drop. `-c` on the command line wins over
// the postgresql.conf that initdb wrote.
const startParams = [...PGlite.defaultStartParams, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];

/**
 * Creates a new database directory (PGlite's initdb) in a short-lived child process. initdb is the
 * most memory-hungry thing the embedded database ever does (the process peaked at 855–896 MB while
 * it ran in this thread), and memory it had the C allocator hand out stayed with the process after
 * the thread was gone: 412 MB of anonymous memory when ready after a first start against 256 MB
 * after a later one. A process gives all of it back when it exits. An in-memory database
 * (`memory://`, the tests) has no directory to prepare and is created here as before.
 */
function initdbInChildProcess(directory: string): void {
  const create = `const [, pglite, directory, params] = process.argv;
    const { PGlite } = await import(pglite);
    const db = new PGlite(directory, { startParams: JSON.parse(params) });
    await db.waitReady;
    await db.close();`;
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', create, import.meta.resolve('@electric-sql/pglite'), directory, JSON.stringify(startParams)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    // The child's own error line ("Error: PGlite failed to initialize properly"), not the command
    // line with the script that execFileSync's message starts with.
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const reason = /^\w*Error: .*$/m.exec(stderr)?.[0] ?? (error as Error).message.split('\n')[0];
    throw new Error(`creating the embedded database in ${directory} failed: ${reason}`);
  }
}

let createdInMs: number | undefined;
if (!dataDir.includes('://') && !existsSync(join(dataDir, 'PG_VERSION'))) {
  const started = performance.now();
  initdbInChildProcess(dataDir);
  createdInMs = Math.round(performance.now() - started);
}
const db = new PGlite(dataDir, { startParams });

/** Parsers that keep the text PostgreSQL sent, for the types the caller parses itself (in its thread). */
const identity = (text: string) => text;
const textParsersCache = new Map<string, Record<number, (text: string) => string>>();
function textParsers(oids: number[]): Record<number, (text: string) => string> {
  const key = oids.join(',');
  let parsers = textParsersCache.get(key);
  if (!parsers) textParsersCache.set(key, (parsers = Object.fromEntries(oids.map((oid) => [oid, identity]))));
  return parsers;
}

interface OpenTransaction {
  tx: Transaction;
  /** Lets PGlite's transaction callback return: commit (true) or roll back (false). */
  finish(commit: boolean): void;
  /** Settles when PGlite has committed or rolled back; rejects when the commit failed. */
  ended: Promise<void>;
}
const transactions = new Map<number, OpenTransaction>();
let nextTransactionId = 1;
const ROLLED_BACK = Symbol('rolled back by the caller');
const queue: WorkerRequest[] = [];
const cancelled = new Set<number>();
let running = false;

function reply(message: WorkerReply): void {
  port.postMessage(message);
}

function replyError(id: number, error: unknown): void {
  const { message, name, ...fields } = error as Error & Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value === undefined || typeof value !== 'object') plain[key] = value;
  reply({ id, error: { message: String(message ?? error), name: String(name ?? 'Error'), database: error instanceof Error && 'severity' in error, fields: plain } });
}

async function run(request: WorkerRequest, target: PGlite | Transaction): Promise<void> {
  if (request.op === 'query') {
    const result = await target.query<unknown[]>(request.sql, request.params, { rowMode: 'array', parsers: textParsers(request.rawTypes), ...(request.blob ? { blob: request.blob } : {}) });
    reply({ id: request.id, result: { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows } });
  } else if (request.op === 'exec') {
    const results = await target.exec(request.sql);
    reply({ id: request.id, result: { rows: [], fields: [], affectedRows: results.at(-1)?.affectedRows } });
  }
}

/** Starts a transaction and resolves when it has ended (the queue waits for that). */
async function begin(id: number): Promise<void> {
  const transactionId = nextTransactionId++;
  let opened!: (transaction: Omit<OpenTransaction, 'ended'>) => void;
  const open = new Promise<Omit<OpenTransaction, 'ended'>>((resolve) => (opened = resolve));
  const ended = db
    .transaction((tx) => new Promise<void>((resolve, reject) => opened({ tx, finish: (commit) => (commit ? resolve() : reject(ROLLED_BACK)) })))
    .then(
      () => undefined,
      (error: unknown) => {
        if (error !== ROLLED_BACK) throw error;
      },
    );
  // BEGIN itself failed: no transaction to hand out (the error reaches the caller through drain()).
  const failedToOpen = ended.then(() => null);
  failedToOpen.catch(() => {});
  const started = await Promise.race([open, failedToOpen]);
  if (!started) return;
  transactions.set(transactionId, { ...started, ended });
  reply({ id, transactionId });
  await ended.catch(() => {});
  transactions.delete(transactionId);
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let request = queue.shift(); request; request = queue.shift()) {
      if (cancelled.delete(request.id)) continue;
      try {
        if (request.op === 'begin') await begin(request.id);
        else await run(request, db);
      } catch (error) {
        replyError(request.id, error);
      }
    }
  } finally {
    running = false;
  }
}

port.on('message', (request: WorkerRequest) => {
  switch (request.op) {
    case 'cancel':
      if (queue.some((queued) => queued.id === request.target)) cancelled.add(request.target);
      return;
    case 'close':
      void db.close().then(
        () => reply({ id: request.id, result: { rows: [], fields: [] } }),
        (error: unknown) => replyError(request.id, error),
      );
      return;
    case 'end': {
      const transaction = transactions.get(request.transactionId);
      if (!transaction) return replyError(request.id, new Error('no such transaction'));
      transaction.finish(request.commit);
      void transaction.ended.then(
        () => reply({ id: request.id, result: { rows: [], fields: [] } }),
        (error: unknown) => replyError(request.id, error),
      );
      return;
    }
    case 'rollback': {
      const transaction = transactions.get(request.transactionId);
      if (!transaction) return replyError(request.id, new Error('no such transaction'));
      void transaction.tx.rollback().then(
        () => reply({ id: request.id, result: { rows: [], fields: [] } }),
        (error: unknown) => replyError(request.id, error),
      );
      return;
    }
    default:
      if (request.transactionId !== undefined) {
        const transaction = transactions.get(request.transactionId);
        if (!transaction) return replyError(request.id, new Error('no such transaction'));
        void run(request, transaction.tx).catch((error: unknown) => replyError(request.id, error));
        return;
      }
      queue.push(request);
      void drain();
  }
});

db.waitReady.then(
  () => reply({ id: 0, ready: true, createdInMs }),
  (error: unknown) => replyError(0, error),
);
