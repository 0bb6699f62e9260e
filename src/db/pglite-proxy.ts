import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { messages, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { currentRequestSignal, DatabaseUnavailableError, StatementCancelledError } from './request-scope.js';

/** PostgreSQL parameters by name, e.g. `{ shared_buffers: '16MB' }`. */
export type PGliteSettings = Record<string, string>;

/** What the worker is started with. */
export interface PGliteWorkerData {
  dataDir: string;
  settings: PGliteSettings;
}

/** Messages to the worker (src/db/pglite-worker.ts). */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; rawTypes: number[]; blob?: Blob; transactionId?: number }
  | { id: number; op: 'exec'; sql: string; transactionId?: number }
  | { id: number; op: 'begin'; transactionId?: undefined }
  | { id: number; op: 'end'; transactionId: number; commit: boolean }
  | { id: number; op: 'rollback'; transactionId: number }
  | { id: number; op: 'cancel'; target: number }
  | { id: number; op: 'close' };

/** A request before it gets its id. */
type Outgoing = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** Messages from the worker; `id` 0 announces that the database is ready (or failed to open). */
export type WorkerReply =
  | { id: number; result: { rows: unknown[][]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number } }
  | { id: number; transactionId: number }
  | { id: number; ready: true; /** The worker created the directory (initdb, in a child process) in this many ms. */ createdInMs?: number }
  | { id: number; error: { message: string; name: string; database: boolean; fields: Record<string, unknown> } };

type RawResult = Extract<WorkerReply, { result: unknown }>['result'];

/** The part of PGlite's API that pglite-prisma-adapter and the SqlRunner use. */
export type PGliteLike = Pick<PGlite, 'query' | 'exec' | 'transaction' | 'close'>;

/**
 * PGlite in a worker thread (see src/db/pglite-worker.ts for why), behind the subset of PGlite's
 * API that `pglite-prisma-adapter` calls: `query`, `exec`, `transaction`. Columns of the types the
 * caller has its own parsers for travel as the text PostgreSQL sent and are parsed here with them;
 * the worker parses the rest as PGlite always does — the same values as with PGlite in-process.
 * A statement belongs to the request in whose async context it was issued: when that request's
 * signal aborts, the caller gets StatementCancelledError at once and the statement is dropped if it
 * has not started. A statement that is already running cannot be interrupted (PGlite has no way to),
 * but it no longer holds up the event loop.
 */
export class PGliteWorkerClient {
  readonly #dataDir: string;
  readonly #settings: PGliteSettings;
  readonly #onCreated: ((ms: number) => void) | undefined;
  #worker: Worker | undefined;
  readonly #pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: unknown) => void }>();
  #nextId = 1;
  #failure: Error | undefined;
  #closed = false;

  /**
   * `settings`: PostgreSQL parameters the database runs with (`-c name=value`, on top of PGlite's own).
   * `onCreated` hears when opening created a new database directory, and how long it took.
   */
  constructor(dataDir: string, settings: PGliteSettings = {}, onCreated?: (ms: number) => void) {
    this.#dataDir = dataDir;
    this.#settings = settings;
    this.#onCreated = onCreated;
  }

