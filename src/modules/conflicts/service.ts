import { sql } from '../../db.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { earliestDay, latestDay, type PartialDateValue } from '../common/partial-date.js';
import { limitLiteral } from '../common/pages.js';

/** One item to place on a timeline: its date (with bounds) and the items it is known to follow. */
export interface TimelineItem<Entry> {
  id: string;
  entry: Entry;
  date: PartialDateValue | null;
  /** Ids of items the sources say this one happened after (only those on the same timeline count). */
  after: string[];
}

interface Placed<Entry> extends TimelineItem<Entry> {
  /** Earliest possible day, raised to the anchor of every item it follows. */
  anchor: number | null;
  /** Length of the longest chain of known predecessors: a reaction sorts after its cause. */
  depth: number;
  latest: number | null;
}

const PRECISION_RANK = { YEAR: 0, MONTH: 1, DAY: 2 } as const;

/**
 * The timeline's order, in one place (EDTF-style, see the README's "Honest dates"):
 * 1. by the first day an item can have happened (`earliest`), raised to that of any item it is
 *    known to follow — a reaction never sorts before its cause, even when its own date is coarser
 *    ("January 2025" after "21 January 2025");
 * 2. then by the number of known predecessors (cause, reaction, reaction to the reaction…);
 * 3. then by the last possible day (a day before the month that contains it), then coarser
 *    precision first, then id, so the order is total and stable for cursors.
 * Undated items go last, except that an undated item known to follow a dated one takes its place
 * right after it (e.g. a withdrawal the sources do not date, after the filing).
 * The `after` links are acyclic (the dataset loader rejects cycles); a cycle would only be cut.
 *
 * `Conflict.timeline` serves this order from the table `TimelineEntry`, which the SQL function
 * `timeline_refresh` fills with the same rule set-based (migration `*_timeline_entries`); this
 * function is the rule's readable statement, and tests/timeline*.test.ts check that both orders are
 * identical on the seed and on a generated database. Change both together.
 */
