import type { GraphQLResolveInfo } from 'graphql';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/limits.js';
import { prisma } from '../../db.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { assertDateRange } from '../common/partial-date.js';
import { encodeKeysetCursor, keysetCursorDecoder } from '../common/cursors.js';
import { selectedColumns, uuidNode } from '../common/ids.js';
import { selects } from '../common/pages.js';
import { TimelineEntry } from '../common/timeline-entry.js';
import { localized } from '../common/localized-text.js';
import { ActorRef } from '../actors/types.js';
import { Event } from '../events/types.js';
import { Quote } from '../quotes/types.js';
import { Claim } from '../claims/types.js';
import { LegalActionStatusChange } from '../legal-actions/types.js';
import { TIMELINE_KEY_PARTS, TIMELINE_KINDS, timelinePage, type TimelineKey, type TimelineKind, type TimelinePageRow } from './service.js';
import { loadRowsWhere, nestedNodeRead } from '../common/nested-rows.js';

/** The stored order's keyset cursor (see `timelinePage`): validated before the field resolves. */
const timelineCursor = keysetCursorDecoder(TIMELINE_KEY_PARTS);

/** A row of the page with the entry it stands for. */
interface PageEntry {
  row: TimelinePageRow;
  node: object;
}

/** Where each kind of entry hangs off a `TimelineEntry` row, and its GraphQL type. */
const ENTRY_RELATIONS = {
  EVENT: { relation: 'event', typeName: 'Event', brand: (row: object) => Event.addBrand(row as never) },
  QUOTE: { relation: 'quote', typeName: 'Quote', brand: (row: object) => Quote.addBrand(row as never) },
  CLAIM: { relation: 'claim', typeName: 'Claim', brand: (row: object) => Claim.addBrand(row as never) },
  LEGAL_STATUS: { relation: 'statusChange', typeName: 'LegalActionStatusChange', brand: (row: object) => LegalActionStatusChange.addBrand(row as never) },
} as const;

/**
 * What to load of the entries of `kinds`: for each, its item with what the client selected on it
 * (Pothos plans each type's selection under `edges.node`).
 */
function entrySelect(kinds: Iterable<TimelineKind>, context: object, info: GraphQLResolveInfo): Record<string, unknown> {
  const select: Record<string, unknown> = { itemId: true };
  for (const kind of kinds) {
    const { relation, typeName } = ENTRY_RELATIONS[kind];
    select[relation] = queryFromInfo({ context, info, typeName, path: ['edges', 'node'], select: { id: true } });
  }
  return select;
}

/** The items of loaded entries (`{ itemId, event | quote | claim | statusChange }`), by item id. */
function itemsOf(entries: Iterable<Record<string, unknown>>): Map<string, object> {
  const byId = new Map<string, object>();
  for (const entry of entries) {
    for (const { relation, brand } of Object.values(ENTRY_RELATIONS)) {
      const item = entry[relation];
      if (item) byId.set(entry.itemId as string, brand(item));
    }
  }
  return byId;
}

/**
 * The page's events, quotes, claims and status changes in one more statement whatever the page
 * holds: when the page's own statement could not build them (`timelineBuild`).
 */
async function loadEntries(conflictId: string, rows: TimelinePageRow[], context: object, info: GraphQLResolveInfo): Promise<Map<string, object>> {
  if (rows.length === 0) return new Map();
  const select = entrySelect(new Set(rows.map((r) => r.kind)), context, info);
  const itemIds = rows.map((r) => r.itemId);
  const loaded = ((await loadRowsWhere('TimelineEntry', { select }, { conflictId, itemId: itemIds })) ??
    (await prisma.timelineEntry.findMany({
      where: { conflictId, itemId: { in: itemIds } },
      select: select as Prisma.TimelineEntrySelect,
    }))) as unknown as Record<string, unknown>[];
  return itemsOf(loaded);
}

/**
 * The items of every kind the page may hold, built by the page's own statement as JSON
 * (`nestedNodeRead`), so a page costs one statement, not two; null when their selection is not
 * translated there (then `loadEntries`).
 */
function timelineBuild(kinds: Iterable<TimelineKind>, context: object, info: GraphQLResolveInfo) {
  const read = nestedNodeRead('TimelineEntry', { select: entrySelect(kinds, context, info) }, 'nr');
  if (!read || read.relations.length === 0) return null;
  return {
    build: read.relations,
    items: (rows: TimelinePageRow[]) =>
      itemsOf(
        rows.map((row) => {
          const built = { ...row.built, itemId: row.itemId };
          read.typer?.(built);
          return built;
        }),
      ),
  };
}

export const TimelineEntryKindEnum = builder.enumType('TimelineEntryKind', {
  description: 'The kinds of entries a timeline can contain.',
  values: {
    EVENT: { description: 'Events.' },
    QUOTE: { description: 'Quotes.' },
    CLAIM: { description: 'Claims (accusations, denials, justifications…).' },
    LEGAL_STATUS: { description: 'Legal milestones: filings, withdrawals, decisions…' },
  } as const,
});

