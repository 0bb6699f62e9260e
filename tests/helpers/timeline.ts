/**
 * The timeline's order computed the reference way, in TypeScript: every item of a conflict loaded
 * with its dates and links, ordered by `orderTimeline` (src/modules/conflicts/service.ts). Tests
 * compare it with the order stored by the SQL function `timeline_refresh` (TimelineEntry).
 * Import ./graphql.js (or ./database.js) before this file.
 */
import { prisma, sql } from '../../src/db.js';
import { itemDate } from '../../src/modules/common/partial-date.js';
import { orderTimeline, type TimelineItem } from '../../src/modules/conflicts/service.js';

const dated = { id: true, date: true, datePrecision: true, dateEarliest: true, dateLatest: true } as const;
const follows = { select: { earlierEventId: true, earlierQuoteId: true, earlierClaimId: true } } as const;
type Follows = { follows: { earlierEventId: string | null; earlierQuoteId: string | null; earlierClaimId: string | null }[] };
const earlierIds = (row: Follows) => row.follows.map((f) => (f.earlierEventId ?? f.earlierQuoteId ?? f.earlierClaimId)!);

/** Item ids of the conflict's whole timeline, in `orderTimeline`'s order. */
export async function referenceOrder(conflictId: string): Promise<string[]> {
  const conflict = await prisma.conflict.findUniqueOrThrow({
    where: { id: conflictId },
    select: {
      events: { select: { ...dated, follows } },
      quotes: { select: { ...dated, follows } },
      claims: { select: { ...dated, follows } },
      legalActions: { select: { statusHistory: { orderBy: { position: 'asc' }, select: dated } } },
    },
  });
  const items: TimelineItem<null>[] = [...conflict.events, ...conflict.quotes, ...conflict.claims].map((row) => ({
    id: row.id,
    entry: null,
    date: itemDate(row),
    after: earlierIds(row),
  }));
  // Each legal step follows the one before it.
  for (const { statusHistory } of conflict.legalActions) {
    statusHistory.forEach((step, index) => items.push({ id: step.id, entry: null, date: itemDate(step), after: index ? [statusHistory[index - 1]!.id] : [] }));
  }
  return orderTimeline(items).map((item) => item.id);
}

/** Item ids of the conflict's stored timeline (TimelineEntry), in its key order. */
export async function storedOrder(conflictId: string): Promise<string[]> {
  const rows = await sql.query<{ itemId: string }>(
    `SELECT "itemId"::text AS "itemId" FROM "TimelineEntry" WHERE "conflictId" = $1::uuid
      ORDER BY "anchor", "depth", "latest", "precisionRank", "itemId"`,
    [conflictId],
  );
  return rows.map((row) => row.itemId);
}

/** Ids of the conflicts, by slug. */
export async function conflictIds(): Promise<Map<string, string>> {
  const rows = await sql.query<{ id: string; slug: string }>(`SELECT id::text AS id, slug FROM "Conflict" ORDER BY slug`);
  return new Map(rows.map((row) => [row.slug, row.id]));
}
