import type { Plugin } from 'graphql-yoga';
import { currentRequestId, REQUEST_ID_HEADER, requestIdFrom, requestScope } from '../request-context.js';
import { setResponseHeader } from './response-headers.js';
import { withErrorExtensions } from './results.js';

/**
 * Gives every request an id — the client's `x-request-id` when it is acceptable, else a new UUID —
 * and makes it visible everywhere a request can be followed: on every log line written while the
 * request is handled (the whole handling runs inside `requestScope`), in the `x-request-id`
 * response header, and in `extensions.requestId` of every error, so a user's bug report leads
 * straight to the log lines of that request.
 */
export function useRequestId(): Plugin {
  return {
    instrumentation: {
      request: ({ request }, handle) => requestScope.run({ requestId: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)) }, handle),
    },
    onResultProcess({ result, setResult }) {
      const requestId = currentRequestId();
      if (requestId) setResult(withErrorExtensions(result, { requestId }));
    },
    onResponse({ response, serverContext }) {
      const requestId = currentRequestId();
      if (requestId) setResponseHeader(response, serverContext, REQUEST_ID_HEADER, requestId);
    },
  };
}
