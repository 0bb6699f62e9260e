/**
 * The heap's growth on a PostgreSQL server (src/heap.ts): after each full collection, as much as the
 * RSS budget leaves room for, between HEAP_GROWING_PERCENT and HEAP_ROOMY_GROWING_PERCENT. The bench
 * measures what it buys (README Memory); here, what it decides.
 */
import { describe, expect, it } from 'vitest';
import { heapAfterCollection, heapGrowingPercentFor, type HeapBudget } from '../src/heap.js';

const MB = 2 ** 20;
const budget: HeapBudget = { percent: 100, roomyPercent: 200, rssBudgetMb: 270 };

describe('heap growth within the RSS budget', () => {
  it('grows the heap as far as the budget leaves room for, up to the roomy growth', () => {
    // 100 MB outside the old generation and 40 MB alive: 170 MB of room, for up to 50 MB (1.25x 40)
    // surviving the next collection, fits tripling.
    expect(heapGrowingPercentFor(40 * MB, 100 * MB, budget)).toBe(200);
    // 52 MB alive (the bench's usual): 65 MB at the next collection, grown 2.61x to 170 MB.
    expect(heapGrowingPercentFor(52 * MB, 100 * MB, budget)).toBe(161);
    // Prisma's query compiler loaded (+50 MB outside): 120 MB of room for 65, less than doubling, so
    // HEAP_GROWING_PERCENT's 100.
    expect(heapGrowingPercentFor(52 * MB, 150 * MB, budget)).toBe(100);
  });

  it('never grows it less than HEAP_GROWING_PERCENT, however little room is left', () => {
    expect(heapGrowingPercentFor(80 * MB, 150 * MB, budget)).toBe(100);
    expect(heapGrowingPercentFor(50 * MB, 300 * MB, budget)).toBe(100);
  });

  it('keeps HEAP_GROWING_PERCENT when the budget is off, or V8 has its own growth', () => {
    expect(heapGrowingPercentFor(50 * MB, 100 * MB, { ...budget, rssBudgetMb: 0 })).toBe(100);
    expect(heapGrowingPercentFor(50 * MB, 100 * MB, { ...budget, roomyPercent: 0 })).toBe(100);
    expect(heapGrowingPercentFor(50 * MB, 100 * MB, { ...budget, roomyPercent: 60 })).toBe(100);
    expect(heapGrowingPercentFor(50 * MB, 100 * MB, { ...budget, percent: 0 })).toBe(0);
  });

  it("counts the young generation's pages as the rest of the process, not as room for the old generation", () => {
    // As V8 reported them after a full collection in the bench at 100k quotes (MB: used, committed).
    const spaces = [
      { space_name: 'new_space', space_used_size: 2 * MB, space_size: 32 * MB },
      { space_name: 'new_large_object_space', space_used_size: 0, space_size: 0 },
      { space_name: 'old_space', space_used_size: 46 * MB, space_size: 135 * MB },
      { space_name: 'code_space', space_used_size: 3 * MB, space_size: 4 * MB },
      { space_name: 'large_object_space', space_used_size: 3 * MB, space_size: 3 * MB },
    ];
    const { liveBytes, otherBytes } = heapAfterCollection(241 * MB, spaces);
    expect(liveBytes).toBe(52 * MB);
    // 241 MB of RSS less 142 MB of old-generation pages: 99 MB, the young generation's 32 among them.
    expect(otherBytes).toBe(99 * MB);
    expect(heapGrowingPercentFor(liveBytes, otherBytes, budget)).toBe(163);
  });
});
