import { describe, expect, it } from 'vitest';
import { runError, runOk } from './helpers/graphql.js';
import { countStatements } from './helpers/sql-counter.js';
import { isoAt } from '../src/modules/common/partial-date.js';

const QUOTE_PAGE = /* GraphQL */ `
  query ($first: Int, $after: String, $orderBy: DateOrder) {
    quotes(first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { slug date { earliest } } }
    }
  }
`;

describe('paginated lists', () => {
  it('walks the whole quote list page by page, in date order, without gaps or repeats', async () => {
    const all = await runOk(QUOTE_PAGE, { first: 100 });
    const expected = all.quotes.edges.map((e: any) => e.node.slug);
    expect(expected.length).toBe(all.quotes.totalCount);

    const walked: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const data: any = await runOk(QUOTE_PAGE, { first: 4, after });
      walked.push(...data.quotes.edges.map((e: any) => e.node.slug));
      if (!data.quotes.pageInfo.hasNextPage) break;
      after = data.quotes.pageInfo.endCursor;
    }
    expect(walked).toEqual(expected);

    // Oldest first, undated last.
    const dates = all.quotes.edges.map((e: any) => e.node.date?.earliest ?? '9999');
    expect(dates).toEqual([...dates].sort());
  });

  it('pages through an actor’s events (a connection over the participation join) in date order', async () => {
    const PAGE = `query ($after: String, $first: Int!) { person(slug: "elon-musk") { events(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { role node { slug date { earliest } } } } } }`;
    const all = (await runOk(PAGE, { first: 100 })).person.events;
    expect(all.edges.length).toBe(all.totalCount);
    expect(all.totalCount).toBeGreaterThan(5);
    const dates = all.edges.map((e: any) => e.node.date?.earliest ?? '9999');
    expect(dates).toEqual([...dates].sort());

    const walked: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const events: any = (await runOk(PAGE, { first: 3, after })).person.events;
      walked.push(...events.edges.map((e: any) => `${e.node.slug}/${e.role}`));
      if (!events.pageInfo.hasNextPage) break;
      after = events.pageInfo.endCursor;
    }
    expect(walked).toEqual(all.edges.map((e: any) => `${e.node.slug}/${e.role}`));

    const asPlaintiff = (await runOk(`{ person(slug: "elon-musk") { events(role: PLAINTIFF) { totalCount edges { role } } } }`)).person.events;
    expect(asPlaintiff.totalCount).toBe(2);
    expect(asPlaintiff.edges.every((e: any) => e.role === 'PLAINTIFF')).toBe(true);
  });

  it('reverses the order with orderBy: DATE_DESC, keeping undated entries last', async () => {
    const data = await runOk(QUOTE_PAGE, { first: 100, orderBy: 'DATE_DESC' });
    const dated = data.quotes.edges.map((e: any) => e.node.date?.earliest).filter(Boolean);
    expect(dated).toEqual([...dated].sort().reverse());
    const undatedAt = data.quotes.edges.findIndex((e: any) => !e.node.date);
    if (undatedAt >= 0) expect(data.quotes.edges.slice(undatedAt).every((e: any) => !e.node.date)).toBe(true);
  });

  it('caps pages at 100 items and rejects unsupported argument combinations with BAD_USER_INPUT', async () => {
    const result = await runError(`{ quotes(first: 2, before: "x", after: "y") { totalCount } }`);
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const negative = await runError(`{ events(first: -1) { totalCount } }`);
    expect(negative.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('a page read with its nodes', () => {
  // A page whose nodes are asked only their own columns is read by one statement; asked for a
  // relation too, its nodes are loaded by Prisma after the page. Both must answer alike, types
  // included (dates, enums, nullable columns).
  const DATE = 'date { iso precision stated earliest latest }';
  const lists: [string, string, string][] = [
    ['events', `slug title description kind place ${DATE}`, 'sources { slug }'],
    ['quotes', `slug text context language originalLanguage isTranslation speakerGroup ${DATE}`, 'speaker { slug }'],
    ['legalActions', 'slug title summary status court jurisdiction caseNumber filedOn { iso precision stated }', 'plaintiffs { slug }'],
    ['sources', 'slug title kind url language note authorName publisherName publishedOn { iso precision }', 'cites { slug }'],
    ['claims', `slug summary ${DATE}`, 'claimant { slug }'],
    ['people', 'slug name description', 'affiliations { role }'],
  ];
  it.each(lists)('answers %s alike whether or not a relation is asked for beside the columns', async (list, columns, relation) => {
    const flat = await runOk(`{ ${list}(first: 100) { totalCount edges { cursor node { id ${columns} } } } }`);
    const loaded = await runOk(`{ ${list}(first: 100) { totalCount edges { cursor node { id ${columns} ${relation} } } } }`);
    expect(flat[list].edges.length).toBeGreaterThan(1);
    const relationName = relation.split(' ')[0]!;
    const withoutRelation = loaded[list].edges.map(({ node: { [relationName]: _relation, ...node }, ...edge }: any) => ({ ...edge, node }));
    expect(flat[list].edges).toEqual(withoutRelation);
    expect(flat[list].totalCount).toBe(loaded[list].totalCount);
  });

  it.each(['Pacific/Kiritimati', 'America/Los_Angeles'])('reads the same days in a process whose time zone is %s', async (timeZone) => {
    // The page's statement goes through the drivers, which turn DATE values into Dates at local
    // midnight; a day then shifted by the zone's offset (UTC+14 or −8) before it reached `iso`.
    const query = `{ events(first: 100) { edges { node { slug ${DATE} } } } }`;
    const here = await runOk(query);
    const zone = process.env.TZ;
    process.env.TZ = timeZone;
    try {
      expect(new Date(2023, 6, 1).getTimezoneOffset()).not.toBe(0);
      expect(await runOk(query)).toEqual(here);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(here.events.edges.some(({ node }: any) => node.date?.precision === 'DAY')).toBe(true);
  });

  it('reads the columns each request of one document asks for, whatever its variables asked before', async () => {
    // The plan of such a page is made once per document and variables, then reused.
    const query = `query ($text: Boolean!, $first: Int!) { quotes(first: $first) { edges { node { slug text @include(if: $text) date { iso earliest @include(if: $text) } } } } }`;
    const answers = [];
    for (const text of [true, false, true, false]) {
      const { result, statements } = await countStatements(() => runOk(query, { text, first: 3 }));
      expect(statements, statements.join('\n---\n')).toHaveLength(1);
      expect(/"text"/.test(statements[0]!)).toBe(text);
      expect(/"dateEarliest"/.test(statements[0]!)).toBe(text);
      answers.push(result.quotes.edges.map((e: any) => e.node));
    }
    expect(answers[0]![0]).toEqual({ slug: expect.any(String), text: expect.any(String), date: { iso: expect.any(String), earliest: expect.any(String) } });
    expect(answers[1]![0]).toEqual({ slug: answers[0]![0].slug, date: { iso: answers[0]![0].date.iso } });
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[3]).toEqual(answers[1]);
  });
});

describe('filters', () => {
  it('matches partial dates that overlap a date range: "July 2023" is within 15–20 July 2023', async () => {
    const data = await runOk(`{ events(from: "2023-07-15", to: "2023-07-20") { edges { node { slug date { iso precision } } } } }`);
    const slugs = data.events.edges.map((e: any) => e.node.slug);
    expect(slugs).toContain('xai-founding');
    for (const { node } of data.events.edges) expect(node.date.iso.startsWith('2023')).toBe(true);
  });

  it('filters quotes by speaker and by the actor they are about', async () => {
    const bySpeaker = await runOk(`{ quotes(speaker: "sam-altman") { totalCount edges { node { speaker { slug } } } } }`);
    expect(bySpeaker.quotes.totalCount).toBeGreaterThan(0);
    expect(bySpeaker.quotes.edges.every((e: any) => e.node.speaker.slug === 'sam-altman')).toBe(true);

    const about = await runOk(`{ quotes(about: "sam-altman") { edges { node { about { slug } } } } }`);
    expect(about.quotes.edges.length).toBeGreaterThan(0);
    for (const { node } of about.quotes.edges) expect(node.about.map((a: any) => a.slug)).toContain('sam-altman');
  });

  it('filters legal actions by status and party side', async () => {
    const data = await runOk(`{
      withdrawn: legalActions(status: WITHDRAWN) { totalCount edges { node { slug } } }
      againstOpenAI: legalActions(party: "openai", side: DEFENDANT) { totalCount }
      byOpenAI: legalActions(party: "openai", side: PLAINTIFF) { totalCount }
    }`);
    expect(data.withdrawn.edges.map((e: any) => e.node.slug)).toEqual(['musk-v-openai-2024-02']);
    expect(data.againstOpenAI.totalCount).toBe(2);
    expect(data.byOpenAI.totalCount).toBe(0);
  });

  it('filters sources by publication date, newest first', async () => {
    const data = await runOk(`{ sources(from: "2024-01-01", to: "2024-12-31") { totalCount edges { node { slug publishedOn { iso } } } } }`);
    expect(data.sources.edges.map((e: any) => e.node.slug)).toContain('openai-blog-2024-03');
    for (const { node } of data.sources.edges) expect(node.publishedOn.iso.startsWith('2024')).toBe(true);
    const all = await runOk(`{ sources(first: 100) { totalCount edges { node { publishedOn { earliest } } } } }`);
    const dated = all.sources.edges.map((e: any) => e.node.publishedOn?.earliest).filter(Boolean);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(all.sources.totalCount).toBeGreaterThan(data.sources.totalCount);
  });

  it('rejects a range whose start is after its end with BAD_USER_INPUT', async () => {
    const result = await runError(`{ events(from: "2025-01-01", to: "2024-01-01") { totalCount } }`);
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('from') });
  });

  it('rejects a malformed date with a validation error naming the argument', async () => {
    const result = await runError(`{ events(from: "July 2023") { totalCount } }`);
    expect(result.errors![0]!.message).toMatch(/from|Date/);
  });
});

describe('the conflict timeline', () => {
  const TIMELINE = /* GraphQL */ `
    query ($from: Date, $to: Date, $include: [TimelineEntryKind!]) {
      conflict(slug: "musk-vs-openai") {
        timeline(first: 100, from: $from, to: $to, include: $include) {
          totalCount
          edges { node {
            __typename
            ... on Event { slug date { earliest iso } }
            ... on Quote { slug date { earliest iso } }
            ... on LegalActionStatusChange { status date { earliest iso } legalAction { slug } }
          } }
        }
      }
    }
  `;

  it('merges events, quotes and legal steps chronologically, an undated withdrawal right after its filing', async () => {
    const data = await runOk(TIMELINE);
    const entries = data.conflict.timeline.edges.map((e: any) => e.node);
    expect(data.conflict.timeline.totalCount).toBe(entries.length);
    const dated = entries.filter((e: any) => e.date).map((e: any) => e.date.earliest);
    expect(dated).toEqual([...dated].sort());
    expect(entries[0]).toMatchObject({ __typename: 'Event', date: { iso: '2015' } });

    const steps = entries
      .map((e: any, index: number) => ({ ...e, index }))
      .filter((e: any) => e.__typename === 'LegalActionStatusChange' && e.legalAction.slug === 'musk-v-openai-2024-02');
    expect(steps.map((s: any) => s.status)).toEqual(['FILED', 'WITHDRAWN']);
    expect(steps[1].date).toBeNull();
    // The withdrawal is placed with the filing (February 2024), not after January 2025.
    const nextDated = entries.slice(steps[1].index + 1).find((e: any) => e.date);
    expect(nextDated.date.earliest >= '2024-02-01').toBe(true);
    expect(nextDated.date.earliest < '2025-01-01').toBe(true);
  });

  it('counts the entries even when no entry field is selected', async () => {
    const data = await runOk(`{ conflict(slug: "musk-vs-openai") { timeline(first: 1) { totalCount } all: timeline(first: 100) { edges { cursor } } } }`);
    expect(data.conflict.timeline.totalCount).toBe(data.conflict.all.edges.length);
    expect(data.conflict.timeline.totalCount).toBeGreaterThan(20);
  });

  it('narrows to a date range and to chosen kinds of entries', async () => {
    const data = await runOk(TIMELINE, { from: '2025-01-01', to: '2025-01-31', include: ['QUOTE'] });
    const entries = data.conflict.timeline.edges.map((e: any) => e.node);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.__typename).toBe('Quote');
      expect(entry.date.iso.startsWith('2025-01')).toBe(true);
    }
  });
});

describe('partial dates', () => {
  it('shows each date at its precision, as the first day of its period reads in ISO 8601', async () => {
    const { events } = await runOk(`{ events(first: 100) { edges { node { date { iso precision earliest latest bounded } } } } }`);
    const dates = events.edges.map((e: any) => e.node.date).filter((d: any) => d && !d.bounded);
    expect(new Set(dates.map((d: any) => d.precision))).toEqual(new Set(['YEAR', 'MONTH', 'DAY']));
    for (const d of dates) expect(d.iso).toBe(d.earliest.slice(0, d.precision === 'YEAR' ? 4 : d.precision === 'MONTH' ? 7 : 10));
  });

  it('pads years below 1000 to four digits, as the Date scalar does', () => {
    for (const day of ['0001-01-01', '0999-12-31', '1000-02-03', '2025-01-21', '9999-12-31']) {
      const date = new Date(`${day}T00:00:00Z`);
      expect([isoAt(date, 'YEAR'), isoAt(date, 'MONTH'), isoAt(date, 'DAY')]).toEqual([day.slice(0, 4), day.slice(0, 7), day]);
    }
  });
});
