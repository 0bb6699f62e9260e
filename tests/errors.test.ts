import { describe, expect, it } from 'vitest';
import { execute, runError, runOk } from './helpers/graphql.js';
import { countStatements } from './helpers/sql-counter.js';
import { yoga } from '../src/yoga.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

/** Runs a request that must be refused as BAD_USER_INPUT before any SQL statement is sent. */
async function refusedBeforeSql(query: string, variables?: Record<string, unknown>) {
  const { result, statements } = await countStatements(() => execute(query, variables));
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  expect(result.errors![0]!.extensions!.code, JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
  expect(statements).toEqual([]);
  expect(result.status).toBeLessThan(500);
  return result.errors![0]!;
}

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

describe('the error contract: client mistakes are BAD_USER_INPUT, refused before SQL', () => {
  it.each([
    ['an unknown type ("Foo:1")', 'Rm9vOjE='],
    ['an unknown type with a well-formed id', b64(`Foo:${UNKNOWN_UUID}`)],
    ['a known type with an id that is no UUID', b64('Source:not-a-uuid')],
    ['an interface name as type', b64(`Actor:${UNKNOWN_UUID}`)],
    ['a type that is no Node', b64(`PartialDate:${UNKNOWN_UUID}`)],
    ['text that is not base64', 'not a global id!'],
    ['base64 of text without a type', b64(UNKNOWN_UUID)],
    ['an empty string', ''],
  ])('refuses a global ID with %s', async (_case, id) => {
    const error = await refusedBeforeSql(`query ($id: ID!) { node(id: $id) { id } }`, { id });
    expect(error.message).not.toMatch(/implemented|Expected ref|prisma/i);
    await refusedBeforeSql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id] });
  });

  it('refuses the ID of one type where another is expected, naming both', async () => {
    const { conflict } = await runOk(`{ conflict(slug: "musk-vs-openai") { id } }`);
    const error = await refusedBeforeSql(`query ($id: ID!) { source(id: $id) { title } }`, { id: conflict.id });
    expect(error.message).toMatch(/Conflict.*Source/);
  });

  it.each([
    ['a crafted Prisma cursor with no UUID', `{ people(first: 2, after: "R1BDOlM6bm90LWEtdXVpZA==") { edges { node { id } } } }`],
    ['garbage as a timeline cursor', `{ conflict(slug: "musk-vs-openai") { timeline(after: "zzz") { totalCount } } }`],
    ['an offset cursor on a Prisma list', `{ people(after: "${b64('OffsetConnection:3')}") { totalCount } }`],
    ['a Prisma cursor on the timeline', `{ conflict(slug: "musk-vs-openai") { timeline(after: "${b64(`GPC:S:${UNKNOWN_UUID}`)}") { totalCount } } }`],
    ['a bad cursor on a nested list', `{ person(slug: "elon-musk") { quotes(after: "zzz") { totalCount } } }`],
    ['a bad cursor on a join-table list', `{ person(slug: "elon-musk") { events(before: "R1BDOlM6eA==", last: 1) { totalCount } } }`],
    ['first together with last', `{ people(first: 3, last: 1) { edges { node { id } } } }`],
    ['after together with before', `{ quotes(after: "${b64(`GPC:S:${UNKNOWN_UUID}`)}", before: "${b64(`GPC:S:${UNKNOWN_UUID}`)}") { totalCount } }`],
    ['a negative page size', `{ conflict(slug: "musk-vs-openai") { timeline(first: -1) { totalCount } } }`],
    ['a NUL character in a literal argument', `{ person(slug: "elon\\u0000musk") { id } }`],
    ['a NUL character in a list argument', `{ quotes(language: "de\\u0000") { totalCount } }`],
  ])('refuses %s', async (_case, query) => {
    await refusedBeforeSql(query);
  });

  it('names the field whose argument it refused, also when its parent refused it while planning', async () => {
    // A nested list's arguments are checked when its parent plans the SQL for what is beneath it, so
    // the error's path is the parent's: the message and `extensions.field` say which field it was.
    const nested = await refusedBeforeSql(`{ conflict(slug: "musk-vs-openai") { timeline(first: -1) { totalCount } } }`);
    expect(nested.message).toBe('Argument "first" must not be negative. (an argument of Conflict.timeline)');
    expect(nested.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first', field: 'Conflict.timeline' });
    expect(nested.path).toEqual(['conflict']);
    const root = await refusedBeforeSql(`{ events(last: -2) { totalCount } }`);
    expect(root.message).toBe('Argument "last" must not be negative.');
    expect(root.extensions).toMatchObject({ argumentName: 'last', field: 'Query.events' });
    expect(root.path).toEqual(['events']);
  });

  it('refuses NUL characters that arrive in variables', async () => {
    await refusedBeforeSql(`query ($slug: String!) { organization(slug: $slug) { id } }`, { slug: 'open\u0000ai' });
    await refusedBeforeSql(`query ($q: String) { people(nameContains: $q) { totalCount } }`, { q: '\u0000' });
  });

  it.each(['0000-01-01', '10000-01-01', '-000001-01-01', '2023-02-30', '2023-13-01', '275760-09-14', '2023-1-1'])(
    'refuses the date %s, as a literal and as a variable, before SQL',
    async (day) => {
      const literal = await refusedBeforeSql(`{ events(from: "${day}") { totalCount } }`);
      expect(literal.message).toContain('YYYY-MM-DD');
      const variable = await refusedBeforeSql(`query ($to: Date) { quotes(to: $to) { totalCount } }`, { to: day });
      expect(variable.message).toContain(day);
    },
  );

  it('accepts the edges of the date range', async () => {
    const data = await runOk(`{ first: events(from: "0001-01-01") { totalCount } last: events(to: "9999-12-31") { totalCount } }`);
    expect(data.first.totalCount).toBeGreaterThan(0);
    expect(data.last.totalCount).toBe(data.first.totalCount);
  });

  it('keeps graphql-js’s message for variables of the wrong type or missing, with HTTP 400', async () => {
    const wrongType = await runError(`query ($slug: String!) { person(slug: $slug) { id } }`, { slug: 5 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.errors![0]).toMatchObject({ message: expect.stringContaining('String cannot represent'), extensions: { code: 'BAD_USER_INPUT' } });
    const missing = await runError(`query ($slug: String!) { person(slug: $slug) { id } }`);
    expect(missing.status).toBe(400);
    expect(missing.errors![0]).toMatchObject({ message: expect.stringContaining('was not provided'), extensions: { code: 'BAD_USER_INPUT' } });
    const hugeInt = await runError(`query ($n: Int) { people(first: $n) { totalCount } }`, { n: 2 ** 40 });
    expect(hugeInt.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it.each(['mutation { __typename }', 'subscription { __typename }'])('answers “%s” on this read-only API with a validation error', async (query) => {
    const result = await runError(query);
    expect(result.status).toBe(400);
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringContaining('read-only') });
  });

  it.each([
    ['variables that are not JSON', 'query=%7B__typename%7D&variables=%7Bbad'],
    ['variables that are a JSON array', 'query=%7B__typename%7D&variables=%5B1%5D'],
    ['extensions that are not JSON', 'query=%7B__typename%7D&extensions=nope'],
  ])('answers a GET request with %s with HTTP 400 BAD_REQUEST', async (_case, search) => {
    // GET requests carry a CSRF-prevention header (README, Production), as non-browser clients do.
    const response = await yoga.fetch(`http://yoga/graphql?${search}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('still answers GET requests with valid parameters', async () => {
    const search = new URLSearchParams({ query: 'query ($slug: String!) { person(slug: $slug) { name } }', variables: JSON.stringify({ slug: 'elon-musk' }) });
    const response = await yoga.fetch(`http://yoga/graphql?${search}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ person: { name: 'Elon Musk' } });
  });
});
