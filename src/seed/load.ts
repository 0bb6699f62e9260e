import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { DatePrecision } from '../generated/prisma/enums.js';
import type { TextField } from '../generated/prisma/enums.js';
import {
  affiliationKey,
  labelEntries,
  originalLanguageOf,
  partialDateStart,
  TEXT_FIELDS,
  type Dataset,
  type DatasetAfter,
  type DatasetCitation,
  type FieldLabels,
  type PartialDate,
  type TextCollection,
} from './dataset.js';

/**
 * Writes a validated dataset into the database, idempotently.
 *
 * - Every row's id is a UUID v5 of its record key ("actor:elon-musk",
 *   "eventParticipant:openai-founding/elon-musk/FOUNDER"…), so the same record always gets the
 *   same id, on every machine: re-running updates the rows in place instead of duplicating them.
 * - Rows are upserted by that id with all their columns, so editing the dataset and re-seeding
 *   updates the rows. `createdAt` is left alone on update, so a second run changes nothing.
 * - Nothing is deleted: rows written by users (or by an older version of the dataset) stay. The
 *   only links replaced are the many-to-many lists *owned by dataset records* (a quote's `about`,
 *   a conflict's members, a legal action's events), which are `set` to exactly the dataset's.
 * - Everything happens in one interactive transaction: a failure leaves the database untouched.
 */

/** Default dataset of the service (also exported here, next to the loader that writes it). */
export { DEFAULT_DATASET_PATH } from './dataset.js';

/** Fixed namespace of the seed's UUID v5 ids. Never change it: every seeded id derives from it. */
export const SEED_ID_NAMESPACE = 'efbb0750-d7c0-4f07-96f3-43fb7cbae51a';

