import { type GraphQLObjectType, isObjectType } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import './helpers/database.js';
import { useCompiledExecution } from '../src/graphql/compiled-execution.js';
import { createContext } from '../src/graphql/context.js';
import { maskError } from '../src/graphql/errors.js';
import { schema } from '../src/graphql/schema.js';
import { logger } from '../src/logger.js';
import { countStatements } from './helpers/sql-counter.js';

// A document that keeps coming back is compiled (graphql-jit) after its first execution by
// graphql-js (src/graphql/compiled-execution.ts). The rest of the suite runs with every document
// compiled at once (vitest.config.ts); here both executors answer the same requests, which must
// get the same response from the same SQL statements.

function server(plugins: Plugin[]) {
  const yoga = createYoga({ schema, context: createContext, plugins, maskedErrors: { maskError }, logging: false });
  return async (query: string, variables?: Record<string, unknown>) => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  };
}

type Body = { data?: any; errors?: { message: string; locations?: unknown[]; extensions?: { code?: string } }[] };

const REQUESTS: [string, string, Record<string, unknown> | undefined, (body: Body) => void][] = [
  [
    'nested relations and connections',
    `query ($first: Int!) { conflict(slug: "musk-vs-openai") { events(first: $first) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { title date { iso precision stated derivation } participants { role actor { name affiliations { role organization { name } sources { title } } } } sources { title } } } } } }`,
    { first: 30 },
    (body) => {
      const events = body.data.conflict.events.edges;
      expect(events.length).toBeGreaterThan(10);
      expect(events.flatMap((e: any) => e.node.participants.flatMap((p: any) => p.actor.affiliations)).length).toBeGreaterThan(10);
      // Dates as the article gives them: partial ones keep their precision, stated wordings their words.
      const dates = events.map((e: any) => e.node.date).filter(Boolean);
      expect(dates.every((d: any) => d.iso.length === { YEAR: 4, MONTH: 7, DAY: 10 }[d.precision as string])).toBe(true);
      expect(new Set(dates.map((d: any) => d.precision)).size).toBeGreaterThan(1);
      expect(dates.some((d: any) => typeof d.stated === 'string')).toBe(true);
    },
  ],
  [
    'a union list with fragments, aliases with different arguments, @include and @skip',
    `query ($withQuotes: Boolean!) { conflict(slug: "musk-vs-openai") {
      timeline(first: 40) { edges { node { __typename date { iso } ... on Event { slug plaintiffs: participants(role: PLAINTIFF) { actor { name } } everyone: participants { role } }
        ... on Quote @include(if: $withQuotes) { text speaker { name } } ... on LegalActionStatusChange @skip(if: $withQuotes) { status } } } }
      quotes(first: 5) { edges { node { text } } } } }`,
    { withQuotes: true },
    (body) => {
      const entries = body.data.conflict.timeline.edges.map((e: any) => e.node);
      expect(entries.some((e: any) => e.__typename === 'Quote' && e.speaker.name)).toBe(true);
      expect(entries.some((e: any) => e.__typename === 'Event' && e.everyone.length > 0)).toBe(true);
    },
  ],
  [
    'objects by their global ids, through an interface',
    `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Actor { name } ... on Event { title participants { actor { name } } } } }`,
    { ids: ['people', 'events'] },
    (body) => {
      expect(body.data.nodes).toHaveLength(6);
      expect(body.data.nodes.map((n: any) => n.__typename === 'Event' ? n.title : n.name).every(Boolean)).toBe(true);
    },
  ],
  [
    'a client mistake raised by a resolver',
    `{ people(after: "R1BDOlM6bm90LWEtdXVpZA==") { totalCount } }`,
    undefined,
    (body) => expect(body.errors).toEqual([expect.objectContaining({ locations: [{ line: 1, column: 3 }], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]),
  ],
  [
    'a variable that does not coerce',
    `query ($n: Int) { people(first: $n) { totalCount } }`,
    { n: 'three' },
    (body) => expect(body.errors?.[0]?.message).toMatch(/^Variable "\$n" got invalid value "three"; Int cannot represent/),
  ],
];

/** Global ids of a few people and events. */
async function someIds(run: ReturnType<typeof server>): Promise<string[]> {
  const { body } = await run(`{ people(first: 3) { edges { node { id } } } events(first: 3) { edges { node { id } } } }`);
  return [...body.data.people.edges, ...body.data.events.edges].map((edge: { node: { id: string } }) => edge.node.id);
}

describe('compiled execution', () => {
  let debug: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    debug = vi.spyOn(logger, 'debug');
  });
  afterEach(() => vi.restoreAllMocks());
  const compiledNow = () => debug.mock.calls.filter((call: unknown[]) => call[1] === 'operation compiled').length;

  it.each(REQUESTS)('answers %s as graphql-js does, with the same SQL statements', async (_name, query, given, check) => {
    const byGraphqlJs = server([]);
    const variables = given?.ids ? { ids: await someIds(byGraphqlJs) } : given;
    const byCompiled = server([useCompiledExecution({ after: 1 })]);
    const expected = await countStatements(() => byGraphqlJs(query, variables));

    // First execution: graphql-js; nothing compiled.
    const first = await countStatements(() => byCompiled(query, variables));
    expect(compiledNow()).toBe(0);
    expect(first.result).toEqual(expected.result);

    // Second: compiled, the same answer from the same statements.
    const second = await countStatements(() => byCompiled(query, variables));
    expect(compiledNow()).toBe(1);
    expect(second.result).toEqual(expected.result);
    // Sibling fields resolve concurrently, so the statements may be sent in another order.
    expect([...second.statements].sort()).toEqual([...expected.statements].sort());
    check(second.result.body);
  });

  it('leaves every Relay edge’s node without a resolver, so compiled code reads it inline', () => {
    // The Relay plugin's `edge.node` read, left to the default resolver (plainEdgeNodes); the
    // answers above are the same either way.
    const edges = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && type.name.endsWith('Edge'));
    expect(edges.length).toBeGreaterThan(20);
    for (const edge of edges) expect(edge.getFields().node?.resolve, edge.name).toBeUndefined();
  });

  it('leaves a date’s iso, precision, stated and derivation without a resolver: they are properties of its value', () => {
    // PartialDateValue carries them (iso as a getter), so compiled code reads them inline instead of
    // making a deferred resolver call per row for each.
    const fields = (schema.getType('PartialDate') as GraphQLObjectType).getFields();
    for (const name of ['iso', 'precision', 'stated', 'derivation']) expect(fields[name]?.resolve, name).toBeUndefined();
  });

  it('keeps compiled only as many fields as allowed, dropping the least recently executed first', async () => {
    const people = `{ people(first: 2) { edges { node { name } } } }`;
    const organizations = `{ organizations(first: 2) { edges { node { name } } } }`;
    const byGraphqlJs = server([]);
    const expected = { people: await byGraphqlJs(people), organizations: await byGraphqlJs(organizations) };
    // Room for one of the two (4 fields each).
    const run = server([useCompiledExecution({ after: 0, maxFields: 6 })]);
    expect(await run(people)).toEqual(expected.people);
    expect(await run(people)).toEqual(expected.people);
    expect(compiledNow()).toBe(1);
    // Compiling the second drops the first…
    expect(await run(organizations)).toEqual(expected.organizations);
    expect(await run(organizations)).toEqual(expected.organizations);
    expect(compiledNow()).toBe(2);
    // …which is compiled again when it comes back.
    expect(await run(people)).toEqual(expected.people);
    expect(compiledNow()).toBe(3);
    expect(expected.people.body.data.people.edges).toHaveLength(2);
  });

  it('compiles nothing while its time budget is spent, and answers all the same', async () => {
    const query = `{ people(first: 2) { edges { node { name } } } }`;
    const expected = await server([])(query);
    const starved = server([useCompiledExecution({ after: 0, budgetMs: 0, budgetShare: 0 })]);
    for (let i = 0; i < 3; i++) expect(await starved(query)).toEqual(expected);
    expect(compiledNow()).toBe(0);
    expect(expected.body.data.people.edges).toHaveLength(2);
  });
});
