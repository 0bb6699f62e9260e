import { earliestDay, latestDay, type PartialDateValue } from '../common/partial-date.js';

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