/** RFC 4122 UUID version 5 (SHA-1, name-based). */
export function uuidV5(name: string, namespace: string = SEED_ID_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new Error(`Invalid UUID namespace: ${namespace}`);
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The models the seed writes, in writing order (referenced rows first). */
export const SEED_MODELS = [
  'actor',
  'source',
  'sourceCitation',
  'affiliation',
  'event',
  'eventParticipant',
  'quote',
  'legalAction',
  'legalActionParty',
  'legalClaim',
  'legalActionStatusChange',
  'claim',
  'claimRelation',
  'chronologyLink',
  'conflict',
  'citation',
  'label',
] as const;

export type SeedModel = (typeof SEED_MODELS)[number];

/** Deterministic id of a dataset record: `seedId('actor', 'elon-musk')`. */
export function seedId(model: SeedModel, key: string): string {
  return uuidV5(`${model}:${key}`);
}

export interface SeedSummary {
  /** Dataset records written (created or updated) per model. */
  written: Record<SeedModel, number>;
  /** Of those, rows that did not exist before this run: all zero when re-seeding an unchanged dataset. */
  created: Record<SeedModel, number>;
}

export interface SeedOptions {
  /** Interactive transaction timeout in ms (the embedded database is slow on first use). */
  timeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Plan: the rows to write, computed from the dataset alone (no database access).

interface DateColumns {
  date: Date | null;
  precision: DatePrecision | null;
  stated: string | null;
  derivation: string | null;
  /** Only the bounds the dataset gives; the database fills the rest from the period (trigger). */
  earliest: Date | null;
  latest: Date | null;
}

const utcDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

function dateColumns(date: PartialDate | null): DateColumns {
  if (date === null) return { date: null, precision: null, stated: null, derivation: null, earliest: null, latest: null };
  return {
    date: utcDay(partialDateStart(date)),
    precision: date.precision,
    stated: date.stated,
    derivation: date.derivation,
    earliest: date.earliest === null ? null : utcDay(date.earliest),
    latest: date.latest === null ? null : utcDay(date.latest),
  };
}

/** The columns of a timeline item's date (`date`, `datePrecision`, … `dateLatest`). */
function itemDateColumns(date: PartialDate | null) {
  const d = dateColumns(date);
  return {
    date: d.date,
    datePrecision: d.precision,
    dateStated: d.stated,
    dateDerivation: d.derivation,
    dateEarliest: d.earliest,
    dateLatest: d.latest,
  };
}

type CitationFact =
  | { actorId: string }
  | { affiliationId: string }
  | { eventId: string }
  | { quoteId: string }
  | { legalActionId: string }
  | { legalClaimId: string }
  | { statusChangeId: string }
  | { claimId: string }
  | { claimRelationId: string }
  | { chronologyLinkId: string };

type Row<T> = { id: string } & T;

interface SeedPlan {
  actor: Row<Omit<Prisma.ActorUncheckedCreateInput, 'id'>>[];
  source: Row<Omit<Prisma.SourceUncheckedCreateInput, 'id'>>[];
  sourceCitation: Row<Omit<Prisma.SourceCitationUncheckedCreateInput, 'id'>>[];
  affiliation: Row<Omit<Prisma.AffiliationUncheckedCreateInput, 'id'>>[];
  event: Row<Omit<Prisma.EventUncheckedCreateInput, 'id'>>[];
  eventParticipant: Row<Omit<Prisma.EventParticipantUncheckedCreateInput, 'id'>>[];
  quote: Row<Omit<Prisma.QuoteUncheckedCreateInput, 'id' | 'about' | 'speakers'> & { aboutIds: string[]; speakerIds: string[] }>[];
  legalAction: Row<Omit<Prisma.LegalActionUncheckedCreateInput, 'id' | 'events'> & { eventIds: string[] }>[];
  legalActionParty: Row<Omit<Prisma.LegalActionPartyUncheckedCreateInput, 'id'>>[];
  legalClaim: Row<Omit<Prisma.LegalClaimUncheckedCreateInput, 'id'>>[];
  legalActionStatusChange: Row<Omit<Prisma.LegalActionStatusChangeUncheckedCreateInput, 'id'>>[];
  claim: Row<
    Omit<Prisma.ClaimUncheckedCreateInput, 'id' | 'aboutActors' | 'aboutEvents' | 'aboutLegalActions' | 'aboutClaims' | 'quotes'> & {
      aboutActorIds: string[];
      aboutEventIds: string[];
      aboutLegalActionIds: string[];
      aboutClaimIds: string[];
      quoteIds: string[];
    }
  >[];
  claimRelation: Row<Omit<Prisma.ClaimRelationUncheckedCreateInput, 'id'>>[];
  chronologyLink: Row<Omit<Prisma.ChronologyLinkUncheckedCreateInput, 'id'>>[];
  conflict: Row<
    Omit<Prisma.ConflictUncheckedCreateInput, 'id' | 'parties' | 'events' | 'quotes' | 'legalActions' | 'claims'> & {
      partyIds: string[];
      eventIds: string[];
      quoteIds: string[];
      legalActionIds: string[];
      claimIds: string[];
    }
  >[];
  citation: Row<Omit<Prisma.CitationUncheckedCreateInput, 'id'>>[];
  label: Row<Omit<Prisma.LabelUncheckedCreateInput, 'id'>>[];
}

/** Builds every row of the dataset with its deterministic id. Exported for tests. */
export function planSeed(dataset: Dataset): SeedPlan {
  const actorId = (slug: string) => seedId('actor', slug);
  const sourceId = (slug: string) => seedId('source', slug);
  const eventId = (slug: string) => seedId('event', slug);
  const quoteId = (slug: string) => seedId('quote', slug);
  const legalActionId = (slug: string) => seedId('legalAction', slug);
  const claimId = (slug: string) => seedId('claim', slug);

  const plan: SeedPlan = {
    actor: [],
    source: [],
    sourceCitation: [],
    affiliation: [],
    event: [],
    eventParticipant: [],
    quote: [],
    legalAction: [],
    legalActionParty: [],
    legalClaim: [],
    legalActionStatusChange: [],
    claim: [],
    claimRelation: [],
    chronologyLink: [],
    conflict: [],
    citation: [],
    label: [],
  };

  /** `<column>Language` values of a record's text columns, as the dataset declares them. */
  const languages = <C extends TextCollection>(collection: C, key: string, fields: readonly TextField[]) =>
    Object.fromEntries(fields.map((field) => [`${field}Language`, originalLanguageOf(dataset, collection, key, field)]));

  /** A citation is identified by its fact and its source (the dataset cites a source once per fact). */
  const cite = (factKey: string, fact: CitationFact, citations: DatasetCitation[]) => {
    for (const citation of citations) {
      plan.citation.push({
        id: seedId('citation', `${factKey}|${citation.source}`),
        sourceId: sourceId(citation.source),
        excerpt: citation.excerpt,
        ...fact,
      });
    }
  };

  // Depth of every event, quote and claim in the `after` graph (acyclic: the dataset checks it).
  const depth = chronologyDepths(dataset);

  /** `after` links of an item: keyed by both ends, so the same pair always gets the same row. */
  const chronology = (later: { kind: 'event' | 'quote' | 'claim'; slug: string }, list: DatasetAfter[]) => {
    const laterIds = { event: eventId, quote: quoteId, claim: claimId };
    for (const after of list) {
      const earlier = after.event !== undefined ? { kind: 'event' as const, slug: after.event } : after.quote !== undefined ? { kind: 'quote' as const, slug: after.quote } : { kind: 'claim' as const, slug: after.claim! };
      const key = `${later.kind}:${later.slug}>${earlier.kind}:${earlier.slug}`;
      const id = seedId('chronologyLink', key);
      const column = (side: 'later' | 'earlier', kind: 'event' | 'quote' | 'claim') => `${side}${kind[0]!.toUpperCase()}${kind.slice(1)}Id`;
      plan.chronologyLink.push({
        id,
        [column('later', later.kind)]: laterIds[later.kind](later.slug),
        [column('earlier', earlier.kind)]: laterIds[earlier.kind](earlier.slug),
      });
      cite(`chronologyLink:${key}`, { chronologyLinkId: id }, after.citations);
    }
  };

  for (const actor of dataset.actors) {
    const id = actorId(actor.slug);
    plan.actor.push({
      id,
      slug: actor.slug,
      type: actor.type,
      name: actor.name,
      description: actor.description,
      organizationKind: actor.organizationKind,
      ...languages('actors', actor.slug, TEXT_FIELDS.actors),
    });
    cite(`actor:${actor.slug}`, { actorId: id }, actor.citations);
  }

  for (const source of dataset.sources) {
    const published = dateColumns(source.publishedOn);
    plan.source.push({
      id: sourceId(source.slug),
      slug: source.slug,
      kind: source.kind,
      title: source.title,
      publisherName: source.publisherName,
      publisherId: source.publisher === null ? null : actorId(source.publisher),
      authorName: source.authorName,
      authorId: source.author === null ? null : actorId(source.author),
      url: source.url,
      language: source.language,
      publishedOn: published.date,
      publishedOnPrecision: published.precision,
      publishedOnStated: published.stated,
      publishedOnDerivation: published.derivation,
      publishedOnEarliest: published.earliest,
      publishedOnLatest: published.latest,
      note: source.note,
      ...languages('sources', source.slug, TEXT_FIELDS.sources),
    });
    for (const cited of source.cites) {
      plan.sourceCitation.push({
        id: seedId('sourceCitation', `${source.slug}->${cited.source}`),
        citingSourceId: sourceId(source.slug),
        citedSourceId: sourceId(cited.source),
        excerpt: cited.excerpt,
      });
    }
  }

  for (const affiliation of dataset.affiliations) {
    const key = affiliationKey(affiliation);
    const id = seedId('affiliation', key);
    const started = dateColumns(affiliation.startedOn);
    const ended = dateColumns(affiliation.endedOn);
    plan.affiliation.push({
      id,
      memberId: actorId(affiliation.member),
      organizationId: actorId(affiliation.organization),
      role: affiliation.role,
      title: affiliation.title,
      startedOn: started.date,
      startedOnPrecision: started.precision,
      startedOnStated: started.stated,
      startedOnDerivation: started.derivation,
      endedOn: ended.date,
      endedOnPrecision: ended.precision,
      endedOnStated: ended.stated,
      endedOnDerivation: ended.derivation,
      ...languages('affiliations', key, TEXT_FIELDS.affiliations),
    });
    cite(`affiliation:${key}`, { affiliationId: id }, affiliation.citations);
  }

  for (const event of dataset.events) {
    const id = eventId(event.slug);
    plan.event.push({
      id,
      slug: event.slug,
      title: event.title,
      description: event.description,
      kind: event.kind,
      ...itemDateColumns(event.date),
      chronologyDepth: depth.get(`event:${event.slug}`) ?? 0,
      place: event.place,
      ...languages('events', event.slug, TEXT_FIELDS.events),
    });
    chronology({ kind: 'event', slug: event.slug }, event.after);
    for (const participant of event.participants) {
      plan.eventParticipant.push({
        id: seedId('eventParticipant', `${event.slug}/${participant.actor}/${participant.role}`),
        eventId: id,
        actorId: actorId(participant.actor),
        role: participant.role,
      });
    }
    cite(`event:${event.slug}`, { eventId: id }, event.citations);
  }

  for (const quote of dataset.quotes) {
    const id = quoteId(quote.slug);
    plan.quote.push({
      id,
      slug: quote.slug,
      text: quote.text,
      language: quote.language,
      originalLanguage: quote.originalLanguage,
      speakerId: actorId(quote.speaker),
      speakerGroup: quote.speakerGroup,
      eventId: quote.event === null ? null : eventId(quote.event),
      context: quote.context,
      ...itemDateColumns(quote.date),
      chronologyDepth: depth.get(`quote:${quote.slug}`) ?? 0,
      aboutIds: quote.about.map(actorId),
      speakerIds: [quote.speaker, ...quote.coSpeakers].map(actorId),
      // The text's language is the quote's own `language`.
      ...languages('quotes', quote.slug, TEXT_FIELDS.quotes.filter((field) => field !== 'text')),
    });
    chronology({ kind: 'quote', slug: quote.slug }, quote.after);
    cite(`quote:${quote.slug}`, { quoteId: id }, quote.citations);
  }

  for (const action of dataset.legalActions) {
    const id = legalActionId(action.slug);
    const filed = dateColumns(action.filedOn);
    // Schema invariant: the current status is the latest entry of the history.
    const status = action.statusHistory[action.statusHistory.length - 1]!.status;
    plan.legalAction.push({
      id,
      slug: action.slug,
      title: action.title,
      summary: action.summary,
      court: action.court,
      jurisdiction: action.jurisdiction,
      caseNumber: action.caseNumber,
      filedOn: filed.date,
      filedOnPrecision: filed.precision,
      filedOnStated: filed.stated,
      filedOnDerivation: filed.derivation,
      status,
      eventIds: action.events.map(eventId),
      ...languages('legalActions', action.slug, TEXT_FIELDS.legalActions),
    });
    for (const party of action.parties) {
      plan.legalActionParty.push({
        id: seedId('legalActionParty', `${action.slug}/${party.actor}/${party.side}`),
        legalActionId: id,
        actorId: actorId(party.actor),
        side: party.side,
      });
    }
    action.claims.forEach((claim, position) => {
      const claimId = seedId('legalClaim', `${action.slug}/${claim.key}`);
      plan.legalClaim.push({ id: claimId, legalActionId: id, text: claim.text, language: claim.language, position });
      cite(`legalClaim:${action.slug}/${claim.key}`, { legalClaimId: claimId }, claim.citations);
    });
    // Keyed by position, like the table's unique (legalActionId, position): inserting a step
    // rewrites the later rows in place instead of colliding with them.
    action.statusHistory.forEach((change, position) => {
      const changeId = seedId('legalActionStatusChange', `${action.slug}/${position}`);
      plan.legalActionStatusChange.push({
        id: changeId,
        legalActionId: id,
        status: change.status,
        ...itemDateColumns(change.date),
        note: change.note,
        position,
        ...languages('statusChanges', `${action.slug}/${position}`, TEXT_FIELDS.statusChanges),
      });
      cite(`legalActionStatusChange:${action.slug}/${position}`, { statusChangeId: changeId }, change.citations);
    });
    cite(`legalAction:${action.slug}`, { legalActionId: id }, action.citations);
  }

  for (const claim of dataset.claims) {
    const id = claimId(claim.slug);
    plan.claim.push({
      id,
      slug: claim.slug,
      summary: claim.summary,
      claimantId: actorId(claim.claimant),
      ...itemDateColumns(claim.date),
      chronologyDepth: depth.get(`claim:${claim.slug}`) ?? 0,
      aboutActorIds: claim.about.actors.map(actorId),
      aboutEventIds: claim.about.events.map(eventId),
      aboutLegalActionIds: claim.about.legalActions.map(legalActionId),
      aboutClaimIds: claim.about.claims.map(claimId),
      quoteIds: claim.quotes.map(quoteId),
      ...languages('claims', claim.slug, TEXT_FIELDS.claims),
    });
    for (const relation of claim.relations) {
      const key = `${claim.slug}/${relation.kind}/${relation.claim}`;
      const relationId = seedId('claimRelation', key);
      plan.claimRelation.push({ id: relationId, fromClaimId: id, toClaimId: claimId(relation.claim), kind: relation.kind });
      cite(`claimRelation:${key}`, { claimRelationId: relationId }, relation.citations);
    }
    chronology({ kind: 'claim', slug: claim.slug }, claim.after);
    cite(`claim:${claim.slug}`, { claimId: id }, claim.citations);
  }

  for (const conflict of dataset.conflicts) {
    plan.conflict.push({
      id: seedId('conflict', conflict.slug),
      slug: conflict.slug,
      name: conflict.name,
      description: conflict.description,
      partyIds: conflict.parties.map(actorId),
      eventIds: conflict.events.map(eventId),
      quoteIds: conflict.quotes.map(quoteId),
      legalActionIds: conflict.legalActions.map(legalActionId),
      claimIds: conflict.claims.map(claimId),
      ...languages('conflicts', conflict.slug, TEXT_FIELDS.conflicts),
    });
  }

  // Labels: each rendering (or source-published wording) of one field of one record.
  const labelOwner: Record<TextCollection, (key: string) => Partial<Prisma.LabelUncheckedCreateInput>> = {
    actors: (key) => ({ actorId: actorId(key) }),
    affiliations: (key) => ({ affiliationId: seedId('affiliation', key) }),
    events: (key) => ({ eventId: eventId(key) }),
    quotes: (key) => ({ quoteId: quoteId(key) }),
    legalActions: (key) => ({ legalActionId: legalActionId(key) }),
    legalClaims: (key) => ({ legalClaimId: seedId('legalClaim', key) }),
    statusChanges: (key) => ({ statusChangeId: seedId('legalActionStatusChange', key) }),
    sources: (key) => ({ sourceId: sourceId(key) }),
    conflicts: (key) => ({ conflictId: seedId('conflict', key) }),
    claims: (key) => ({ claimId: claimId(key) }),
  };
  for (const collection of Object.keys(TEXT_FIELDS) as TextCollection[]) {
    for (const [key, fields] of Object.entries(dataset.labels[collection] as Record<string, Partial<Record<TextField, FieldLabels>>>)) {
      for (const [field, entry] of Object.entries(fields) as [TextField, FieldLabels][]) {
        const original = originalLanguageOf(dataset, collection, key, field);
        for (const [language, wording] of labelEntries(entry)) {
          const published = typeof wording === 'string' ? null : wording;
          plan.label.push({
            id: seedId('label', `${collection}:${key}/${field}/${language}`),
            field,
            language,
            text: published?.text ?? (wording as string),
            renderingOf: renderingOf(dataset, collection, key, field, language, original, published !== null),
            publishedInId: published ? sourceId(published.source) : null,
            excerpt: published?.excerpt ?? null,
            ...labelOwner[collection](key),
          } as Row<Omit<Prisma.LabelUncheckedCreateInput, 'id'>>);
        }
      }
    }
  }

  return plan;
}

/**
 * Longest chain of known predecessors of every item (`event:slug`, `quote:slug`, `claim:slug`):
 * 0 for an item that follows nothing. Stored with the item so lists ordered in SQL put a reaction
 * after its cause when their date bounds tie; the timeline computes the same in memory.
 */
export function chronologyDepths(dataset: Dataset): Map<string, number> {
  const after = new Map<string, string[]>();
  const key = (a: DatasetAfter) => (a.event !== undefined ? `event:${a.event}` : a.quote !== undefined ? `quote:${a.quote}` : `claim:${a.claim}`);
  for (const e of dataset.events) after.set(`event:${e.slug}`, e.after.map(key));
  for (const q of dataset.quotes) after.set(`quote:${q.slug}`, q.after.map(key));
  for (const c of dataset.claims) after.set(`claim:${c.slug}`, c.after.map(key));
  const depth = new Map<string, number>();
  const visit = (node: string): number => {
    const known = depth.get(node);
    if (known !== undefined) return known;
    depth.set(node, 0); // guards against a cycle the validation would already have rejected
    const value = Math.max(0, ...(after.get(node) ?? []).map((earlier) => visit(earlier) + 1));
    depth.set(node, value);
    return value;
  };
  for (const node of after.keys()) visit(node);
  return depth;
}

/**
 * What a label renders. The knowledge base's renderings render the stored wording. A source's
 * wording of a quote in the language the words were originally said in is the original itself
 * (null); in any other language it renders that original language.
 */
function renderingOf(
  dataset: Dataset,
  collection: TextCollection,
  key: string,
  field: TextField,
  language: string,
  original: string,
  published: boolean,
): string | null {
  if (published && collection === 'quotes' && field === 'text') {
    const quote = dataset.quotes.find((q) => q.slug === key)!;
    if (quote.originalLanguage === language) return null;
    return quote.originalLanguage ?? quote.language;
  }
  return original;
}

// ---------------------------------------------------------------------------------------------
// Writing

const connect = (ids: string[]) => ids.map((id) => ({ id }));

/** Seeds the database with the dataset in one transaction; returns what was written per model. */
export async function seedDatabase(prisma: PrismaClient, dataset: Dataset, options: SeedOptions = {}): Promise<SeedSummary> {
  const plan = planSeed(dataset);
  return prisma.$transaction(
    async (tx) => {
      const created = await countMissing(tx, plan);

      for (const { id, ...data } of plan.actor) await tx.actor.upsert({ where: { id }, create: { id, ...data }, update: data });
      for (const { id, ...data } of plan.source) await tx.source.upsert({ where: { id }, create: { id, ...data }, update: data });
      for (const { id, ...data } of plan.sourceCitation) {
        await tx.sourceCitation.upsert({ where: { id }, create: { id, ...data }, update: data });
      }
      for (const { id, ...data } of plan.affiliation) await tx.affiliation.upsert({ where: { id }, create: { id, ...data }, update: data });
      for (const { id, ...data } of plan.event) await tx.event.upsert({ where: { id }, create: { id, ...data }, update: data });
      for (const { id, ...data } of plan.eventParticipant) {
        await tx.eventParticipant.upsert({ where: { id }, create: { id, ...data }, update: data });
      }
      for (const { id, aboutIds, speakerIds, ...data } of plan.quote) {
        await tx.quote.upsert({
          where: { id },
          create: { id, ...data, about: { connect: connect(aboutIds) }, speakers: { connect: connect(speakerIds) } },
          update: { ...data, about: { set: connect(aboutIds) }, speakers: { set: connect(speakerIds) } },
        });
      }
      for (const { id, eventIds, ...data } of plan.legalAction) {
        await tx.legalAction.upsert({
          where: { id },
          create: { id, ...data, events: { connect: connect(eventIds) } },
          update: { ...data, events: { set: connect(eventIds) } },
        });
      }
      for (const { id, ...data } of plan.legalActionParty) {
        await tx.legalActionParty.upsert({ where: { id }, create: { id, ...data }, update: data });
      }
      for (const { id, ...data } of plan.legalClaim) await tx.legalClaim.upsert({ where: { id }, create: { id, ...data }, update: data });
      for (const { id, ...data } of plan.legalActionStatusChange) {
        await tx.legalActionStatusChange.upsert({ where: { id }, create: { id, ...data }, update: data });
      }
      // Claims first without their links to other claims (a claim may be about one written later).
      for (const { id, aboutActorIds, aboutEventIds, aboutLegalActionIds, aboutClaimIds: _, quoteIds, ...data } of plan.claim) {
        const links = (op: 'connect' | 'set') => ({
          aboutActors: { [op]: connect(aboutActorIds) },
          aboutEvents: { [op]: connect(aboutEventIds) },
          aboutLegalActions: { [op]: connect(aboutLegalActionIds) },
          quotes: { [op]: connect(quoteIds) },
        });
        await tx.claim.upsert({ where: { id }, create: { id, ...data, ...links('connect') }, update: { ...data, ...links('set') } });
      }
      for (const { id, aboutClaimIds } of plan.claim) {
        await tx.claim.update({ where: { id }, data: { aboutClaims: { set: connect(aboutClaimIds) } } });
      }
      for (const { id, ...data } of plan.claimRelation) await tx.claimRelation.upsert({ where: { id }, create: { id, ...data }, update: data });
      for (const { id, ...data } of plan.chronologyLink) await tx.chronologyLink.upsert({ where: { id }, create: { id, ...data }, update: data });
      for (const { id, partyIds, eventIds, quoteIds, legalActionIds, claimIds, ...data } of plan.conflict) {
        const links = (op: 'connect' | 'set') => ({
          parties: { [op]: connect(partyIds) },
          events: { [op]: connect(eventIds) },
          quotes: { [op]: connect(quoteIds) },
          legalActions: { [op]: connect(legalActionIds) },
          claims: { [op]: connect(claimIds) },
        });
        await tx.conflict.upsert({ where: { id }, create: { id, ...data, ...links('connect') }, update: { ...data, ...links('set') } });
      }
      for (const { id, ...data } of plan.citation) await tx.citation.upsert({ where: { id }, create: { id, ...data }, update: data });
      for (const { id, ...data } of plan.label) await tx.label.upsert({ where: { id }, create: { id, ...data }, update: data });

      // The stored timeline order (TimelineEntry) of every conflict this load may have changed: the
      // dataset's conflicts and any other conflict holding one of its events, quotes, claims or
      // legal actions. One set-based statement (see the README's "Timeline" notes).
      const ids = (model: SeedModel) => plan[model].map((row) => row.id);
      await tx.$queryRaw`SELECT timeline_refresh(ARRAY(
          SELECT unnest(${ids('conflict')}::uuid[])
          UNION SELECT "A" FROM "_ConflictToEvent" WHERE "B" = ANY (${ids('event')}::uuid[])
          UNION SELECT "A" FROM "_ConflictToQuote" WHERE "B" = ANY (${ids('quote')}::uuid[])
          UNION SELECT "B" FROM "_ClaimToConflict" WHERE "A" = ANY (${ids('claim')}::uuid[])
          UNION SELECT "A" FROM "_ConflictToLegalAction" WHERE "B" = ANY (${ids('legalAction')}::uuid[])))::int AS written`;

      const written = Object.fromEntries(SEED_MODELS.map((model) => [model, plan[model].length])) as Record<SeedModel, number>;
      return { written, created };
    },
    { timeout: options.timeoutMs ?? 120_000, maxWait: 30_000 },
  );
}

/** How many of the plan's rows do not exist yet, per model (read before writing). */
async function countMissing(tx: Prisma.TransactionClient, plan: SeedPlan): Promise<Record<SeedModel, number>> {
  const ids = (model: SeedModel) => ({ where: { id: { in: plan[model].map((row) => row.id) } } });
  const existing: Record<SeedModel, number> = {
    actor: await tx.actor.count(ids('actor')),
    source: await tx.source.count(ids('source')),
    sourceCitation: await tx.sourceCitation.count(ids('sourceCitation')),
    affiliation: await tx.affiliation.count(ids('affiliation')),
    event: await tx.event.count(ids('event')),
    eventParticipant: await tx.eventParticipant.count(ids('eventParticipant')),
    quote: await tx.quote.count(ids('quote')),
    legalAction: await tx.legalAction.count(ids('legalAction')),
    legalActionParty: await tx.legalActionParty.count(ids('legalActionParty')),
    legalClaim: await tx.legalClaim.count(ids('legalClaim')),
    legalActionStatusChange: await tx.legalActionStatusChange.count(ids('legalActionStatusChange')),
    claim: await tx.claim.count(ids('claim')),
    claimRelation: await tx.claimRelation.count(ids('claimRelation')),
    chronologyLink: await tx.chronologyLink.count(ids('chronologyLink')),
    conflict: await tx.conflict.count(ids('conflict')),
    citation: await tx.citation.count(ids('citation')),
    label: await tx.label.count(ids('label')),
  };
  return Object.fromEntries(SEED_MODELS.map((model) => [model, plan[model].length - existing[model]])) as Record<SeedModel, number>;
}
