import { builder } from '../../graphql/builder.js';
import { SourceKind } from '../../generated/prisma/enums.js';
import { partialDateField } from '../common/partial-date.js';
import { localized, LocalizedText } from '../common/localized-text.js';
import { ActorRef } from '../actors/types.js';
import { uuidNode } from '../common/ids.js';
import { prisma } from '../../db.js';
import { nestedConnection } from '../common/pages.js';
import { citationsOfSourcePlan } from './service.js';

export const SourceKindEnum = builder.enumType(SourceKind, {
  name: 'SourceKind',
  description: 'What kind of publication a source is.',
  values: {
    ARTICLE: { description: 'A press or web article.' },
    NEWS_REPORT: { description: 'A news agency report (e.g. Reuters).' },
    BLOG_POST: { description: 'An organisation’s or person’s blog article.' },
    SOCIAL_MEDIA_POST: { description: 'A post on a social network (e.g. on X).' },
    PRESS_RELEASE: { description: 'A press release: a document an organisation publishes for the press.' },
    ANNOUNCEMENT: { description: 'An announcement made in person or on an occasion (e.g. at the White House), known through those who report it.' },
    COURT_FILING: { description: 'A document filed with a court.' },
    EMAIL: { description: 'An e-mail, as published by someone.' },
    OTHER: { description: 'Any other publication.' },
  },
});

// Sources and citations stay in include mode (every column), unlike the other objects
// (`selectedColumns`): a source reaches `LocalizedText.source` as a row joined whole with a label,
// and a claim relation's citations as rows loaded beside the page (`loadEdges`), neither through a
// planned selection. In select mode their fields would load those rows again, one statement more.
export const Source = builder.prismaNode('Source', {
  description: 'A publication that facts in the knowledge base rest on. Unknown bibliographic fields are null, never guessed.',
  ...uuidNode,
});

builder.prismaObjectFields(Source, (t) => ({
  slug: t.exposeString('slug', { description: 'Stable, readable identifier.' }),
  kind: t.expose('kind', { type: SourceKindEnum, description: 'What kind of publication this is.' }),
  title: t.exposeString('title', {
    description: 'Title, or a descriptive label for untitled posts (original wording; its language: `titleIn.language`).',
  }),
  titleIn: t.field(localized('title', false, 'The title in a language of choice, with the language returned.')),
  publisherName: t.exposeString('publisherName', { nullable: true, description: 'Publisher as named by the source; null when unknown.' }),
  publisherNameIn: t.field(localized('publisherName', true, 'The publisher’s name in a language of choice, with the language returned.')),
  publisher: t.relation('publisher', { type: ActorRef, nullable: true, description: 'The publishing actor, when it is in the knowledge base.' }),
  authorName: t.exposeString('authorName', {
    nullable: true,
    description: 'Author as the citing source names them (e.g. "Sam Altman und die anderen Mitbegründer"); null when unknown.',
  }),
  authorNameIn: t.field(localized('authorName', true, 'The author’s name in a language of choice, with the language returned.')),
  author: t.relation('author', { type: ActorRef, nullable: true, description: 'The authoring actor, when it is in the knowledge base.' }),
  url: t.exposeString('url', { nullable: true, description: 'Where the publication can be read; null when unknown.' }),
  language: t.exposeString('language', { nullable: true, description: 'BCP 47 language tag of the publication (e.g. `de`).' }),
  publishedOn: t.field(partialDateField('publishedOn', true, 'Publication date at its known precision; null when unknown.')),
  note: t.exposeString('note', {
    nullable: true,
    description: 'How the bibliographic data above was established (e.g. how a date was inferred); original wording, its language: `noteIn.language`.',
  }),
  noteIn: t.field(localized('note', true, 'The note in a language of choice, with the language returned.')),
  cites: t.field({
    type: [Source],
    description: 'Sources this publication relies on or relays.',
    select: (_args, _ctx, nestedSelection) => ({
      cites: { orderBy: { citedSource: { title: 'asc' } }, select: { citedSource: nestedSelection(true) } },
    }),
    resolve: (s) => s.cites.map((c) => c.citedSource),
  }),
  citedBy: t.field({
    type: [Source],
    description: 'Publications that rely on or relay this one.',
    select: (_args, _ctx, nestedSelection) => ({
      citedBy: { orderBy: { citingSource: { title: 'asc' } }, select: { citingSource: nestedSelection(true) } },
    }),
    resolve: (s) => s.citedBy.map((c) => c.citingSource),
  }),
  citations: nestedConnection(t, {
    type: Citation,
    description: 'The facts this source supports, each citation naming one fact.',
    plan: () => citationsOfSourcePlan,
    findMany: (query) => prisma.citation.findMany(query as never),
  }),
}));

// Include mode, as Source (see there): a claim relation's citations are loaded beside its page.
export const Citation = builder.prismaObject('Citation', {
  description: 'A source supporting one fact, with the passage that supports it. Exactly one of the fact fields is set.',
});

builder.prismaObjectFields(Citation, (t) => ({
  source: t.relation('source', { description: 'The supporting source.' }),
  excerpt: t.exposeString('excerpt', { nullable: true, description: 'The supporting passage, verbatim in the source’s language.' }),
  actor: t.relation('actor', { type: ActorRef, nullable: true, description: 'The actor whose description this supports.' }),
  affiliation: t.relation('affiliation', { nullable: true, description: 'The affiliation this supports.' }),
  event: t.relation('event', { nullable: true, description: 'The event this supports.' }),
  quote: t.relation('quote', { nullable: true, description: 'The quote this supports.' }),
  legalAction: t.relation('legalAction', { nullable: true, description: 'The legal action this supports.' }),
  legalClaim: t.relation('legalClaim', { nullable: true, description: 'The legal claim this supports.' }),
  statusChange: t.relation('statusChange', { nullable: true, description: 'The legal status change this supports.' }),
}));

/** Shared descriptions of the two citation fields that every cited type carries. */
export const citationFieldDescriptions = {
  citations: 'Sources supporting this fact, each with the supporting passage.',
  sources: 'The distinct sources supporting this fact.',
} as const;

/** Selection for a `sources` field: the cited sources through the citation rows. */
export const sourcesSelection = (_args: object, _ctx: object, nestedSelection: (selection: true) => unknown) => ({
  citations: { orderBy: { id: 'asc' as const }, select: { source: nestedSelection(true) } },
});

/** Distinct sources of a row's citations, in citation order. */
export function distinctSources<S extends { id: string }>(citations: { source: S }[]): S[] {
  const seen = new Map<string, S>();
  for (const { source } of citations) if (!seen.has(source.id)) seen.set(source.id, source);
  return [...seen.values()];
}

// Declared here rather than in common/localized-text.ts, which Source itself uses (no import cycle).
builder.objectFields(LocalizedText, (t) => ({
  source: t.field({
    type: Source,
    nullable: true,
    description:
      'The cited source that published this wording (e.g. the article’s gloss „Ja“ of Musk’s „Yup“), with `excerpt`; null for stored texts (their sources are the record’s `citations`) and the knowledge base’s renderings. Its columns come in the same SQL statement; its relations (labels, citations) cost one more.',
    resolve: (w) => (w.publishedIn?.source ?? null) as never,
  }),
}));
