import './helpers/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestListener } from '../src/http-listener.js';
import { yoga } from '../src/yoga.js';
import { listen, type ListeningServer } from './helpers/http-server.js';
import { liveHeap } from './helpers/live-heap.js';

/**
 * Thousands of malformed requests, generated from a fixed seed, sent to the server on a real socket
 * (HTTP parsing, body parsing, content negotiation, validation, execution), the way a hostile or
 * buggy client would. A socket, not `yoga.fetch`: in-process calls that never wait for I/O starve
 * the event loop's timers and I/O callbacks, so the concurrent requests that do reach the
 * database saw their own connect and deadline timers fire first — an artefact no network client
 * can cause. Every one must get HTTP 4xx or a coded
 * error — no 5xx, no INTERNAL_SERVER_ERROR — and the server must still answer, with its memory back
 * near where it started.
 */

const ROUNDS = 160; // × one request per generator below = 2,080 requests
const CONCURRENCY = 16;

// Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20250121);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (max: number) => Math.floor(rand() * max);
const b64 = (text: string) => Buffer.from(text).toString('base64');
const junk = (length = 1 + int(40)) => Array.from({ length }, () => String.fromCharCode(1 + int(0x2fff))).join('');
const uuid = () => '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, () => int(16).toString(16));

interface FuzzRequest {
  method?: 'GET' | 'POST';
  /** For GET: the query string; for POST: the body as sent. */
  search?: string;
  body?: string;
  contentType?: string | null;
}
type Generator = () => FuzzRequest;

const json = (query: string, variables?: unknown, extra: Record<string, unknown> = {}): FuzzRequest => ({
  body: JSON.stringify({ query, variables, ...extra }),
  contentType: 'application/json',
});

const TYPE_NAMES = ['Person', 'Organization', 'Actor', 'Node', 'TimelineEntry', 'Event', 'Quote', 'Source', 'PartialDate', 'Query', 'Foo', '', 'person', '__Type'];
const badId = () =>
  pick([
    () => b64(`${pick(TYPE_NAMES)}:${pick([junk(), String(int(1e6)), uuid(), '', uuid() + ':x'])}`),
    () => b64(`${pick(['Actor', 'TimelineEntry', 'Node', 'Foo'])}:${uuid()}`),
    () => junk(),
    () => 'Rm9vOjE=',
    () => b64(junk()),
    () => 'x'.repeat(int(5000)),
  ])();
const badCursor = () =>
  pick([
    () => b64(`GPC:S:${junk()}`),
    () => b64(`GPC:N:${int(1e6)}`),
    () => b64(`OffsetConnection:${pick(['-1', '1e9', 'abc', '99999999999', ''])}`),
    () => b64(`GPC:S:${uuid()}`).slice(0, -2),
    () => 'R1BDOlM6bm90LWEtdXVpZA==',
    () => 'zzz',
    () => junk(),
    () => b64(`K:${JSON.stringify([junk(), int(10)])}`),
  ])();
const CONNECTIONS = [
  (args: string) => `{ people(${args}) { edges { cursor node { id name } } } }`,
  (args: string) => `{ quotes(${args}) { totalCount edges { node { id } } } }`,
  (args: string) => `{ events(${args}) { edges { node { id title } } } }`,
  (args: string) => `{ conflict(slug: "musk-vs-openai") { timeline(${args}) { edges { node { id } } } } }`,
  (args: string) => `{ person(slug: "elon-musk") { quotes(${args}) { edges { node { id } } } events(first: 2) { totalCount } } }`,
  (args: string) => `{ person(slug: "elon-musk") { events(${args}) { edges { node { id } } } } }`,
];
const BAD_DATES = ['0000-01-01', '10000-01-01', '-000001-01-01', '2023-02-30', '2023-00-10', '275760-09-13', '1-1-1', '', 'yesterday', '2023-01-01T00:00:00Z', '9999-99-99'];

