import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import { logger } from './logger.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-context.js';

/** Paths polled by probes and scrapers: logged at debug, so they do not drown the access log. */
const QUIET_PATHS = new Set(['/health', '/healthz', '/readyz', '/metrics']);

/**
 * The Node request listener around Yoga: one access-log line per request (pino-http) with the
 * request's id, method, path, status and duration. The id is settled here — the client's
 * `x-request-id` when acceptable, else a new one — and written back into the request's header, so
 * Yoga's request-id plugin (src/plugins/request-id.ts), which tags every other log line, the
 * response header and error extensions, uses the same id.
 */
export function createRequestListener(handler: RequestListener): RequestListener {
  const accessLog = pinoHttp({
    logger,
    genReqId(req) {
      const header = req.headers[REQUEST_ID_HEADER];
      const requestId = requestIdFrom(Array.isArray(header) ? header[0] : header);
      req.headers[REQUEST_ID_HEADER] = requestId;
      return requestId;
    },
    // Client mistakes (4xx) are the clients' business: info, like success; 5xx is ours: error.
    // 'silent' when the logger would drop the line anyway: pino-http then skips building the line's
    // object and message, which it otherwise does for every request whatever the level.
    customLogLevel(req, res, error) {
      const level = error || res.statusCode >= 500 ? 'error' : QUIET_PATHS.has(pathOf(req)) ? 'debug' : 'info';
      return logger.isLevelEnabled(level) ? level : 'silent';
    },
    // Method and path only: headers may carry credentials, and a GET query string a whole document.
    serializers: {
      req: (req: IncomingMessage & { raw?: IncomingMessage }) => ({ method: req.method, path: pathOf(req.raw ?? req) }),
      res: (res: ServerResponse & { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessObject: (req, _res, value) => ({ ...value, requestId: req.id }),
    customErrorObject: (req, _res, _error, value) => ({ ...value, requestId: req.id }),
    customSuccessMessage: (req, res, responseTime) => `${req.method} ${pathOf(req)} ${res.statusCode} in ${responseTime} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} failed with ${res.statusCode}`,
  });
  return (req, res) => {
    accessLog(req, res);
    return handler(req, res);
  };
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return (query === -1 ? url : url.slice(0, query)).slice(0, 200);
}
