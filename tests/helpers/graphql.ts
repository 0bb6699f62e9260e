/**
 * Running GraphQL operations in tests: over HTTP through `yoga.fetch` (the same request handling a
 * listening server does), against the test file's own database (see ./database.ts).
 */
import './database.js';
import { expect } from 'vitest';
import { yoga } from '../../src/yoga.js';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** Sends an operation as a POST to /graphql and returns the HTTP status with the parsed body. */
export async function execute<Data = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>> {
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** Runs an operation that must succeed and returns its data. */
export async function runOk<Data = any>(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const result = await execute<Data>(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.status).toBe(200);
  return result.data as Data;
}

/** Runs an operation that must fail and returns its errors (each must carry a code). */
export async function runError(query: string, variables?: Record<string, unknown>) {
  const result = await execute(query, variables);
  expect(result.errors?.length, 'expected errors').toBeGreaterThan(0);
  for (const error of result.errors ?? []) expect(error.extensions?.code, JSON.stringify(error)).toEqual(expect.any(String));
  return result;
}
