/**
 * Counts the SQL statements the app actually sends, at the driver: `pg.Client#query` for a server;
 * for the embedded database, which runs in a worker thread (src/db/pglite-worker.ts), the calls
 * into its proxy in this thread — `query`/`exec` of the client and of its transactions — and
 * `PGlite#query`/`#exec` for a PGlite used directly. Prisma's own logging would miss statements
 * issued outside the client; the driver sees everything.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PGliteWorkerClient, PGliteWorkerTransaction } from '../../src/db/pglite-proxy.js';

const statements: string[] = [];
const parameters: unknown[][] = [];
let recording = false;

function wrap<T extends object>(proto: T, method: keyof T & string): void {
  const original = proto[method] as unknown as (...args: unknown[]) => unknown;
  (proto as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    if (recording) {
      const first = args[0];
      statements.push(typeof first === 'string' ? first : String((first as { text?: string })?.text ?? first));
      const values = Array.isArray(args[1]) ? args[1] : (first as { values?: unknown[] })?.values;
      parameters.push(Array.isArray(values) ? values : []);
    }
    return original.apply(this, args);
  };
}

wrap(pg.Client.prototype, 'query');
wrap(PGlite.prototype, 'query');
wrap(PGlite.prototype, 'exec');
wrap(PGliteWorkerClient.prototype, 'query');
wrap(PGliteWorkerClient.prototype, 'exec');
wrap(PGliteWorkerTransaction.prototype, 'query');
wrap(PGliteWorkerTransaction.prototype, 'exec');

/**
 * Runs `work` and returns its result with the statements sent meanwhile (transaction control
 * excluded) and, at the same positions, their bound parameters.
 */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[]; parameters: unknown[][] }> {
  statements.length = 0;
  parameters.length = 0;
  recording = true;
  try {
    const result = await work();
    const kept = statements.map((s, i) => [s, i] as const).filter(([s]) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(s));
    return { result, statements: kept.map(([s]) => s), parameters: kept.map(([, i]) => parameters[i] ?? []) };
  } finally {
    recording = false;
  }
}
