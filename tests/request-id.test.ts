// First: gives this file its own migrated and seeded database before the app reads its config.
import './helpers/database.js';
import { connect } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../src/db.js';
import { createRequestListener } from '../src/http-listener.js';
import { logger } from '../src/logger.js';
import { yoga } from '../src/yoga.js';
import { listen, type ListeningServer } from './helpers/http-server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
}

/** The JSON lines the process logger writes while `work` runs (at debug level). */
async function captureLogs<T>(work: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const stream = (logger as unknown as Record<symbol, { write(line: string): void }>)[pino.symbols.streamSym]!;
  const write = stream.write;
  const level = logger.level;
  const lines: Record<string, unknown>[] = [];
  stream.write = (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>);
  logger.level = 'debug';
  try {
    const result = await work();
    // The access log line is written when the response has been sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { result, lines };
  } finally {
    logger.level = level;
    stream.write = write;
  }
}

describe('request ids', () => {
  let server: ListeningServer;
  beforeAll(async () => {
    server = await listen(createRequestListener(yoga));
  });
  afterAll(() => server?.close());

  it('takes an acceptable x-request-id from the client and returns it in the header and in every error', async () => {
    const requestId = 'client-42.trace:01HZX_abc';
    const { response, body } = await post(`${server.url}/graphql`, { query: '{ nope }' }, { 'x-request-id': requestId });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId });
  });

  it('replaces an id that is too long or has unsafe characters with a generated UUID', async () => {
    for (const unacceptable of ['x'.repeat(129), 'id with spaces', '<script>', '-leading-dash', 'a/b', '{"json":1}']) {
      const { response } = await post(`${server.url}/graphql`, { query: '{ __typename }' }, { 'x-request-id': unacceptable });
      const returned = response.headers.get('x-request-id');
      expect(returned, unacceptable).toMatch(UUID);
    }
  });

  it('generates a different id per request when the client sends none, also through yoga.fetch', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const direct = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{' }),
      });
      const id = direct.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      const body = (await direct.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', requestId: id });
      ids.add(id);
    }
    expect(ids.size).toBe(3);
  });

  it('puts the id on errors raised before execution too (refused requests)', async () => {
    const response = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, { headers: { 'x-request-id': 'refused-1' } });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toEqual({ code: 'CSRF_PREVENTED', requestId: 'refused-1' });
  });

  it('writes the id on every log line of the request, the access log line included', async () => {
    const { lines } = await captureLogs(() => post(`${server.url}/graphql`, { query: 'query Who { person(slug: "sam-altman") { name } }' }, { 'x-request-id': 'logged-7' }));
    const access = lines.filter((line) => line.msg === 'POST /graphql 200 in ' + String(line.responseTime) + ' ms');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ level: 30, requestId: 'logged-7', req: { method: 'POST', path: '/graphql' }, res: { statusCode: 200 } });
    // Yoga's own debug lines are written through the same logger from inside the request.
    expect(lines.filter((line) => line.level === 20).length).toBeGreaterThanOrEqual(2);
    expect(lines.map((line) => line.requestId)).toEqual(lines.map(() => 'logged-7'));
  });

  it('writes the id on the error line of an internal error, and on its 500-free response', async () => {
    // A real internal error: a column the query needs is renamed for the duration of the request.
    await sql.exec(`ALTER TABLE "Conflict" RENAME COLUMN "description" TO "description_renamed_by_test"`);
    const { result, lines } = await captureLogs(async () => {
      try {
        return await post(`${server.url}/graphql`, { query: '{ conflict(slug: "musk-vs-openai") { description } }' }, { 'x-request-id': 'broken-9' });
      } finally {
        await sql.exec(`ALTER TABLE "Conflict" RENAME COLUMN "description_renamed_by_test" TO "description"`);
      }
    });
    expect(result.body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'broken-9' });
    const errorLines = lines.filter((line) => line.level === 50);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({ requestId: 'broken-9' });
    expect(lines.map((line) => line.requestId)).toEqual(lines.map(() => 'broken-9'));
  });

  it('writes one access line for a request its client abandons, saying so, and none twice', async () => {
    const { lines } = await captureLogs(
      () =>
        new Promise<void>((resolve, reject) => {
          // A body announced as 100 bytes, 9 of them sent, then the connection closed.
          const { hostname, port } = new URL(server.url);
          const socket = connect(Number(port), hostname, () => {
            socket.write('POST /graphql HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\nx-request-id: gone-3\r\ncontent-length: 100\r\n\r\n{"query":');
            setTimeout(() => socket.destroy(), 50);
          });
          socket.on('close', () => resolve());
          socket.on('error', reject);
        }),
    );
    const access = lines.filter((line) => line.requestId === 'gone-3' && line.req);
    expect(access).toEqual([
      expect.objectContaining({ level: 30, aborted: true, req: { method: 'POST', path: '/graphql' }, msg: expect.stringMatching(/^POST \/graphql closed by the client after \d+ ms$/) }),
    ]);
  });

  it('logs the generated id when the client sends none, the same as the response header', async () => {
    const { result, lines } = await captureLogs(() => post(`${server.url}/graphql`, { query: '{ __typename }' }));
    const id = result.response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(new Set(lines.map((line) => line.requestId))).toEqual(new Set([id]));
  });
});
