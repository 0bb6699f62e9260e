/**
 * Regression guard for "pick the page in SQL, then build it" (README: How lists are paginated): on a
 * generated database, each hot query's statements — as the app sends them over HTTP — are run again
 * under EXPLAIN (ANALYZE, FORMAT JSON), and the plan must use the list's index, read no large table
 * sequentially, and read rows in proportion to the page (on page 1 and on a deep page alike), with a
 * number of statements that does not change with the page. Not timed: plans and row counts only.
 */
import { usesServer } from './helpers/database.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { runOk } from './helpers/graphql.js';
import { membershipOrderDifferences } from './helpers/membership-order.js';
import { planNodes, type PlanNode } from './helpers/plans.js';
import { countStatements } from './helpers/sql-counter.js';
import { synthesizeTestDatabase, withSynthConnection } from './helpers/synth.js';
import { sql } from '../src/db.js';
import { SYNTH_SLUGS } from '../src/synth/generate.js';

const QUOTES = 10_000;
/** Tables over this many rows must never be read whole. */
const LARGE_TABLE = 1_000;

interface Explained {
  statement: string;
  /** One line per plan node, for failure messages. */
  summary: string;
  nodes: PlanNode[];
  /** Rows the scans produced or filtered away, over all loops. */
  rowsRead: number;
  indexes: Set<string>;
  seqScans: string[];
  /**
   * Of a page pick that also builds its nodes (their rows by primary key with the relations nested
   * in them, `pageSql`): the build's scans, explained apart (see `explain`); the figures above are
   * then the pick's alone.
   */
  build?: Explained;
}

let tableRows: Map<string, number>;

/** Whether a statement picks a list's page (src/modules/common/pages.ts: every pick names its rows' parent). */
function isPagePick(statement: string): boolean {
  return statement.includes('AS "parent"');
}

/**
 * Whether a scan builds a page's nodes inside the statement that picks it: the node's row (aliased
 * `nr` by pages.ts) or a relation nested in it (`r1`, `r2`… by nested-rows.ts).
 */
function buildsNodes(node: PlanNode): boolean {
  return /^(nr|r\d+)(_\d+)?$/.test(node.Alias ?? '');
}

function explained(statement: string, nodes: PlanNode[]): Explained {
  const scans = nodes.filter((n) => n['Relation Name']);
  const summary = nodes
    .map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''} rows=${n['Actual Rows']}x${n['Actual Loops']} removed=${n['Rows Removed by Filter'] ?? 0}`)
    .join('\n');
  return {
    statement,
    summary: `${statement.slice(0, 300)}\n${summary}`,
    nodes,
    rowsRead: scans.reduce((sum, n) => sum + (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * n['Actual Loops'], 0),
    indexes: new Set(scans.map((n) => n['Index Name']).filter((name): name is string => Boolean(name))),
    seqScans: scans.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']!),
  };
}

/**
 * EXPLAIN ANALYZE of one statement. The page picks are explained as PostgreSQL plans them. What
 * builds a page (the page's rows by id, with what is nested in them) is explained with sequential
 * scans discouraged: on a database of a few thousand rows the planner rightly reads a small table
 * whole rather than look up 20 rows by key, which would hide whether an index serves each lookup at
 * all — and at scale it does not make that choice. A statement that picks a page and builds it is
 * explained both ways: the pick's scans as planned, the build's with sequential scans discouraged.
 */
async function explain(statement: string, parameters: unknown[]): Promise<Explained> {
  const run = (discourageSeqScans: boolean) =>
    withSynthConnection(async (db) => {
      if (discourageSeqScans) await db.exec('SET enable_seqscan = off');
      try {
        const [row] = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`, parameters);
        return planNodes(row!['QUERY PLAN']);
      } finally {
        if (discourageSeqScans) await db.exec('RESET enable_seqscan');
      }
    });
  if (!isPagePick(statement)) return explained(statement, await run(true));
  const nodes = await run(false);
  if (!nodes.some(buildsNodes)) return explained(statement, nodes);
  const build = (await run(true)).filter(buildsNodes);
  return { ...explained(statement, nodes.filter((n) => !buildsNodes(n))), build: explained(statement, build) };
}

