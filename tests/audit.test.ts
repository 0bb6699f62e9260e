import { auditServer } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import './helpers/database.js';
import { yoga } from '../src/yoga.js';

/**
 * The GraphQL-over-HTTP conformance audit of graphql-http (the reference implementation of the
 * spec) against the real request handling. Every MUST and SHOULD has to pass; MAY items are listed
 * for information only.
 */
describe('GraphQL over HTTP', () => {
  it('passes every MUST and SHOULD of graphql-http’s server audit', async () => {
    const results = await auditServer({ url: 'http://yoga/graphql', fetchFn: (input: string, init?: RequestInit) => yoga.fetch(new Request(input, init)) });
    const required = results.filter((result) => result.name.startsWith('MUST') || result.name.startsWith('SHOULD'));
    const failed = required.filter((result) => result.status !== 'ok').map((result) => `${result.name}: ${(result as { reason?: string }).reason ?? result.status}`);
    expect(failed).toEqual([]);
    expect(required.filter((result) => result.name.startsWith('MUST')).length).toBeGreaterThanOrEqual(13);
    expect(required.filter((result) => result.name.startsWith('SHOULD')).length).toBeGreaterThanOrEqual(20);
  });
});
