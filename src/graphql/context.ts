import type { YogaInitialContext } from 'graphql-yoga';

/**
 * Request-scoped context. Deliberately without the Prisma client (imported from src/db.ts
 * instead): a client type in the context slows type-checking of every resolver.
 */
export interface Context {
  /** Correlates logs of one request (from `x-request-id` or generated). */
  requestId: string;
}

export function createContext({ request }: YogaInitialContext): Context {
  return { requestId: request.headers.get('x-request-id') ?? crypto.randomUUID() };
}
