/**
 * Synthetic knowledge bases at any scale, for benchmarks and plan tests (issue 6): every table
 * filled, skewed like real data (one prolific speaker, power-law speakers, participants and cited
 * sources; conflicts of very different sizes), every constraint respected, and clearly fake
 * (names like "Synthetic Person 12", slugs starting with `synth-`). Deterministic: a seed and a
 * size always give the same rows.
 *
 * Loading is one transaction: keys, foreign keys and indexes are dropped, every table is filled
 * through COPY, then keys and indexes are rebuilt and the foreign keys re-added — which validates
 * every key and reference in one pass — and the tables are vacuumed and analysed. Whatever
 * indexes and constraints the migrations define at the time are the ones restored.
 *
 * To extend it when the data model grows: add the columns to the table's entry in `tables()`
 * (or a new entry for a new table). tests/synth.test.ts fails while a table is empty or a column
 * is never filled.
 */
import { applyMigrations } from '../db/migrations.js';
import type { SynthConnection } from './connection.js';
import { copyLine } from './connection.js';
import { PowerLaw, Random, syntheticUuid } from './random.js';

export interface SynthOptions {
  /** Number of quotes; every other table is sized from it. */
  quotes: number;
  /** PRNG seed (default 1): the same seed and size give the same database. */
  seed?: number;
  /** Empty a database that already holds data (default: refuse to touch it). */
  reset?: boolean;
  /** Progress messages (default: none). */
  log?: (message: string) => void;
}

export interface SynthConflictSummary {
  slug: string;
  events: number;
  quotes: number;
  legalActions: number;
  claims: number;
  /** Entries of `Conflict.timeline` without filters: events + quotes + claims + legal status steps. */
  timelineEntries: number;
}

export interface SynthSummary {
  seed: number;
  /** Rows written per table. */
  rows: Record<string, number>;
  conflicts: SynthConflictSummary[];
  /** The speaker with by far the most quotes. */
  prolificSpeaker: { slug: string; quotes: number };
  tookMs: number;
  /** CPU time this process spent (generating rows and driving COPY), as opposed to the database's. */
  cpuMs: number;
}

/** Slugs the benchmark and tests address directly. */
export const SYNTH_SLUGS = {
  prolificSpeaker: 'synth-person-0',
  hugeConflict: 'synth-conflict-huge',
  mediumConflict: 'synth-conflict-medium',
  smallConflict: 'synth-conflict-small',
} as const;

type Precision = 'YEAR' | 'MONTH' | 'DAY';
interface PartialDate {
  iso: string;
  precision: Precision;
}
type Value = string | number | boolean | null | undefined;

// Table tags inside synthetic UUIDs (see syntheticUuid): ids are computed from row indexes.
const TAG = {
  Actor: 1,
  Affiliation: 2,
  Event: 3,
  EventParticipant: 4,
  Quote: 5,
  LegalAction: 6,
  LegalActionParty: 7,
  LegalClaim: 8,
  LegalActionStatusChange: 9,
  Source: 10,
  SourceCitation: 11,
  Citation: 12,
  Conflict: 13,
  Claim: 14,
  ClaimRelation: 15,
  ChronologyLink: 16,
  Label: 17,
} as const;
const id = (table: keyof typeof TAG, index: number) => syntheticUuid(TAG[table], index);

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function randomDate(random: Random, fromYear = 2000, toYear = 2025): PartialDate {
  const year = random.int(fromYear, toYear);
  const p = random.next();
  if (p < 0.1) return { iso: `${year}-01-01`, precision: 'YEAR' };
  const month = pad2(random.int(1, 12));
  if (p < 0.3) return { iso: `${year}-${month}-01`, precision: 'MONTH' };
  return { iso: `${year}-${month}-${pad2(random.int(1, 28))}`, precision: 'DAY' };
}

function statedFor(random: Random, date: PartialDate | null, probability = 0.1): string | null {
  return date && random.chance(probability) ? `synthetic wording for ${date.iso.slice(0, date.precision === 'YEAR' ? 4 : date.precision === 'MONTH' ? 7 : 10)}` : null;
}

/** The source's wording and, beside some of them, how it became the date. */
function statedAndDerivation(random: Random, date: PartialDate | null, probability = 0.1): [string | null, string | null] {
  const stated = statedFor(random, date, probability);
  return [stated, derivationFor(random, stated)];
}

/** How a stated wording became the date (only beside a wording, as in real data). */
function derivationFor(random: Random, stated: string | null): string | null {
  return stated && random.chance(0.5) ? `Synthetic derivation of "${stated}"` : null;
}

const WORDS = (
  'synthetic data point model statement future company board research funding compute safety open ' +
  'source product partnership investment mission nonprofit profit structure lawsuit contract growth ' +
  'network platform announcement agreement policy market leadership vision capacity training release'
).split(' ');

function words(random: Random, min: number, max: number): string {
  const count = random.int(min, max);
  let text = random.pick(WORDS);
  for (let i = 1; i < count; i++) text += ' ' + random.pick(WORDS);
  return text;
}

