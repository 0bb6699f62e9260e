/**
 * The timeline at scale, on a generated database (src/synth, a few thousand rows): the stored
 * order is orderTimeline's for conflicts of very different sizes, the statements do not grow with
 * the conflict, and the page statement is an index range scan that touches O(first) rows on page
 * 1 and on a deep page (EXPLAIN ANALYZE's row counts), so a change that brings back
 * load-everything-then-slice fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOk } from './helpers/graphql.js';
import { planNodes, type PlanNode } from './helpers/plans.js';
import { synthesizeTestDatabase } from './helpers/synth.js';
import { countStatements } from './helpers/sql-counter.js';
import { conflictIds, referenceOrder, storedOrder } from './helpers/timeline.js';
import { sql } from '../src/db.js';
import { encodeKeysetCursor } from '../src/modules/common/cursors.js';
import { decodeGlobalID } from '../src/modules/common/ids.js';
import { SYNTH_SLUGS, type SynthSummary } from '../src/synth/generate.js';

const FIRST = 20;
const MAIN_INDEX = 'TimelineEntry_conflictId_anchor_depth_latest_precisionRank__idx';
const KIND_INDEX = 'TimelineEntry_conflictId_kind_anchor_depth_latest_precision_idx';

const TIMELINE = /* GraphQL */ `
  query ($slug: String!, $first: Int!, $after: String, $include: [TimelineEntryKind!]) {
    conflict(slug: $slug) {
      timeline(first: $first, after: $after, include: $include) {
        edges { cursor node {
          __typename id date { iso earliest }
          ... on Event { title participants { actor { name } } sources { title } }
          ... on Quote { text speaker { name } }
          ... on Claim { summary claimant { name } }
          ... on LegalActionStatusChange { status legalAction { title } }
        } }
      }
    }
  }
`;

let summary: SynthSummary;
let ids: Map<string, string>;

beforeAll(async () => {
  summary = await synthesizeTestDatabase(3_000);
  ids = await conflictIds();
}, 300_000);

const sizeOf = (slug: string) => summary.conflicts.find((c) => c.slug === slug)!.timelineEntries;

/** The stored key of the n-th entry (0-based) of a conflict, as the cursor the API hands out for it. */
async function cursorAt(conflictId: string, index: number): Promise<string> {
  const [row] = await sql.query<{ anchor: string; depth: number; latest: string; rank: number; itemId: string }>(
    `SELECT "anchor"::text AS anchor, "depth", "latest"::text AS latest, "precisionRank"::int AS rank, "itemId"::text AS "itemId"
       FROM "TimelineEntry" WHERE "conflictId" = $1::uuid
      ORDER BY "anchor", "depth", "latest", "precisionRank", "itemId" OFFSET $2 LIMIT 1`,
    [conflictId, index],
  );
  const day = (text: string) => (text === 'infinity' ? null : text);
  return encodeKeysetCursor([day(row!.anchor), row!.depth, day(row!.latest), row!.rank, row!.itemId]);
}

/**
 * Runs a GraphQL timeline page and explains (ANALYZE) the statement that picked the page: the scans
 * that pick it, and those that build its entries' items after the pick (each entry's row `nr` by
 * primary key, and what is nested in its item, `r1`, `r2`…).
 */
