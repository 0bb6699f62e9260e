import { PothosError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { DatabaseUnavailableError, StatementCancelledError } from '../db/request-scope.js';
import { Prisma } from '../generated/prisma/client.js';
import { logger } from '../logger.js';

/**
 * Stable machine-readable error codes, sent as `extensions.code`. Clients branch on these, never
 * on messages; adding a code is fine, renaming one is a breaking change. Besides these, errors keep
 * the codes graphql-js and Yoga give them (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`,
 * `BAD_REQUEST`).
 */
export const ErrorCode = {
  /** An argument or variable is malformed or contradicts another (bad global ID, cursor, date…). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The HTTP request itself is malformed (invalid JSON body or URL parameters), as Yoga names it. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The object addressed by an argument does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** A write would break a uniqueness or integrity rule of the knowledge base. */
  CONFLICT: 'CONFLICT',
  /** The database cannot be reached right now (HTTP 503 for `application/graphql-response+json`); retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The request ran past its deadline (REQUEST_TIMEOUT_MS) or a statement past DB_STATEMENT_TIMEOUT_MS; its SQL was cancelled. */
  TIMEOUT: 'TIMEOUT',
  /** Anything unexpected. Details are logged with the request id, never sent to the client. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badUserInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return createGraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
}

export function notFound(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return createGraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND, ...extra } });
}

/**
 * The one place that turns errors into what clients see (Yoga's `maskedErrors.maskError`; Yoga
 * passes `isDev` = the EXPOSE_ERROR_DETAILS setting). Three kinds of error:
 *
 * 1. Client mistakes the server detected on purpose — ours (`badUserInput`…), the limits', Yoga's
 *    and graphql-js's (parse, validation, variable coercion). They keep their message and get a code
 *    if they have none; logged at info, without stack.
 * 2. Known database conditions with a meaning for clients (a unique-key clash…): a code and a fixed
 *    message.
 * 3. Everything else — Prisma and driver errors, Pothos errors (whose messages name schema
 *    internals), programming errors: one log line at error level with the stack; the client gets
 *    "Unexpected error." and INTERNAL_SERVER_ERROR, with details only when EXPOSE_ERROR_DETAILS=true.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const cause = rootCause(error);

  if (error instanceof GraphQLError && isClientMistake(error, cause)) {
    const code = typeof error.extensions.code === 'string' ? error.extensions.code : ErrorCode.BAD_USER_INPUT;
    logger.info({ code, error: error.message.slice(0, 500) }, 'request rejected');
    return error.extensions.code === code ? error : withCode(error, error.message, code);
  }

  const known = knownDatabaseError(cause);
  if (known?.fault) {
    logger.warn({ code: known.code, reason: (cause as Error).message }, 'database fault');
    // HTTP 503 for graphql-response+json clients; `spec`: legacy application/json ones keep 200.
    return withCode(error, known.message, known.code, { http: { status: 503, spec: true } });
  }
  if (known) {
    logger.info({ code: known.code, prismaCode: (cause as { code?: string }).code }, 'request rejected by the database');
    return withCode(error, known.message, known.code);
  }

  // The one log line of an internal error: it carries the stack; the client sees a masked message.
  logger.error({ err: cause }, 'unexpected error while executing an operation');
  return errorAt(error, message, {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    // Yoga's marker of a server fault (HTTP 500 when there is no data); not sent to clients.
    unexpected: true,
    ...(isDev === true ? { originalError: describe(cause) } : {}),
  });
}

/** What EXPOSE_ERROR_DETAILS=true reveals of an internal error. */
function describe(cause: unknown): Record<string, unknown> {
  return cause instanceof Error ? { name: cause.name, message: cause.message, stack: cause.stack } : { value: String(cause) };
}

/** The innermost error: graphql-js and Yoga wrap resolver errors in GraphQLErrors. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) current = current.originalError;
  return current;
}

/**
 * A GraphQLError all the way down that no library raised for an internal reason. Pothos's errors
 * are GraphQLErrors too, but they describe schema internals ("Foo has not been implemented"), so
 * they never count as the client's fault. An uncoded graphql-js error with a `path` was raised while
 * executing a field (e.g. a non-null field resolved to null): a server bug, not a client mistake;
 * without a path it concerns the request itself (variables, operation).
 */
function isClientMistake(error: GraphQLError, cause: unknown): boolean {
  if (!(cause instanceof GraphQLError) || cause instanceof PothosError) return false;
  if (typeof error.extensions.code === 'string') return error.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR;
  return error.path === undefined;
}

/**
 * Database errors that mean something to a client; `fault` marks those that are the service's
 * (unreachable, too slow), not the request's. By error class and code, never by message: the
 * drivers turn socket and connection failures into DatabaseUnavailableError (src/db/postgres-pool.ts,
 * src/db/pglite-proxy.ts) and a cancelled request's statements into StatementCancelledError;
 * 57014 is PostgreSQL's query_canceled (statement_timeout), raised through Prisma's client or, for
 * the statements the app's SQL runner sends (a list's page), by the driver itself.
 */
function knownDatabaseError(cause: unknown): { code: string; message: string; fault?: true } | undefined {
  if (cause instanceof DatabaseUnavailableError || cause instanceof Prisma.PrismaClientInitializationError) {
    return { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The database is unavailable. Retry later.', fault: true };
  }
  if (
    cause instanceof StatementCancelledError ||
    (cause instanceof Prisma.PrismaClientKnownRequestError && sqlStateOf(cause) === '57014') ||
    driverSqlState(cause) === '57014'
  ) {
    return { code: ErrorCode.TIMEOUT, message: 'The request took too long and was cancelled.', fault: true };
  }
  if (cause instanceof Prisma.PrismaClientKnownRequestError) {
    // P2025: a record an operation depends on is missing; P2002/P2003: unique / foreign key rules.
    if (cause.code === 'P2025') return { code: ErrorCode.NOT_FOUND, message: 'The requested record does not exist.' };
    if (cause.code === 'P2002') return { code: ErrorCode.CONFLICT, message: 'A record with the same unique key already exists.' };
    if (cause.code === 'P2003') return { code: ErrorCode.BAD_USER_INPUT, message: 'The write refers to a record that does not exist.' };
  }
  return undefined;
}

/** The SQLSTATE of an error PostgreSQL sent, as pg and PGlite raise it: `code` beside a `severity`. */
function driverSqlState(error: unknown): unknown {
  return error instanceof Error && 'severity' in error ? (error as { code?: unknown }).code : undefined;
}

/** The SQLSTATE behind a Prisma error raised through a driver adapter. */
function sqlStateOf(error: Prisma.PrismaClientKnownRequestError): unknown {
  return (error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)?.driverAdapterError?.cause?.originalCode;
}

function withCode(error: unknown, message: string, code: string, extra: Record<string, unknown> = {}): GraphQLError {
  return errorAt(error, message, { ...(error instanceof GraphQLError ? error.extensions : {}), code, ...extra });
}

/**
 * A new error at the place in the document and the response where `error` was raised: its nodes
 * under graphql-js, its source and positions under compiled execution (src/graphql/compiled-execution.ts).
 */
function errorAt(error: unknown, message: string, extensions: Record<string, unknown>): GraphQLError {
  const located = error instanceof GraphQLError ? error : undefined;
  return createGraphQLError(message, { nodes: located?.nodes, source: located?.source, positions: located?.positions, path: located?.path, extensions });
}
