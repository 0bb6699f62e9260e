import { resolveArrayConnection } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { compareByDate, dateRangeWhere, overlapsRange, partialDate, type PartialDateValue, orderByDate } from '../common/partial-date.js';
import { uuidNode } from '../common/ids.js';
import { TimelineEntry } from '../common/timeline-entry.js';
import { ActorRef } from '../actors/types.js';
import { Event } from '../events/types.js';
import { Quote } from '../quotes/types.js';
import { LegalActionStatusChange } from '../legal-actions/types.js';


/** What the timeline's selection loads onto the conflict row. */
interface TimelineRows {
  events: Prisma.EventGetPayload<object>[];
  quotes: Prisma.QuoteGetPayload<object>[];
  legalActions: { statusHistory: Prisma.LegalActionStatusChangeGetPayload<object>[] }[];
}

interface TimelineArgs {
  from?: Date | null;
  to?: Date | null;
  include?: ('EVENT' | 'QUOTE' | 'LEGAL_STATUS')[] | null;
}

export const TimelineEntryKindEnum = builder.enumType('TimelineEntryKind', {
  description: 'The kinds of entries a timeline can contain.',
  values: {
    EVENT: { description: 'Events.' },
    QUOTE: { description: 'Quotes.' },
    LEGAL_STATUS: { description: 'Legal milestones: filings, withdrawals, decisions…' },
  } as const,
});

export const Conflict = builder.prismaNode('Conflict', {
  description: 'A named topic (e.g. "Musk vs. OpenAI") grouping its parties, events, quotes and legal actions.',
  ...uuidNode,
});

builder.prismaObjectFields(Conflict, (t) => ({
  slug: t.exposeString('slug', { description: 'Stable, readable identifier (e.g. `musk-vs-openai`).' }),
  name: t.exposeString('name', { description: 'Name of the conflict.' }),
  description: t.exposeString('description', { nullable: true, description: 'What the conflict is about.' }),
  parties: t.relation('parties', { type: ActorRef, description: 'The people and organisations involved.', query: { orderBy: { name: 'asc' } } }),
  events: t.relatedConnection('events', {
    cursor: 'id',
    totalCount: true,
    description: 'Events of this conflict, oldest first.',
    query: { orderBy: orderByDate('date') },
  }),
  quotes: t.relatedConnection('quotes', {
    cursor: 'id',
    totalCount: true,
    description: 'Quotes of this conflict, oldest first.',
    query: { orderBy: orderByDate('date') },
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
        'Events, quotes and legal milestones merged in chronological order (coarser dates first on ties). A legal step without a date follows the step before it; other undated entries come last. With `from`/`to`, only dated entries overlapping the range are returned.',
      args: {
        from: t.arg({ type: 'Date', required: false, description: 'Only entries whose date overlaps the range starting on this day.' }),
        to: t.arg({ type: 'Date', required: false, description: 'Only entries whose date overlaps the range ending on this day.' }),
        include: t.arg({
          type: [TimelineEntryKindEnum],
          required: false,
          description: 'Only these kinds of entries (default: all).',
        }),
      },
      // Typed by hand: for a union-typed connection Pothos cannot infer the selection's model, and
      // its inferred type rejects any selection object.
      select: ((args: TimelineArgs, _ctx: unknown, nestedSelection: (selection: object, path: string[], type: string) => unknown) => {
        const dateWhere = (dateRangeWhere('date', args) ?? {}) as Prisma.EventWhereInput & Prisma.QuoteWhereInput;
        const nothing = { id: { in: [] as string[] } };
        const include = new Set(args.include ?? ['EVENT', 'QUOTE', 'LEGAL_STATUS']);
        const entries = ['edges', 'node'];
        // Ordering needs the dates whatever the client selected (and a selection must not be empty,
        // e.g. when only totalCount is asked for).
        const sortKeys = { id: true, date: true, datePrecision: true } as const;
        return {
          events: nestedSelection({ where: include.has('EVENT') ? dateWhere : nothing, select: sortKeys }, entries, 'Event') as Prisma.ConflictSelect['events'],
          quotes: nestedSelection({ where: include.has('QUOTE') ? dateWhere : nothing, select: sortKeys }, entries, 'Quote') as Prisma.ConflictSelect['quotes'],
          legalActions: {
            where: include.has('LEGAL_STATUS') ? {} : nothing,
            select: {
              statusHistory: nestedSelection(
                { orderBy: { position: 'asc' }, select: { ...sortKeys, position: true } },
                entries,
                'LegalActionStatusChange',
              ),
            },
          },
        };
      }) as never,
      resolve: (row, args) => {
        const conflict = row as typeof row & TimelineRows;
        const sortable: { entry: unknown; at: PartialDateValue | null }[] = [
          ...conflict.events.map((e) => ({ entry: Event.addBrand(e), at: partialDate(e.date, e.datePrecision) })),
          ...conflict.quotes.map((q) => ({ entry: Quote.addBrand(q), at: partialDate(q.date, q.datePrecision) })),
        ];
        for (const { statusHistory } of conflict.legalActions) {
          // An undated step (e.g. a withdrawal the sources don't date) sorts right after its predecessor.
          let previous: PartialDateValue | null = null;
          for (const step of statusHistory) {
            const own = partialDate(step.date, step.datePrecision);
            previous = own ?? previous;
            if ((args.from || args.to) && !own) continue;
            if (own && !overlapsRange(own, args)) continue;
            sortable.push({ entry: LegalActionStatusChange.addBrand(step), at: previous });
          }
        }
        sortable.sort((a, b) => compareByDate(a.at, b.at));
        return { ...resolveArrayConnection({ args }, sortable.map((s) => s.entry as never)), totalCount: sortable.length };
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
  ),
}));
