import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import {
  ActorType,
  AffiliationRole,
  ClaimRelationKind,
  DatePrecision,
  EventKind,
  LegalActionStatus,
  OrganizationKind,
  ParticipantRole,
  PartySide,
  SourceKind,
  type TextField,
} from '../generated/prisma/enums.js';

/**
 * The seed dataset file (prisma/seed/*.yaml): its schema, its cross-reference rules and its loader.
 *
 * The file is written by hand, so every mistake must be reported with the place it is in (the
 * path inside the file and its line) before anything touches the database. Shape errors come from
 * zod; reference errors (a slug that names nothing, a duplicate key) from `checkReferences`, which
 * only runs once the shape is valid.
 */

/** The bundled knowledge base (the Musk/OpenAI article), resolved from this module's location. */
export const DEFAULT_DATASET_PATH = fileURLToPath(new URL('../../prisma/seed/musk-openai.yaml', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Scalars

const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a slug: lowercase letters and digits separated by single hyphens');

/** Non-empty text; not trimmed, because quotes and excerpts must stay exactly as published. */
const Text = z.string().regex(/\S/, 'expected non-empty text');

const OptionalText = Text.nullable().default(null);

/** BCP 47 tag, the simple forms this dataset needs ("de", "en", "en-US"). */
const LanguageTag = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as "de" or "en"');

const DATE_PATTERNS: Record<DatePrecision, { pattern: RegExp; example: string }> = {
  YEAR: { pattern: /^\d{4}$/, example: '"2015"' },
  MONTH: { pattern: /^\d{4}-\d{2}$/, example: '"2023-07"' },
  DAY: { pattern: /^\d{4}-\d{2}-\d{2}$/, example: '"2025-01-21"' },
};

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day "YYYY-MM-DD"')
  .refine(isCalendarDate, 'not a calendar date');

/**
 * A partial date as the source gives it: `value` is as long as the precision allows ("2015",
 * "2023-07", "2025-01-21"), so a month can never be mistaken for its first day. `stated` is only
 * the source's own wording ("Ende Februar"); `derivation` says, in the knowledge base's words, how
 * that wording became `value` and the bounds (never naming a file: only the sources' words and other
 * facts). `earliest` / `latest` narrow the period when the source bounds it ("after the
 * announcement of 21 January, before the article" within January 2025).
 */
export const PartialDateSchema = z
  .strictObject({
    value: z.string(),
    precision: z.enum(DatePrecision),
    stated: OptionalText.refine((text) => text === null || !/[[\]]/.test(text), {
      message: 'stated is the source’s wording only: put reasoning into `derivation`',
    }),
    derivation: OptionalText,
    earliest: Day.nullable().default(null),
    latest: Day.nullable().default(null),
  })
  .superRefine((date, ctx) => {
    const { pattern, example } = DATE_PATTERNS[date.precision];
    if (!pattern.test(date.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `"${date.value}" does not match precision ${date.precision} (expected a value like ${example})`,
      });
      return;
    } else if (!isCalendarDate(date.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `"${date.value}" is not a calendar date` });
      return;
    }
    const start = partialDateStart(date);
    const end = partialDateEnd(date);
    for (const bound of ['earliest', 'latest'] as const) {
      const day = date[bound];
      if (day !== null && (day < start || day > end)) {
        ctx.addIssue({ code: 'custom', path: [bound], message: `${day} is outside the period ${date.value}` });
      }
    }
    if (date.earliest && date.latest && date.earliest > date.latest) {
      ctx.addIssue({ code: 'custom', path: ['latest'], message: 'latest is before earliest' });
    }
    if ((date.earliest !== null || date.latest !== null) && date.derivation === null) {
      ctx.addIssue({ code: 'custom', path: ['derivation'], message: 'bounds need a derivation saying which words of the source give them' });
    }
  });

export type PartialDate = z.output<typeof PartialDateSchema>;