async function explainPage(variables: Record<string, unknown>, query = TIMELINE): Promise<{ pick: PlanNode[]; build: PlanNode[] }> {
  const { statements, parameters } = await countStatements(() => runOk(query, variables));
  const index = statements.findIndex((s) => /FROM "TimelineEntry" t WHERE t."conflictId" = \$1::uuid/.test(s));
  expect(index, statements.join('\n---\n')).toBeGreaterThanOrEqual(0);
  const [row] = await sql.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${statements[index]}`, parameters[index]);
  const scans = planNodes(row!['QUERY PLAN']).filter((node) => node['Relation Name']);
  const builds = (node: PlanNode) => /^(nr|r\d+)(_\d+)?$/.test(node.Alias ?? '');
  return { pick: scans.filter((node) => !builds(node)), build: scans.filter(builds) };
}

describe('the stored timeline on a generated database', () => {
  it('has conflicts of very different sizes', () => {
    expect(sizeOf(SYNTH_SLUGS.smallConflict)).toBeLessThan(100);
    expect(sizeOf(SYNTH_SLUGS.mediumConflict)).toBeGreaterThan(1_000);
    expect(summary.rows.TimelineEntry).toBe(summary.conflicts.reduce((sum, c) => sum + c.timelineEntries, 0));
  });

  it('is the order orderTimeline gives, for every generated conflict', async () => {
    expect(ids.size).toBe(summary.conflicts.length);
    for (const [slug, id] of ids) {
      const stored = await storedOrder(id);
      expect(stored.length, slug).toBe(sizeOf(slug));
      expect(stored, slug).toEqual(await referenceOrder(id));
    }
  });

  it('answers a deep page through after: with the entries that follow in the whole order', async () => {
    const id = ids.get(SYNTH_SLUGS.mediumConflict)!;
    const order = await storedOrder(id);
    const first = await runOk(TIMELINE, { slug: SYNTH_SLUGS.mediumConflict, first: FIRST });
    expect(first.conflict.timeline.edges.at(-1).cursor).toBe(await cursorAt(id, FIRST - 1));
    const deepAt = order.length - 300;
    const deep = await runOk(TIMELINE, { slug: SYNTH_SLUGS.mediumConflict, first: FIRST, after: await cursorAt(id, deepAt - 1) });
    expect(deep.conflict.timeline.edges.map((e: any) => decodeGlobalID(e.node.id).id)).toEqual(order.slice(deepAt, deepAt + FIRST));
  });

  it('sends the same statements for a small and a large conflict, on page 1 and deep', async () => {
    const counts: number[] = [];
    for (const slug of [SYNTH_SLUGS.smallConflict, SYNTH_SLUGS.mediumConflict, SYNTH_SLUGS.hugeConflict]) {
      const { result, statements } = await countStatements(() => runOk(TIMELINE, { slug, first: FIRST }));
      expect(result.conflict.timeline.edges).toHaveLength(FIRST);
      counts.push(statements.length);
      const deep = await countStatements(() => runOk(TIMELINE, { slug, first: FIRST, after: result.conflict.timeline.edges.at(-1).cursor }));
      counts.push(deep.statements.length);
    }
    // Page 1: the conflict, then the page with its entries' items. A deep page: the conflict, the
    // page, its entries' items (PostgreSQL plans a statement with a cursor at every execution, so the
    // items stay out of it; src/modules/conflicts/types.ts).
    expect(counts).toEqual(counts.map((_, i) => (i % 2 === 0 ? 2 : 3)));
  });

  it('picks page 1 and a deep page by an index range scan that reads O(first) rows', async () => {
    const id = ids.get(SYNTH_SLUGS.mediumConflict)!;
    const deepCursor = await cursorAt(id, sizeOf(SYNTH_SLUGS.mediumConflict) - 200);
    for (const after of [null, deepCursor]) {
      const { pick: scans, build } = await explainPage({ slug: SYNTH_SLUGS.mediumConflict, first: FIRST, after });
      // On page 1 the items are built after the pick: one entry looked up by primary key per row
      // picked. A deep page leaves them to the next statement.
      const entries = build.filter((s) => s.Alias === 'nr');
      expect(entries.map((s) => s['Index Name'])).toEqual(after ? [] : ['TimelineEntry_pkey']);
      if (!after) expect(entries[0]!['Actual Loops']).toBeLessThanOrEqual(FIRST + 1);
      expect(scans.map((s) => [s['Node Type'], s['Index Name']]), JSON.stringify(scans)).toEqual([[expect.stringMatching(/^Index (Only )?Scan$/), MAIN_INDEX]]);
      expect(scans[0]!['Actual Rows'] * scans[0]!['Actual Loops']).toBeLessThanOrEqual(FIRST + 1);
      expect(scans[0]!['Rows Removed by Filter'] ?? 0).toBe(0);
    }
  });

  it('reads O(first) rows per kind when the timeline is narrowed to some kinds', async () => {
    const { pick: scans } = await explainPage({ slug: SYNTH_SLUGS.mediumConflict, first: FIRST, include: ['EVENT', 'CLAIM'] });
    expect(scans.map((s) => s['Index Name'])).toEqual([KIND_INDEX, KIND_INDEX]);
    for (const scan of scans) expect(scan['Actual Rows'] * scan['Actual Loops']).toBeLessThanOrEqual(FIRST + 1);
  });

  it('counts the whole timeline from the stored counts, without reading the conflict’s entries', async () => {
    const counted = TIMELINE.replace('edges { cursor', 'totalCount edges { cursor');
    const { conflict } = await runOk(counted, { slug: SYNTH_SLUGS.mediumConflict, first: FIRST, include: ['QUOTE', 'EVENT'] });
    const [sizes] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "TimelineEntry" WHERE "conflictId" = $1::uuid AND "kind" IN ('QUOTE', 'EVENT')`,
      [ids.get(SYNTH_SLUGS.mediumConflict)],
    );
    expect(conflict.timeline.totalCount).toBe(sizes!.n);
    const { pick: scans } = await explainPage({ slug: SYNTH_SLUGS.mediumConflict, first: FIRST }, counted);
    const entries = scans.filter((s) => s['Relation Name'] === 'TimelineEntry');
    expect(entries.map((s) => s['Index Name'])).toEqual([MAIN_INDEX]);
    expect(entries[0]!['Actual Rows']).toBeLessThanOrEqual(FIRST + 1);
    expect(scans.filter((s) => s['Relation Name'] === 'TimelineCount').length).toBe(1);
  });
});
