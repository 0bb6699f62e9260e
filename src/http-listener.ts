import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { logger } from './logger.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-context.js';

/** Paths polled by probes and scrapers: logged at debug, so they do not drown the access log. */
const QUIET_PATHS = new Set(['/health', '/healthz', '/readyz', '/metrics']);

/**
 * The Node request listener around Yoga: one access-log line per request with the request's id,
 * method, path, status and duration. The id is settled here — the client's `x-request-id` when
 * acceptable, else a new one — and written back into the request's header, so Yoga's request-id
 * plugin (src/plugins/request-id.ts), which tags every other log line, the response header and
 * error extensions, uses the same id.
 *
 * Written here rather than with pino-http, which wrote the same line before: for every request,
 * whether its line is written or not, pino-http builds a child logger (its bindings serialized to
 * JSON through the serializers), two arrays and three listeners. This is one listener and, when the
 * level drops the line, nothing else. (README Performance: pino-http was 4% of page 1's instructions.)
 */
export function createRequestListener(handler: RequestListener): RequestListener {
  return (req, res) => {
    const header = req.headers[REQUEST_ID_HEADER];
    const requestId = requestIdFrom(Array.isArray(header) ? header[0] : header);
    req.headers[REQUEST_ID_HEADER] = requestId;
    const startedAt = Date.now();
    // 'close' comes after 'finish' for every response, and alone when the connection closed first.
    res.once('close', () => logAccess(req, res, requestId, Date.now() - startedAt));
    return handler(req, res);
  };
}

/**
 * The access line. Client mistakes (4xx) are the clients' business: info, like success; 5xx is ours:
 * error. Built only when the logger writes its level.
 */
function logAccess(req: IncomingMessage, res: ServerResponse, requestId: string, responseTime: number): void {
  const path = pathOf(req);
  const failed = res.statusCode >= 500;
  const level = failed ? 'error' : QUIET_PATHS.has(path) ? 'debug' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  // Method and path only: headers may carry credentials, and a GET query string a whole document.
  const line = { req: { method: req.method, path }, res: { statusCode: res.statusCode }, responseTime, requestId, ...(res.writableFinished ? {} : { aborted: true }) };
  const message = failed
    ? `${req.method} ${path} failed with ${res.statusCode}`
    : res.writableFinished
      ? `${req.method} ${path} ${res.statusCode} in ${responseTime} ms`
      : `${req.method} ${path} closed by the client after ${responseTime} ms`;
  logger[level](line, message);
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return (query === -1 ? url : url.slice(0, query)).slice(0, 200);
}
