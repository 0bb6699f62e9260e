import { execute } from './helpers/graphql.js';
import { describe, expect, it } from 'vitest';
import { corsOptions } from '../src/plugins/browser-security.js';
import { createRequestListener } from '../src/http-listener.js';
import { yoga } from '../src/yoga.js';
import { listen } from './helpers/http-server.js';
import { countStatements } from './helpers/sql-counter.js';

/**
 * What a browser may do with the API by default: no cross-origin reads, no operation started by
 * another site's form, link or image, and headers that keep responses from being rendered,
 * framed or sniffed. (Configured origins: tests/switches.test.ts.)
 */
const query = '{ people(first: 1) { totalCount } }';
const send = async (path: string, init: RequestInit = {}) => yoga.fetch(`http://yoga${path}`, init);
const errorOf = async (response: Response) => ((await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0];

describe('CORS by default', () => {
  it('gives another origin no CORS headers, so its pages cannot read responses, with or without credentials', async () => {
    const response = await send('/graphql', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json', cookie: 'session=1' },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers a preflight from another origin without allowing it', async () => {
    const response = await send('/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('never pairs `*` (any origin) with credentials', () => {
    const request = new Request('http://yoga/graphql', { headers: { origin: 'https://anywhere.example' } });
    expect(corsOptions(['*'], true)(request)).toMatchObject({ origin: ['https://anywhere.example'], credentials: false });
    expect(corsOptions(['https://app.example.org'], true)(request)).toBe(false);
  });
});

describe('CSRF prevention', () => {
  it('refuses a GET without a preflight-forcing header (a link or an image) before any SQL runs', async () => {
    const { result: response, statements } = await countStatements(() => send(`/graphql?query=${encodeURIComponent(query)}`));
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ extensions: { code: 'CSRF_PREVENTED' } });
    expect(statements).toEqual([]);
  });

  it('refuses a text/plain POST (what a cross-site fetch without preflight can send)', async () => {
    const response = await send('/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query }) });
    expect(response.status).toBe(403);
    expect((await errorOf(response))?.extensions.code).toBe('CSRF_PREVENTED');
  });

  it.each(['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'])('runs a GET that carries %s', async (header) => {
    const response = await send(`/graphql?query=${encodeURIComponent(query)}`, { headers: { [header]: '1' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual({ people: { totalCount: expect.any(Number) } });
  });

  it('runs JSON POSTs (browsers preflight them)', async () => {
    const result = await execute(query);
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ people: { totalCount: expect.any(Number) } });
  });
});

describe('form posts', () => {
  it.each([
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent(query)}`],
    ['multipart/form-data; boundary=X', `--X\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query })}\r\n--X--\r\n`],
  ])('refuses %s with 415 and UNSUPPORTED_MEDIA_TYPE, before any SQL runs', async (contentType, body) => {
    const { result: response, statements } = await countStatements(() =>
      send('/graphql', { method: 'POST', headers: { 'content-type': contentType, 'x-graphql-yoga-csrf': '1' }, body }),
    );
    expect(response.status).toBe(415);
    expect(await errorOf(response)).toMatchObject({ message: expect.stringContaining('application/json'), extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(statements).toEqual([]);
  });
});

describe('security headers', () => {
  const common = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  const headersOf = (response: Response) => Object.fromEntries(response.headers.entries());

  it('are sent with JSON, with a CSP that allows nothing to load or frame it', async () => {
    const response = await send('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(headersOf(response)).toMatchObject(common);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    // The CORS headers depend on the Origin, so shared caches must key on it.
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('are sent with errors, metrics and unknown paths alike', async () => {
    for (const response of [await send('/graphql?query=%7B'), await send('/metrics'), await send('/nowhere')]) {
      expect(headersOf(response)).toMatchObject(common);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('are sent the same over a real socket, where they go on the Node response (JSON, GraphiQL and unknown paths)', async () => {
    const server = await listen(createRequestListener(yoga));
    try {
      const json = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-socket-1' }, body: JSON.stringify({ query }) });
      expect(await json.json()).toMatchObject({ data: { people: { totalCount: expect.any(Number) } } });
      expect(headersOf(json)).toMatchObject({ ...common, 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-socket-1' });
      expect(json.headers.get('content-security-policy')).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
      expect(json.headers.get('vary')).toMatch(/\bOrigin\b/);
      const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(headersOf(page)).toMatchObject(common);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const missing = await fetch(`${server.url}/nowhere`);
      expect(missing.status).toBe(404);
      expect(headersOf(missing)).toMatchObject(common);
    } finally {
      await server.close();
    }
  });

  it('are sent with the GraphiQL page, whose CSP allows only its own scripts (no inline script, no other host)', async () => {
    const response = await send('/graphql', { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(headersOf(response)).toMatchObject(common);
    const csp = Object.fromEntries(
      (response.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['worker-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
  });
});

describe('suggestions with introspection on (the default)', () => {
  it('still suggests field names, as GraphiQL users expect', async () => {
    const result = await execute('{ persn(slug: "elon-musk") { name } }');
    expect(result.errors?.[0]?.message).toContain('Did you mean "person"');
  });
});
