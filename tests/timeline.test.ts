/**
 * Conflict.timeline pages a stored order (TimelineEntry, kept by the SQL function
 * timeline_refresh) with keyset cursors. These tests hold it to the rules of `orderTimeline` on the
 * seed, and check paging in both directions, filters and cursors. tests/timeline-plans.test.ts
 * does the same on a generated database and checks the query plans.
 */
import { describe, expect, it } from 'vitest';
import { runError, runOk } from './helpers/graphql.js';
import { conflictIds, referenceOrder, storedOrder } from './helpers/timeline.js';
import { decodeGlobalID } from '../src/modules/common/ids.js';
import { prisma, sql } from '../src/db.js';
import { encodeKeysetCursor } from '../src/modules/common/cursors.js';
import { loadDataset, DEFAULT_DATASET_PATH } from '../src/seed/dataset.js';
import { seedDatabase } from '../src/seed/load.js';

const PAGE = /* GraphQL */ `
  query ($first: Int, $after: String, $last: Int, $before: String, $include: [TimelineEntryKind!], $from: Date, $to: Date) {
    conflict(slug: "musk-vs-openai") {
      timeline(first: $first, after: $after, last: $last, before: $before, include: $include, from: $from, to: $to) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor uncertain node { __typename id } }
      }
    }
  }
`;
type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  edges: { cursor: string; uncertain: boolean; node: { __typename: string; id: string } }[];
};
const page = async (variables: Record<string, unknown>) => (await runOk<{ conflict: { timeline: Page } }>(PAGE, variables)).conflict.timeline;
const rawId = (globalId: string) => decodeGlobalID(globalId).id;

describe('the stored timeline order', () => {
  it('is the order orderTimeline gives, for every conflict of the seed', async () => {
    const conflicts = await conflictIds();
    expect(conflicts.size).toBeGreaterThan(0);
    for (const [slug, id] of conflicts) {
      const reference = await referenceOrder(id);
      expect(reference.length, slug).toBeGreaterThan(50);
      expect(await storedOrder(id), slug).toEqual(reference);
    }
  });

  it('is what the timeline serves, and re-seeding (a writer calling timeline_refresh) leaves it as it was', async () => {
    const id = (await conflictIds()).get('musk-vs-openai')!;
    const before = await storedOrder(id);
    const served = await page({ first: 100 });
    expect(served.totalCount).toBe(before.length);
    expect(served.edges.map((e) => rawId(e.node.id))).toEqual(before);

    await seedDatabase(prisma, await loadDataset(DEFAULT_DATASET_PATH));
    expect(await storedOrder(id)).toEqual(before);
  });
});

describe('paging the timeline with keyset cursors', () => {
  it('walks forward with first/after and backward with last/before through the same entries as one page', async () => {
    const whole = (await page({ first: 100 })).edges.map((e) => e.node.id);
    const forward: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const p: Page = await page({ first: 7, after });
      forward.push(...p.edges.map((e) => e.node.id));
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(forward).toEqual(whole);

    const backward: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < 20; i++) {
      const p: Page = await page({ last: 6, before });
      backward.unshift(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(backward).toEqual(whole);
  });

  it('answers a deep page through after: with the entries that follow that cursor in the whole order', async () => {
    const whole = await page({ first: 100 });
    const deep = await page({ first: 5, after: whole.edges[40]!.cursor });
    expect(deep.edges.map((e) => e.node.id)).toEqual(whole.edges.slice(41, 46).map((e) => e.node.id));
    expect(deep.edges.map((e) => e.cursor)).toEqual(whole.edges.slice(41, 46).map((e) => e.cursor));
    expect(deep.totalCount).toBe(whole.totalCount);
  });

  it('keeps the whole order within kinds and ranges: a filtered timeline is the full one with entries left out', async () => {
    const whole = await page({ first: 100 });
    const kinds = new Set(['Quote', 'LegalActionStatusChange']);
    const filtered = await page({ first: 100, include: ['QUOTE', 'LEGAL_STATUS'] });
    expect(filtered.edges.map((e) => e.node.id)).toEqual(whole.edges.filter((e) => kinds.has(e.node.__typename)).map((e) => e.node.id));
    expect(filtered.totalCount).toBe(filtered.edges.length);
    // Paging a filtered timeline: two kinds, three entries a page.
    const second = await page({ first: 3, after: filtered.edges[2]!.cursor, include: ['QUOTE', 'LEGAL_STATUS'] });
    expect(second.edges.map((e) => e.node.id)).toEqual(filtered.edges.slice(3, 6).map((e) => e.node.id));

    const ranged = await page({ first: 100, from: '2024-01-01', to: '2024-12-31' });
    const rangedIds = ranged.edges.map((e) => e.node.id);
    expect(rangedIds.length).toBeGreaterThan(3);
    expect(rangedIds).toEqual(whole.edges.map((e) => e.node.id).filter((id) => rangedIds.includes(id)));
    const next = await page({ first: 2, after: ranged.edges[1]!.cursor, from: '2024-01-01', to: '2024-12-31' });
    expect(next.edges).toEqual(ranged.edges.slice(2, 4));
    expect(await page({ first: 5, include: [] })).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('refuses cursors it did not issue, before any SQL, as BAD_USER_INPUT', async () => {
    const offset = Buffer.from('OffsetConnection:3').toString('base64');
    const wrongShape = encodeKeysetCursor(['2024-01-01', 0, '2024-01-31', 1]);
    const wrongTypes = encodeKeysetCursor(['2024-01-01', 'zero', '2024-01-31', 1, '00000000-0000-0000-0000-000000000000']);
    const notADay = encodeKeysetCursor(['2024-02-30x', 0, '2024-01-31', 1, '00000000-0000-0000-0000-000000000000']);
    for (const cursor of [offset, wrongShape, wrongTypes, notADay, 'zzz']) {
      for (const variables of [{ first: 2, after: cursor }, { last: 2, before: cursor }]) {
        const result = await runError(PAGE, variables);
        expect(result.errors!.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      }
    }
    // A well-formed cursor past the end is simply an empty page.
    const end = encodeKeysetCursor([null, 999, null, 0, 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
    expect(await page({ first: 3, after: end })).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
  });

  it('stores one row per entry, each pointing at exactly one item of its kind, and their counts per kind', async () => {
    const [row] = await sql.query<{ entries: number; bad: number }>(
      `SELECT count(*)::int AS entries,
              count(*) FILTER (WHERE num_nonnulls("eventId", "quoteId", "claimId", "statusChangeId") <> 1)::int AS bad
         FROM "TimelineEntry"`,
    );
    expect(row!.entries).toBeGreaterThan(50);
    expect(row!.bad).toBe(0);
    // The stored counts (TimelineCount) are the entries' counts, per conflict and kind.
    const mismatched = await sql.query(
      `SELECT * FROM (SELECT "conflictId", "kind", count(*)::int AS n FROM "TimelineEntry" GROUP BY 1, 2) e
         FULL JOIN "TimelineCount" c USING ("conflictId", "kind") WHERE c."entries" IS DISTINCT FROM e.n`,
    );
    expect(mismatched).toEqual([]);
  });
});