function isCalendarDate(value: string): boolean {
  const [year, month = 1, day = 1] = value.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** First day of the period, "YYYY-MM-DD": what the database stores and what dates are ordered by. */
export function partialDateStart(date: PartialDate): string {
  switch (date.precision) {
    case 'YEAR':
      return `${date.value}-01-01`;
    case 'MONTH':
      return `${date.value}-01`;
    case 'DAY':
      return date.value;
  }
}

/** Last day of the period, "YYYY-MM-DD". */
export function partialDateEnd(date: Pick<PartialDate, 'value' | 'precision'>): string {
  const [year, month = 12] = date.value.split('-').map(Number) as [number, number?];
  if (date.precision === 'DAY') return date.value;
  const last = new Date(Date.UTC(year, date.precision === 'YEAR' ? 12 : month, 0));
  return last.toISOString().slice(0, 10);
}

/** First and last possible day: the bounds when the source narrows the period, else the period. */
export function partialDateBounds(date: PartialDate): { earliest: string; latest: string } {
  return { earliest: date.earliest ?? partialDateStart(date), latest: date.latest ?? partialDateEnd(date) };
}

const OptionalDate = PartialDateSchema.nullable().default(null);

// ---------------------------------------------------------------------------------------------
// Records

/** A fact's tie to a source. `excerpt`: the supporting passage, verbatim (null when unknown). */
const CitationSchema = z.strictObject({
  source: Slug,
  excerpt: OptionalText,
});

/** Every fact row must say where it comes from. */
const Citations = z.array(CitationSchema).min(1, 'every fact needs at least one citation');

/**
 * "This item happened after that one", as the source says (a reaction after what it reacts to):
 * exactly one of `event`, `quote`, `claim` names the earlier item.
 */
const AfterSchema = z
  .strictObject({
    event: Slug.optional(),
    quote: Slug.optional(),
    claim: Slug.optional(),
    citations: Citations,
  })
  .refine((after) => [after.event, after.quote, after.claim].filter((x) => x !== undefined).length === 1, {
    message: 'name exactly one earlier item: event, quote or claim',
  });

export type DatasetAfter = z.output<typeof AfterSchema>;
const AfterList = z.array(AfterSchema).default([]);

const SourceSchema = z.strictObject({
  slug: Slug,
  kind: z.enum(SourceKind),
  title: Text,
  publisherName: OptionalText,
  /** Actor slug of the publisher, when it is an actor of the dataset. */
  publisher: Slug.nullable().default(null),
  authorName: OptionalText,
  /** Actor slug of the author. */
  author: Slug.nullable().default(null),
  url: z.url().nullable().default(null),
  language: LanguageTag.nullable().default(null),
  publishedOn: OptionalDate,
  note: OptionalText,
  /** Sources this one relies on. */
  cites: z
    .array(z.strictObject({ source: Slug, excerpt: OptionalText }))
    .default([]),
});

const ActorSchema = z.strictObject({
  slug: Slug,
  type: z.enum(ActorType),
  name: Text,
  description: OptionalText,
  organizationKind: z.enum(OrganizationKind).nullable().default(null),
  citations: Citations,
});

const AffiliationSchema = z.strictObject({
  /** Optional explicit key; by default an affiliation is identified by member, organization and role. */
  key: Slug.optional(),
  member: Slug,
  organization: Slug,
  role: z.enum(AffiliationRole),
  title: OptionalText,
  startedOn: OptionalDate,
  endedOn: OptionalDate,
  citations: Citations,
});

const EventSchema = z.strictObject({
  slug: Slug,
  kind: z.enum(EventKind),
  title: Text,
  description: OptionalText,
  date: OptionalDate,
  place: OptionalText,
  participants: z.array(z.strictObject({ actor: Slug, role: z.enum(ParticipantRole) })).default([]),
  after: AfterList,
  citations: Citations,
});

const QuoteSchema = z.strictObject({
  slug: Slug,
  text: Text,
  language: LanguageTag,
  originalLanguage: LanguageTag.nullable().default(null),
  /** The (first) named speaker. */
  speaker: Slug,
  /** Further named speakers, when the source attributes the words to several people. */
  coSpeakers: z.array(Slug).default([]),
  /** The source's wording when it attributes the words to a group ("Sam Altman und die anderen Mitbegründer"). */
  speakerGroup: OptionalText,
  event: Slug.nullable().default(null),
  context: OptionalText,
  date: OptionalDate,
  /** Actors the words are about. */
  about: z.array(Slug).default([]),
  after: AfterList,
  citations: Citations,
});

/** An assertion by an actor; `summary` is the knowledge base's neutral English wording. */
const ClaimSchema = z.strictObject({
  slug: Slug,
  claimant: Slug,
  summary: Text,
  date: OptionalDate,
  about: z
    .strictObject({
      actors: z.array(Slug).default([]),
      events: z.array(Slug).default([]),
      legalActions: z.array(Slug).default([]),
      claims: z.array(Slug).default([]),
    })
    .default({ actors: [], events: [], legalActions: [], claims: [] }),
  /** Quotes whose words express the claim (only when the source has them). */
  quotes: z.array(Slug).default([]),
  /** How this claim relates to other claims, each cited. */
  relations: z.array(z.strictObject({ kind: z.enum(ClaimRelationKind), claim: Slug, citations: Citations })).default([]),
  after: AfterList,
  citations: Citations,
});

const LegalClaimSchema = z.strictObject({
  /** Stable key within the legal action (claim texts get reworded; the key keeps the row). */
  key: Slug,
  text: Text,
  language: LanguageTag,
  citations: Citations,
});

const StatusChangeSchema = z.strictObject({
  status: z.enum(LegalActionStatus),
  date: OptionalDate,
  note: OptionalText,
  citations: Citations,
});

const LegalActionSchema = z.strictObject({
  slug: Slug,
  title: Text,
  summary: OptionalText,
  court: OptionalText,
  jurisdiction: OptionalText,
  caseNumber: OptionalText,
  filedOn: OptionalDate,
  parties: z.array(z.strictObject({ actor: Slug, side: z.enum(PartySide) })).min(1, 'a legal action needs its parties'),
  /** Events that belong to this legal action. */
  events: z.array(Slug).default([]),
  claims: z.array(LegalClaimSchema).default([]),
  /** Oldest first; the legal action's current status is the last entry's. */
  statusHistory: z.array(StatusChangeSchema).min(1, 'a legal action needs at least one status'),
  citations: Citations,
});

const ConflictSchema = z.strictObject({
  slug: Slug,
  name: Text,
  description: OptionalText,
  parties: z.array(Slug).default([]),
  events: z.array(Slug).default([]),
  quotes: z.array(Slug).default([]),
  legalActions: z.array(Slug).default([]),
  claims: z.array(Slug).default([]),
});

// ---------------------------------------------------------------------------------------------
// Languages and labels

/**
 * The text columns of each collection that carry a language (`<column>Language` in the database)
 * and may have labels, named as in the database (a partial date's `stated` is `<date>Stated`).
 * A quote's and a legal claim's `text` take their language from the record's own `language`.
 */
export const TEXT_FIELDS = {
  actors: ['name', 'description'],
  affiliations: ['title', 'startedOnStated', 'startedOnDerivation', 'endedOnStated', 'endedOnDerivation'],
  events: ['title', 'description', 'place', 'dateStated', 'dateDerivation'],
  quotes: ['text', 'speakerGroup', 'context', 'dateStated', 'dateDerivation'],
  legalActions: ['title', 'summary', 'filedOnStated', 'filedOnDerivation'],
  legalClaims: ['text'],
  statusChanges: ['note', 'dateStated', 'dateDerivation'],
  sources: ['title', 'publisherName', 'authorName', 'note', 'publishedOnStated', 'publishedOnDerivation'],
  conflicts: ['name', 'description'],
  claims: ['summary', 'dateStated', 'dateDerivation'],
} as const satisfies Record<string, readonly [TextField, ...TextField[]]>;

export type TextCollection = keyof typeof TEXT_FIELDS;

/** Fields whose language is the record's own `language` column, not a declared one. */
const RECORD_LANGUAGE_FIELDS = new Set(['quotes.text', 'legalClaims.text']);

/**
 * Which language the stored wording of each text field is in, declared once for the dataset: the
 * `default` (the knowledge base's own words), `stated` for every partial date's `stated` (the
 * source's wording), and `fields` for whole columns that depart from those ("affiliations.title":
 * de). A single record departs through its label entry's `originalLanguage`.
 */
const LanguagesSchema = z
  .strictObject({
    default: LanguageTag,
    stated: LanguageTag.optional(),
    fields: z.record(z.string(), LanguageTag).default({}),
  })
  .superRefine((languages, ctx) => {
    for (const key of Object.keys(languages.fields)) {
      const [collection, field] = key.split('.') as [string, string | undefined];
      const known = (TEXT_FIELDS as Record<string, readonly string[]>)[collection];
      if (!known || !field || !known.includes(field) || RECORD_LANGUAGE_FIELDS.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['fields', key], message: `"${key}" is not a text field whose language is declared here (expected <collection>.<field>, e.g. "affiliations.title")` });
      }
    }
  });