const ORGANIZATION_KINDS = ['COMPANY', 'NONPROFIT', 'GOVERNMENT_BODY', 'NEWS_OUTLET', 'SOCIAL_MEDIA_ACCOUNT', 'SOCIAL_MEDIA_PLATFORM', 'PROJECT', 'OTHER'];
const AFFILIATION_ROLES = ['CO_FOUNDER', 'FOUNDER', 'CEO', 'BOARD_MEMBER', 'EMPLOYEE', 'INVESTOR', 'PARTNER', 'OWNER', 'OPERATOR', 'OTHER'];
const EVENT_KINDS = ['FOUNDING', 'DEPARTURE', 'STATUS_CHANGE', 'PRODUCT_LAUNCH', 'ANNOUNCEMENT', 'FILING', 'STATEMENT', 'INVESTMENT', 'REPORT', 'MILESTONE', 'OTHER'];
const PARTICIPANT_ROLES = ['FOUNDER', 'ANNOUNCER', 'INITIATOR', 'PARTNER', 'INVESTOR', 'SUBJECT', 'HOST', 'AUTHOR', 'RESPONDENT', 'PLAINTIFF', 'DEFENDANT', 'OTHER'];
const FINAL_STATUSES = ['WITHDRAWN', 'DISMISSED', 'SETTLED', 'DECIDED', 'PENDING'];
const SOURCE_KINDS = ['ARTICLE', 'NEWS_REPORT', 'BLOG_POST', 'SOCIAL_MEDIA_POST', 'PRESS_RELEASE', 'ANNOUNCEMENT', 'COURT_FILING', 'EMAIL', 'OTHER'];
const CLAIM_RELATION_KINDS = ['DISPUTES', 'DENIES', 'SUPPORTS', 'RESPONDS_TO'];

interface LegalStep {
  status: string;
  date: PartialDate | null;
  stated: string | null;
  note: string | null;
}

interface ConflictPlan {
  slug: string;
  name: string;
  events: number[];
  quotes: number[];
  legalActions: number[];
  claims: number[];
  parties: number[];
}

/** A synthetic claim: who, when, and the earlier claim it follows (a chain, never a cycle). */
interface ClaimPlan {
  claimant: number;
  date: PartialDate | null;
  /** Earlier claim (lower index) this one is known to come after, and its depth in the chain. */
  after: number | null;
  depth: number;
  /** Earlier claim this one disputes, denies, supports or responds to. */
  relatesTo: number | null;
}

/** Sizes and the small, cross-referenced parts of the world, kept in memory; big tables stream. */
class World {
  readonly persons: number;
  readonly organizations: number;
  readonly actors: number;
  readonly events: number;
  readonly quotes: number;
  readonly legalActions: number;
  readonly sources: number;
  readonly claimCount: number;

  readonly speakers: PowerLaw;
  readonly actorsByFame: PowerLaw;
  readonly organizationsByFame: PowerLaw;
  readonly sourcesByFame: PowerLaw;

  readonly eventDates: (PartialDate | null)[] = [];
  readonly affiliations: { member: number; organization: number }[] = [];
  readonly legalSteps: LegalStep[][] = [];
  readonly claimsPerAction: number[] = [];
  readonly claims: ClaimPlan[] = [];
  readonly conflicts: ConflictPlan[] = [];
  /** Counted while the quotes are written. */
  prolificQuotes = 0;

  constructor(
    readonly seed: number,
    quotes: number,
  ) {
    this.quotes = quotes;
    this.persons = Math.max(40, Math.round(quotes / 55));
    this.organizations = Math.max(10, Math.round(quotes / 550));
    this.actors = this.persons + this.organizations;
    this.events = Math.max(60, Math.round(quotes / 10));
    this.legalActions = Math.max(6, Math.round(quotes / 1000));
    this.sources = Math.max(12, Math.round(quotes / 100));
    this.claimCount = Math.max(30, Math.round(quotes / 20));

    // Persons 1.. (person 0 is the prolific speaker, drawn separately); the offset keeps the next
    // most quoted well behind the prolific one at every scale.
    this.speakers = new PowerLaw(this.persons - 1, 0.8, 10);
    this.actorsByFame = new PowerLaw(this.actors, 1.0);
    this.organizationsByFame = new PowerLaw(this.organizations, 1.0);
    this.sourcesByFame = new PowerLaw(this.sources, 0.8);

    const dates = this.random('event-dates');
    for (let i = 0; i < this.events; i++) this.eventDates.push(dates.chance(0.95) ? randomDate(dates) : null);

    const affiliations = this.random('affiliations');
    for (let member = 0; member < this.persons; member++) {
      const count = affiliations.pick([0, 1, 1, 2, 2, 3]);
      const seen = new Set<number>();
      for (let k = 0; k < count; k++) {
        const organization = this.organization(this.organizationsByFame.sample(affiliations));
        if (seen.has(organization)) continue;
        seen.add(organization);
        this.affiliations.push({ member, organization });
      }
    }

    const legal = this.random('legal-steps');
    for (let action = 0; action < this.legalActions; action++) {
      const count = legal.int(1, 4);
      const firstYear = legal.int(2012, 2022);
      const steps: LegalStep[] = [];
      for (let position = 0; position < count; position++) {
        const status = position === 0 ? 'FILED' : position === count - 1 ? legal.pick(FINAL_STATUSES) : 'PENDING';
        // Steps follow each other by at least a year, so dates never go backwards.
        const date = position > 0 && legal.chance(0.15) ? null : randomDate(legal, firstYear + position, firstYear + position);
        steps.push({ status, date, stated: statedFor(legal, date, 0.3), note: legal.chance(0.4) ? `Synthetic note: ${words(legal, 3, 10)}` : null });
      }
      this.legalSteps.push(steps);
      this.claimsPerAction.push(legal.int(1, 4));
    }

    // Claims: a fifth follow the claim before them (same date, one deeper in the chain), a third
    // relate to an earlier claim. Both point backwards, so neither forms a cycle.
    const claims = this.random('claims');
    for (let i = 0; i < this.claimCount; i++) {
      const previous = this.claims[i - 1];
      const follows = previous !== undefined && claims.chance(0.2);
      this.claims.push({
        claimant: 1 + this.speakers.sample(claims),
        date: follows ? previous.date : claims.chance(0.85) ? randomDate(claims) : null,
        after: follows ? i - 1 : null,
        depth: follows ? previous.depth + 1 : 0,
        relatesTo: i > 0 && claims.chance(0.35) ? claims.int(0, i - 1) : null,
      });
    }

    this.planConflicts();
  }

