import { describe, expect, it } from 'vitest';
import { execute, runError, runOk } from './helpers/graphql.js';

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

  it('rejects a lookup by neither id nor slug, or by both', async () => {
    const neither = await runError(`{ event { title } }`);
    expect(neither.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const { event } = await runOk(`{ event(slug: "stargate-announcement") { id } }`);
    const both = await runError(`query ($id: ID!) { event(id: $id, slug: "openai-founding") { title } }`, { id: event.id });
    expect(both.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('not both') });
  });

  it('finds a source by slug as well as by id', async () => {
    const bySlug = await runOk(`{ source(slug: "article-warum-hasst-musk-altman") { id title } }`);
    const byId = await runOk(`query ($id: ID!) { source(id: $id) { title } }`, { id: bySlug.source.id });
    expect(byId.source.title).toBe(bySlug.source.title);
  });
});
