import { GraphQLError } from 'graphql';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** What Yoga's `onResultProcess` hook receives: one result, a batch, or a stream. */
type ResultProcessorInput = Parameters<NonNullable<Plugin['onResultProcess']>>[0]['result'];

type ResultError = NonNullable<ExecutionResult['errors']>[number];

/**
 * The errors of a result as Yoga is about to send it (after masking), one list per operation of a
 * batch. Streamed results (subscriptions, `@defer`) are not used by this API and are left out.
 */
export function errorsOf(result: ResultProcessorInput): readonly ResultError[] {
  if (isAsyncIterable(result)) return [];
  return (Array.isArray(result) ? result : [result]).flatMap((single) => single.errors ?? []);
}

/** The same result with `extra` added to every error's extensions (errors are copied, not mutated). */
export function withErrorExtensions(result: ResultProcessorInput, extra: Record<string, unknown>): ResultProcessorInput {
  if (isAsyncIterable(result)) return result;
  const extend = (single: ExecutionResult): ExecutionResult =>
    single.errors?.length ? { ...single, errors: single.errors.map((error) => extendError(error, extra)) } : single;
  return Array.isArray(result) ? result.map(extend) : extend(result);
}

function extendError(error: ResultError, extra: Record<string, unknown>): ResultError {
  if (!(error instanceof GraphQLError)) {
    const plain = error as ResultError & { extensions?: Record<string, unknown> };
    return { ...plain, extensions: { ...plain.extensions, ...extra } } as ResultError;
  }
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extra },
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