  random(stream: string): Random {
    return new Random(this.seed, stream);
  }

  /** Actor index of the n-th organisation. */
  organization(n: number): number {
    return this.persons + n;
  }

  /**
   * Conflicts of very different sizes: a huge one growing with the database (a tenth of all events and quotes), a medium one of
   * about 5,000 timeline entries, a small one of about 50, and twenty of random sizes.
   */
  private planConflicts(): void {
    const every = (count: number, stride: number, offset: number, limit = Infinity) => {
      const picked: number[] = [];
      for (let i = offset; i < count && picked.length < limit; i += stride) picked.push(i);
      return picked;
    };
    const strideFor = (count: number, wanted: number) => Math.max(2, Math.floor(count / wanted));
    const top = (n: number) => Array.from({ length: Math.min(n, this.actors) }, (_, i) => i);

    this.conflicts.push({
      slug: SYNTH_SLUGS.hugeConflict,
      name: 'Synthetic Conflict (huge)',
      events: every(this.events, 10, 0),
      quotes: every(this.quotes, 10, 0),
      legalActions: every(this.legalActions, 10, 0),
      claims: every(this.claimCount, 10, 0),
      parties: top(12),
    });
    this.conflicts.push({
      slug: SYNTH_SLUGS.mediumConflict,
      name: 'Synthetic Conflict (medium)',
      events: every(this.events, strideFor(this.events, 500), 1, 500),
      quotes: every(this.quotes, strideFor(this.quotes, 4_400), 1, 4_400),
      legalActions: every(this.legalActions, 10, 1, 20),
      claims: every(this.claimCount, strideFor(this.claimCount, 200), 1, 200),
      parties: top(8),
    });
    this.conflicts.push({
      slug: SYNTH_SLUGS.smallConflict,
      name: 'Synthetic Conflict (small)',
      events: every(this.events, strideFor(this.events, 10), 2, 10),
      quotes: every(this.quotes, strideFor(this.quotes, 36), 2, 36),
      legalActions: [2],
      claims: every(this.claimCount, strideFor(this.claimCount, 2), 2, 2),
      parties: [0, 1, this.organization(0)],
    });
    const random = this.random('conflicts');
    const distinct = (count: number, wanted: number) => {
      const picked = new Set<number>();
      const target = Math.min(count, wanted);
      while (picked.size < target) picked.add(random.int(0, count - 1));
      return [...picked].sort((a, b) => a - b);
    };
    for (let n = 1; n <= 20; n++) {
      this.conflicts.push({
        slug: `synth-conflict-${n}`,
        name: `Synthetic Conflict ${n}`,
        events: distinct(this.events, random.int(3, Math.min(300, this.events / 10))),
        quotes: distinct(this.quotes, random.int(5, Math.min(3_000, this.quotes / 20))),
        legalActions: distinct(this.legalActions, random.int(0, 3)),
        claims: distinct(this.claimCount, random.int(0, Math.min(100, this.claimCount / 10))),
        parties: distinct(this.actors, random.int(2, 8)),
      });
    }
  }
}

interface TableLoad {
  table: string;
  columns: string[];
  rows: () => Iterable<Value[]>;
}

