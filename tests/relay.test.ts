import { describe, expect, it } from 'vitest';
import { runError, runOk } from './helpers/graphql.js';
import { countStatements } from './helpers/sql-counter.js';

describe('Relay global IDs', () => {
  it('refetches any object through node and nodes by the id it was served with', async () => {
    const data = await runOk(`{
      person(slug: "elon-musk") { id name }
      organization(slug: "openai") { id name }
      legalAction(slug: "musk-v-openai-2024-08") { id title }
      conflict(slug: "musk-vs-openai") { id name }
      events(first: 1) { edges { node { id title } } }
    }`);
    const ids = [data.person.id, data.organization.id, data.legalAction.id, data.conflict.id, data.events.edges[0].node.id];
    const refetched = await runOk(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Actor { name } ... on LegalAction { title } ... on Conflict { name } ... on Event { title } } }`,
      { ids },
    );
    expect(refetched.nodes.map((n: any) => [n.__typename, n.id])).toEqual([
      ['Person', data.person.id],
      ['Organization', data.organization.id],
      ['LegalAction', data.legalAction.id],
      ['Conflict', data.conflict.id],
      ['Event', data.events.edges[0].node.id],
    ]);
    expect(refetched.nodes[0].name).toBe('Elon Musk');
    const single = await runOk(`query ($id: ID!) { event(id: $id) { title } }`, { id: data.events.edges[0].node.id });
    expect(single.event.title).toBe(data.events.edges[0].node.title);
  });

  it('serves id on the Actor and TimelineEntry interfaces, without fragments, as the same global IDs node accepts', async () => {
    const data = await runOk(`query ActorAndTimelineIds {
      actor(slug: "openai") { id }
      organization(slug: "openai") { id }
      conflict(slug: "musk-vs-openai") { timeline(first: 100) { edges { node { id __typename } } } }
    }`);
    expect(data.actor.id).toBe(data.organization.id);
    const entries = data.conflict.timeline.edges.map((e: any) => e.node);
    expect(new Set(entries.map((e: any) => e.__typename))).toEqual(new Set(['Event', 'Quote', 'Claim', 'LegalActionStatusChange']));
    const refetched = await runOk(`query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`, { ids: entries.map((e: any) => e.id) });
    expect(refetched.nodes).toEqual(entries);
  });

  it('resolves Quote.speaker to Person or Organization through the Actor interface', async () => {
    const data = await runOk(`{ quotes(first: 100) { edges { node { speaker { __typename slug ... on Organization { kind } } } } } }`);
    const speakers = data.quotes.edges.map((e: any) => e.node.speaker);
    expect(speakers.find((s: any) => s.slug === 'elon-musk').__typename).toBe('Person');
    expect(speakers.find((s: any) => s.slug === 'openai')).toMatchObject({ __typename: 'Organization', kind: expect.any(String) });
  });

  it('rejects a malformed global ID with BAD_USER_INPUT', async () => {
    const result = await runError(`{ event(id: "not-a-global-id") { title } }`);
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.data).toEqual({ event: null });
  });

  it('rejects the global ID of another type where an Event is expected', async () => {
    const { conflict } = await runOk(`{ conflict(slug: "musk-vs-openai") { id } }`);
    const result = await runError(`query ($id: ID!) { event(id: $id) { title } }`, { id: conflict.id });
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('Conflict') });
  });

  it('returns null for a well-formed ID that names nothing, in every lookup by ID', async () => {
    const unknownEvent = Buffer.from('Event:00000000-0000-4000-8000-000000000000').toString('base64');
    const unknownPerson = Buffer.from('Person:00000000-0000-4000-8000-000000000000').toString('base64');
    const data = await runOk(`query ($id: ID!, $person: ID!) { event(id: $id) { title } node(id: $person) { id } }`, { id: unknownEvent, person: unknownPerson });
    expect(data).toEqual({ event: null, node: null });
  });

  it('answers nodes with a null entry for each unknown ID and keeps the others', async () => {
    const { organization, person } = await runOk(`{ organization(slug: "openai") { id } person(slug: "sam-altman") { id } }`);
    // An organisation's UUID under the Person type names no person.
    const organizationAsPerson = Buffer.from(`Person:${Buffer.from(organization.id, 'base64').toString().split(':')[1]}`).toString('base64');
    const unknown = Buffer.from('Quote:00000000-0000-4000-8000-000000000000').toString('base64');
    const data = await runOk(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
      ids: [organization.id, unknown, person.id, organizationAsPerson],
    });
    expect(data.nodes).toEqual([{ __typename: 'Organization', id: organization.id }, null, { __typename: 'Person', id: person.id }, null]);
  });

  it('refetches nodes with their nested selection in one statement of the app’s own per type, as lookups by slug answer them', async () => {
    const selection = `name affiliations { role organization { slug name } } quotes(first: 2) { edges { node { slug date { iso precision } } } }`;
    const bySlug = await runOk(`{
      elon: person(slug: "elon-musk") { id ${selection} }
      sam: person(slug: "sam-altman") { id ${selection} }
      openai: organization(slug: "openai") { id name }
    }`);
    const { result, statements } = await countStatements(() =>
      runOk(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Person { ${selection} } ... on Organization { name } } }`, {
        ids: [bySlug.elon.id, bySlug.openai.id, bySlug.sam.id],
      }),
    );
    expect(result.nodes).toEqual([bySlug.elon, bySlug.openai, bySlug.sam]);
    // Both persons in one statement, the organisation in another (each type has its own key: the id
    // and the actor's type), each with everything beneath built as JSON; not through Prisma's client.
    const lookups = statements.filter((text) => text.includes('FROM "Actor" t0 WHERE t0."id" = ANY('));
    expect(lookups).toHaveLength(2);
    expect(statements.length).toBeLessThanOrEqual(4);
  });

  it('returns null for unknown slugs instead of failing', async () => {
    const data = await runOk(`{ person(slug: "nobody") { name } organization(slug: "elon-musk") { name } }`);
    // elon-musk exists, but is not an organisation.
    expect(data).toEqual({ person: null, organization: null });
  });
});
