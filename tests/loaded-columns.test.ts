import { type FieldNode, getNamedType, type GraphQLField, type GraphQLResolveInfo, isLeafType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema.js';
import { runOk } from './helpers/graphql.js';
import { countStatements } from './helpers/sql-counter.js';

// Column fields answer from the row they are given (src/graphql/loaded-columns.ts) instead of
// asking the Prisma plugin, per row, which plan loaded it. These tests pin that down: the lookup
// cost 10–15% of a nested list's CPU, and nothing else would notice if a change brought it back.

/** What a resolver sees when nothing planned the row: no Pothos caches, no path to look up. */
const UNPLANNED = { schema, fieldNodes: [], fragments: {}, path: undefined } as unknown as GraphQLResolveInfo;

function columnFields(): { type: string; field: GraphQLField<unknown, unknown>; column: string }[] {
  const found = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      // Exposed columns of types in select mode (the others have no selection, hence no lookup).
      const column = field.extensions?.pothosPrismaVariant;
      if (typeof column === 'string' && field.extensions?.pothosPrismaSelect && isLeafType(getNamedType(field.type))) found.push({ type: type.name, field, column });
    }
  }
  return found;
}

describe('column fields', () => {
  it('answer an exposed column straight from a row that carries it', () => {
    const fields = columnFields();
    // Every type's slug, name, title, role…
    expect(fields.length).toBeGreaterThanOrEqual(30);
    for (const { type, field, column } of fields) {
      const answer = field.resolve!({ id: 'row', [column]: `value of ${type}.${column}` }, {}, {}, UNPLANNED);
      expect(answer, `${type}.${field.name}`).toBe(`value of ${type}.${column}`);
    }
  });

  it('answer a partial date from a row that carries its columns, labels only when a wording is asked for', () => {
    const date = (schema.getType('Quote') as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields().date!;
    const row = {
      date: new Date('2023-07-01T00:00:00Z'),
      datePrecision: 'MONTH',
      dateStated: 'im Juli 2023',
      dateStatedLanguage: 'de',
      dateDerivation: null,
      dateDerivationLanguage: null,
      dateEarliest: null,
      dateLatest: null,
    };
    expect(date.resolve!(row, {}, {}, UNPLANNED)).toMatchObject({ precision: 'MONTH', stated: 'im Juli 2023', start: row.date });
  });

  it('leave a row that lacks the column to the Prisma plugin, which loads it', async () => {
    // Not answered as undefined: the plugin's resolver runs, and with no plan behind the row it
    // sets out to load the column (here it cannot even start: nothing planned the request).
    const slug = (schema.getType('Quote') as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields().slug!;
    const attempt = async () => slug.resolve!({ id: 'row' }, {}, {}, UNPLANNED);
    await expect(attempt()).rejects.toThrow();
  });
});

// Relations without arguments answer from their row too, when nothing beneath them needs to know
// which plan loaded the row (14% of the headline nested query's CPU went to that lookup). What
// follows pins down that the answers stay right where a plan's data must not be trusted as is.
describe('relations without arguments', () => {
  const EVENTS = (selection: string) => `{ conflict(slug: "musk-vs-openai") { events(first: 50) { edges { node { slug ${selection} } } } } }`;
  const eventsOf = (result: any) => result.conflict.events.edges.map((edge: any) => edge.node);

  it('answer a relation from a row that carries it, without asking the Prisma plugin', () => {
    const actor = (schema.getType('EventParticipant') as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields().actor!;
    const document = parse('{ a { actor { slug name date { iso } } } }');
    const fieldNode = ((document.definitions[0] as any).selectionSet.selections[0] as FieldNode).selectionSet!.selections[0] as FieldNode;
    const row = { id: 'participation', actor: { id: 'actor', slug: 'someone', name: 'Someone' } };
    // With no plan behind the row the plugin's resolver could not answer (see above).
    const info = { ...UNPLANNED, fieldNodes: [fieldNode], returnType: actor.type } as unknown as GraphQLResolveInfo;
    expect(actor.resolve!(row, {}, {}, info)).toBe(row.actor);
  });

  it('answer aliases of one relation that select different fields, each with its own fields', async () => {
    const aliased = await countStatements(() => runOk(EVENTS('participants { a: actor { name } b: actor { slug affiliations { role organization { name } } } }')));
    const plain = await countStatements(() => runOk(EVENTS('participants { actor { name slug affiliations { role organization { name } } } }')));
    const participants = eventsOf(plain.result).flatMap((event: any) => event.participants);
    expect(participants.length).toBeGreaterThan(20);
    // Loaded together, not per row: the aliases cost the statements the plain selection costs.
    expect(aliased.statements.length, aliased.statements.join('\n---\n')).toBe(plain.statements.length);
    expect(eventsOf(aliased.result).flatMap((event: any) => event.participants)).toEqual(
      participants.map(({ actor }: any) => ({ a: { name: actor.name }, b: { slug: actor.slug, affiliations: actor.affiliations } })),
    );
  });

  it('keep the arguments of a relation that has them: two aliases of participants(role:) answer each role', async () => {
    const all = eventsOf(await runOk(EVENTS('participants { role actor { slug } }')));
    const roles = [...new Set(all.flatMap((event: any) => event.participants.map((p: any) => p.role)))] as string[];
    expect(roles.length).toBeGreaterThanOrEqual(2);
    const [first, second] = roles;
    const split = eventsOf(await runOk(EVENTS(`x: participants(role: ${first}) { role actor { slug } } y: participants(role: ${second}) { role actor { slug } }`)));
    split.forEach((event: any, index: number) => {
      expect(event.x).toEqual(all[index].participants.filter((p: any) => p.role === first));
      expect(event.y).toEqual(all[index].participants.filter((p: any) => p.role === second));
    });
  });

  it('leave a relation with a connection beneath it to the plugin, which loads the connection in the planned statements', async () => {
    const query = (first: number) =>
      `{ conflict(slug: "musk-vs-openai") { events(first: ${first}) { edges { node { participants { actor { slug quotes(first: 2) { edges { node { slug } } } } } } } } } }`;
    const one = await countStatements(() => runOk(query(1)));
    const many = await countStatements(() => runOk(query(50)));
    const quotes = eventsOf(many.result).flatMap((event: any) => event.participants.flatMap((p: any) => p.actor.quotes.edges));
    expect(quotes.length).toBeGreaterThan(10);
    // Not a statement per actor: the same count for one event as for fifty.
    expect(many.statements.length, many.statements.join('\n---\n')).toBe(one.statements.length);
  });
});