/** A wording a cited source published (e.g. the article's gloss of a quote), with its citation. */
const PublishedWordingSchema = z.strictObject({
  text: Text,
  source: Slug,
  excerpt: OptionalText,
});

/**
 * Other wordings of one text field of one record. `of` repeats the stored (original) wording, so a
 * rendering cannot silently outlive a change of what it renders; `originalLanguage` overrides the
 * declared language of that wording for this record; every other key is a BCP 47 tag mapped to the
 * knowledge base's rendering (a string) or to a wording a source published ({ text, source, excerpt }).
 */
const FieldLabelsSchema = z
  .object({
    of: Text.optional(),
    originalLanguage: LanguageTag.optional(),
  })
  .catchall(z.union([Text, PublishedWordingSchema]))
  .superRefine((entry, ctx) => {
    for (const key of Object.keys(entry)) {
      if (key !== 'of' && key !== 'originalLanguage' && !LanguageTag.safeParse(key).success) {
        ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is neither "of", "originalLanguage" nor a BCP 47 language tag` });
      }
    }
  });

export type FieldLabels = z.output<typeof FieldLabelsSchema>;
export type PublishedWording = z.output<typeof PublishedWordingSchema>;

/** The rendering entries of a field's labels: language tag → wording. */
export function labelEntries(entry: FieldLabels): [string, string | PublishedWording][] {
  return Object.entries(entry).filter(([key]) => key !== 'of' && key !== 'originalLanguage') as [string, string | PublishedWording][];
}

/** Labels of one collection: record key → field → labels. */
function collectionLabels<const Fields extends readonly [TextField, ...TextField[]]>(fields: Fields) {
  return z.record(z.string(), z.partialRecord(z.enum(fields), FieldLabelsSchema)).default({});
}

/** `labels.<collection>.<record key>.<field>`: record keys as in the rest of the file (see `labelRecordKey`). */
const LabelsSchema = z.strictObject({
  actors: collectionLabels(TEXT_FIELDS.actors),
  affiliations: collectionLabels(TEXT_FIELDS.affiliations),
  events: collectionLabels(TEXT_FIELDS.events),
  quotes: collectionLabels(TEXT_FIELDS.quotes),
  legalActions: collectionLabels(TEXT_FIELDS.legalActions),
  legalClaims: collectionLabels(TEXT_FIELDS.legalClaims),
  statusChanges: collectionLabels(TEXT_FIELDS.statusChanges),
  sources: collectionLabels(TEXT_FIELDS.sources),
  conflicts: collectionLabels(TEXT_FIELDS.conflicts),
  claims: collectionLabels(TEXT_FIELDS.claims),
});

export type DatasetLabels = z.output<typeof LabelsSchema>;

const DatasetShape = z.strictObject({
  version: z.literal(1),
  languages: LanguagesSchema.default({ default: 'en', fields: {} }),
  sources: z.array(SourceSchema).default([]),
  actors: z.array(ActorSchema).default([]),
  affiliations: z.array(AffiliationSchema).default([]),
  events: z.array(EventSchema).default([]),
  quotes: z.array(QuoteSchema).default([]),
  claims: z.array(ClaimSchema).default([]),
  legalActions: z.array(LegalActionSchema).default([]),
  conflicts: z.array(ConflictSchema).default([]),
  labels: LabelsSchema.prefault({}),
});

export type Dataset = z.output<typeof DatasetShape>;

/** The whole file: its shape, then (only if the shape is valid) its cross-references. */
export const DatasetSchema = DatasetShape.superRefine(checkReferences);
export type DatasetSource = Dataset['sources'][number];
export type DatasetActor = Dataset['actors'][number];
export type DatasetAffiliation = Dataset['affiliations'][number];
export type DatasetEvent = Dataset['events'][number];
export type DatasetQuote = Dataset['quotes'][number];
export type DatasetClaim = Dataset['claims'][number];
export type DatasetLegalAction = Dataset['legalActions'][number];
export type DatasetConflict = Dataset['conflicts'][number];
export type DatasetCitation = z.output<typeof CitationSchema>;

/** The natural key of an affiliation: its explicit `key`, else member/organization/role. */
export function affiliationKey(affiliation: DatasetAffiliation): string {
  return affiliation.key ?? `${affiliation.member}/${affiliation.organization}/${affiliation.role}`;
}

/** At most this many labels per record, so loading a record's labels is a bounded list. */
export const MAX_LABELS_PER_RECORD = 50;

/** Values of a record's text fields (null when unset), as labels address them. */
type TextValues = Partial<Record<TextField, string | null>>;

/** Every record that can carry labels, per collection, by the key labels use. */
export function textRecords(data: Dataset): Record<TextCollection, Map<string, TextValues>> {
  const byKey = <T>(items: T[], key: (item: T) => string, values: (item: T) => TextValues) =>
    new Map(items.map((item) => [key(item), values(item)] as const));
  const claims = data.legalActions.flatMap((action) => action.claims.map((claim) => ({ action, claim })));
  const steps = data.legalActions.flatMap((action) => action.statusHistory.map((step, position) => ({ action, step, position })));
  return {
    actors: byKey(data.actors, (a) => a.slug, (a) => ({ name: a.name, description: a.description })),
    affiliations: byKey(data.affiliations, affiliationKey, (a) => ({
      title: a.title,
      startedOnStated: a.startedOn?.stated ?? null,
      startedOnDerivation: a.startedOn?.derivation ?? null,
      endedOnStated: a.endedOn?.stated ?? null,
      endedOnDerivation: a.endedOn?.derivation ?? null,
    })),
    events: byKey(data.events, (e) => e.slug, (e) => ({
      title: e.title,
      description: e.description,
      place: e.place,
      dateStated: e.date?.stated ?? null,
      dateDerivation: e.date?.derivation ?? null,
    })),
    quotes: byKey(data.quotes, (q) => q.slug, (q) => ({
      text: q.text,
      speakerGroup: q.speakerGroup,
      context: q.context,
      dateStated: q.date?.stated ?? null,
      dateDerivation: q.date?.derivation ?? null,
    })),
    legalActions: byKey(data.legalActions, (l) => l.slug, (l) => ({
      title: l.title,
      summary: l.summary,
      filedOnStated: l.filedOn?.stated ?? null,
      filedOnDerivation: l.filedOn?.derivation ?? null,
    })),
    legalClaims: byKey(claims, ({ action, claim }) => `${action.slug}/${claim.key}`, ({ claim }) => ({ text: claim.text })),
    statusChanges: byKey(steps, ({ action, position }) => `${action.slug}/${position}`, ({ step }) => ({
      note: step.note,
      dateStated: step.date?.stated ?? null,
      dateDerivation: step.date?.derivation ?? null,
    })),
    sources: byKey(data.sources, (s) => s.slug, (s) => ({
      title: s.title,
      publisherName: s.publisherName,
      authorName: s.authorName,
      note: s.note,
      publishedOnStated: s.publishedOn?.stated ?? null,
      publishedOnDerivation: s.publishedOn?.derivation ?? null,
    })),
    conflicts: byKey(data.conflicts, (c) => c.slug, (c) => ({ name: c.name, description: c.description })),
    claims: byKey(data.claims, (c) => c.slug, (c) => ({ summary: c.summary, dateStated: c.date?.stated ?? null, dateDerivation: c.date?.derivation ?? null })),
  };
}

/**
 * Language of the stored wording of one field of one record: the record's own `language` for a
 * quote's or legal claim's text, else the record's `originalLanguage` override, the column's
 * declared language, `stated` for a date's wording, or the dataset's default.
 */
export function originalLanguageOf(data: Dataset, collection: TextCollection, key: string, field: TextField): string {
  if (collection === 'quotes' && field === 'text') return data.quotes.find((q) => q.slug === key)!.language;
  if (collection === 'legalClaims' && field === 'text') {
    const [action, claim] = key.split('/') as [string, string];
    return data.legalActions.find((l) => l.slug === action)!.claims.find((c) => c.key === claim)!.language;
  }
  const labels = data.labels[collection][key] as Partial<Record<TextField, FieldLabels>> | undefined;
  return (
    labels?.[field]?.originalLanguage ??
    data.languages.fields[`${collection}.${field}`] ??
    (field.endsWith('Stated') ? data.languages.stated : undefined) ??
    data.languages.default
  );
}

// ---------------------------------------------------------------------------------------------
// Cross-references

type Path = (string | number)[];

function checkReferences(data: Dataset, ctx: z.RefinementCtx): void {
  const fail = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });

  const index = <T extends { slug: string }>(collection: keyof Dataset, items: T[]) => {
    const bySlug = new Map<string, T>();
    items.forEach((item, i) => {
      if (bySlug.has(item.slug)) fail([collection, i, 'slug'], `duplicate slug "${item.slug}" in ${collection}`);
      else bySlug.set(item.slug, item);
    });
    return bySlug;
  };
  const sources = index('sources', data.sources);
  const actors = index('actors', data.actors);
  const events = index('events', data.events);
  const quotes = index('quotes', data.quotes);
  const legalActions = index('legalActions', data.legalActions);
  const claims = index('claims', data.claims);
  index('conflicts', data.conflicts);

  const ref = (bySlug: Map<string, unknown>, kind: string, slug: string | null, path: Path) => {
    if (slug !== null && !bySlug.has(slug)) fail(path, `unknown ${kind} "${slug}"`);
  };
  const refList = (bySlug: Map<string, unknown>, kind: string, slugs: string[], path: Path) => {
    const seen = new Set<string>();
    slugs.forEach((slug, i) => {
      ref(bySlug, kind, slug, [...path, i]);
      if (seen.has(slug)) fail([...path, i], `${kind} "${slug}" listed twice`);
      seen.add(slug);
    });
  };
  /** Each source at most once per fact, so a citation is identified by its fact and its source. */
  const citations = (list: DatasetCitation[], path: Path) => {
    const seen = new Set<string>();
    list.forEach((citation, i) => {
      ref(sources, 'source', citation.source, [...path, i, 'source']);
      if (seen.has(citation.source)) {
        fail([...path, i, 'source'], `source "${citation.source}" cited twice for the same fact (join its passages in one excerpt with " […] ")`);
      }
      seen.add(citation.source);
    });
  };
  const unique = (seen: Set<string>, key: string, path: Path, what: string) => {
    if (seen.has(key)) fail(path, `duplicate ${what} ${key}`);
    seen.add(key);
  };

  data.sources.forEach((source, i) => {
    ref(actors, 'actor', source.publisher, ['sources', i, 'publisher']);
    ref(actors, 'actor', source.author, ['sources', i, 'author']);
    const cited = new Set<string>();
    source.cites.forEach((cite, j) => {
      ref(sources, 'source', cite.source, ['sources', i, 'cites', j, 'source']);
      if (cite.source === source.slug) fail(['sources', i, 'cites', j, 'source'], 'a source cannot cite itself');
      unique(cited, cite.source, ['sources', i, 'cites', j, 'source'], 'cited source');
    });
  });

  data.actors.forEach((actor, i) => {
    if (actor.type === 'ORGANIZATION' && actor.organizationKind === null) {
      fail(['actors', i, 'organizationKind'], 'an organization needs its organizationKind');
    }
    if (actor.type === 'PERSON' && actor.organizationKind !== null) {
      fail(['actors', i, 'organizationKind'], 'only organizations have an organizationKind');
    }
    citations(actor.citations, ['actors', i, 'citations']);
  });

  const affiliationKeys = new Set<string>();
  data.affiliations.forEach((affiliation, i) => {
    const path: Path = ['affiliations', i];
    ref(actors, 'actor', affiliation.member, [...path, 'member']);
    ref(actors, 'actor', affiliation.organization, [...path, 'organization']);
    const organization = actors.get(affiliation.organization);
    if (organization && organization.type !== 'ORGANIZATION') {
      fail([...path, 'organization'], `"${affiliation.organization}" is not an organization`);
    }
    if (affiliation.member === affiliation.organization) fail([...path, 'member'], 'an actor cannot be affiliated with itself');
    unique(affiliationKeys, affiliationKey(affiliation), [...path, affiliation.key === undefined ? 'role' : 'key'], 'affiliation');
    if (affiliation.startedOn && affiliation.endedOn && partialDateStart(affiliation.endedOn) < partialDateStart(affiliation.startedOn)) {
      fail([...path, 'endedOn'], 'ends before it starts');
    }
    citations(affiliation.citations, [...path, 'citations']);
  });

  /** Chronology: every `after` names an existing item, and the links form no cycle. */
  const afterEdges = new Map<string, string[]>();
  const afters = (kind: 'event' | 'quote' | 'claim', slug: string, list: DatasetAfter[], path: Path) => {
    const self = `${kind}:${slug}`;
    list.forEach((after, j) => {
      const [earlierKind, earlierSlug] = after.event !== undefined ? (['event', after.event] as const) : after.quote !== undefined ? (['quote', after.quote] as const) : (['claim', after.claim!] as const);
      const bySlug = earlierKind === 'event' ? events : earlierKind === 'quote' ? quotes : claims;
      ref(bySlug, earlierKind, earlierSlug, [...path, j, earlierKind]);
      if (`${earlierKind}:${earlierSlug}` === self) fail([...path, j, earlierKind], 'an item cannot come after itself');
      afterEdges.set(self, [...(afterEdges.get(self) ?? []), `${earlierKind}:${earlierSlug}`]);
      citations(after.citations, [...path, j, 'citations']);
    });
  };

  data.events.forEach((event, i) => {
    afters('event', event.slug, event.after, ['events', i, 'after']);
    const seen = new Set<string>();
    event.participants.forEach((participant, j) => {
      ref(actors, 'actor', participant.actor, ['events', i, 'participants', j, 'actor']);
      unique(seen, `${participant.actor}/${participant.role}`, ['events', i, 'participants', j], 'participant');
    });
    citations(event.citations, ['events', i, 'citations']);
  });

  data.quotes.forEach((quote, i) => {
    ref(actors, 'actor', quote.speaker, ['quotes', i, 'speaker']);
    refList(actors, 'actor', quote.coSpeakers, ['quotes', i, 'coSpeakers']);
    if (quote.coSpeakers.includes(quote.speaker)) fail(['quotes', i, 'coSpeakers'], `"${quote.speaker}" is already the speaker`);
    afters('quote', quote.slug, quote.after, ['quotes', i, 'after']);
    ref(events, 'event', quote.event, ['quotes', i, 'event']);
    refList(actors, 'actor', quote.about, ['quotes', i, 'about']);
    if (quote.originalLanguage === quote.language) {
      fail(['quotes', i, 'originalLanguage'], 'originalLanguage is only for a rendering in another language; use null');
    }
    citations(quote.citations, ['quotes', i, 'citations']);
  });

  data.claims.forEach((claim, i) => {
    const path: Path = ['claims', i];
    ref(actors, 'actor', claim.claimant, [...path, 'claimant']);
    refList(actors, 'actor', claim.about.actors, [...path, 'about', 'actors']);
    refList(events, 'event', claim.about.events, [...path, 'about', 'events']);
    refList(legalActions, 'legal action', claim.about.legalActions, [...path, 'about', 'legalActions']);
    refList(claims, 'claim', claim.about.claims, [...path, 'about', 'claims']);
    refList(quotes, 'quote', claim.quotes, [...path, 'quotes']);
    const relations = new Set<string>();
    claim.relations.forEach((relation, j) => {
      ref(claims, 'claim', relation.claim, [...path, 'relations', j, 'claim']);
      if (relation.claim === claim.slug) fail([...path, 'relations', j, 'claim'], 'a claim cannot relate to itself');
      unique(relations, `${relation.kind} ${relation.claim}`, [...path, 'relations', j], 'relation');
      citations(relation.citations, [...path, 'relations', j, 'citations']);
    });
    afters('claim', claim.slug, claim.after, [...path, 'after']);
    citations(claim.citations, [...path, 'citations']);
  });

  // An item known to come after another cannot start before it: its bounds must say so (the
  // article's "after the announcement of 21 January" is written as `earliest`, not left implied).
  const dateOf = new Map<string, PartialDate | null>([
    ...data.events.map((e) => [`event:${e.slug}`, e.date] as const),
    ...data.quotes.map((q) => [`quote:${q.slug}`, q.date] as const),
    ...data.claims.map((c) => [`claim:${c.slug}`, c.date] as const),
  ]);
  const afterPaths = new Map<string, Path>([
    ...data.events.map((e, i): [string, Path] => [`event:${e.slug}`, ['events', i, 'after']]),
    ...data.quotes.map((q, i): [string, Path] => [`quote:${q.slug}`, ['quotes', i, 'after']]),
    ...data.claims.map((c, i): [string, Path] => [`claim:${c.slug}`, ['claims', i, 'after']]),
  ]);
  for (const [later, earlierList] of afterEdges) {
    const laterDate = dateOf.get(later);
    earlierList.forEach((earlier, j) => {
      const earlierDate = dateOf.get(earlier);
      if (!laterDate || !earlierDate) return;
      const { earliest: laterEarliest } = partialDateBounds(laterDate);
      const { earliest: earlierEarliest } = partialDateBounds(earlierDate);
      if (laterEarliest < earlierEarliest) {
        fail([...afterPaths.get(later)!, j], `${later} comes after ${earlier}, so its date cannot begin before ${earlierEarliest}: set \`earliest\``);
      }
    });
  }

  // A cycle of `after` links would make the chronology impossible.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, trail: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      fail(['(after)'], `the after links form a cycle: ${[...trail.slice(trail.indexOf(node)), node].join(' after ')}`);
      return;
    }
    state.set(node, 'visiting');
    for (const earlier of afterEdges.get(node) ?? []) visit(earlier, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of afterEdges.keys()) visit(node, []);

  data.legalActions.forEach((action, i) => {
    const path: Path = ['legalActions', i];
    const parties = new Set<string>();
    action.parties.forEach((party, j) => {
      ref(actors, 'actor', party.actor, [...path, 'parties', j, 'actor']);
      unique(parties, `${party.actor}/${party.side}`, [...path, 'parties', j], 'party');
    });
    refList(events, 'event', action.events, [...path, 'events']);
    const claimKeys = new Set<string>();
    action.claims.forEach((claim, j) => {
      unique(claimKeys, claim.key, [...path, 'claims', j, 'key'], 'claim key');
      citations(claim.citations, [...path, 'claims', j, 'citations']);
    });
    let previous: string | null = null;
    action.statusHistory.forEach((change, j) => {
      if (change.date) {
        const start = partialDateStart(change.date);
        if (previous !== null && start < previous) fail([...path, 'statusHistory', j, 'date'], 'status history must be in chronological order');
        previous = start;
      }
      citations(change.citations, [...path, 'statusHistory', j, 'citations']);
    });
    citations(action.citations, [...path, 'citations']);
  });

  data.conflicts.forEach((conflict, i) => {
    refList(actors, 'actor', conflict.parties, ['conflicts', i, 'parties']);
    refList(events, 'event', conflict.events, ['conflicts', i, 'events']);
    refList(quotes, 'quote', conflict.quotes, ['conflicts', i, 'quotes']);
    refList(legalActions, 'legal action', conflict.legalActions, ['conflicts', i, 'legalActions']);
    refList(claims, 'claim', conflict.claims, ['conflicts', i, 'claims']);
  });

  checkLabels(data, sources, quotes, fail);
}