/** Every table of the data model, in load order, with the generator of its rows. */
function tables(world: World): TableLoad[] {
  const w = world;
  return [
    {
      table: 'Actor',
      columns: ['id', 'slug', 'type', 'name', 'description', 'organizationKind'],
      *rows() {
        const r = w.random('actors');
        for (let i = 0; i < w.actors; i++) {
          const person = i < w.persons;
          const n = person ? i : i - w.persons;
          yield [
            id('Actor', i),
            person ? `synth-person-${n}` : `synth-org-${n}`,
            person ? 'PERSON' : 'ORGANIZATION',
            person ? `Synthetic Person ${n}` : `Synthetic Organization ${n}`,
            r.chance(0.5) ? `Synthetic description: ${words(r, 5, 20)}` : null,
            person ? null : r.pick(ORGANIZATION_KINDS),
          ];
        }
      },
    },
    {
      table: 'Affiliation',
      columns: ['id', 'memberId', 'organizationId', 'role', 'title', 'startedOn', 'startedOnPrecision', 'startedOnStated', 'startedOnDerivation', 'endedOn', 'endedOnPrecision', 'endedOnStated', 'endedOnDerivation'],
      *rows() {
        const r = w.random('affiliation-rows');
        for (const [i, { member, organization }] of w.affiliations.entries()) {
          const started = r.chance(0.8) ? randomDate(r, 1995, 2022) : null;
          // An end at least a year after the start satisfies the ended-after-started CHECK at any precision.
          const ended = started && r.chance(0.4) ? randomDate(r, Number(started.iso.slice(0, 4)) + 1, Number(started.iso.slice(0, 4)) + 8) : null;
          yield [
            id('Affiliation', i),
            id('Actor', member),
            id('Actor', organization),
            r.pick(AFFILIATION_ROLES),
            r.chance(0.2) ? `Synthetic Title ${r.int(1, 50)}` : null,
            started?.iso,
            started?.precision,
            ...statedAndDerivation(r, started),
            ended?.iso,
            ended?.precision,
            ...statedAndDerivation(r, ended, 0.3),
          ];
        }
      },
    },
    {
      table: 'Event',
      // dateEarliest/dateLatest are filled from the period by the table's trigger.
      columns: ['id', 'slug', 'title', 'description', 'kind', 'date', 'datePrecision', 'dateStated', 'dateDerivation', 'place'],
      *rows() {
        const r = w.random('events');
        for (let i = 0; i < w.events; i++) {
          const date = w.eventDates[i]!;
          yield [
            id('Event', i),
            `synth-event-${i}`,
            `Synthetic Event ${i}: ${words(r, 2, 6)}`,
            r.chance(0.5) ? `Synthetic description: ${words(r, 8, 30)}` : null,
            r.pick(EVENT_KINDS),
            date?.iso,
            date?.precision,
            ...statedAndDerivation(r, date),
            r.chance(0.4) ? `Synthetic City ${r.int(1, 200)}` : null,
          ];
        }
      },
    },
    {
      table: 'EventParticipant',
      columns: ['id', 'eventId', 'actorId', 'role'],
      *rows() {
        const r = w.random('participants');
        let index = 0;
        for (let event = 0; event < w.events; event++) {
          const count = r.pick([1, 2, 2, 3, 3, 3, 4, 5]);
          const seen = new Set<number>();
          for (let k = 0; k < count; k++) {
            const actor = w.actorsByFame.sample(r);
            if (seen.has(actor)) continue;
            seen.add(actor);
            yield [id('EventParticipant', index++), id('Event', event), id('Actor', actor), r.pick(PARTICIPANT_ROLES)];
          }
        }
      },
    },
    {
      table: 'Quote',
      columns: ['id', 'slug', 'text', 'language', 'originalLanguage', 'speakerId', 'speakerGroup', 'eventId', 'context', 'date', 'datePrecision', 'dateStated', 'dateDerivation'],
      *rows() {
        const r = w.random('quotes');
        for (let i = 0; i < w.quotes; i++) {
          // One prolific speaker (6% of all quotes), a power law over persons, a few organisations.
          const p = r.next();
          const speaker = p < 0.06 ? 0 : p < 0.97 ? 1 + w.speakers.sample(r) : w.organization(w.organizationsByFame.sample(r));
          if (speaker === 0) w.prolificQuotes++;
          const event = r.chance(0.25) ? r.int(0, w.events - 1) : null;
          // A quote said at an event carries the event's date.
          const date = event !== null && w.eventDates[event] ? w.eventDates[event] : r.chance(0.9) ? randomDate(r) : null;
          const german = r.chance(0.6);
          yield [
            id('Quote', i),
            `synth-quote-${i}`,
            `Synthetic quote ${i}: ${words(r, 6, 40)}.`,
            german ? 'de' : 'en',
            german && r.chance(0.5) ? 'en' : null,
            id('Actor', speaker),
            // Words of a group: see _QuoteSpeakers (its named members).
            jointlySpoken(i) ? `Synthetic Person ${speaker} and others` : null,
            event === null ? null : id('Event', event),
            r.chance(0.2) ? `Synthetic context: ${words(r, 4, 15)}` : null,
            date?.iso,
            date?.precision,
            ...statedAndDerivation(r, date),
          ];
        }
      },
    },
    {
      // Implicit many-to-many Actor <-> Quote ("QuoteSpeakers"): the named speakers of the quotes
      // said by a group, A = Actor, B = Quote. Speaker ids are recomputed from the same stream.
      table: '_QuoteSpeakers',
      columns: ['A', 'B'],
      *rows() {
        const r = w.random('quote-speakers');
        for (let i = 0; i < w.quotes; i++) {
          if (!jointlySpoken(i)) continue;
          const first = w.speakers.sample(r);
          const second = w.speakers.sample(r);
          yield [id('Actor', 1 + first), id('Quote', i)];
          if (second !== first) yield [id('Actor', 1 + second), id('Quote', i)];
        }
      },
    },
    {
      // Implicit many-to-many Actor <-> Quote ("QuoteSubject"): A = Actor, B = Quote.
      table: '_QuoteSubject',
      columns: ['A', 'B'],
      *rows() {
        const r = w.random('quote-subjects');
        for (let i = 0; i < w.quotes; i++) {
          const p = r.next();
          if (p >= 0.35) continue;
          const first = w.actorsByFame.sample(r);
          yield [id('Actor', first), id('Quote', i)];
          if (p < 0.05) {
            const second = w.actorsByFame.sample(r);
            if (second !== first) yield [id('Actor', second), id('Quote', i)];
          }
        }
      },
    },
    {
      table: 'LegalAction',
      columns: ['id', 'slug', 'title', 'summary', 'court', 'jurisdiction', 'caseNumber', 'filedOn', 'filedOnPrecision', 'filedOnStated', 'filedOnDerivation', 'status'],
      *rows() {
        const r = w.random('legal-actions');
        for (let i = 0; i < w.legalActions; i++) {
          const steps = w.legalSteps[i]!;
          const filed = steps[0]!;
          yield [
            id('LegalAction', i),
            `synth-legal-action-${i}`,
            `Synthetic Legal Action ${i}`,
            r.chance(0.6) ? `Synthetic summary: ${words(r, 10, 30)}` : null,
            r.chance(0.7) ? `Synthetic Court ${r.int(1, 30)}` : null,
            r.chance(0.5) ? `Synthetic Jurisdiction ${r.int(1, 10)}` : null,
            r.chance(0.5) ? `SYN-${r.int(1000, 9999)}-${i}` : null,
            filed.date?.iso,
            filed.date?.precision,
            filed.stated,
            derivationFor(r, filed.stated),
            // The current status is the latest step's, as the model requires.
            steps[steps.length - 1]!.status,
          ];
        }
      },
    },
    {
      table: 'LegalActionParty',
      columns: ['id', 'legalActionId', 'actorId', 'side'],
      *rows() {
        const r = w.random('legal-parties');
        let index = 0;
        for (let action = 0; action < w.legalActions; action++) {
          const seen = new Set<number>();
          for (const side of ['PLAINTIFF', 'DEFENDANT'] as const) {
            const count = r.int(1, 2);
            for (let k = 0; k < count; k++) {
              const actor = w.actorsByFame.sample(r);
              if (seen.has(actor)) continue;
              seen.add(actor);
              yield [id('LegalActionParty', index++), id('LegalAction', action), id('Actor', actor), side];
            }
          }
        }
      },
    },
    {
      table: 'LegalClaim',
      columns: ['id', 'legalActionId', 'text', 'language', 'position'],
      *rows() {
        const r = w.random('legal-claims');
        let index = 0;
        for (let action = 0; action < w.legalActions; action++) {
          for (let position = 0; position < w.claimsPerAction[action]!; position++) {
            yield [id('LegalClaim', index++), id('LegalAction', action), `Synthetic claim: ${words(r, 6, 20)}`, r.chance(0.6) ? 'de' : 'en', position];
          }
        }
      },
    },
    {
      table: 'LegalActionStatusChange',
      columns: ['id', 'legalActionId', 'status', 'date', 'datePrecision', 'dateStated', 'dateDerivation', 'note', 'position'],
      *rows() {
        const r = w.random('legal-step-rows');
        let index = 0;
        for (let action = 0; action < w.legalActions; action++) {
          for (const [position, step] of w.legalSteps[action]!.entries()) {
            yield [id('LegalActionStatusChange', index++), id('LegalAction', action), step.status, step.date?.iso, step.date?.precision, step.stated, derivationFor(r, step.stated), step.note, position];
          }
        }
      },
    },
    {
      // Implicit many-to-many Event <-> LegalAction: A = Event, B = LegalAction.
      table: '_EventToLegalAction',
      columns: ['A', 'B'],
      *rows() {
        const r = w.random('legal-events');
        for (let action = 0; action < w.legalActions; action++) {
          const seen = new Set<number>();
          for (let k = r.int(1, 3); k > 0; k--) {
            const event = r.int(0, w.events - 1);
            if (seen.has(event)) continue;
            seen.add(event);
            yield [id('Event', event), id('LegalAction', action)];
          }
        }
      },
    },
    {
      table: 'Source',
      columns: ['id', 'slug', 'kind', 'title', 'publisherName', 'publisherId', 'authorName', 'authorId', 'url', 'language', 'publishedOn', 'publishedOnPrecision', 'publishedOnStated', 'publishedOnDerivation', 'note'],
      *rows() {
        const r = w.random('sources');
        for (let i = 0; i < w.sources; i++) {
          const published = r.chance(0.9) ? randomDate(r, 2005, 2025) : null;
          const publisher = r.chance(0.4) ? w.organizationsByFame.sample(r) : null;
          const author = r.chance(0.3) ? 1 + w.speakers.sample(r) : null;
          yield [
            id('Source', i),
            `synth-source-${i}`,
            r.pick(SOURCE_KINDS),
            `Synthetic Source ${i}: ${words(r, 2, 8)}`,
            publisher !== null ? `Synthetic Organization ${publisher}` : r.chance(0.3) ? `Synthetic Publisher ${r.int(1, 100)}` : null,
            publisher === null ? null : id('Actor', w.organization(publisher)),
            author !== null ? `Synthetic Person ${author}` : r.chance(0.3) ? `Synthetic Author ${r.int(1, 500)}` : null,
            author === null ? null : id('Actor', author),
            r.chance(0.7) ? `https://synthetic.example/source/${i}` : null,
            r.chance(0.9) ? r.pick(['de', 'en']) : null,
            published?.iso,
            published?.precision,
            ...statedAndDerivation(r, published),
            r.chance(0.2) ? `Synthetic note: ${words(r, 4, 12)}` : null,
          ];
        }
      },
    },
    {
      table: 'SourceCitation',
      columns: ['id', 'citingSourceId', 'citedSourceId', 'excerpt'],
      *rows() {
        const r = w.random('source-citations');
        let index = 0;
        for (let citing = 1; citing < w.sources; citing++) {
          const seen = new Set<number>();
          for (let k = r.pick([0, 0, 1, 1, 2]); k > 0; k--) {
            // Sources cite older (lower-numbered) ones, so citations never form a cycle.
            const cited = r.int(0, citing - 1);
            if (seen.has(cited)) continue;
            seen.add(cited);
            yield [id('SourceCitation', index++), id('Source', citing), id('Source', cited), r.chance(0.5) ? `Synthetic reference: ${words(r, 3, 10)}` : null];
          }
        }
      },
    },
    {
      // Bounds of a dated claim are filled by the trigger; some narrow the period (from its
      // middle on), as a source's "after X" does.
      table: 'Claim',
      columns: ['id', 'slug', 'summary', 'claimantId', 'date', 'datePrecision', 'dateStated', 'dateDerivation', 'dateEarliest', 'chronologyDepth'],
      *rows() {
        const r = w.random('claim-rows');
        for (const [i, claim] of w.claims.entries()) {
          const [stated, derivation] = statedAndDerivation(r, claim.date, 0.3);
          const narrowed = claim.date && claim.date.precision !== 'DAY' && r.chance(0.2) ? `${claim.date.iso.slice(0, 8)}15` : null;
          yield [
            id('Claim', i),
            `synth-claim-${i}`,
            `Synthetic claim ${i}: ${words(r, 5, 20)}`,
            id('Actor', claim.claimant),
            claim.date?.iso,
            claim.date?.precision,
            stated,
            narrowed ? (derivation ?? 'Synthetic derivation of the bound') : derivation,
            narrowed,
            claim.depth,
          ];
        }
      },
    },
    {
      table: 'ClaimRelation',
      columns: ['id', 'fromClaimId', 'toClaimId', 'kind'],
      *rows() {
        const r = w.random('claim-relations');
        for (const [i, claim] of w.claims.entries()) {
          if (claim.relatesTo !== null) yield [id('ClaimRelation', i), id('Claim', i), id('Claim', claim.relatesTo), r.pick(CLAIM_RELATION_KINDS)];
        }
      },
    },
    {
      // Later claim after the earlier one; a few events after the event before them.
      table: 'ChronologyLink',
      columns: ['id', 'laterEventId', 'laterQuoteId', 'laterClaimId', 'earlierEventId', 'earlierQuoteId', 'earlierClaimId'],
      *rows() {
        for (const [i, claim] of w.claims.entries()) {
          if (claim.after !== null) yield [id('ChronologyLink', i), null, null, id('Claim', i), null, null, id('Claim', claim.after)];
        }
        for (let event = 1; event < w.events; event += 50) {
          yield [id('ChronologyLink', w.claimCount + event), id('Event', event), null, null, id('Event', event - 1), null, null];
        }
        for (let quote = 1; quote < w.quotes; quote += 500) {
          yield [id('ChronologyLink', w.claimCount + w.events + quote), null, id('Quote', quote), null, null, id('Quote', quote - 1), null];
        }
      },
    },
    // Implicit many-to-many tables of Claim (A and B follow the models' alphabetical order).
    claimLinks(w, '_ClaimAboutActor', 'claim-about-actors', (r, claim) => {
      const subject = w.actorsByFame.sample(r);
      return subject === w.claims[claim]!.claimant ? [] : [[id('Actor', subject), id('Claim', claim)]];
    }),
    claimLinks(w, '_ClaimAboutEvent', 'claim-about-events', (r, claim) => (r.chance(0.2) ? [[id('Claim', claim), id('Event', r.int(0, w.events - 1))]] : [])),
    claimLinks(w, '_ClaimAboutLegalAction', 'claim-about-legal-actions', (r, claim) =>
      r.chance(0.05) ? [[id('Claim', claim), id('LegalAction', r.int(0, w.legalActions - 1))]] : [],
    ),
    claimLinks(w, '_ClaimAboutClaim', 'claim-about-claims', (_r, claim) => {
      const to = w.claims[claim]!.relatesTo;
      return to === null ? [] : [[id('Claim', claim), id('Claim', to)]];
    }),
    claimLinks(w, '_ClaimQuote', 'claim-quotes', (r, claim) => (r.chance(0.3) ? [[id('Claim', claim), id('Quote', r.int(0, w.quotes - 1))]] : [])),
    {
      // Exactly one fact column per row (CHECK Citation_exactly_one_fact).
      table: 'Citation',
      columns: ['id', 'sourceId', 'excerpt', 'actorId', 'affiliationId', 'eventId', 'quoteId', 'legalActionId', 'legalClaimId', 'statusChangeId', 'claimId', 'claimRelationId', 'chronologyLinkId'],
      *rows() {
        const r = w.random('citations');
        let index = 0;
        const FACT_COLUMNS = 10;
        function* cite(factColumn: number, factId: string, secondChance: number): Generator<Value[]> {
          const first = w.sourcesByFame.sample(r);
          const sources = [first];
          if (r.chance(secondChance)) {
            const second = w.sourcesByFame.sample(r);
            if (second !== first) sources.push(second);
          }
          for (const source of sources) {
            const row: Value[] = [id('Citation', index++), id('Source', source), r.chance(0.8) ? `Synthetic excerpt: ${words(r, 5, 25)}` : null];
            for (let column = 0; column < FACT_COLUMNS; column++) row.push(column === factColumn ? factId : null);
            yield row;
          }
        }
        for (let i = 0; i < w.actors; i++) yield* cite(0, id('Actor', i), 0.2);
        for (let i = 0; i < w.affiliations.length; i++) yield* cite(1, id('Affiliation', i), 0.1);
        for (let i = 0; i < w.events; i++) yield* cite(2, id('Event', i), 0.3);
        for (let i = 0; i < w.quotes; i++) yield* cite(3, id('Quote', i), 0.1);
        for (let i = 0; i < w.legalActions; i++) yield* cite(4, id('LegalAction', i), 0.5);
        let claim = 0;
        for (let action = 0; action < w.legalActions; action++) for (let k = 0; k < w.claimsPerAction[action]!; k++) yield* cite(5, id('LegalClaim', claim++), 0);
        let step = 0;
        for (let action = 0; action < w.legalActions; action++) for (let k = 0; k < w.legalSteps[action]!.length; k++) yield* cite(6, id('LegalActionStatusChange', step++), 0);
        for (const [i, claim] of w.claims.entries()) {
          yield* cite(7, id('Claim', i), 0.2);
          if (claim.relatesTo !== null) yield* cite(8, id('ClaimRelation', i), 0);
          if (claim.after !== null) yield* cite(9, id('ChronologyLink', i), 0);
        }
      },
    },
    {
      table: 'Conflict',
      columns: ['id', 'slug', 'name', 'description'],
      *rows() {
        for (const [i, conflict] of w.conflicts.entries()) {
          yield [id('Conflict', i), conflict.slug, conflict.name, `Synthetic conflict for benchmarks and tests: ${conflict.events.length} events, ${conflict.quotes.length} quotes.`];
        }
      },
    },
    {
      // Other wordings of text fields: exactly one record column per row (CHECK
      // Label_exactly_one_record), one label per record, field and language; quoted words only
      // in a wording a source published (CHECK Label_quote_wording_from_source).
      table: 'Label',
      columns: ['id', 'field', 'language', 'text', 'renderingOf', 'publishedInId', 'excerpt', 'actorId', 'affiliationId', 'eventId', 'quoteId', 'legalActionId', 'legalClaimId', 'statusChangeId', 'sourceId', 'conflictId', 'claimId'],
      *rows() {
        const r = w.random('labels');
        let index = 0;
        const RECORD_COLUMNS = 10;
        function* label(recordColumn: number, recordId: string, field: string, text: string, published = false): Generator<Value[]> {
          const row: Value[] = published
            ? [id('Label', index++), field, 'fr', text, 'en', id('Source', w.sourcesByFame.sample(r)), `Synthetic excerpt: ${words(r, 5, 15)}`]
            : [id('Label', index++), field, 'de', text, 'en', null, null];
          for (let column = 0; column < RECORD_COLUMNS; column++) row.push(column === recordColumn ? recordId : null);
          yield row;
        }
        const rendering = (what: string) => `Synthetische Wiedergabe: ${what} ${words(r, 1, 4)}`;
        for (let i = 0; i < w.actors; i += 5) yield* label(0, id('Actor', i), 'name', rendering(`Akteur ${i}`));
        for (let i = 0; i < w.affiliations.length; i += 10) yield* label(1, id('Affiliation', i), 'title', rendering(`Titel ${i}`));
        for (let i = 0; i < w.events; i += 4) yield* label(2, id('Event', i), 'title', rendering(`Ereignis ${i}`));
        for (let i = 0; i < w.quotes; i += 20) yield* label(3, id('Quote', i), 'text', `Synthetic published wording ${i}: ${words(r, 4, 20)}`, true);
        for (let i = 0; i < w.legalActions; i += 3) yield* label(4, id('LegalAction', i), 'title', rendering(`Verfahren ${i}`));
        let claim = 0;
        for (let action = 0; action < w.legalActions; action++) {
          for (let k = 0; k < w.claimsPerAction[action]!; k++, claim++) if (claim % 3 === 0) yield* label(5, id('LegalClaim', claim), 'text', rendering(`Anspruch ${claim}`));
        }
        let step = 0;
        for (let action = 0; action < w.legalActions; action++) {
          for (const legalStep of w.legalSteps[action]!) {
            if (legalStep.note !== null) yield* label(6, id('LegalActionStatusChange', step), 'note', rendering(`Notiz ${step}`));
            step++;
          }
        }
        for (let i = 0; i < w.sources; i += 5) yield* label(7, id('Source', i), 'title', rendering(`Quelle ${i}`));
        for (let i = 0; i < w.conflicts.length; i++) yield* label(8, id('Conflict', i), 'name', rendering(`Konflikt ${i}`));
        for (let i = 0; i < w.claims.length; i += 10) yield* label(9, id('Claim', i), 'summary', rendering(`Behauptung ${i}`));
      },
    },
    // Implicit many-to-many tables of Conflict: A and B follow the models' alphabetical order.
    conflictLinks(w, '_ActorToConflict', (c) => c.parties, (actor, conflict) => [id('Actor', actor), id('Conflict', conflict)]),
    conflictLinks(w, '_ConflictToEvent', (c) => c.events, (event, conflict) => [id('Conflict', conflict), id('Event', event)]),
    conflictLinks(w, '_ConflictToQuote', (c) => c.quotes, (quote, conflict) => [id('Conflict', conflict), id('Quote', quote)]),
    conflictLinks(w, '_ConflictToLegalAction', (c) => c.legalActions, (action, conflict) => [id('Conflict', conflict), id('LegalAction', action)]),
    conflictLinks(w, '_ClaimToConflict', (c) => c.claims, (claim, conflict) => [id('Claim', claim), id('Conflict', conflict)]),
  ];
}