export function orderTimeline<Entry>(items: TimelineItem<Entry>[]): TimelineItem<Entry>[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const placed = new Map<string, Placed<Entry>>();
  const visiting = new Set<string>();

  const place = (item: TimelineItem<Entry>): Placed<Entry> => {
    const done = placed.get(item.id);
    if (done) return done;
    visiting.add(item.id);
    let anchor = item.date ? earliestDay(item.date).getTime() : null;
    let depth = 0;
    for (const id of item.after) {
      const earlier = byId.get(id);
      if (!earlier || visiting.has(id)) continue;
      const p = place(earlier);
      if (p.anchor !== null) anchor = anchor === null ? p.anchor : Math.max(anchor, p.anchor);
      depth = Math.max(depth, p.depth + 1);
    }
    visiting.delete(item.id);
    const result = { ...item, anchor, depth, latest: item.date ? latestDay(item.date).getTime() : null };
    placed.set(item.id, result);
    return result;
  };

  const nullsLast = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b);
  return items
    .map(place)
    .sort(
      (a, b) =>
        nullsLast(a.anchor, b.anchor) ||
        a.depth - b.depth ||
        nullsLast(a.latest, b.latest) ||
        (a.date && b.date ? PRECISION_RANK[a.date.precision] - PRECISION_RANK[b.date.precision] : 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** The kinds of items on a timeline (the Prisma enum `TimelineEntryKind`). */
export type TimelineKind = 'EVENT' | 'QUOTE' | 'CLAIM' | 'LEGAL_STATUS';
export const TIMELINE_KINDS: readonly TimelineKind[] = ['EVENT', 'QUOTE', 'CLAIM', 'LEGAL_STATUS'];

/**
 * A place in the stored order (`TimelineEntry`): anchor, depth, latest, precision rank, item id.
 * Dates are `YYYY-MM-DD`; null stands for the 'infinity' of undated items.
 */
export type TimelineKey = [anchor: string | null, depth: number, latest: string | null, precisionRank: number, itemId: string];
/** The shape of a timeline cursor, for `keysetCursorDecoder`. */
export const TIMELINE_KEY_PARTS = ['date?', 'int', 'date?', 'int', 'uuid'] as const;

/** One row of a timeline page: which item, where it sits, and its bounds (for `uncertain`). */
export interface TimelinePageRow {
  kind: TimelineKind;
  itemId: string;
  key: TimelineKey;
  earliest: Date | null;
  latest: Date | null;
  /** The relations asked for by `build`, as the driver parsed their JSON. */
  built?: Record<string, unknown>;
}

export interface TimelinePageQuery {
  conflictId: string;
  from?: Date | null;
  to?: Date | null;
  /** Only these kinds (null or all four: every kind). */
  include?: readonly TimelineKind[] | null;
  /** Exclusive bound: rows after this key (or before it when `backward`). */
  after?: TimelineKey | null;
  before?: TimelineKey | null;
  /** Rows to read, the one that tells whether there is another page included. */
  limit: number;
  /** Newest first: reading a page that ends before `before` (Relay's `last`). */
  backward: boolean;
  /** Also count the whole (filtered) timeline, through the same index. */
  withCount: boolean;
  /**
   * Relations of each entry's row to build with the page, as JSON (`nestedNodeRead` over the row
   * aliased `nr`): the rows then carry them under their names (`TimelinePageRow.built`).
   */
  build?: readonly { name: string; sql: Prisma.Sql }[];
}

// Qualified: a bare name in ORDER BY would mean the output column of that name (cast to text).
const KEY_COLUMNS = 't."anchor", t."depth", t."latest", t."precisionRank", t."itemId"';
const DAY = 86_400_000;
/** No period is longer than a year, so an item's bounds lie within 366 days of each other. */
const LONGEST_PERIOD_DAYS = 366;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * One page of a conflict's stored timeline, in one statement: a keyset range scan of the index
 * `(conflictId, anchor, depth, latest, precisionRank, itemId)` — or, with `include:`, of
 * `(conflictId, kind, …)` once per kind, merged — that stops after `limit` rows however deep the
 * cursor and however large the conflict. `from`/`to` filter on the item's own bounds (an item that
 * may fall inside the range is kept); since an anchor is never before the item's own `earliest`,
 * which is at most a year before its `latest`, `from` also bounds the scan.
 * With `withCount`, the statement also counts the timeline: from the stored counts per kind
 * (TimelineCount), or, with a range, by counting the entries that may fall inside it. With `build`,
 * it also builds the page's entries' items, after the page is picked (`withBuild`).
 */
export async function timelinePage(query: TimelinePageQuery): Promise<{ rows: TimelinePageRow[]; totalCount: number | null }> {
  // Kinds are interpolated into the SQL: only the four known names pass.
  const kinds = query.include && new Set(query.include).size < TIMELINE_KINDS.length ? TIMELINE_KINDS.filter((kind) => query.include!.includes(kind)) : null;
  if (kinds?.length === 0) return { rows: [], totalCount: query.withCount ? 0 : null };
  const params: unknown[] = [query.conflictId];
  const placeholder = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const param = (value: unknown, cast: string) => `${placeholder(value)}::${cast}`;
  const conflict = 't."conflictId" = $1::uuid';
  const range: string[] = [];
  if (query.from || query.to) range.push('t."earliest" IS NOT NULL');
  if (query.to) range.push(`t."earliest" <= ${param(isoDay(query.to), 'date')}`);
  if (query.from) {
    range.push(`t."latest" >= ${param(isoDay(query.from), 'date')}`);
    range.push(`t."anchor" >= ${param(isoDay(new Date(query.from.getTime() - LONGEST_PERIOD_DAYS * DAY)), 'date')}`);
  }
  const keyParam = (key: TimelineKey) =>
    `(${param(key[0] ?? 'infinity', 'date')}, ${param(key[1], 'int')}, ${param(key[2] ?? 'infinity', 'date')}, ${param(key[3], 'smallint')}, ${param(key[4], 'uuid')})`;
  const bounds: string[] = [];
  if (query.after) bounds.push(`(${KEY_COLUMNS}) > ${keyParam(query.after)}`);
  if (query.before) bounds.push(`(${KEY_COLUMNS}) < ${keyParam(query.before)}`);
  const direction = query.backward ? 'DESC' : 'ASC';
  const orderBy = KEY_COLUMNS.split(', ')
    .map((column) => `${column} ${direction}`)
    .join(', ');
  // In the text, not a parameter: see limitLiteral.
  const limit = limitLiteral(query.limit);
  const columns = `t."kind"::text AS kind, t."itemId"::text AS "itemId", t."anchor"::text AS anchor, t."depth", t."latest"::text AS latest, t."precisionRank"::int AS "precisionRank", t."earliest"::text AS earliest`;
  const where = (extra: string[]) => [conflict, ...extra, ...range, ...bounds].join(' AND ');

  // Several kinds: one index range per kind, each limited, merged in order (PostgreSQL has no skip scan).
  const picked = kinds
    ? `SELECT * FROM (${kinds
          .map((kind) => `(SELECT ${columns} FROM "TimelineEntry" t WHERE ${where([`t."kind" = '${kind}'`])} ORDER BY ${orderBy} LIMIT ${limit})`)
          .join(' UNION ALL ')}) merged ORDER BY anchor::date ${direction}, "depth" ${direction}, latest::date ${direction}, "precisionRank" ${direction}, "itemId"::uuid ${direction} LIMIT ${limit}`
    : `SELECT ${columns} FROM "TimelineEntry" t WHERE ${where([])} ORDER BY ${orderBy} LIMIT ${limit}`;

  // The entries' items, built for the page's rows only: after its LIMIT, each row's entry by primary key.
  const page = query.build?.length ? withBuild(picked, query.build, direction, placeholder) : picked;

  let statement = page;
  if (query.withCount) {
    const kindFilter = kinds ? [`t."kind" IN (${kinds.map((kind) => `'${kind}'`).join(', ')})`] : [];
    // Without a range the count is stored per kind (TimelineCount): a lookup, not a scan of the
    // conflict's entries. With a range, the entries that may fall inside are counted.
    const count = range.length
      ? `SELECT count(*)::int AS n FROM "TimelineEntry" t WHERE ${[conflict, ...kindFilter, ...range].join(' AND ')}`
      : `SELECT coalesce(sum(t."entries"), 0)::int AS n FROM "TimelineCount" t WHERE ${[conflict, ...kindFilter].join(' AND ')}`;
    statement = `WITH page AS MATERIALIZED (${page}), total AS (${count})
           SELECT page.*, total.n AS "totalCount" FROM total LEFT JOIN page ON true
           ORDER BY page.anchor::date ${direction}, page."depth" ${direction}, page.latest::date ${direction}, page."precisionRank" ${direction}, page."itemId"::uuid ${direction}`;
  }
  type Raw = { kind: TimelineKind | null; itemId: string | null; anchor: string; depth: number; latest: string; precisionRank: number; earliest: string | null; totalCount?: number } & Record<string, unknown>;
  // Through the SQL runner, not Prisma's `$queryRawUnsafe` (as a list's page, src/modules/common/pages.ts):
  // every column is text or an integer, which both drivers read alike.
  const raw = await sql.query<Raw>(statement, params);
  const day = (text: string | null) => (text === null || text === 'infinity' ? null : text);
  const rows = raw
    .filter((row) => row.itemId !== null)
    .map((row) => ({
      kind: row.kind!,
      itemId: row.itemId!,
      key: [day(row.anchor), row.depth, day(row.latest), row.precisionRank, row.itemId!] as TimelineKey,
      earliest: row.earliest === null ? null : new Date(`${row.earliest}T00:00:00Z`),
      latest: day(row.latest) === null ? null : new Date(`${row.latest}T00:00:00Z`),
      ...(query.build?.length ? { built: Object.fromEntries(query.build.map(({ name }) => [name, row[name]])) } : {}),
    }));
  return { rows, totalCount: query.withCount ? (raw[0]?.totalCount ?? 0) : null };
}

/**
 * The page's rows with the relations `build` asks, read from each row's entry by primary key
 * (`conflictId`, `itemId`) after the page is picked, in the page's order; the fragments' values
 * become parameters of the statement (`param` returns each one's placeholder).
 */
function withBuild(page: string, build: readonly { name: string; sql: Prisma.Sql }[], direction: string, param: (value: unknown) => string): string {
  const inline = (fragment: Prisma.Sql) => fragment.strings.reduce((text, part, index) => text + (index === 0 ? '' : param(fragment.values[index - 1])) + part, '');
  const relations = build.map(({ name, sql: relation }) => `${inline(relation)} AS "${name}"`).join(', ');
  return `SELECT p.*, b.* FROM (${page}) p
    LEFT JOIN LATERAL (SELECT ${relations} FROM "TimelineEntry" nr WHERE nr."conflictId" = $1::uuid AND nr."itemId" = p."itemId"::uuid LIMIT 1) b ON true
    ORDER BY p.anchor::date ${direction}, p."depth" ${direction}, p.latest::date ${direction}, p."precisionRank" ${direction}, p."itemId"::uuid ${direction}`;
}
