import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as yogaMaskError } from 'graphql-yoga';
import { Prisma } from '../generated/prisma/client.js';
import { logger } from '../logger.js';

/**
 * Stable machine-readable error codes, sent as `extensions.code`. Clients branch on these, never
 * on messages; adding a code is fine, renaming one is a breaking change.
 */
export const ErrorCode = {
  /** An argument is malformed or contradicts another (bad global ID, cursor, date range…). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The object addressed by an argument does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** A write would break a uniqueness or integrity rule of the knowledge base. */
  CONFLICT: 'CONFLICT',
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
 * The one place that turns errors into what clients see (Yoga's `maskedErrors.maskError`).
 * Expected errors keep their message and get a code; database and programming errors are masked.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError ?? error : error;

  if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && !(original instanceof Prisma.PrismaClientKnownRequestError)) {
    return error;
  }
  // Pothos rejects malformed global IDs, cursors and unsupported pagination argument combinations
  // with PothosValidationError — which it also uses for schema mistakes, so only those messages count.
  if (original instanceof PothosValidationError && USER_INPUT_MESSAGES.test(original.message)) {
    return withCode(error, original.message, ErrorCode.BAD_USER_INPUT);
  }
  if (original instanceof Prisma.PrismaClientKnownRequestError) {
    // P2025: a record an operation depends on is missing; P2002/P2003: unique / foreign key rules.
    if (original.code === 'P2025') return withCode(error, 'The requested record does not exist.', ErrorCode.NOT_FOUND);
    if (original.code === 'P2002') return withCode(error, 'A record with the same unique key already exists.', ErrorCode.CONFLICT);
    if (original.code === 'P2003') return withCode(error, 'The write refers to a record that does not exist.', ErrorCode.BAD_USER_INPUT);
  }
  // Only the log sees what went wrong; the client gets the masked message.
  logger.error({ err: original }, 'unexpected error while executing an operation');
  const masked = yogaMaskError(error, message, isDev);
  if (masked instanceof GraphQLError) {
    return createGraphQLError(masked.message, {
      nodes: masked.nodes,
      path: masked.path,
      extensions: { ...masked.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
  }
  return masked;
}

const USER_INPUT_MESSAGES = /^(Invalid global ID|Invalid cursor|Invalid offset cursor|Cursor must|Argument "|Arguments ")/;

function withCode(error: unknown, message: string, code: ErrorCode): GraphQLError {
  const located = error instanceof GraphQLError ? error : undefined;
  return createGraphQLError(message, {
    nodes: located?.nodes,
    path: located?.path,
    extensions: { code },
  });
}
