/**
 * Conflict.events and Conflict.quotes page the order stored with each membership
 * (ConflictEventOrder / ConflictQuoteOrder, migration *_membership_order), kept in step by triggers.
 * These tests hold the stored order to the one computed from the members' "dateOrder" on the seed,
 * after a member's dates change by plain SQL, and after memberships are deleted and inserted; and
 * check that the pages follow it. tests/query-plans.test.ts checks the generated data and the plans.
 */
import { describe, expect, it } from 'vitest';
import { runOk } from './helpers/graphql.js';
import { membershipOrderDifferences } from './helpers/membership-order.js';
import { sql } from '../src/db.js';

async function expectInStep() {
  for (const { table, differ, rows } of await membershipOrderDifferences()) {
    expect(rows, table).toBeGreaterThan(0);
    expect(differ, table).toBe(0);
  }
}

const PAGE = `query ($slug: String!, $first: Int!, $after: String) { conflict(slug: $slug) {
  events(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id slug } } }
  quotes(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id slug } } } } }`;

/** A conflict with the most events in the seed. */
async function biggestConflict(): Promise<{ id: string; slug: string }> {
  const [row] = await sql.query<{ id: string; slug: string }>(
    `SELECT c.id, c.slug FROM "Conflict" c JOIN "_ConflictToEvent" m ON m."A" = c.id GROUP BY c.id, c.slug ORDER BY count(*) DESC, c.slug LIMIT 1`,
  );
  return row!;
}

/** Every slug of the conflict's list, walked two at a time. */
async function walk(slug: string, list: 'events' | 'quotes'): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await runOk(PAGE, { slug, first: 2, after });
    const page = data.conflict[list];
    slugs.push(...page.edges.map((e: any) => e.node.slug));
    if (!page.pageInfo.hasNextPage) return slugs;
    after = page.pageInfo.endCursor;
  }
}

async function expectedSlugs(conflictId: string, join: string, member: string): Promise<string[]> {
  const rows = await sql.query<{ slug: string }>(
    `SELECT x.slug FROM "${join}" m JOIN "${member}" x ON x.id = m."B" WHERE m."A" = $1 ORDER BY x."dateOrder", x.id`,
    [conflictId],
  );
  return rows.map((r) => r.slug);
}

describe('the stored order of a conflict’s events and quotes', () => {
  it('is the members’ order for every membership of the seed, and the pages follow it', async () => {
    await expectInStep();
    const conflict = await biggestConflict();
    expect(await walk(conflict.slug, 'events')).toEqual(await expectedSlugs(conflict.id, '_ConflictToEvent', 'Event'));
    expect(await walk(conflict.slug, 'quotes')).toEqual(await expectedSlugs(conflict.id, '_ConflictToQuote', 'Quote'));
  });

  it('follows a member whose date columns change by plain SQL (the dateOrder trigger path)', async () => {
    const conflict = await biggestConflict();
    const events = await expectedSlugs(conflict.id, '_ConflictToEvent', 'Event');
    expect(events.length).toBeGreaterThan(1);
    // The last event moves first, the first goes undated (last).
    await sql.query(`UPDATE "Event" SET "date" = DATE '1900-01-01', "datePrecision" = 'DAY', "dateEarliest" = DATE '1900-01-01', "dateLatest" = DATE '1900-01-01' WHERE slug = $1`, [events.at(-1)]);
    await sql.query(`UPDATE "Quote" SET "date" = DATE '1900-01-01', "datePrecision" = 'DAY', "dateEarliest" = DATE '1900-01-01', "dateLatest" = DATE '1900-01-01'
      WHERE id = (SELECT m."B" FROM "_ConflictToQuote" m JOIN "Quote" q ON q.id = m."B" WHERE m."A" = $1 ORDER BY q."dateOrder" DESC, q.id DESC LIMIT 1)`, [conflict.id]);
    await expectInStep();
    const moved = await walk(conflict.slug, 'events');
    expect(moved[0]).toBe(events.at(-1));
    expect(moved).toEqual(await expectedSlugs(conflict.id, '_ConflictToEvent', 'Event'));
    expect(await walk(conflict.slug, 'quotes')).toEqual(await expectedSlugs(conflict.id, '_ConflictToQuote', 'Quote'));
  });

  it('follows memberships deleted and inserted, and members deleted', async () => {
    const conflict = await biggestConflict();
    const before = await expectedSlugs(conflict.id, '_ConflictToEvent', 'Event');
    const [gone] = await sql.query<{ id: string }>(`DELETE FROM "_ConflictToEvent" WHERE ctid = (SELECT ctid FROM "_ConflictToEvent" WHERE "A" = $1 LIMIT 1) RETURNING "B" AS id`, [conflict.id]);
    await sql.query(`DELETE FROM "_ConflictToQuote" WHERE ctid = (SELECT ctid FROM "_ConflictToQuote" WHERE "A" = $1 LIMIT 1)`, [conflict.id]);
    await expectInStep();
    expect(await walk(conflict.slug, 'events')).toHaveLength(before.length - 1);
    // Back in, with events and quotes of other conflicts joining this one.
    await sql.query(`INSERT INTO "_ConflictToEvent" ("A", "B") VALUES ($1, $2)`, [conflict.id, gone!.id]);
    await sql.query(`INSERT INTO "_ConflictToEvent" ("A", "B") SELECT $1::uuid, id FROM "Event" WHERE id NOT IN (SELECT "B" FROM "_ConflictToEvent" WHERE "A" = $1::uuid) LIMIT 3`, [conflict.id]);
    await sql.query(`INSERT INTO "_ConflictToQuote" ("A", "B") SELECT $1::uuid, id FROM "Quote" WHERE id NOT IN (SELECT "B" FROM "_ConflictToQuote" WHERE "A" = $1::uuid) LIMIT 3`, [conflict.id]);
    await expectInStep();
    const after = await walk(conflict.slug, 'events');
    expect(after).toEqual(await expectedSlugs(conflict.id, '_ConflictToEvent', 'Event'));
    const data: any = await runOk(PAGE, { slug: conflict.slug, first: 1, after: null });
    expect(data.conflict.events.totalCount).toBe(after.length);
    // A conflict deleted takes its memberships, and their stored order, with it (the cascade).
    const [other] = await sql.query<{ id: string }>(`SELECT c.id FROM "Conflict" c WHERE c.id <> $1 AND EXISTS (SELECT 1 FROM "_ConflictToEvent" m WHERE m."A" = c.id) LIMIT 1`, [conflict.id]);
    if (other) {
      const deleted = await sql.query(`DELETE FROM "Conflict" WHERE id = $1 RETURNING id`, [other.id]).catch(() => null);
      if (deleted) await expectInStep();
    }
  });
});
