import { describe, expect, it } from 'vitest';
import { execute, runError } from './helpers/graphql.js';

describe('errors', () => {
  it('answers a syntax error with a coded GraphQL error, not a 500', async () => {
    const result = await execute('{ conflict(slug: "musk-vs-openai") { name ');
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with a validation error naming it', async () => {
    const result = await execute('{ conflict(slug: "musk-vs-openai") { nonsense } }');
    expect(result.status).toBe(400);
    expect(result.errors![0]).toMatchObject({ message: expect.stringContaining('nonsense'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('never leaks stack traces or internals in error responses', async () => {
    const result = await runError(`{ event(id: "RXZlbnQ6bm90LWEtdXVpZA==") { title } }`);
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(result)).not.toMatch(/stack|at .*\.ts:|prisma/i);
  });

  it('rejects a lookup by neither id nor slug', async () => {
    const result = await runError(`{ event { title } }`);
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
