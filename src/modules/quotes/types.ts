import { builder } from '../../graphql/builder.js';
import { selectedColumns, uuidNode } from '../common/ids.js';
import { TimelineEntry } from '../common/timeline-entry.js';
import { partialDateField } from '../common/partial-date.js';
import { labelsSelection, labelWording, langArgs, localized, LocalizedText, pickFrom, type LabelRow, type Wording } from '../common/localized-text.js';
import { citationFieldDescriptions, distinctSources, Source, sourcesSelection } from '../sources/types.js';
import { ActorRef } from '../actors/types.js';
import { Event } from '../events/types.js';
import { prisma } from '../../db.js';
import { nestedConnection, type ListPlan } from '../common/pages.js';
import { quotesAboutPlan, quotesBySpeakerPlan, quotesOfEventPlan } from './service.js';

export const Quote = builder.prismaNode('Quote', {
  interfaces: [TimelineEntry],
  description: 'Words attributed to an actor, exactly as the citing source published them.',
  ...uuidNode,
  ...selectedColumns,
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
    select: { originalLanguage: true, language: true },
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
      'The source’s wording when it attributes the words to a group of whom only some are named (e.g. "Sam Altman und die anderen Mitbegründer"); null for named speakers only. Original wording; its language: `speakerGroupIn.language`.',
  }),
  speakerGroupIn: t.field(
    localized('speakerGroup', true, 'The speaker group in a language of choice (e.g. an English rendering of the source’s German wording), with the language returned.'),
  ),
  about: t.relation('about', { type: ActorRef, description: 'The actors the quote is about.', query: { orderBy: { name: 'asc' } } }),
  event: t.relation('event', { nullable: true, description: 'The event the quote belongs to, if any.' }),
  context: t.exposeString('context', {
    nullable: true,
    description: 'Circumstances (e.g. "reply to an e-mail by Ilya Sutskever"), in the knowledge base’s words (original wording; its language: `contextIn.language`).',
  }),
  contextIn: t.field(localized('context', true, 'The context in a language of choice, with the language returned.')),
  date: t.field(partialDateField('date', true, 'When it was said or written, at the precision the sources give; null when they give no date.')),
  textIn: t.field({
    type: LocalizedText,
    args: langArgs,
    description:
      'The quote in a language of choice among its known wordings (`wordings`), with the language returned; when none is in those languages, the published `text` (`isFallback`).',
    select: { text: true, language: true, originalLanguage: true, ...labelsSelection } as never,
    // Never empty: the published text is always first.
    resolve: (q, args) => pickFrom(quoteWordings(q as never), args.lang)!,
  }),
  wordings: t.field({
    type: [LocalizedText],
    description:
      'Every known wording of the quote: `text` as published first, then wordings other cited sources published (e.g. an original, or a gloss), never a rendering by the knowledge base.',
    select: { text: true, language: true, originalLanguage: true, ...labelsSelection } as never,
    resolve: (q) => quoteWordings(q as never).map((w) => ({ ...w, isFallback: false })),
  }),
  original: t.field({
    type: LocalizedText,
    nullable: true,
    description:
      'The words as originally said or written, when a cited source gives them (`text` itself when it is not a rendering); null when only a rendering is known — it is never re-translated.',
    select: { text: true, language: true, originalLanguage: true, ...labelsSelection } as never,
    resolve: (q) => {
      const original = quoteWordings(q as never).find((w) => w.renderingOf === null);
      return original ? { ...original, isFallback: false } : null;
    },
  }),
  conflicts: t.relation('conflicts', { description: 'Conflicts this quote is part of.', query: { orderBy: { name: 'asc' } } }),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (q) => distinctSources(q.citations) }),
}));

/**
 * A quote's wordings: `text` as the citing source published it (a rendering by that source when
 * `originalLanguage` is set), then the wordings other cited sources published (stored as labels of
 * the `text` field, each with its source). The knowledge base adds none of its own.
 */
function quoteWordings(q: { text: string; language: string; originalLanguage: string | null; labels: LabelRow[] }): Wording[] {
  const rendersOriginal = q.originalLanguage !== null && q.originalLanguage !== q.language;
  const published: Wording = {
    text: q.text,
    language: q.language,
    renderingOf: rendersOriginal ? q.originalLanguage : null,
    renderedBy: rendersOriginal ? 'SOURCE' : null,
  };
  return [published, ...q.labels.filter((l) => l.field === 'text').map(labelWording)];
}

const quotes = (t: unknown, plan: ListPlan, description: string) =>
  nestedConnection(t, { type: Quote, description, plan: () => plan, findMany: (query) => prisma.quote.findMany(query as never) });

builder.prismaInterfaceFields(ActorRef, (t) => ({
  quotes: quotes(t, quotesBySpeakerPlan, 'Quotes this actor said or wrote, oldest first.'),
  quotesAbout: quotes(t, quotesAboutPlan, 'Quotes about this actor, oldest first.'),
}));

builder.prismaObjectFields(Event, (t) => ({
  quotes: quotes(t, quotesOfEventPlan, 'Quotes said in or about this event, oldest first.'),
}));
