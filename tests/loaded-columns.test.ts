import { getNamedType, type GraphQLField, type GraphQLResolveInfo, isLeafType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema.js';

// Column fields answer from the row they are given (src/graphql/loaded-columns.ts) instead of
// asking the Prisma plugin, per row, which plan loaded it. These tests pin that down: the lookup
// cost 10–15% of a nested list's CPU, and nothing else would notice if a change brought it back.

/** What a resolver sees when nothing planned the row: no Pothos caches, no path to look up. */
const UNPLANNED = { fieldNodes: [], fragments: {}, path: undefined } as unknown as GraphQLResolveInfo;

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
