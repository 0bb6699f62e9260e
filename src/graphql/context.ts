import type { YogaInitialContext } from 'graphql-yoga';
import { currentRequestId, REQUEST_ID_HEADER, requestIdFrom } from '../request-context.js';

/**
 * Request-scoped context. Deliberately without the Prisma client (imported from src/db.ts
 * instead): a client type in the context slows type-checking of every resolver.
 */
export interface Context {
  /**
   * Correlates logs of one request: the id set by src/plugins/request-id.ts (from `x-request-id`
   * when acceptable, else generated), which every log line, the response header and error
   * extensions of the request carry.
   */
  requestId: string;
}

export function createContext({ request }: YogaInitialContext): Context {
  return { requestId: currentRequestId() ?? requestIdFrom(request.headers.get(REQUEST_ID_HEADER)) };
}