function checkLabels(
  data: Dataset,
  sources: Map<string, unknown>,
  quotes: Map<string, DatasetQuote>,
  fail: (path: Path, message: string) => void,
): void {
  const records = textRecords(data);
  for (const collection of Object.keys(TEXT_FIELDS) as TextCollection[]) {
    for (const [key, fields] of Object.entries(data.labels[collection] as Record<string, Partial<Record<TextField, FieldLabels>>>)) {
      const path: Path = ['labels', collection, key];
      const record = records[collection].get(key);
      if (!record) {
        fail(path, `unknown ${collection} record "${key}"`);
        continue;
      }
      let count = 0;
      for (const [field, entry] of Object.entries(fields) as [TextField, FieldLabels][]) {
        const fieldPath: Path = [...path, field];
        const value = record[field] ?? null;
        if (value === null) {
          fail(fieldPath, `the record has no ${field} to label`);
          continue;
        }
        const isQuoteText = collection === 'quotes' && field === 'text';
        if (entry.originalLanguage !== undefined && (isQuoteText || (collection === 'legalClaims' && field === 'text'))) {
          fail([...fieldPath, 'originalLanguage'], 'this text\'s language is the record\'s own `language`');
        }
        const original = originalLanguageOf(data, collection, key, field);
        const entries = labelEntries(entry);
        count += entries.length;
        if (entries.length > 0 && entry.of === undefined) {
          fail(fieldPath, `repeat the wording these labels render in \`of\` (it is checked against the ${field})`);
        }
        if (entry.of !== undefined && entry.of !== value) {
          fail([...fieldPath, 'of'], `the ${field} now reads "${value}": check the labels against it and update \`of\``);
        }
        for (const [language, wording] of entries) {
          if (language === original) fail([...fieldPath, language], `the stored ${field} is already in "${language}" (declare another original language with originalLanguage)`);
          if (typeof wording === 'string') {
            // Never a back-translation presented as someone's words.
            if (isQuoteText) {
              fail([...fieldPath, language], 'the knowledge base never renders what someone said: give a wording a cited source published ({ text, source, excerpt })');
            }
          } else {
            if (!sources.has(wording.source)) fail([...fieldPath, language, 'source'], `unknown source "${wording.source}"`);
            if (isQuoteText && quotes.get(key)?.originalLanguage === language && wording.excerpt === null) {
              fail([...fieldPath, language, 'excerpt'], 'an original wording needs the passage of its source that gives it');
            }
          }
        }
      }
      if (count > MAX_LABELS_PER_RECORD) fail(path, `at most ${MAX_LABELS_PER_RECORD} labels per record (found ${count})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

export interface DatasetIssue {
  /** Path inside the file, e.g. `quotes[3].speaker`. */
  path: string;
  message: string;
  /** 1-based position in the file, when known. */
  line?: number;
  column?: number;
}

/** Bad dataset file; `message` lists every problem with its path (and line) inside the file. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(
    readonly file: string,
    readonly issues: DatasetIssue[],
  ) {
    super(
      `Invalid dataset ${file}:\n` +
        issues
          .map((issue) => `  ${issue.line === undefined ? '' : `line ${issue.line}:${issue.column ?? 1} `}${issue.path}: ${issue.message}`)
          .join('\n'),
    );
  }
}

/** `["quotes", 3, "speaker"]` → `quotes[3].speaker`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out || '(root)';
}

/** Validates already-parsed data (e.g. from a test); `file` only labels the error. */
export function parseDataset(data: unknown, file = '(dataset)'): Dataset {
  return validate(data, file);
}

/** Reads, parses and validates a dataset file. Throws DatasetError naming the path of each problem. */
export async function loadDataset(path: string): Promise<Dataset> {
  const lineCounter = new LineCounter();
  // Duplicate keys are errors (the default), so a pasted record cannot silently override another.
  const document = parseDocument(await readFile(path, 'utf8'), { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new DatasetError(
      path,
      document.errors.map((error) => ({
        path: '(yaml)',
        message: error.message,
        ...(error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}),
      })),
    );
  }
  return validate(document.toJS(), path, (issuePath) => position(document, lineCounter, issuePath));
}

function validate(
  data: unknown,
  file: string,
  locate: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined = () => undefined,
): Dataset {
  const result = DatasetSchema.safeParse(data);
  if (result.success) return result.data;
  throw new DatasetError(
    file,
    result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message, ...locate(issue.path) })),
  );
}

/** Line of the deepest existing node on the path (a missing key points at its parent record). */
function position(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}
