/**
 * The heap's growth on a PostgreSQL server (src/heap.ts): after each full collection, as much as the
 * RSS budget leaves room for, between HEAP_GROWING_PERCENT and HEAP_ROOMY_GROWING_PERCENT. The bench
 * measures what it buys (README Memory); here, what it decides.
 */
import { describe, expect, it } from 'vitest';
import { heapGrowingPercentFor, type HeapBudget } from '../src/heap.js';

const MB = 2 ** 20;
const budget: HeapBudget = { percent: 100, roomyPercent: 200, rssBudgetMb: 260 };

describe('heap growth within the RSS budget', () => {
  it('grows the heap as far as the budget leaves room for, up to the roomy growth', () => {
    // 100 MB outside the heap and 50 MB alive: tripling the heap (150 MB) fits under 260.
    expect(heapGrowingPercentFor(50 * MB, 100 * MB, budget)).toBe(200);
    // Prisma's query compiler loaded (+50 MB outside the heap): 110 MB of room for 50 alive.
    expect(heapGrowingPercentFor(50 * MB, 150 * MB, budget)).toBe(120);
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
});