/** Quotes said by a group (about 2%): `speakerGroup` and their named members in _QuoteSpeakers. */
const jointlySpoken = (quote: number) => quote % 50 === 7;

function claimLinks(world: World, table: string, stream: string, links: (random: Random, claim: number) => Value[][]): TableLoad {
  return {
    table,
    columns: ['A', 'B'],
    *rows() {
      const random = world.random(stream);
      for (let claim = 0; claim < world.claims.length; claim++) yield* links(random, claim);
    },
  };
}

function conflictLinks(world: World, table: string, members: (conflict: ConflictPlan) => number[], row: (member: number, conflict: number) => Value[]): TableLoad {
  return {
    table,
    columns: ['A', 'B'],
    *rows() {
      for (const [index, conflict] of world.conflicts.entries()) for (const member of members(conflict)) yield row(member, index);
    },
  };
}

interface DroppedObjects {
  /** Foreign keys, then primary keys and unique constraints, of the public schema. */
  constraints: { table: string; name: string; type: string; definition: string }[];
  /** Indexes that back no constraint (Prisma's plain and unique indexes). */
  indexes: { name: string; definition: string }[];
}

async function droppableObjects(db: SynthConnection): Promise<DroppedObjects> {
  const constraints = await db.query<{ table: string; name: string; type: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.contype::text AS type, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype IN ('f', 'p', 'u') AND c.connamespace = 'public'::regnamespace
        AND c.conrelid <> '_prisma_migrations'::regclass
      ORDER BY c.contype = 'f' DESC, 1, 2`,
  );
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relnamespace = 'public'::regnamespace
        AND t.relname <> '_prisma_migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
  );
  return { constraints, indexes };
}

/** Tables of the data model (everything in the public schema but Prisma's bookkeeping). */
export async function dataTables(db: SynthConnection): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
      ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/**
 * Migrates the database, then fills it with a synthetic knowledge base of `options.quotes` quotes.
 * Refuses a database that holds data unless `reset` is set.
 */
export async function synthesize(db: SynthConnection, options: SynthOptions): Promise<SynthSummary> {
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 1;
  if (!Number.isInteger(options.quotes) || options.quotes < 100) throw new Error('quotes must be an integer of at least 100');

  await applyMigrations(db.asSqlRunner());
  const names = await dataTables(db);
  const quoted = names.map((name) => `"${name}"`).join(', ');
  const [{ occupied } = { occupied: false }] = await db.query<{ occupied: boolean }>(
    `SELECT ${names.map((name) => `EXISTS (SELECT 1 FROM "${name}")`).join(' OR ')} AS occupied`,
  );
  if (occupied && !options.reset) throw new Error(`${db.description} already holds data; pass reset (--reset) to replace it with synthetic data`);

  const world = new World(seed, options.quotes);
  const loads = tables(world);
  const rows: Record<string, number> = {};

  await db.exec('BEGIN');
  try {
    // Truncating in this transaction, even an empty database, lets COPY write frozen rows (FREEZE):
    // no later hint-bit rewrites, and the vacuum below has nothing to freeze.
    await db.exec(`TRUNCATE ${quoted}`);
    await db.exec(`SET LOCAL maintenance_work_mem = '256MB'`);
    // Loading without keys and indexes, then building them in one pass each, is several times
    // faster than maintaining them row by row; re-adding a key or foreign key checks every row.
    const dropped = await droppableObjects(db);
    for (const constraint of dropped.constraints) await db.exec(`ALTER TABLE ${constraint.table} DROP CONSTRAINT "${constraint.name}"`);
    for (const index of dropped.indexes) await db.exec(`DROP INDEX ${index.name}`);

    for (const load of loads) {
      const tableStarted = performance.now();
      let count = 0;
      const lines = function* () {
        for (const values of load.rows()) {
          count++;
          yield copyLine(values);
        }
      };
      await db.copy(load.table, load.columns, lines());
      rows[load.table] = count;
      log(`${load.table}: ${count.toLocaleString('en')} rows in ${Math.round(performance.now() - tableStarted)} ms`);
    }

    // A conflict's events and quotes in list order (ConflictEventOrder, ConflictQuoteOrder) were
    // written by the join tables' statement-level triggers during their COPY: one set-based
    // INSERT … SELECT over the copied rows each (migration *_membership_order).
    for (const table of ['ConflictEventOrder', 'ConflictQuoteOrder']) {
      const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
      rows[table] = n;
      log(`${table}: ${n.toLocaleString('en')} rows (by the join table's trigger)`);
    }

    let phase = performance.now();
    // The stored timeline order of every conflict, computed in one set-based statement before
    // the indexes are rebuilt (so they are built once, over the finished table). The tables just
    // loaded have no statistics yet: without them the planner may join links to items by nested loops.
    await db.exec(`ANALYZE "Event", "Quote", "Claim", "LegalActionStatusChange", "ChronologyLink", "_ConflictToEvent", "_ConflictToQuote", "_ClaimToConflict", "_ConflictToLegalAction"`);
    const [{ written } = { written: 0 }] = await db.query<{ written: number }>(`SELECT timeline_refresh(ARRAY(SELECT id FROM "Conflict"))::int AS written`);
    rows.TimelineEntry = written;
    const [{ counts } = { counts: 0 }] = await db.query<{ counts: number }>(`SELECT count(*)::int AS counts FROM "TimelineCount"`);
    rows.TimelineCount = counts;
    log(`TimelineEntry: ${written.toLocaleString('en')} rows (timeline_refresh) in ${Math.round(performance.now() - phase)} ms`);
    phase = performance.now();
    const keys = dropped.constraints.filter((constraint) => constraint.type !== 'f');
    const foreignKeys = dropped.constraints.filter((constraint) => constraint.type === 'f');
    for (const key of keys) await db.exec(`ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.definition}`);
    for (const index of dropped.indexes) await db.exec(index.definition);
    log(`rebuilt ${keys.length} keys and ${dropped.indexes.length} indexes in ${Math.round(performance.now() - phase)} ms`);
    phase = performance.now();
    for (const fk of foreignKeys) await db.exec(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`);
    log(`re-added and validated ${foreignKeys.length} foreign keys in ${Math.round(performance.now() - phase)} ms`);
    await db.exec('COMMIT');
  } catch (error) {
    await db.exec('ROLLBACK');
    throw error;
  }
  const phase = performance.now();
  // VACUUM sets the visibility map (index-only scans), ANALYZE gives the planner the skew.
  await db.exec(`VACUUM (ANALYZE) ${quoted}`);
  log(`vacuumed and analysed in ${Math.round(performance.now() - phase)} ms`);

  const stepsOf = (actions: number[]) => actions.reduce((sum, action) => sum + world.legalSteps[action]!.length, 0);
  return {
    seed,
    rows,
    conflicts: world.conflicts.map((conflict) => ({
      slug: conflict.slug,
      events: conflict.events.length,
      quotes: conflict.quotes.length,
      legalActions: conflict.legalActions.length,
      claims: conflict.claims.length,
      timelineEntries: conflict.events.length + conflict.quotes.length + conflict.claims.length + stepsOf(conflict.legalActions),
    })),
    prolificSpeaker: { slug: SYNTH_SLUGS.prolificSpeaker, quotes: world.prolificQuotes },
    tookMs: Math.round(performance.now() - started),
    cpuMs: Math.round((({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpuAtStart))),
  };
}
