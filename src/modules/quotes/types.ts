import { builder } from '../../graphql/builder.js';
import { uuidNode } from '../common/ids.js';
import { TimelineEntry } from '../common/timeline-entry.js';
import { citationFieldDescriptions, distinctSources, Source, sourcesSelection } from '../sources/types.js';
import { ActorRef } from '../actors/types.js';

export const Quote = builder.prismaNode('Quote', {
  interfaces: [TimelineEntry],
  description: 'Words attributed to an actor, exactly as the citing source published them.',
  ...uuidNode,
});

builder.prismaObjectFields(Quote, (t) => ({
  slug: t.exposeString('slug', { description: 'Stable, readable identifier.' }),
  text: t.exposeString('text', { description: 'The words exactly as published by the citing source (not corrected, not re-translated).' }),
  language: t.exposeString('language', { description: 'BCP 47 language tag of `text` (e.g. `de`).' }),
  originalLanguage: t.exposeString('originalLanguage', {
    nullable: true,
    description: 'Language the words were originally said or written in, when `text` is a rendering in another language.',
  }),
  isTranslation: t.boolean({
    description: 'Whether `text` is the citing source’s rendering of words originally in another language.',
    resolve: (q) => q.originalLanguage !== null && q.originalLanguage !== q.language,
  }),
  speaker: t.relation('speaker', {
    type: ActorRef,
    description: 'Who said or wrote it; when several people or a group did, the first named of them (all are in `speakers`).',
  }),
  speakers: t.relation('speakers', {
    type: ActorRef,
    description: 'Everyone the source names as saying or writing it (for a group, its named members).',
    query: { orderBy: { name: 'asc' } },
  }),
  speakerGroup: t.exposeString('speakerGroup', {
    nullable: true,
    description:
      'The source’s wording when it attributes the words to a group of whom only some are named (e.g. "Sam Altman und die anderen Mitbegründer"); null for named speakers only.',
  }),
  about: t.relation('about', { type: ActorRef, description: 'The actors the quote is about.', query: { orderBy: { name: 'asc' } } }),
  event: t.relation('event', { nullable: true, description: 'The event the quote belongs to, if any.' }),
  context: t.exposeString('context', { nullable: true, description: 'Circumstances (e.g. "reply to an e-mail by Ilya Sutskever").' }),
  conflicts: t.relation('conflicts', { description: 'Conflicts this quote is part of.', query: { orderBy: { name: 'asc' } } }),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (q) => distinctSources(q.citations) }),
}));
