import { describe, expect, it } from 'vitest';

/**
 * The production switches turned the other way from their defaults, in a file of its own (the app
 * reads its configuration once): no GraphiQL, no introspection (and so no field suggestions), no
 * metrics, and two origins allowed cross-origin with credentials.
 */
process.env.GRAPHIQL = 'false';
process.env.INTROSPECTION = 'false';
process.env.METRICS = 'false';
process.env.CORS_ORIGINS = 'https://app.example.org, https://admin.example.org';
process.env.CORS_CREDENTIALS = 'true';
const { execute } = await import('./helpers/graphql.js');
const { yoga } = await import('../src/yoga.js');

const send = async (path: string, init: RequestInit = {}) => yoga.fetch(`http://yoga${path}`, init);

describe('GRAPHIQL=false', () => {
  it('serves no explorer page and no explorer assets', async () => {
    const page = await send('/graphql', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(await page.text()).not.toContain('<html');
    const html = (await import('../src/graphiql.js')).renderGraphiQL();
    const script = /src="([^"]+graphiql\.js)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/graphiql-assets\//);
    expect((await send(script!)).status).toBe(404);
  });
});

describe('INTROSPECTION=false', () => {
  it.each([
    ['__schema', '{ __schema { queryType { name } } }'],
    ['__type', '{ __type(name: "Person") { fields { name } } }'],
    ['__schema in a fragment', 'query { ...F } fragment F on Query { __schema { types { name } } }'],
  ])('refuses %s as a validation error', async (_, query) => {
    const result = await execute(query);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('still answers __typename (clients need it to tell types apart)', async () => {
    expect((await execute('{ __typename person(slug: "elon-musk") { __typename name } }')).data).toEqual({
      __typename: 'Query',
      person: { __typename: 'Person', name: 'Elon Musk' },
    });
  });

  it('hides "Did you mean …" suggestions, which would reveal the schema name by name', async () => {
    const result = await execute('{ persn(slug: "elon-musk") { name } people { nme } }');
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
    for (const error of result.errors ?? []) {
      expect(error.message).not.toMatch(/did you mean|person|name"/i);
    }
  });
});

describe('METRICS=false', () => {
  it('serves no /metrics', async () => {
    const response = await send('/metrics');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('process_cpu');
  });
});

describe('CORS_ORIGINS with CORS_CREDENTIALS=true', () => {
  const post = (origin: string) =>
    send('/graphql', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it.each(['https://app.example.org', 'https://admin.example.org'])('lets the listed origin %s read responses with credentials', async (origin) => {
    const response = await post(origin);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('vary') ?? '').toMatch(/origin/i);
  });

  it('answers the preflight of a listed origin with the methods and headers the API takes', async () => {
    const response = await send('/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')?.split(', ')).toContain('content-type');
  });

  it.each(['https://evil.example', 'https://app.example.org.evil.example', 'null', 'http://app.example.org'])(
    'gives %s no CORS headers at all',
    async (origin) => {
      const response = await post(origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    },
  );
});
