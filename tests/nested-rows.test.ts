import './helpers/database.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prisma, sql } from '../src/db.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { columnSql, findUniqueRow, loadRowsById, loadRowsWhere, nestedNodeRead, readColumn } from '../src/modules/common/nested-rows.js';
import { runOk } from './helpers/graphql.js';
import { countStatements } from './helpers/sql-counter.js';

// A page's nodes with relations beneath are loaded by one statement of the app's own, in which
// PostgreSQL builds the nested relations as JSON (src/modules/common/nested-rows.ts), instead of
// Prisma's client. Its rows must be exactly what Prisma's `findMany` returns for the same planned
// selection: same keys, same typed values (dates as Dates, BIGINT as bigints), same nested order.

type Delegate = { findMany(query: unknown): Promise<{ id: string }[]> };
const delegates: Record<string, Delegate> = {
  Event: prisma.event as never,
  Quote: prisma.quote as never,
  Actor: prisma.actor as never,
  LegalAction: prisma.legalAction as never,
  Source: prisma.source as never,
};

async function idsOf(model: string): Promise<string[]> {
  return (await delegates[model]!.findMany({ select: { id: true } })).map((row) => row.id);
}

const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

/** Selections as Pothos plans them for the schema's fields (select mode, relation orders and filters). */
const PLANS: [string, string, Record<string, unknown>][] = [
  [
    'events with participants, actors, their affiliations ordered by a partial date (nulls last), and organisations',
    'Event',
    {
      select: {
        id: true,
        slug: true,
        title: true,
        date: true,
        datePrecision: true,
        dateEarliest: true,
        participants: {
          where: {},
          orderBy: [{ role: 'asc' }, { id: 'asc' }],
          select: {
            role: true,
            actor: {
              select: {
                slug: true,
                name: true,
                createdAt: true,
                affiliations: {
                  orderBy: [{ startedOn: { sort: 'asc', nulls: 'last' } }, { startedOnPrecision: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
                  select: { role: true, startedOn: true, startedOnOrder: true, organization: { select: { slug: true, name: true } } },
                },
              },
            },
          },
        },
      },
    },
  ],
  ['events with participants filtered by role', 'Event', { select: { id: true, participants: { where: { role: 'FOUNDER' }, orderBy: [{ role: 'asc' }, { id: 'asc' }], select: { role: true, actorId: true } } } }],
  ['quotes with their speaker, an optional event (to-one, may be null) and the implicit many-to-many `about`', 'Quote', {
    select: { id: true, text: true, dateOrder: true, speaker: { select: { name: true } }, event: { select: { title: true, date: true } }, about: { orderBy: { name: 'asc' }, select: { name: true } } },
  }],
  ['every column (no select) and an include', 'LegalAction', { include: { parties: { orderBy: { id: 'asc' } }, statusHistory: true } }],
  ['every column of a model with dates and 64-bit orders', 'Source', {}],
  ['events with their first two participants in order (a limited relation)', 'Event', {
    select: { id: true, participants: { orderBy: [{ role: 'asc' }, { id: 'asc' }], take: 2, select: { role: true, actor: { select: { name: true } } } } },
  }],
  ['quotes with their labels as localized fields load them (limited, with the publishing source)', 'Quote', {
    select: { id: true, text: true, labels: { select: { field: true, language: true, text: true, renderingOf: true, publishedInId: true, excerpt: true, publishedIn: true }, orderBy: [{ field: 'asc' }, { language: 'asc' }], take: 1 } },
  }],
  ['descending orders with nulls first', 'Actor', { select: { id: true, affiliations: { orderBy: [{ startedOn: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }], select: { id: true, startedOn: true } } } }],
];

describe('rows by id, with nested relations built by PostgreSQL', () => {
  it('can join every relation on `id`: the schema references nothing else', () => {
    const references = [...readFileSync('prisma/schema.prisma', 'utf8').matchAll(/references:\s*\[([^\]]*)\]/g)].map((match) => match[1]!.trim());
    expect(references.length).toBeGreaterThan(20);
    expect(new Set(references)).toEqual(new Set(['id']));
  });

  it.each(PLANS)('equals Prisma findMany: %s', async (_name, model, query) => {
    const ids = await idsOf(model);
    expect(ids.length).toBeGreaterThan(1);
    const ours = await loadRowsById(model, query, ids);
    const prismas = await delegates[model]!.findMany({ ...query, where: { id: { in: ids } } });
    expect(ours).not.toBeNull();
    expect(byId(ours as { id: string }[])).toEqual(byId(prismas));
  });

  // A page's statement (src/modules/common/pages.ts) builds the same relations inside its own
  // lookup of each picked row, their filters' values as its own parameters.
  it.each(PLANS.filter(([, , query]) => Object.values((query.select ?? query.include ?? {}) as object).some((v) => typeof v === 'object')))(
    'builds the same rows inside another statement: %s',
    async (_name, model, query) => {
      const ids = await idsOf(model);
      const read = nestedNodeRead(model, query, 'nr')!;
      expect(read.relations.length).toBeGreaterThan(0);
      const columns = read.columns.map(({ name, type }) => `${columnSql(`nr."${name}"`, type)} AS "${name}"`).join(', ');
      const relations = Prisma.join(read.relations.map(({ name, sql: relation }) => Prisma.sql`, ${relation} AS ${Prisma.raw(`"${name}"`)}`), '');
      // A parameter of the enclosing statement before the fragment's, as a page's cursor comes first.
      const statement = Prisma.sql`SELECT ${Prisma.raw(columns)} ${relations} FROM ${Prisma.raw(`"${model}" nr`)} WHERE nr.id = ANY(${ids}::uuid[])`;
      const rows = await sql.query<Record<string, unknown>>(statement.text, statement.values);
      for (const row of rows) {
        for (const { name, type } of read.columns) row[name] = readColumn(type, row[name]);
        read.typer?.(row);
      }
      expect(byId(rows as { id: string }[])).toEqual(byId((await loadRowsById(model, query, ids)) as { id: string }[]));
    },
  );

  it('finds the plans realistic: the article has filtered, dated and nested rows to compare', async () => {
    const [, , query] = PLANS[0]!;
    const rows = (await loadRowsById('Event', query, await idsOf('Event'))) as any[];
    const affiliations = rows.flatMap((event) => event.participants.flatMap((p: any) => p.actor.affiliations));
    expect(rows.some((event) => event.date instanceof Date)).toBe(true);
    expect(affiliations.some((a: any) => a.startedOn === null)).toBe(true);
    expect(affiliations.some((a: any) => a.startedOn instanceof Date)).toBe(true);
    expect(typeof affiliations[0].startedOnOrder).toBe('bigint');
    const quotes = (await loadRowsById('Quote', PLANS[2]![2], await idsOf('Quote'))) as any[];
    expect(quotes.some((quote) => quote.event === null)).toBe(true);
    expect(quotes.some((quote) => quote.about.length > 1)).toBe(true);
  });

  it.each([
    ['a filter with an operator', { select: { id: true, participants: { where: { role: { in: ['FOUNDER'] } }, select: { role: true } } } }],
    ['a limited relation without an order', { select: { id: true, participants: { take: 1, select: { role: true } } } }],
    ['a limited relation counted from the end', { select: { id: true, participants: { orderBy: { id: 'asc' }, take: -1, select: { role: true } } } }],
    ['a relation count', { select: { id: true, _count: { select: { participants: true } } } }],
    ['an order by a relation', { select: { id: true, participants: { orderBy: { actor: { name: 'asc' } }, select: { role: true } } } }],
    ['a limit at the top', { take: 1, select: { id: true } }],
  ])('leaves to Prisma what it does not translate: %s', async (_name, query) => {
    expect(await loadRowsById('Event', query as Record<string, unknown>, await idsOf('Event'))).toBeNull();
  });

  it("answers a page of events with their nested relations in the app's own statement, not Prisma's", async () => {
    const { result, statements } = await countStatements(() =>
      runOk(`{ events(first: 20) { edges { node { slug participants { role actor { name affiliations { role organization { name } } } } } } } }`),
    );
    expect(result.events.edges.length).toBeGreaterThan(5);
    expect(result.events.edges.some((edge: any) => edge.node.participants.some((p: any) => p.actor.affiliations.length > 0))).toBe(true);
    // One statement built here: the page, picked first, then each of its events by primary key with
    // everything nested in it as JSON.
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/json_agg\(json_build_object\(.*FROM "EventParticipant"/);
    expect(statements[0]).toMatch(/FROM "Event" nr WHERE nr\.id = p\.nid LIMIT 1\) m ON true/);
  });

  describe('a root field\'s row by a unique key (findUniqueRow)', () => {
    const CONFLICT_PLAN = {
      select: { id: true, slug: true, name: true, createdAt: true, parties: { orderBy: { name: 'asc' }, select: { name: true, type: true } } },
    };

    it('equals Prisma findUnique, found or not, the key matched on every column given', async () => {
      const [conflict] = await prisma.conflict.findMany({ select: { slug: true }, take: 1 });
      const [person] = await prisma.actor.findMany({ select: { slug: true }, where: { type: 'PERSON' }, take: 1 });
      const cases: [Delegate & { findUnique(q: unknown): Promise<unknown> }, string, Record<string, unknown>, Record<string, string>][] = [
        [prisma.conflict as never, 'Conflict', CONFLICT_PLAN, { slug: conflict!.slug }],
        [prisma.conflict as never, 'Conflict', CONFLICT_PLAN, { slug: 'no-such-conflict' }],
        [prisma.actor as never, 'Actor', { select: { id: true, name: true, affiliations: { select: { role: true } } } }, { slug: person!.slug, type: 'PERSON' }],
        [prisma.actor as never, 'Actor', { select: { id: true, name: true } }, { slug: person!.slug, type: 'ORGANIZATION' }],
      ];
      for (const [delegate, model, query, where] of cases) {
        const ours = await findUniqueRow(delegate, model, query, where);
        expect(ours).toEqual(await delegate.findUnique({ ...query, where }));
      }
      expect(await findUniqueRow(prisma.conflict as never, 'Conflict', CONFLICT_PLAN, { slug: conflict!.slug })).toMatchObject({ slug: conflict!.slug, createdAt: expect.any(Date) });
    });

    it('answers `conflict(slug:)` with the events page in the app\'s own statements, none through Prisma', async () => {
      const { result, statements } = await countStatements(() =>
        runOk(`{ conflict(slug: "musk-vs-openai") { name parties { name } events(first: 2) { edges { node { title } } } } }`),
      );
      expect(result.conflict.name).toBeTruthy();
      expect(result.conflict.parties.length).toBeGreaterThan(1);
      expect(result.conflict.events.edges).toHaveLength(2);
      expect(statements[0]).toMatch(/FROM "Conflict" t0 WHERE t0\."slug" = \$1 LIMIT 1$/);
    });
  });

  describe('rows by other columns (loadRowsWhere): a timeline page\'s entries', () => {
    const ENTRY_PLAN = {
      select: {
        itemId: true,
        kind: true,
        event: { select: { id: true, slug: true, date: true, datePrecision: true } },
        quote: { select: { id: true, slug: true, speaker: { select: { name: true } } } },
        statusChange: { select: { id: true, status: true, date: true } },
      },
    };

    it('equals Prisma findMany for a conflict and a list of its items', async () => {
      const [conflict] = await prisma.conflict.findMany({ select: { id: true }, take: 1 });
      const entries = await prisma.timelineEntry.findMany({ where: { conflictId: conflict!.id }, select: { itemId: true } });
      const itemIds = entries.map((entry) => entry.itemId);
      expect(itemIds.length).toBeGreaterThan(5);
      const ours = (await loadRowsWhere('TimelineEntry', ENTRY_PLAN, { conflictId: conflict!.id, itemId: itemIds })) as { itemId: string }[];
      const prismas = await prisma.timelineEntry.findMany({ ...ENTRY_PLAN, where: { conflictId: conflict!.id, itemId: { in: itemIds } } });
      const byItem = (rows: { itemId: string }[]) => [...rows].sort((a, b) => a.itemId.localeCompare(b.itemId));
      expect(byItem(ours)).toEqual(byItem(prismas));
      expect(ours.some((entry: any) => entry.event !== null) && ours.some((entry: any) => entry.quote !== null)).toBe(true);
    });

    it('answers a timeline page with its entries\' items in the app\'s own statement, the page\'s', async () => {
      const { result, statements } = await countStatements(() =>
        runOk(`{ conflict(slug: "musk-vs-openai") { timeline(first: 10) { edges { node { __typename ... on Event { slug } ... on Quote { speaker { name } } } } } } }`),
      );
      expect(result.conflict.timeline.edges).toHaveLength(10);
      expect(result.conflict.timeline.edges.some((e: any) => e.node.__typename === 'Event' && e.node.slug)).toBe(true);
      // The conflict; the page, each entry's row by primary key after its LIMIT with its item as JSON.
      expect(statements).toHaveLength(2);
      expect(statements.at(-1)).toMatch(/FROM "TimelineEntry" nr WHERE nr\."conflictId" = \$1::uuid AND nr\."itemId" = p\."itemId"::uuid LIMIT 1\) b ON true/);
      expect(statements.at(-1)).toMatch(/json_build_object\(.*FROM "Quote"/);
    });
  });
});

