import { resolveArrayConnection } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { boundsRangeWhere, itemDate, mayFallInside, mayFallOutside, orderByBounds, orderByDate } from '../common/partial-date.js';
import { uuidNode } from '../common/ids.js';
import { datedRowSelect, TimelineEntry } from '../common/timeline-entry.js';
import { localized } from '../common/localized-text.js';
import { ActorRef } from '../actors/types.js';
import { Event } from '../events/types.js';
import { Quote } from '../quotes/types.js';
import { Claim } from '../claims/types.js';
import { LegalActionStatusChange } from '../legal-actions/types.js';
import { orderTimeline, type TimelineItem } from './service.js';

/** The ends of the chronology links a timeline row is the later item of. */
interface FollowsRows {
  follows: { earlierEventId: string | null; earlierQuoteId: string | null; earlierClaimId: string | null }[];
}

/** What the timeline's selection loads onto the conflict row. */
interface TimelineRows {
  events: (Prisma.EventGetPayload<object> & FollowsRows)[];
  quotes: (Prisma.QuoteGetPayload<object> & FollowsRows)[];
  claims: (Prisma.ClaimGetPayload<object> & FollowsRows)[];
  legalActions: { statusHistory: Prisma.LegalActionStatusChangeGetPayload<object>[] }[];
}

interface TimelineArgs {
  from?: Date | null;
  to?: Date | null;
  include?: ('EVENT' | 'QUOTE' | 'CLAIM' | 'LEGAL_STATUS')[] | null;
}

// Same arguments as the entries' `knownAfter` field, so Pothos merges the two into one selection.
const followsSelect = { orderBy: { id: 'asc' }, select: { earlierEventId: true, earlierQuoteId: true, earlierClaimId: true } } as const;
const earlierIds = (row: FollowsRows) => row.follows.map((f) => (f.earlierEventId ?? f.earlierQuoteId ?? f.earlierClaimId)!);

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
  events: t.relatedConnection('events', {
    cursor: 'id',
    totalCount: true,
    description: 'Events of this conflict, oldest first.',
    query: { orderBy: orderByBounds() },
  }),
  quotes: t.relatedConnection('quotes', {
    cursor: 'id',
    totalCount: true,
    description: 'Quotes of this conflict, oldest first.',
    query: { orderBy: orderByBounds() },
  }),
  claims: t.relatedConnection('claims', {
    cursor: 'id',
    totalCount: true,
    description: 'Claims of this conflict, earliest first (by their bounds).',
    query: { orderBy: orderByBounds() },
  }),
  legalActions: t.relatedConnection('legalActions', {
    cursor: 'id',
    totalCount: true,
    description: 'Legal actions of this conflict, earliest filing first.',
    query: { orderBy: orderByDate('filedOn') },
  }),
  timeline: t.connection(
    {
      type: TimelineEntry,
      description:
        'Events, quotes, claims and legal milestones in chronological order. The order uses each item’s bounds (`date.earliest`/`date.latest`) and what the sources say it came after (`knownAfter`): a reaction never comes before what it reacts to, even when its own date is only a month. Undated items come last, except a legal step without a date, which follows the step before it. With `from`/`to`, items that certainly fall outside the range are left out; the edge’s `uncertain` marks items that may fall outside it.',
      args: {
        from: t.arg({ type: 'Date', required: false, description: 'Only entries that may fall on or after this day (by their bounds).' }),
        to: t.arg({ type: 'Date', required: false, description: 'Only entries that may fall on or before this day (by their bounds).' }),
        include: t.arg({
          type: [TimelineEntryKindEnum],
          required: false,
          description: 'Only these kinds of entries (default: all).',
        }),
      },
      // Typed by hand: for an interface-typed connection Pothos cannot infer the selection's model,
      // and its inferred type rejects any selection object.
      select: ((args: TimelineArgs, _ctx: unknown, nestedSelection: (selection: object, path: string[], type: string) => unknown) => {
        const rangeWhere = boundsRangeWhere(args) ?? {};
        const nothing = { id: { in: [] as string[] } };
        const include = new Set(args.include ?? ['EVENT', 'QUOTE', 'CLAIM', 'LEGAL_STATUS']);
        const entries = ['edges', 'node'];
        // Ordering needs the dates, bounds and links whatever the client selected (and a selection
        // must not be empty, e.g. when only totalCount is asked for).
        const item = (kind: 'EVENT' | 'QUOTE' | 'CLAIM', type: string) =>
          nestedSelection({ where: include.has(kind) ? rangeWhere : nothing, select: { ...datedRowSelect, follows: followsSelect } }, entries, type);
        return {
          events: item('EVENT', 'Event') as Prisma.ConflictSelect['events'],
          quotes: item('QUOTE', 'Quote') as Prisma.ConflictSelect['quotes'],
          claims: item('CLAIM', 'Claim') as Prisma.ConflictSelect['claims'],
          legalActions: {
            where: include.has('LEGAL_STATUS') ? {} : nothing,
            select: {
              statusHistory: nestedSelection(
                { orderBy: { position: 'asc' }, select: { ...datedRowSelect, position: true } },
                entries,
                'LegalActionStatusChange',
              ),
            },
          },
        };
      }) as never,
      resolve: (row, args) => {
        const conflict = row as typeof row & TimelineRows;
        const items: TimelineItem<unknown>[] = [
          ...conflict.events.map((e) => ({ id: e.id, entry: Event.addBrand(e), date: itemDate(e), after: earlierIds(e) })),
          ...conflict.quotes.map((q) => ({ id: q.id, entry: Quote.addBrand(q), date: itemDate(q), after: earlierIds(q) })),
          ...conflict.claims.map((c) => ({ id: c.id, entry: Claim.addBrand(c), date: itemDate(c), after: earlierIds(c) })),
        ];
        const ranged = Boolean(args.from || args.to);
        for (const { statusHistory } of conflict.legalActions) {
          // Each step follows the one before it; an undated step (a withdrawal the sources don't
          // date) thereby sorts right after its predecessor.
          let previous: string | null = null;
          for (const step of statusHistory) {
            const date = itemDate(step);
            const after = previous === null ? [] : [previous];
            previous = step.id;
            if (ranged && (!date || !mayFallInside(date, args))) continue;
            items.push({ id: step.id, entry: LegalActionStatusChange.addBrand(step), date, after });
          }
        }
        const ordered = orderTimeline(items);
        const page = resolveArrayConnection({ args }, ordered);
        // The rows are the conflict's (shared by aliased timelines with other ranges): the edge, made
        // for this page, carries whether its entry is only possibly inside this range.
        return {
          ...page,
          edges: page.edges.map((edge) => ({ ...edge, node: edge.node.entry as never, uncertain: mayFallOutside(edge.node.date, args) })),
          totalCount: ordered.length,
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
