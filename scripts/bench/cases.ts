/**
 * The benchmark's queries: each as the app asks it and, where PostGraphile can answer the same
 * question, as PostGraphile asks it, with functions turning both answers into one comparable shape.
 * The slugs are those of the synthetic database (src/synth/generate.ts).
 */
import { SYNTH_SLUGS } from '../../src/synth/generate.js';

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
}

export interface PageWalk {
  /** Which page (of `pageSize` items) the case asks for; page 1 needs no cursor. */
  page: number;
  pageSize: number;
  /** The same list with `$first`/`$after` variables, to walk to the page's cursor. */
  walk: { app: string; postgraphile?: string };
  /** Where the connection is in each answer. */
  connection: { app: (data: any) => any; postgraphile?: (data: any) => any };
}

export interface BenchCase {
  name: string;
  app: GraphQLRequest;
  /** Brings the app's answer to the shape compared between servers. */
  normalizeApp: (data: any) => unknown;
  postgraphile?: GraphQLRequest & { normalize: (data: any) => unknown };
  /** The hand-written single statement (scripts/bench/floor.ts) answers this case. */
  floor?: boolean;
  /** Cases asked after a cursor: the bench walks to it first. */
  paging?: PageWalk;
}

/** A partial date as the app shows it, from PostGraphile's date and precision columns. */
function partial(date: string | null, precision: string | null) {
  if (!date || !precision) return null;
  return { iso: date.slice(0, precision === 'YEAR' ? 4 : precision === 'MONTH' ? 7 : 10), precision };
}

const nodes = (connection: any) => connection.nodes as any[];
const edges = (connection: any) => (connection.edges as any[]).map((edge) => edge.node);

// PostGraphile orders as the app does: events and quotes by their bounds (first possible day, known
// predecessors, last possible day, id: orderByBounds), affiliations by start date, then precision
// (an enum in declaration order, YEAR < MONTH < DAY), then id (orderByDate); ascending order puts
// nulls last in both.
const BY_DATE = '[DATE_EARLIEST_ASC, CHRONOLOGY_DEPTH_ASC, DATE_LATEST_ASC, ROW_ID_ASC]';
const BY_STARTED_ON = '[STARTED_ON_ASC, STARTED_ON_PRECISION_ASC, ROW_ID_ASC]';

const NESTED_AFFILIATIONS: BenchCase = {
  name: 'conflict→events(50)→participants→actor→affiliations',
  floor: true,
  app: {
    query: `query ($slug: String!) { conflict(slug: $slug) { events(first: 50) { edges { node {
      slug title date { iso precision }
      participants { role actor { slug name affiliations { role organization { slug name } } } }
    } } } } }`,
    variables: { slug: SYNTH_SLUGS.hugeConflict },
  },
  normalizeApp: (data) => data,
  postgraphile: {
    query: `query ($slug: String!) { conflicts(condition: { slug: $slug }, first: 1) { nodes { events(first: 50) { nodes {
      slug title date datePrecision
      eventParticipants(orderBy: [ROLE_ASC, ROW_ID_ASC]) { nodes { role actor { slug name
        affiliationsByMemberId(orderBy: ${BY_STARTED_ON}) { nodes { role organization { slug name } } } } } }
    } } } } }`,
    variables: { slug: SYNTH_SLUGS.hugeConflict },
    normalize: (data) => ({
      conflict: {
        events: {
          edges: nodes(nodes(data.conflicts)[0].events).map((event) => ({
            node: {
              slug: event.slug,
              title: event.title,
              date: partial(event.date, event.datePrecision),
              participants: nodes(event.eventParticipants).map((p) => ({
                role: p.role,
                actor: {
                  slug: p.actor.slug,
                  name: p.actor.name,
                  affiliations: nodes(p.actor.affiliationsByMemberId).map((a) => ({ role: a.role, organization: a.organization })),
                },
              })),
            },
          })),
        },
      },
    }),
  },
};

const NESTED_QUOTES: BenchCase = {
  name: 'conflict→events(50)→participants→actor→quotes(5)',
  app: {
    query: `query ($slug: String!) { conflict(slug: $slug) { events(first: 50) { edges { node {
      slug participants { role actor { slug quotes(first: 5) { edges { node { slug text date { iso precision } } } } } }
    } } } } }`,
    variables: { slug: SYNTH_SLUGS.hugeConflict },
  },
  normalizeApp: (data) =>
    edges(data.conflict.events).map((event) => ({
      slug: event.slug,
      participants: event.participants.map((p: any) => ({ role: p.role, actor: p.actor.slug, quotes: edges(p.actor.quotes) })),
    })),
  postgraphile: {
    query: `query ($slug: String!) { conflicts(condition: { slug: $slug }, first: 1) { nodes { events(first: 50) { nodes {
      slug eventParticipants(orderBy: [ROLE_ASC, ROW_ID_ASC]) { nodes { role actor { slug
        quotesBySpeakerId(first: 5, orderBy: ${BY_DATE}) { nodes { slug text date datePrecision } } } } }
    } } } } }`,
    variables: { slug: SYNTH_SLUGS.hugeConflict },
    normalize: (data) =>
      nodes(nodes(data.conflicts)[0].events).map((event) => ({
        slug: event.slug,
        participants: nodes(event.eventParticipants).map((p) => ({
          role: p.role,
          actor: p.actor.slug,
          quotes: nodes(p.actor.quotesBySpeakerId).map((q) => ({ slug: q.slug, text: q.text, date: partial(q.date, q.datePrecision) })),
        })),
      })),
  },
};