/** Runs a query over HTTP and explains every statement it sent. */
async function explainQuery(query: string, variables?: Record<string, unknown>) {
  const { result, statements, parameters } = await countStatements(() => runOk(query, variables));
  const plans = [];
  for (const [i, statement] of statements.entries()) plans.push(await explain(statement, parameters[i]!));
  return { result, plans };
}

function expectNoLargeSeqScan(plans: Explained[]) {
  for (const plan of plans.flatMap((p) => (p.build ? [p, p.build] : [p]))) {
    const large = plan.seqScans.filter((table) => (tableRows.get(table) ?? 0) > LARGE_TABLE);
    expect(large, `sequential scan of ${large.join(', ')} in\n${plan.statement}`).toEqual([]);
  }
}

/** The statements that picked a page (src/modules/common/pages.ts), by what they select. */
const pagePick = (plans: Explained[]) => plans.filter((p) => isPagePick(p.statement));

beforeAll(async () => {
  await synthesizeTestDatabase(QUOTES);
  const counts = await sql.query<{ table: string; n: string }>(
    `SELECT relname AS "table", n_live_tup::text AS n FROM pg_stat_user_tables WHERE schemaname = 'public'`,
  );
  tableRows = new Map(counts.map((c) => [c.table, Number(c.n)]));
  // The statistics view lags on a server; count the tables the assertions rely on.
  for (const table of ['Quote', 'Event', 'Claim', 'Citation', 'EventParticipant', 'Actor', 'Source']) {
    const [row] = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`);
    tableRows.set(table, Number(row!.n));
  }
  expect(tableRows.get('Quote')).toBe(QUOTES);
}, 300_000);

const QUOTES_PAGE = `query ($first: Int!, $after: String) { quotes(first: $first, after: $after) {
  pageInfo { endCursor } edges { node { slug text speaker { name } date { iso } } } } }`;

/** The cursor after the first `rows` quotes, walked 100 at a time. */
async function cursorAfter(rows: number): Promise<string> {
  let after: string | null = null;
  for (let walked = 0; walked < rows; walked += 100) {
    const data: any = await runOk(QUOTES_PAGE, { first: Math.min(100, rows - walked), after });
    after = data.quotes.pageInfo.endCursor;
  }
  return after!;
}

describe('query plans on a generated database', () => {
  it('stores sort keys whose numeric order is each list’s order', async () => {
    const orders: [string, string, string][] = [
      ['Quote', '"dateEarliest" NULLS LAST, "chronologyDepth", "dateLatest" NULLS LAST, id', '"dateOrder", id'],
      ['Quote', '"dateEarliest" DESC NULLS LAST, "chronologyDepth" DESC, "dateLatest" DESC NULLS LAST, id', '"dateOrderDesc", id'],
      ['Event', '"dateEarliest" NULLS LAST, "chronologyDepth", "dateLatest" NULLS LAST, id', '"dateOrder", id'],
      ['Event', '"dateEarliest" DESC NULLS LAST, "chronologyDepth" DESC, "dateLatest" DESC NULLS LAST, id', '"dateOrderDesc", id'],
      ['Claim', '"dateEarliest" NULLS LAST, "chronologyDepth", "dateLatest" NULLS LAST, id', '"dateOrder", id'],
      ['Claim', '"dateEarliest" DESC NULLS LAST, "chronologyDepth" DESC, "dateLatest" DESC NULLS LAST, id', '"dateOrderDesc", id'],
      ['Source', '"publishedOnEarliest" NULLS LAST, "publishedOnLatest" NULLS LAST, id', '"publishedOnOrder", id'],
      ['Source', '"publishedOnEarliest" DESC NULLS LAST, "publishedOnLatest" DESC NULLS LAST, id', '"publishedOnOrderDesc", id'],
      ['LegalAction', '"filedOn" NULLS LAST, "filedOnPrecision" NULLS LAST, id', '"filedOnOrder", id'],
      ['LegalAction', '"filedOn" DESC NULLS LAST, "filedOnPrecision" DESC NULLS LAST, id', '"filedOnOrderDesc", id'],
      ['Affiliation', '"startedOn" NULLS LAST, "startedOnPrecision" NULLS LAST, id', '"startedOnOrder", id'],
    ];
    for (const [table, columns, key] of orders) {
      const [row] = await sql.query<{ differ: string; rows: string }>(
        `SELECT count(*) FILTER (WHERE a <> b)::text AS differ, count(*)::text AS rows
           FROM (SELECT row_number() OVER (ORDER BY ${columns}) AS a, row_number() OVER (ORDER BY ${key}) AS b FROM "${table}") x`,
      );
      expect(Number(row!.rows), table).toBeGreaterThanOrEqual(10);
      expect(Number(row!.differ), `${table} by ${key}`).toBe(0);
    }
  });

  it('stores each conflict’s events and quotes in their members’ order (filled in bulk by the generator)', async () => {
    for (const { table, differ, rows } of await membershipOrderDifferences()) {
      expect(rows, table).toBeGreaterThan(1_000);
      expect(differ, table).toBe(0);
    }
  });

  it('pages all quotes on the (dateOrder, id) index, reading as many rows on page 50 as on page 1', async () => {
    const deep = await cursorAfter(1_000);
    const first = await explainQuery(QUOTES_PAGE, { first: 20 });
    const fiftieth = await explainQuery(QUOTES_PAGE, { first: 20, after: deep });
    expect(first.result.quotes.edges).toHaveLength(20);
    expect(fiftieth.result.quotes.edges).toHaveLength(20);
    expect(fiftieth.plans).toHaveLength(first.plans.length);
    for (const run of [first, fiftieth]) {
      expectNoLargeSeqScan(run.plans);
      const [pick] = pagePick(run.plans);
      expect([...pick!.indexes]).toContain('Quote_dateOrder_id_idx');
      expect(pick!.rowsRead, pick!.summary).toBeLessThan(5 * 21);
      // The page's rows with their speakers, built by the same statement: by primary key, a few rows each.
      expect(run.plans).toHaveLength(1);
      expect(pick!.build!.rowsRead, pick!.build!.summary).toBeLessThan(5 * 21);
    }
  });

  it('reads a root page of all quotes asking only their own columns in one statement, in index order, on page 50 as on page 1', async () => {
    const query = `query ($first: Int!, $after: String) { quotes(first: $first, after: $after) { pageInfo { endCursor } edges { node { slug text date { iso precision } } } } }`;
    const deep = await cursorAfter(1_000);
    for (const after of [null, deep]) {
      const { result, plans } = await explainQuery(query, { first: 20, after });
      expect(result.quotes.edges).toHaveLength(20);
      // The pick reads the quotes' columns itself: no second statement, no lookup by primary key.
      expect(plans).toHaveLength(1);
      const [pick] = pagePick(plans);
      expectNoLargeSeqScan(plans);
      expect(pick!.nodes.filter((n) => n['Relation Name']).map((n) => `${n['Node Type']} ${n['Index Name']}`), pick!.summary).toEqual(['Index Scan Quote_dateOrder_id_idx']);
      expect(pick!.rowsRead, pick!.summary).toBe(21);
    }
  });

  it('pages one speaker’s quotes on (speakerId, dateOrder, id), counting them on the index alone', async () => {
    const query = `query ($slug: String!, $first: Int!, $after: String) { person(slug: $slug) { quotes(first: $first, after: $after) {
      totalCount pageInfo { endCursor } edges { node { slug text date { iso } } } } } }`;
    const page1 = await explainQuery(query, { slug: SYNTH_SLUGS.prolificSpeaker, first: 10 });
    const total = page1.result.person.quotes.totalCount;
    expect(total).toBeGreaterThan(200);
    let after = page1.result.person.quotes.pageInfo.endCursor;
    for (let page = 2; page < 10; page++) after = (await runOk(query, { slug: SYNTH_SLUGS.prolificSpeaker, first: 10, after })).person.quotes.pageInfo.endCursor;
    const page10 = await explainQuery(query, { slug: SYNTH_SLUGS.prolificSpeaker, first: 10, after });
    expect(page10.plans).toHaveLength(page1.plans.length);
    for (const run of [page1, page10]) {
      expectNoLargeSeqScan(run.plans);
      const [pick] = pagePick(run.plans);
      expect([...pick!.indexes]).toContain('Quote_speakerId_dateOrder_id_idx');
      expect(pick!.nodes.some((n) => n['Node Type'] === 'Index Only Scan'), 'totalCount by an index-only scan').toBe(true);
      // The count reads every quote of the speaker once (index only); the page, the page.
      expect(pick!.rowsRead, pick!.summary).toBeLessThan(total + 5 * 11);
    }
  });

  it('picks a page on the list’s index alone, then reads the picked rows’ columns by primary key', async () => {
    // At scale the planner expects the average speaker (a few dozen quotes). When the pick also read
    // the quotes' other columns, it fetched all of the prolific speaker's quotes and sorted them (a
    // bitmap scan of 6,011 rows at 100k, for a page of 51). A pick that needs nothing but the
    // index's columns is served by it alone, in order, stopping at the LIMIT, whatever the estimates.
    const query = `query ($slug: String!) { person(slug: $slug) { quotes(first: 50) { totalCount edges { node { slug text date { iso precision } } } } } }`;
    const { result, plans } = await explainQuery(query, { slug: SYNTH_SLUGS.prolificSpeaker });
    expect(result.person.quotes.edges).toHaveLength(50);
    const total = result.person.quotes.totalCount;
    const [pick] = pagePick(plans);
    const onListIndex = pick!.nodes.filter((n) => n['Index Name'] === 'Quote_speakerId_dateOrder_id_idx');
    // The count and the page, both index-only.
    expect(onListIndex.map((n) => n['Node Type']), pick!.summary).toEqual(['Index Only Scan', 'Index Only Scan']);
    // The count and the page's 51 index entries; then the 51 quotes by primary key.
    expect(pick!.rowsRead, pick!.summary).toBeLessThanOrEqual(total + 51);
    expect(pick!.build!.nodes.filter((n) => n['Relation Name']).map((n) => `${n['Node Type']} ${n['Index Name']}`), pick!.build!.summary).toEqual(['Index Scan Quote_pkey']);
    expect(pick!.build!.rowsRead, pick!.build!.summary).toBe(51);
  });

  it('pages events in a date range on the (dateOrder, id) index, the range being an index range', async () => {
    const query = `query ($first: Int!) { events(from: "2020-01-01", to: "2020-12-31", first: $first) { totalCount edges { uncertain node { slug date { iso } } } } }`;
    const { result, plans } = await explainQuery(query, { first: 10 });
    const total = result.events.totalCount;
    expect(total).toBeGreaterThan(10);
    expectNoLargeSeqScan(plans);
    const [pick] = pagePick(plans);
    expect([...pick!.indexes]).toContain('Event_dateOrder_id_idx');
    // Only the range (and the year before it, where a bound may start) is read, not the table.
    expect(pick!.rowsRead, pick!.summary).toBeLessThan(3 * total + 5 * 11);
    expect(pick!.rowsRead).toBeLessThan(tableRows.get('Event')! / 2);
  });

  it('answers conflict → events → participants → actor → affiliations in 2 statements whatever the page, reading the page’s rows by index', async () => {
    const query = `query ($slug: String!, $first: Int!) { conflict(slug: $slug) { events(first: $first) { totalCount edges { node {
      slug title date { iso precision }
      participants { role actor { slug name affiliations { role organization { slug name } } } }
    } } } } }`;
    const small = await explainQuery(query, { slug: SYNTH_SLUGS.hugeConflict, first: 1 });
    const large = await explainQuery(query, { slug: SYNTH_SLUGS.hugeConflict, first: 20 });
    expect(large.result.conflict.events.edges).toHaveLength(20);
    // The conflict, then its page of events with everything nested in them.
    expect(small.plans).toHaveLength(2);
    expect(large.plans).toHaveLength(2);
    const members = large.result.conflict.events.totalCount;
    for (const run of [small, large]) {
      expectNoLargeSeqScan(run.plans);
      const [pick] = pagePick(run.plans);
      // The conflict's members in their stored order, each event by its primary key: bounded by
      // the conflict's size (totalCount counts them on the index alone), never a scan of Event.
      expect([...pick!.indexes]).toContain('ConflictEventOrder_pkey');
      expect(pick!.rowsRead, pick!.summary).toBeLessThan(4 * members + 10);
    }
    // Building the page reads rows for its events only (participants, actors, affiliations), by key,
    // after the pick's LIMIT: twenty events' worth on a page of 20, one event's on a page of 1.
    const build = pagePick(large.plans)[0]!.build!;
    // (About 17 rows an event here: the event, ~3 participants, their actors and affiliations.)
    expect(build.rowsRead, build.summary).toBeLessThan(20 * 40);
    expect(build.rowsRead).toBeGreaterThan(5 * pagePick(small.plans)[0]!.build!.rowsRead);
  });

  for (const [list, index] of [['events', 'ConflictEventOrder_pkey'], ['quotes', 'ConflictQuoteOrder_pkey']] as const) {
    it(`pages the huge conflict’s ${list} on the stored membership order, reading O(first) rows on page 1 and on a deep page`, async () => {
      const query = `query ($slug: String!, $first: Int!, $after: String) { conflict(slug: $slug) { ${list}(first: $first, after: $after) {
        pageInfo { endCursor } edges { node { slug date { iso } } } } } }`;
      const [{ members } = { members: 0 }] = await sql.query<{ members: number }>(
        `SELECT count(*)::int AS members FROM "_ConflictTo${list === 'events' ? 'Event' : 'Quote'}" m JOIN "Conflict" c ON c.id = m."A" WHERE c.slug = $1`,
        [SYNTH_SLUGS.hugeConflict],
      );
      const first = 10;
      // A deep page: past nine tenths of the members (the sort read them all, before the stored order).
      const deepPage = Math.floor((0.9 * members) / first);
      expect(deepPage).toBeGreaterThan(5);
      const page1 = await explainQuery(query, { slug: SYNTH_SLUGS.hugeConflict, first });
      let after = page1.result.conflict[list].pageInfo.endCursor;
      for (let page = 2; page < deepPage; page++) after = (await runOk(query, { slug: SYNTH_SLUGS.hugeConflict, first, after })).conflict[list].pageInfo.endCursor;
      const deep = await explainQuery(query, { slug: SYNTH_SLUGS.hugeConflict, first, after });
      expect(deep.result.conflict[list].edges).toHaveLength(first);
      expect(deep.plans).toHaveLength(page1.plans.length);
      for (const run of [page1, deep]) {
        expectNoLargeSeqScan(run.plans);
        const [pick] = pagePick(run.plans);
        expect([...pick!.indexes]).toContain(index);
        // The stored order's range and each member by id: O(first), not the conflict's members.
        expect(pick!.rowsRead, pick!.summary).toBeLessThanOrEqual(3 * (first + 1));
      }
    });
  }

  // A prepared statement is planned anew at each execution (a custom plan) until PostgreSQL finds a
  // plan for unknown parameter values (the generic plan) no costlier; with the page's row count as a
  // parameter it never did for these statements, and planning cost as much as running them
  // (limitLiteral in src/modules/common/pages.ts). Named statements exist on a server only
  // (DB_PREPARED_STATEMENTS).
  it.skipIf(!usesServer)('plans a root list’s pages and a timeline page once per connection, then reuses the plan', async () => {
    const pages = [
      { query: `{ quotes(first: 20) { edges { node { slug text } } } }`, statement: 'SELECT NULL::text AS "parent"%FROM "Quote" n%' },
      { query: `{ quotes(first: 20) { totalCount edges { node { slug text } } } }`, statement: '%(VALUES (NULL::uuid, 1::bigint))%FROM "Quote" n%' },
      {
        query: `{ conflict(slug: "${SYNTH_SLUGS.hugeConflict}") { timeline(first: 20) { totalCount edges { node { __typename } } } } }`,
        statement: '%FROM "TimelineEntry" t WHERE%',
      },
    ];
    /** Plans made so far per prepared statement (of this connection) whose text is like `statement`. */
    const counts = async (statement: string) =>
      new Map(
        (
          await sql.query<{ name: string; generic: number; custom: number }>(
            `SELECT name, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name LIKE 's%' AND statement LIKE $1`,
            [statement],
          )
        ).map((row) => [row.name, row]),
      );
    for (const { query, statement } of pages) {
      // Sequential requests reuse the pool's most recently released connection, which is then asked.
      const before = await counts(statement);
      const answers = new Set<string>();
      for (let i = 0; i < 12; i++) answers.add(JSON.stringify(await runOk(query)));
      expect(answers.size).toBe(1);
      let generic = 0;
      let custom = 0;
      for (const [name, after] of await counts(statement)) {
        generic += after.generic - (before.get(name)?.generic ?? 0);
        custom += after.custom - (before.get(name)?.custom ?? 0);
      }
      // At most the five custom plans PostgreSQL makes before comparing them with the generic one.
      expect({ query, generic: generic >= 6, custom: custom <= 5 }, `${generic} generic, ${custom} custom plans`).toEqual({ query, generic: true, custom: true });
    }
  });

  it('batches each participant’s quotes(first: 5) into one statement with a LIMIT per actor', async () => {
    const query = `query ($slug: String!, $first: Int!) { conflict(slug: $slug) { events(first: $first) { edges { node {
      slug participants { role actor { slug quotes(first: 5) { totalCount edges { node { slug text date { iso } } } } } }
    } } } } }`;
    const one = await explainQuery(query, { slug: SYNTH_SLUGS.hugeConflict, first: 1 });
    const many = await explainQuery(query, { slug: SYNTH_SLUGS.hugeConflict, first: 20 });
    expect(many.plans).toHaveLength(one.plans.length);
    // The conflict, its page of events with their participants and actors, then every actor's page
    // of quotes in one statement that also reads the quotes' columns (nothing is nested under them,
    // so no statement loads them again).
    expect(many.plans).toHaveLength(3);
    expectNoLargeSeqScan(many.plans);
    const quotesPick = pagePick(many.plans).find((p) => p.statement.includes('"speakerId" = par.pid'))!;
    expect([...quotesPick.indexes]).toContain('Quote_speakerId_dateOrder_id_idx');
    const actors = new Set(many.result.conflict.events.edges.flatMap((e: any) => e.node.participants.map((p: any) => p.actor.slug))).size;
    const totals = many.result.conflict.events.edges.flatMap((e: any) => e.node.participants.map((p: any) => p.actor.quotes.totalCount));
    // Each actor's page reads at most 6 index entries, then each picked quote's columns by primary
    // key (at most 6 lookups of one row); the counts read each actor's quotes on the index.
    const counted = [...new Map(many.result.conflict.events.edges.flatMap((e: any) => e.node.participants.map((p: any) => [p.actor.slug, p.actor.quotes.totalCount]))).values()] as number[];
    expect(totals.length).toBeGreaterThan(actors - 1);
    expect(quotesPick.rowsRead, quotesPick.summary).toBeLessThanOrEqual(counted.reduce((a, b) => a + b, 0) + 2 * 6 * actors + actors);
  });
});
