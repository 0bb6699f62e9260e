import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { StatementSignal } from './db/request-scope.js';

/**
 * What code deep in a request reads without it being passed down: the request id, which every log
 * line written while the request is handled carries (pino `mixin`, src/logger.ts), and the abort
 * signal of the execution, which the database drivers cancel their statement on
 * (src/db/request-scope.ts). Prisma's client takes no signal, so async context is the only way it
 * reaches the driver below it.
 *
 * One store for both, on purpose: on Node 20 every AsyncLocalStorage in use adds its own work to
 * every promise the process creates; a second one for the signal cost 4–9% of the CPU of page 1 and
 * 1–4% of quotes by speaker (A/B runs at 100k quotes). The deadline sets the signal on the
 * request's store when execution starts.
 */
export interface RequestScope {
  readonly requestId?: string;
  /** Set by the deadline when execution starts (src/graphql/deadline.ts). */
  signal?: StatementSignal;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** The request id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** The header a request id is accepted from and returned in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Ids a client or proxy may send: short, and made only of characters that are safe in a log line,
 * a header and a metric (UUIDs, ULIDs, trace ids, `req-42`…). Anything else is replaced, so a
 * client cannot inject newlines or fill the logs with a megabyte of "id".
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The client's request id when it is acceptable, otherwise a new UUID. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && ACCEPTED_REQUEST_ID.test(header) ? header : randomUUID();
}