const SPEAKER_QUOTES: BenchCase = {
  name: 'quotes by the prolific speaker(50) + totalCount',
  app: {
    query: `query ($slug: String!) { person(slug: $slug) { quotes(first: 50) { totalCount edges { node { slug text date { iso precision } } } } } }`,
    variables: { slug: SYNTH_SLUGS.prolificSpeaker },
  },
  normalizeApp: (data) => ({ total: data.person.quotes.totalCount, quotes: edges(data.person.quotes) }),
  postgraphile: {
    query: `query ($slug: String!) { actors(condition: { slug: $slug }, first: 1) { nodes {
      quotesBySpeakerId(first: 50, orderBy: ${BY_DATE}) { totalCount nodes { slug text date datePrecision } } } } }`,
    variables: { slug: SYNTH_SLUGS.prolificSpeaker },
    normalize: (data) => {
      const quotes = nodes(data.actors)[0].quotesBySpeakerId;
      return { total: quotes.totalCount, quotes: nodes(quotes).map((q) => ({ slug: q.slug, text: q.text, date: partial(q.date, q.datePrecision) })) };
    },
  },
};

const EVENTS_IN_RANGE: BenchCase = {
  name: 'events in 2020 (50) + totalCount',
  app: {
    query: `query ($from: Date!, $to: Date!) { events(from: $from, to: $to, first: 50) { totalCount edges { node { slug title date { iso precision } } } } }`,
    variables: { from: '2020-01-01', to: '2020-12-31' },
  },
  normalizeApp: (data) => ({ total: data.events.totalCount, events: edges(data.events) }),
  postgraphile: {
    // A function the bench adds for PostGraphile (POSTGRAPHILE_FUNCTIONS in servers.ts).
    query: `query ($from: Date!, $to: Date!) { postgraphileBenchEventsInRange(from: $from, to: $to, first: 50) { totalCount nodes { slug title date datePrecision } } }`,
    variables: { from: '2020-01-01', to: '2020-12-31' },
    normalize: (data) => ({
      total: data.postgraphileBenchEventsInRange.totalCount,
      events: nodes(data.postgraphileBenchEventsInRange).map((e) => ({ slug: e.slug, title: e.title, date: partial(e.date, e.datePrecision) })),
    }),
  },
};

function quotesPage(page: number): BenchCase {
  const appList = `query ($first: Int!, $after: String) { quotes(first: $first, after: $after) { pageInfo { endCursor } edges { node { slug text date { iso precision } } } } }`;
  const pgList = `query ($first: Int!, $after: Cursor) { quotes(first: $first, after: $after, orderBy: ${BY_DATE}) { pageInfo { endCursor } nodes { slug text date datePrecision } } }`;
  return {
    name: `all quotes, page ${page} (20 a page, after:)`,
    app: { query: appList, variables: { first: 20 } },
    normalizeApp: (data) => edges(data.quotes),
    postgraphile: {
      query: pgList,
      variables: { first: 20 },
      normalize: (data) => nodes(data.quotes).map((q) => ({ slug: q.slug, text: q.text, date: partial(q.date, q.datePrecision) })),
    },
    paging: {
      page,
      pageSize: 20,
      walk: { app: appList, postgraphile: pgList },
      connection: { app: (data) => data.quotes, postgraphile: (data) => data.quotes },
    },
  };
}

function timeline(slug: string, label: string, page = 1): BenchCase {
  const list = `query ($slug: String!, $first: Int!, $after: String) { conflict(slug: $slug) { timeline(first: $first, after: $after) {
    totalCount pageInfo { endCursor }
    edges { node { __typename date { iso precision } ... on Event { slug } ... on Quote { slug } ... on LegalActionStatusChange { status } } }
  } } }`;
  return {
    name: `timeline of the ${label} conflict, page ${page} (20)`,
    app: { query: list, variables: { slug, first: 20 } },
    normalizeApp: (data) => edges(data.conflict.timeline),
    paging: page > 1 ? { page, pageSize: 20, walk: { app: list }, connection: { app: (data) => data.conflict.timeline } } : undefined,
  };
}

export function benchCases(): BenchCase[] {
  return [
    NESTED_AFFILIATIONS,
    NESTED_QUOTES,
    SPEAKER_QUOTES,
    EVENTS_IN_RANGE,
    quotesPage(1),
    quotesPage(50),
    quotesPage(500),
    timeline(SYNTH_SLUGS.smallConflict, 'small (~50 entries)'),
    timeline(SYNTH_SLUGS.mediumConflict, 'medium (~5,000 entries)'),
    timeline(SYNTH_SLUGS.hugeConflict, 'huge'),
    timeline(SYNTH_SLUGS.mediumConflict, 'medium', 50),
  ];
}
