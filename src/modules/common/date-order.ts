import { Prisma } from '../../generated/prisma/client.js';
import { assertDateRange, type DateRange } from './partial-date.js';

/**
 * The stored sort keys of dated rows (`dateOrder` / `dateOrderDesc` on events, quotes and claims,
 * `publishedOnOrder` / `publishedOnOrderDesc` on sources; migration 20261126160426_keyset_order):
 * one never-null BIGINT per order whose numeric order is the list order (`orderByBounds`), so a
 * list pages on a plain `(key, id)` index. Layout, as the migration's `date_order` writes it:
 *
 *   bits 41..62  first possible day (days since 0001-01-01), 2^22 - 1 when undated
 *   bits 22..40  chronologyDepth (0 for sources)
 *   bits  0..21  last possible day, 2^22 - 1 when undated
 *
 * The newest-first key stores `2^22 - 2 - day` and `2^19 - 1 - depth` instead, undated rows keeping
 * 2^22 - 1 (last in both orders).
 *
 * Range filters read the key alone, so counting a range is an index-only scan and the page of a
 * range is an index range: "may fall inside [from, to]" (`boundsRangeWhere`) is "dated, first
 * possible day ≤ to, last possible day ≥ from". Since a bound never lies more than a year from the
 * other (both lie inside the stated period, at most a year), "last ≥ from" also bounds the first
 * day from below (≥ from − 366 days), which gives the index scan its start.
 */
const UNKNOWN_DAY = 4194303n; // 2^22 - 1
const DAY_MASK = 4194303n;
const EPOCH_MS = Date.parse('0001-01-01T00:00:00Z');
const DAY_MS = 86_400_000;
/** More days than a bound can lie from the other one (a year's period). */
const MAX_SPAN_DAYS = 366n;

function dayNumber(date: Date): bigint {
  return BigInt(Math.round((date.getTime() - EPOCH_MS) / DAY_MS));
}

const int64 = (value: bigint) => Prisma.sql`${value.toString()}::bigint`;

/**
 * SQL conditions on a stored key column for "may fall inside the range" (see above); none without a
 * range. `descending` when the column is a newest-first key.
 */
export function keyRangeConditions(key: Prisma.Sql, range: DateRange, descending: boolean): Prisma.Sql[] {
  assertDateRange(range);
  const { from, to } = range;
  if (!from && !to) return [];
  const conditions = [Prisma.sql`${key} < ${int64(UNKNOWN_DAY << 41n)}`];
  if (descending) {
    if (to) conditions.push(Prisma.sql`${key} >= ${int64((UNKNOWN_DAY - 1n - dayNumber(to)) << 41n)}`);
    if (from) {
      const day = dayNumber(from);
      conditions.push(Prisma.sql`${key} < ${int64((UNKNOWN_DAY - day + MAX_SPAN_DAYS) << 41n)}`);
      conditions.push(Prisma.sql`(${key} & ${int64(DAY_MASK)}) <= ${int64(UNKNOWN_DAY - 1n - day)}`);
    }
    return conditions;
  }
  if (to) conditions.push(Prisma.sql`${key} < ${int64((dayNumber(to) + 1n) << 41n)}`);
  if (from) {
    const day = dayNumber(from);
    const lowest = day > MAX_SPAN_DAYS ? day - MAX_SPAN_DAYS : 0n;
    conditions.push(Prisma.sql`${key} >= ${int64(lowest << 41n)}`);
    conditions.push(Prisma.sql`(${key} & ${int64(DAY_MASK)}) >= ${int64(day)}`);
  }
  return conditions;
}