export const Conflict = builder.prismaNode('Conflict', {
  description: 'A named topic (e.g. "Musk vs. OpenAI") grouping its parties, events, quotes and legal actions.',
  ...uuidNode,
  ...selectedColumns,
});

builder.prismaObjectFields(Conflict, (t) => ({
  slug: t.exposeString('slug', { description: 'Stable, readable identifier (e.g. `musk-vs-openai`).' }),
  name: t.exposeString('name', { description: 'Name of the conflict (original wording; its language: `nameIn.language`).' }),
  nameIn: t.field(localized('name', false, 'The name in a language of choice, with the language returned.')),
  description: t.exposeString('description', {
    nullable: true,
    description: 'What the conflict is about, in the knowledge base’s words (original wording; its language: `descriptionIn.language`).',
  }),
  descriptionIn: t.field(localized('description', true, 'The description in a language of choice, with the language returned.')),
  parties: t.relation('parties', { type: ActorRef, description: 'The people and organisations involved.', query: { orderBy: { name: 'asc' } } }),
  timeline: t.connection(
    {
      type: TimelineEntry,
      description:
        'Events, quotes, claims and legal milestones in chronological order. The order uses each item’s bounds (`date.earliest`/`date.latest`) and what the sources say it came after (`knownAfter`): a reaction never comes before what it reacts to, even when its own date is only a month. Undated items come last, except a legal step without a date, which follows the step before it. With `from`/`to`, items that certainly fall outside the range are left out; the edge’s `uncertain` marks items that may fall outside it. Filtered by range or kind, the entries keep their places in the whole timeline’s order. The order is stored and paged by the database: any page, however deep, costs the same.',
      args: {
        from: t.arg({ type: 'Date', required: false, description: 'Only entries that may fall on or after this day (by their bounds).' }),
        to: t.arg({ type: 'Date', required: false, description: 'Only entries that may fall on or before this day (by their bounds).' }),
        include: t.arg({
          type: [TimelineEntryKindEnum],
          required: false,
          description: 'Only these kinds of entries (default: all).',
        }),
      },
      extensions: { cursorDecoder: timelineCursor },
      // A function, not an object: Pothos then maps (validates) the arguments while the parent plans
      // its statement, so a bad cursor is refused before any SQL (tests/errors.test.ts).
      select: (() => ({ id: true })) as never,
      resolve: async (row, args, context, info) => {
        assertDateRange(args);
        const conflictId = (row as unknown as { id: string }).id;
        const ranged = Boolean(args.from || args.to);
        let totalCount: number | null = null;
        const page = await resolveCursorConnection<Promise<PageEntry[]>>(
          { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, toCursor: (entry) => encodeKeysetCursor(entry.row.key) },
          async ({ before, after, limit, inverted }): Promise<PageEntry[]> => {
            // Built by the page's statement only when its sole parameter is the conflict. With a cursor
            // or a range PostgreSQL plans the statement anew at every execution (a custom plan), and
            // planning the items' subqueries each time cost more than the second statement saved:
            // page 50 of the medium conflict at 100k, 0.44 ms of planning and 0.40 of running against
            // 0.16 + 0.11 for the page and 0.19 for the entries (generic), −17% req/s (A/B, 6 rounds).
            const plain = !after && !before && !args.from && !args.to;
            const built = plain ? timelineBuild(args.include?.length ? new Set(args.include) : TIMELINE_KINDS, context, info) : null;
            const { rows, totalCount: counted } = await timelinePage({
              conflictId,
              from: args.from,
              to: args.to,
              include: args.include,
              after: after ? (timelineCursor(after) as TimelineKey) : null,
              before: before ? (timelineCursor(before) as TimelineKey) : null,
              limit,
              backward: inverted,
              withCount: selects(info, 'totalCount'),
              build: built?.build,
            });
            totalCount = counted;
            const entries = built ? built.items(rows) : await loadEntries(conflictId, rows, context, info);
            return rows.flatMap((r) => {
              const node = entries.get(r.itemId);
              return node ? [{ row: r, node }] : [];
            });
          },
        );
        return {
          pageInfo: page!.pageInfo,
          edges: page!.edges.map((edge) => ({
            cursor: edge!.cursor,
            node: edge!.node.node as never,
            // Whether the entry is only possibly inside this range (its bounds overlap it).
            uncertain: ranged && edge!.node.row.earliest !== null && Boolean((args.from && edge!.node.row.earliest < args.from) || (args.to && edge!.node.row.latest! > args.to)),
          })),
          totalCount: totalCount as number | null as number,
        };
      },
    },
    {
      fields: (connection) => ({
        totalCount: connection.int({
          description: 'Number of entries in the whole (filtered) timeline.',
          resolve: (c) => c.totalCount,
        }),
      }),
    },
    {
      fields: (edge) => ({
        uncertain: edge.boolean({
          description:
            'With `from`/`to`: whether the entry may also fall outside the range (its bounds overlap the range without lying inside it). Always false without a range.',
          resolve: (e) => (e as unknown as { uncertain: boolean }).uncertain,
        }),
      }),
    },
  ),
}));