const generators: Record<string, Generator> = {
  'bad JSON body': () => ({
    body: pick(['{', '{"query":', 'null', '[]', '"{ __typename }"', '42', 'true', '{"query": 5}', '{"query": null}', '{"query": "{ __typename }", "variables": "x"}', '{"query": "{ __typename }", "variables": [1]}', junk(), '{"query":"{ __typename }"}garbage', '\u0000']),
    contentType: 'application/json',
  }),
  'wrong content type': () => ({
    body: pick([JSON.stringify({ query: '{ __typename }' }), 'query={__typename}', '{ __typename }', junk()]),
    contentType: pick(['text/plain', 'application/xml', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', null, 'application/octet-stream', 'image/png', 'application/json; charset=latin1', 'application/graphql', `application/x-${int(1e6)}`]),
  }),
  'wrong variable type': () => {
    const [query, value] = pick([
      ['query ($slug: String!) { person(slug: $slug) { id } }', pick([5, true, {}, [], 1.5, ['a']])],
      ['query ($n: Int) { people(first: $n) { totalCount } }', pick(['3', 1.5, true, {}, [3], 2 ** 31, -(2 ** 31) - 1])],
      ['query ($k: [EventKind!]) { events(kinds: $k) { totalCount } }', pick([['NOPE'], 'FOUNDING', [null], [1], { a: 1 }])],
      ['query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', pick([[null], null, 'x', [{}], [true]])],
      ['query ($d: Date) { events(from: $d) { totalCount } }', pick([20230101, {}, [], true, 'July 2023'])],
      ['query ($o: DateOrder) { quotes(orderBy: $o) { totalCount } }', pick(['date_asc', 1, 'OLDEST', ''])],
    ] as const);
    return json(query, { [query.match(/\$(\w+)/)![1]!]: value });
  },
  'missing variable': () =>
    json(
      pick([
        'query ($slug: String!) { person(slug: $slug) { id } }',
        'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        'query ($id: ID!) { node(id: $id) { id } }',
        'query ($a: String!, $b: String!) { person(slug: $a) { id } organization(slug: $b) { id } }',
      ]),
      pick([undefined, {}, { other: 1 }, { slug: null }]),
    ),
  'unknown field, argument or type': () =>
    json(
      pick([
        `{ ${junk(8).replace(/\W/g, 'x') || 'nope'} }`,
        '{ person(slug: "elon-musk") { password } }',
        '{ person(handle: "elon-musk") { id } }',
        '{ node(id: "x") { ... on Password { id } } }',
        'query ($x: Secret) { __typename }',
        '{ people(first: 2) { edges { node { secrets } } } }',
        '{ __schema { types { nam } } }',
        'query A { __typename } query A { __typename }',
        'query A { __typename } query B { __typename }',
        `{ ${junk()} `,
        junk(),
      ]),
    ),
  'bad global ID': () =>
    pick([
      () => json('query ($id: ID!) { node(id: $id) { id } }', { id: badId() }),
      () => json('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [badId(), badId()] }),
      () => json('query ($id: ID) { event(id: $id) { title } }', { id: badId() }),
      () => json(`{ source(id: ${JSON.stringify(badId())}) { title } }`),
    ])(),
  'bad cursor': () => {
    const args = `${pick(['first: 2, ', 'last: 2, ', ''])}${pick(['after', 'before'])}: ${JSON.stringify(badCursor())}`;
    return json(pick(CONNECTIONS)(args.startsWith('first') && args.includes('before') ? args.replace('before', 'after') : args));
  },
  'NUL character': () =>
    pick([
      () => json(`{ person(slug: "elon${'\\u0000'}musk") { id } }`),
      () => json('query ($q: String) { people(nameContains: $q) { totalCount } }', { q: `${junk(3)}\u0000${junk(3)}` }),
      () => json('query ($s: String!) { conflict(slug: $s) { id } }', { s: '\u0000' }),
      () => json('query ($l: String) { quotes(language: $l) { totalCount } }', { l: 'de\u0000' }),
      () => json('query ($id: ID!) { node(id: $id) { id } }', { id: `\u0000${uuid()}` }),
    ])(),
  'out-of-range date': () =>
    pick([
      () => json(`{ events(from: ${JSON.stringify(pick(BAD_DATES))}) { totalCount } }`),
      () => json('query ($d: Date) { quotes(to: $d) { totalCount } }', { d: pick(BAD_DATES) }),
      () => json(`{ conflict(slug: "musk-vs-openai") { timeline(from: ${JSON.stringify(pick(BAD_DATES))}) { totalCount } } }`),
      () => json('query ($d: Date) { sources(from: $d) { totalCount } }', { d: pick(BAD_DATES) }),
    ])(),
  'contradictory page arguments': () =>
    json(pick(CONNECTIONS)(pick(['first: 3, last: 1', 'first: -1', 'last: -5', `first: 2, before: ${JSON.stringify(b64('OffsetConnection:1'))}`, `after: "${b64(`GPC:S:${uuid()}`)}", before: "${b64(`GPC:S:${uuid()}`)}"`]))),
  'mutation or subscription': () =>
    pick([
      () => json(pick(['mutation { __typename }', 'subscription { __typename }', 'mutation M { person(slug: "x") { id } }', 'subscription S { people { totalCount } }'])),
      () => ({ method: 'GET' as const, search: new URLSearchParams({ query: pick(['mutation { __typename }', 'subscription { __typename }']) }).toString() }),
    ])(),
  'huge number': () =>
    pick([
      () => json(`{ people(first: ${pick(['99999999999', '2147483648', '1e10', '-99999999999', '1.5', '0x10'])}) { totalCount } }`),
      () => json('query ($n: Int) { quotes(first: $n) { totalCount } }', { n: pick([2 ** 53, 1e308, -1e308, 2 ** 31]) }),
      () => ({ body: '{"query":"query ($n: Int) { events(first: $n) { totalCount } }","variables":{"n":1e999}}', contentType: 'application/json' }),
    ])(),
  'bad GET parameters': () => ({
    method: 'GET',
    search: pick([
      'query=%7B__typename%7D&variables=%7Bbad',
      'query=%7B__typename%7D&variables=%5B1%5D',
      'query=%7B__typename%7D&variables=null',
      'query=%7B__typename%7D&extensions=%7B',
      'query=%7B__typename%7D&extensions=42',
      'query=%7B__typename%7D&operationName=Missing',
      'query=',
      'variables=%7B%7D',
      '',
      `query=${encodeURIComponent(junk())}`,
      `query=%7B__typename%7D&variables=${encodeURIComponent(junk())}`,
      'query=%7Bperson(slug%3A%22a%5Cu0000b%22)%7Bid%7D%7D',
      'query=query(%24d%3ADate)%7Bevents(from%3A%24d)%7BtotalCount%7D%7D&variables=%7B%22d%22%3A%220000-01-01%22%7D',
    ]),
  }),
};

describe('fuzzing the endpoint with malformed requests', () => {
  let server: ListeningServer;
  beforeAll(async () => {
    server = await listen(createRequestListener(yoga));
  });
  afterAll(() => server.close());

  async function send(request: FuzzRequest): Promise<{ status: number; body: string }> {
    const accept = pick(['application/graphql-response+json', 'application/json', 'application/graphql-response+json, application/json', '*/*']);
    const headers: Record<string, string> = { accept };
    if (request.contentType) headers['content-type'] = request.contentType;
    const response =
      request.method === 'GET'
        ? await fetch(`${server.url}/graphql?${request.search ?? ''}`, { headers })
        : await fetch(`${server.url}/graphql`, { method: 'POST', headers, body: request.body });
    return { status: response.status, body: await response.text() };
  }

  it('answers every one with HTTP 4xx or a coded error, never 5xx or INTERNAL_SERVER_ERROR, and keeps serving', async () => {
    const health = async () => (JSON.parse((await send(json('{ person(slug: "elon-musk") { name } }'))).body) as { data?: unknown }).data;
    expect(await health()).toEqual({ person: { name: 'Elon Musk' } });
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = await liveHeap();

    const queue = Array.from({ length: ROUNDS }, () => Object.entries(generators)).flat();
    const counts: Record<string, number> = {};
    const failures: string[] = [];
    let index = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (index < queue.length) {
          const [caseClass, generate] = queue[index++]!;
          const request = generate();
          const { status, body } = await send(request);
          counts[caseClass] = (counts[caseClass] ?? 0) + 1;
          const errors = body.startsWith('{') ? ((JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []) : [];
          const uncoded = errors.filter((error) => typeof error.extensions?.code !== 'string');
          const internal = errors.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
          if (status >= 500 || internal || (status < 400 && uncoded.length > 0)) {
            failures.push(`${caseClass}: HTTP ${status} ${body.slice(0, 300)} ← ${JSON.stringify(request).slice(0, 300)}`);
          }
        }
      }),
    );

    expect(failures.slice(0, 10), `${failures.length} bad answers`).toEqual([]);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(ROUNDS * Object.keys(generators).length);
    for (const caseClass of Object.keys(generators)) expect(counts[caseClass], caseClass).toBe(ROUNDS);

    // Still answering, correctly, and memory back near where it started.
    expect(await health()).toEqual({ person: { name: 'Elon Musk' } });
    // Nothing kept but the bounded caches: the live heap after full collections grew by 26 MB in
    // every run (the caches of parsed documents, parse errors and plans, filled by 2,080 distinct
    // documents); a request kept alive (7 KB or more each) would take it over 40. RSS only as a gross
    // bound: it also counts memory freed but kept from the allocator, and grew by 87–178 MB over 14
    // runs on this VM (the same code before and after 52e886f), so a bound of 150 failed now and
    // then with nothing leaking.
    const heapGrownMb = ((await liveHeap()) - heapBefore) / 2 ** 20;
    expect(heapGrownMb, `live heap grew by ${heapGrownMb.toFixed(0)} MB`).toBeLessThan(40);
    const grownMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    expect(grownMb, `RSS grew by ${grownMb.toFixed(0)} MB`).toBeLessThan(300);
    // About 2 s on an idle machine; the margin is for a CI runner shared with other jobs.
  }, 120_000);
});