  /** Starts the worker on first use: importing the app (a script printing the schema) opens nothing. */
  #started(): Worker {
    if (this.#worker) return this.#worker;
    const dataDir = this.#dataDir;
    const settings = this.#settings;
    const here = import.meta.url;
    // Under tsx or vitest the sources are TypeScript, which a worker cannot load by itself: on Node 20
    // tsx registers its loader in the main thread only, so a small bootstrap registers it in the
    // worker through tsx's API (its ESM build). Compiled builds load the .js directly.
    const fromSources = here.endsWith('.ts');
    const entry = new URL(fromSources ? './pglite-worker.ts' : './pglite-worker.js', here);
    const worker = fromSources
      ? new Worker(
          `const { workerData } = require('node:worker_threads'); import(workerData.tsx).then((tsx) => tsx.register()).then(() => import(workerData.entry));`,
          { eval: true, workerData: { dataDir, settings, entry: entry.href, tsx: new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(here).resolve('tsx/package.json'))).href } },
        )
      : new Worker(entry, { workerData: { dataDir, settings } });
    this.#worker = worker;
    const fail = (error: Error) => {
      this.#failure ??= new DatabaseUnavailableError(`The embedded database stopped: ${error.message}`, { cause: error });
      for (const { reject } of this.#pending.values()) reject(this.#failure);
      this.#pending.clear();
      this.#updateRef();
    };
    worker.on('message', (reply: WorkerReply) => {
      if (reply.id === 0) {
        if (!('ready' in reply)) return fail(toError(reply));
        if (reply.createdInMs !== undefined) this.#onCreated?.(reply.createdInMs);
        return;
      }
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      this.#updateRef();
      if ('error' in reply) pending.reject(toError(reply));
      else pending.resolve(reply);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      // A worker replaced by reopen() ends as planned.
      if (!this.#closed && this.#worker === worker) fail(new Error(`worker exited with code ${code}`));
    });
    return worker;
  }

  /** Keeps the process alive only while statements are outstanding, as in-process PGlite did. */
  #updateRef(): void {
    if (this.#pending.size > 0) this.#worker?.ref();
    else this.#worker?.unref();
  }

  #send(request: Outgoing, cancellable = true): Promise<WorkerReply> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new DatabaseUnavailableError('The embedded database is closed.'));
    const signal = cancellable ? currentRequestSignal() : undefined;
    if (signal?.aborted) return Promise.reject(new StatementCancelledError({ cause: signal.reason }));
    const worker = this.#started();
    const id = this.#nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const onAbort = () => {
        if (!this.#pending.delete(id)) return;
        this.#updateRef();
        worker.postMessage({ id: this.#nextId++, op: 'cancel', target: id } satisfies WorkerRequest);
        reject(new StatementCancelledError({ cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          then(value);
        };
      this.#pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.#updateRef();
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  async query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    // `blob` feeds `COPY … FROM '/dev/blob'` (bulk loading); a Blob crosses to the worker as is.
    const request = { op: 'query' as const, sql, params, rawTypes: rawTypesOf(options), ...(options?.blob ? { blob: options.blob } : {}) };
    return toResults<T>(await this.#send(request), options);
  }

  async exec(sql: string): Promise<Array<Results>> {
    const reply = await this.#send({ op: 'exec', sql });
    return [toResults(reply)];
  }

  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    const opened = await this.#send({ op: 'begin' });
    const transactionId = (opened as Extract<WorkerReply, { transactionId: number }>).transactionId;
    const tx = new PGliteWorkerTransaction(
      (request, cancellable) => this.#send({ ...request, transactionId } as Outgoing, cancellable),
    );
    let result: T;
    try {
      result = await callback(tx as unknown as Transaction);
    } catch (error) {
      // Always end the transaction, whatever the request's signal says: it holds the database.
      await this.#send({ op: 'end', transactionId, commit: false }, false).catch(() => {});
      throw error;
    }
    await this.#send({ op: 'end', transactionId, commit: !tx.rolledBack }, false);
    return result;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    if (this.#worker && !this.#failure) await this.#send({ op: 'close' }, false).catch(() => {});
    this.#closed = true;
    await this.#worker?.terminate();
  }

  /**
   * Closes the database and its worker, and lets the next statement start a fresh one on the same
   * data directory; `whileClosed` runs in between (another process may then open the directory).
   * Only for a moment with no statement outstanding (start-up, before listening).
   */
  async reopen(whileClosed?: () => Promise<void>): Promise<void> {
    if (this.#pending.size > 0) throw new Error('cannot reopen the embedded database while statements are outstanding');
    await this.close();
    // Open again afterwards even when `whileClosed` failed: the caller decides what a failure means.
    try {
      await whileClosed?.();
    } finally {
      this.#worker = undefined;
      this.#closed = false;
      this.#failure = undefined;
    }
  }

  get closed(): boolean {
    return this.#closed;
  }
}

/** The transaction handle given to `transaction()`'s callback (PGlite's `Transaction` subset). */
type SendInTransaction = (request: Record<string, unknown> & { op: WorkerRequest['op'] }, cancellable?: boolean) => Promise<WorkerReply>;

export class PGliteWorkerTransaction {
  rolledBack = false;
  readonly #send: SendInTransaction;

  constructor(send: SendInTransaction) {
    this.#send = send;
  }

  async query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return toResults<T>(await this.#send({ op: 'query', sql, params, rawTypes: rawTypesOf(options) }), options);
  }

  async exec(sql: string): Promise<Array<Results>> {
    return [toResults(await this.#send({ op: 'exec', sql }))];
  }

  async rollback(): Promise<void> {
    this.rolledBack = true;
    await this.#send({ op: 'rollback' }, false);
  }
}

function toError(reply: WorkerReply): Error {
  const { message, name, database, fields } = (reply as Extract<WorkerReply, { error: unknown }>).error;
  // pglite-prisma-adapter recognises PostgreSQL errors by class (messages.DatabaseError).
  const error: Error = database ? new messages.DatabaseError(message, 0, 'error') : new Error(message);
  Object.assign(error, fields);
  if (!database) error.name = name;
  return error;
}

const rawTypesCache = new WeakMap<object, number[]>();

/** The type OIDs the caller parses itself. */
function rawTypesOf(options?: QueryOptions): number[] {
  const parsers = options?.parsers;
  if (!parsers) return [];
  let oids = rawTypesCache.get(parsers);
  if (!oids) rawTypesCache.set(parsers, (oids = Object.keys(parsers).map(Number)));
  return oids;
}

function toResults<T>(reply: WorkerReply, options?: QueryOptions): Results<T> {
  const { rows, fields, affectedRows } = (reply as { result: RawResult }).result;
  const parsers = options?.parsers;
  const parse = fields.map(({ dataTypeID }) => {
    const parser = parsers?.[dataTypeID];
    return (value: unknown) => (value === null || value === undefined || !parser ? value : (parser as (text: string, oid: number) => unknown)(value as string, dataTypeID));
  });
  const parsedRows = rows.map((row) => row.map((value, index) => parse[index]!(value)));
  const shaped =
    options?.rowMode === 'array'
      ? parsedRows
      : parsedRows.map((row) => Object.fromEntries(fields.map((field, index) => [field.name, row[index]])));
  return { rows: shaped as T[], fields, affectedRows };
}
