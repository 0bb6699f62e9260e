import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What every log line of a request carries, wherever it is written: the logger reads it from here
 * (pino `mixin`, src/logger.ts), so code deep in a resolver or in the error mapping needs no
 * request-scoped logger passed down to it.
 */
export interface RequestScope {
  readonly requestId: string;
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
