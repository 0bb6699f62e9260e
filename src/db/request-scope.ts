import { requestScope } from '../request-context.js';

/**
 * The abort signal of the request on whose behalf SQL runs. Prisma's client takes no abort signal,
 * so the drivers below it (src/db.ts) read this one to cancel a statement when the request's
 * deadline passes or its client goes away. Async context flows from a resolver through Prisma
 * into the driver call; a statement Prisma batches for several requests follows the first one.
 * It lives in the request's own scope (src/request-context.ts), beside the request id.
 */
export function runWithRequestSignal<T>(signal: StatementSignal, work: () => T): T {
  return requestScope.run({ ...requestScope.getStore(), signal }, work);
}

export function currentRequestSignal(): StatementSignal | undefined {
  return requestScope.getStore()?.signal;
}

/**
 * What the drivers read of a request's signal: an AbortSignal has it (the readiness probe passes
 * one), and so has the deadline's RequestCancellation (src/graphql/deadline.ts).
 */
export interface StatementSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The database could not be reached (refused, timed out, connection lost, embedded worker gone). */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A statement was cancelled (or never sent) because its request was aborted: deadline or client gone. */
export class StatementCancelledError extends Error {
  override readonly name = 'StatementCancelledError';
  constructor(options?: { cause?: unknown }) {
    super('The statement was cancelled because its request ended (deadline passed or client disconnected).', options);
  }
}
