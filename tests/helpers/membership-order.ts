import { sql } from '../../src/db.js';

/** The two stored membership orders: the join table, the member table, the order table and its member column. */
export const MEMBERSHIP_ORDERS = [
  { join: '_ConflictToEvent', member: 'Event', order: 'ConflictEventOrder', column: 'eventId' },
  { join: '_ConflictToQuote', member: 'Quote', order: 'ConflictQuoteOrder', column: 'quoteId' },
] as const;

/**
 * Rows where the stored order and the order computed from the join table and the members'
 * "dateOrder" differ (in either direction), and how many memberships there are.
 */
export async function membershipOrderDifferences(): Promise<{ table: string; differ: number; rows: number }[]> {
  const results = [];
  for (const { join, member, order, column } of MEMBERSHIP_ORDERS) {
    const computed = `SELECT m."A" AS conflict, x."dateOrder" AS key, x.id FROM "${join}" m JOIN "${member}" x ON x.id = m."B"`;
    const stored = `SELECT "conflictId", "dateOrder", "${column}" FROM "${order}"`;
    const [row] = await sql.query<{ differ: number; rows: number }>(
      `SELECT (SELECT count(*) FROM ((${computed} EXCEPT ALL ${stored}) UNION ALL (${stored} EXCEPT ALL ${computed})) d)::int AS differ,
              (SELECT count(*) FROM "${join}")::int AS rows`,
    );
    results.push({ table: order, differ: row!.differ, rows: row!.rows });
  }
  return results;
}
