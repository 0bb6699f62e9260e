import { builder } from '../../graphql/builder.js';
import { selectedColumns } from '../common/ids.js';
import { datedRowSelect, TimelineEntry } from '../common/timeline-entry.js';
import { Citation, citationFieldDescriptions, distinctSources, Source, sourcesSelection } from '../sources/types.js';
import { Event } from '../events/types.js';
import { Quote } from '../quotes/types.js';
import { Claim } from '../claims/types.js';

/**
 * "This happened after that", as a source says: the relative order a date alone cannot give (a
 * reaction dated only to January 2025 after an announcement of 21 January). The timeline orders
 * by these links as well as by dates. Lives in its own module because it ties events, quotes and
 * claims together.
 */
export const ChronologyLink = builder.prismaObject('ChronologyLink', {
  description: 'A cited statement that one item (event, quote or claim) happened after another.',
  ...selectedColumns,
});

builder.prismaObjectFields(ChronologyLink, (t) => ({
  earlier: t.field({
    type: TimelineEntry,
    description: 'The item that came first.',
    select: (_args, _ctx, nestedSelection) => ({
      earlierEvent: nestedSelection({ select: datedRowSelect }, [], 'Event'),
      earlierQuote: nestedSelection({ select: datedRowSelect }, [], 'Quote'),
      earlierClaim: nestedSelection({ select: datedRowSelect }, [], 'Claim'),
    }),
    // The rows carry what the planned selection asked for; typed loosely because the base selection
    // above is only the date columns.
    resolve: (link) => {
      if (link.earlierEvent) return Event.addBrand(link.earlierEvent as never);
      if (link.earlierQuote) return Quote.addBrand(link.earlierQuote as never);
      // The CHECK constraint ChronologyLink_one_earlier_check guarantees one of the three.
      return Claim.addBrand(link.earlierClaim as never);
    },
  }),
  citations: t.relation('citations', { description: 'Sources saying so, each with the supporting passage.', query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (l) => distinctSources(l.citations) }),
}));

const knownAfterDescription =
  'What the sources say this happened after (e.g. a reaction after the announcement it reacts to), each link cited. The timeline never puts this item before those.';

builder.prismaObjectFields(Event, (t) => ({
  knownAfter: t.relation('follows', { type: ChronologyLink, description: knownAfterDescription, query: { orderBy: { id: 'asc' } } }),
}));
builder.prismaObjectFields(Quote, (t) => ({
  knownAfter: t.relation('follows', { type: ChronologyLink, description: knownAfterDescription, query: { orderBy: { id: 'asc' } } }),
}));
builder.prismaObjectFields(Claim, (t) => ({
  knownAfter: t.relation('follows', { type: ChronologyLink, description: knownAfterDescription, query: { orderBy: { id: 'asc' } } }),
}));

builder.prismaObjectFields(Citation, (t) => ({
  chronologyLink: t.relation('chronologyLink', { nullable: true, description: 'The chronology link (this happened after that) this supports.' }),
}));
