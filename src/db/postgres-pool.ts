import pg from 'pg';
import { currentRequestSignal, DatabaseUnavailableError, StatementCancelledError } from './request-scope.js';

export interface PoolTimeouts {
  /** Server-side `statement_timeout` in ms. */
  statementTimeoutMs: number;
  /** Waiting for a pool connection, including opening one, in ms. */
  connectTimeoutMs: number;
}

/**
 * SQLSTATEs that mean "the server is not there for us" rather than "this statement failed":
 * class 08 (connection exception), 57P01–57P03 (shutdown, crash, not accepting connections yet)
 * and 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/**
 * Errors without a SQLSTATE (`severity` is set on every error the server sends) come from the
 * socket or the driver: refused, reset, timed out, terminated. They all mean the database is
 * unreachable from here, so they become one error class the GraphQL layer maps to a code.
 */
function classify(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || error instanceof StatementCancelledError) return error;
  const sqlState = (error as { severity?: unknown; code?: unknown })?.severity ? (error as { code?: unknown }).code : undefined;
  if (typeof sqlState === 'string' && !isUnavailableSqlState(sqlState)) return error;
  return new DatabaseUnavailableError(`The database is unreachable: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

type Callback = (error: unknown, result?: unknown) => void;

/**
 * A pg client whose statements follow the request that runs them: when the request's signal
 * aborts (deadline or client gone), the running statement is cancelled on the server with the
 * protocol's CancelRequest — on a separate short-lived socket, so it works even when the pool is
 * exhausted — and the caller gets a StatementCancelledError at once.
 */
class RequestBoundClient extends pg.Client {
  readonly #config: pg.ClientConfig;

  constructor(config: pg.ClientConfig) {
    super(config);
    this.#config = config;
  }

  #cancelOnServer(): void {
    const self = this as unknown as { processID?: number; secretKey?: number };
    if (self.processID === undefined || self.secretKey === undefined) return;
    const canceller = new pg.Client(this.#config) as unknown as {
      connection: { connect(port: number, host: string): void; cancel(pid: number, key: number): void; on(e: string, l: (...a: unknown[]) => void): void; stream: { destroy(): void; setTimeout?(ms: number, cb: () => void): void } };
      host: string;
      port: number;
    };
    const connection = canceller.connection;
    connection.on('error', () => {});
    connection.on('connect', () => connection.cancel(self.processID!, self.secretKey!));
    // A cancel that cannot reach the server (partition) must not linger; query_timeout ends the statement then.
    const giveUp = setTimeout(() => connection.stream.destroy(), this.#config.connectionTimeoutMillis ?? 2000);
    giveUp.unref();
    connection.on('end', () => clearTimeout(giveUp));
    connection.connect(canceller.port, canceller.host);
  }

  // pg.Client#query has a dozen overloads (promise, callback, submittable); this one forwards them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const signal = currentRequestSignal();
    const last = args.at(-1);
    const callback = typeof last === 'function' ? (last as Callback) : undefined;
    if (signal?.aborted) {
      const error = new StatementCancelledError({ cause: signal.reason });
      if (callback) return void process.nextTick(() => callback(error));
      return Promise.reject(error);
    }
    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      this.#cancelOnServer();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (error: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      // A CancelRequest targets the server process, not the statement: if this one finished before
      // the cancel arrived, the cancel would hit whatever statement runs next on this connection,
      // for another request. So a connection that was sent a cancel is never reused: ending it now
      // makes the pool drop it on release.
      if (cancelled) void this.end().catch(() => {});
      if (!error) return error;
      return cancelled ? new StatementCancelledError({ cause: error }) : classify(error);
    };
    if (callback) {
      args[args.length - 1] = (error: unknown, result: unknown) => callback(settle(error), result);
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).then(
        (value) => (settle(undefined), value),
        (error: unknown) => {
          throw settle(error);
        },
      );
    }
    signal?.removeEventListener('abort', onAbort);
    return result;
  }
}

/**
 * Every connection reads dates in ISO style (`2001-03-27`), whatever the server, database, role or
 * URL set: Prisma's driver and the timeline's keys read DATE columns as text, and with a DateStyle
 * such as `SQL, DMY` (`27/03/2001`) every DATE read by Prisma failed (INTERNAL_SERVER_ERROR) and
 * timeline cursors carried day/month order. Sent as a start-up parameter (`options`, no extra round
 * trip). pg lets an `options` in the URL override the one given beside it, so a URL's own options
 * are moved beside it, before ours: the later `-c` wins.
 */
export function withIsoDates(connectionString: string): { connectionString: string; options: string } {
  const iso = '-c DateStyle=ISO,YMD';
  const url = new URL(connectionString);
  const own = url.searchParams.get('options');
  if (own === null) return { connectionString, options: iso };
  url.searchParams.delete('options');
  return { connectionString: url.toString(), options: `${own} ${iso}` };
}

/**
 * A pg pool whose every connection has a statement timeout, a connect timeout, a client-side
 * read timeout (a partition cannot hang a statement: the server's own timeout answers first when
 * it is reachable) and TCP keepalive (dead idle connections are noticed and dropped).
 */
export class GuardedPool extends pg.Pool {
  constructor(connectionString: string, max: number, timeouts: PoolTimeouts) {
    super({
      ...withIsoDates(connectionString),
      max,
      Client: RequestBoundClient as unknown as typeof pg.Client,
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      statement_timeout: timeouts.statementTimeoutMs,
      query_timeout: timeouts.statementTimeoutMs + timeouts.connectTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
  }

  // Both of pg.Pool#connect's forms: callback and promise.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override connect(...args: unknown[]): any {
    const callback = args[0] as ((error: unknown, client?: unknown, done?: unknown) => void) | undefined;
    const connect = super.connect as (...a: unknown[]) => unknown;
    if (typeof callback === 'function') {
      return connect.call(this, (error: unknown, client: unknown, done: unknown) => callback(error ? classify(error) : error, client, done));
    }
    return (connect.call(this) as Promise<unknown>).catch((error: unknown) => {
      throw classify(error);
    });
  }
}
