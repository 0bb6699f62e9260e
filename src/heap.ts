import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString, type HeapSpaceInfo } from 'node:v8';

/**
 * Bounds how far V8 grows the heap after a full garbage collection (HEAP_GROWING_PERCENT).
 *
 * Why: the live heap of a serving process stays near 60 MB, but under sustained load V8 grows the
 * old generation up to four times what survived each collection, so RSS climbed to 340–540 MB
 * (issue 6's target: under 300). A hard cap (`--max-old-space-size=192` or `256`) held RSS at
 * 220–230 MB but cost 19–27% more CPU per request, as V8 collects ever more often near the cap; a
 * growing factor of 1.6 held it at 215–285 MB for 0–15% (A/B runs at 100k quotes). Since then the
 * server's heap shrank; on a PostgreSQL server the default is now 2 (under 250 MB over the bench's
 * queries, 3–11% more req/s than 1.6), on the embedded database still 1.6 (README Memory).
 *
 * Set at run time rather than as a `node` flag so that every way of starting the server (`npm start`,
 * the Docker image, `node dist/server.js`) gets it from the one validated configuration: V8 reads the
 * flag each time it sizes the heap after a collection. The embedded database's worker shares it.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

export interface HeapBudget {
  /** HEAP_GROWING_PERCENT: the least growth, whatever the budget (0: V8's own, and no budget). */
  percent: number;
  /** HEAP_ROOMY_GROWING_PERCENT: the most growth the budget may allow (0: no budget). */
  roomyPercent: number;
  /** HEAP_RSS_BUDGET_MB: the RSS the heap's next growth should stay under (0: no budget). */
  rssBudgetMb: number;
}

/**
 * How much more than the last full collection's survivors the next one's may be. V8 sizes the heap
 * with the flag set after the collection before, from what survives the collection it just ran: under
 * load that includes the garbage of requests still in flight, and it was up to 1.3x what survived
 * the collection before (53 then 68 MB; bench at 100k quotes, 28 November), so a growth fitted to the
 * last survivors alone overshot the budget by as much.
 */
const NEXT_SURVIVORS_MARGIN = 1.25;

/**
 * The growth, in percent, that keeps the process under its RSS budget when the old generation grows
 * again from `liveBytes` (what survived the last full collection) while the rest of the process holds
 * `otherBytes` (RSS beyond the old generation, see `heapAfterCollection`): between `percent` and
 * `roomyPercent`.
 */
export function heapGrowingPercentFor(liveBytes: number, otherBytes: number, budget: HeapBudget): number {
  if (!budgetApplies(budget) || liveBytes <= 0) return budget.percent;
  const room = budget.rssBudgetMb * 2 ** 20 - otherBytes;
  const percent = Math.floor((room / (liveBytes * NEXT_SURVIVORS_MARGIN) - 1) * 100);
  return Math.max(budget.percent, Math.min(budget.roomyPercent, percent));
}

/** The young generation's spaces: V8 sizes them when the process starts, apart from the old generation's limit. */
const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/**
 * What a full collection left, from V8's heap spaces and the process's RSS: `liveBytes`, what is in
 * use in the old generation (the size V8 multiplies by the growing factor for its next limit), and
 * `otherBytes`, the rest of the RSS once the old generation's pages are taken out: native memory,
 * buffers, code outside the heap, and the young generation's pages.
 *
 * Why the young generation counts as "the rest": its semispaces stay committed (32 MB with Node 20's
 * defaults) whatever the old generation's limit, so an old generation grown to its limit comes on
 * top of them. Counting only `rss - heapTotal` as the rest (as before 28 November) left them out of
 * the budget; with the lag that `NEXT_SURVIVORS_MARGIN` covers, the process peaked 38-51 MB over it
 * (README Memory).
 */
export function heapAfterCollection(rssBytes: number, spaces: readonly Pick<HeapSpaceInfo, 'space_name' | 'space_size' | 'space_used_size'>[]): { liveBytes: number; otherBytes: number } {
  let liveBytes = 0;
  let oldCommitted = 0;
  for (const space of spaces) {
    if (YOUNG_SPACES.has(space.space_name)) continue;
    liveBytes += space.space_used_size;
    oldCommitted += space.space_size;
  }
  return { liveBytes, otherBytes: rssBytes - oldCommitted };
}

/**
 * Bounds the heap's growth as `limitHeapGrowth` does, but lets it grow more when the process has
 * the memory (HEAP_ROOMY_GROWING_PERCENT, HEAP_RSS_BUDGET_MB): after each full collection, the growth
 * for the next is what keeps the process's RSS under the budget if the old generation grows that far
 * from what survived, with the rest of the process (the young generation included) as it is.
 *
 * Why: under load a request promotes about as much to the old generation as PostGraphile's do
 * (24-37 KB), so how often V8 runs a full collection depends on how far the heap may grow. With it
 * doubling (100) the server ran 1.5-1.7x PostGraphile's full collections per request, and their
 * pauses (4-11 ms, plus marking steps of up to 12 ms) were the p99 of the cheapest queries: at 100k
 * quotes page 1 and events in a range were 1-4 ms over PostGraphile's p99. Tripling (200) met it, at
 * up to 272 MB of RSS over the bench; but once Prisma's query compiler is loaded (40-60 MB, on the
 * first read through Prisma's client) a fixed 200 reached 306 MB, over issue 6's 300, and a switch on
 * the RSS alone (200 under 250 MB) still reached 298: the heap grows by the factor set at the last
 * collection before RSS shows it. V8 reads the flag each time it sizes the heap after a full
 * collection, so it is set right after one, for the next.
 */
export function growHeapWithinBudget(budget: HeapBudget): void {
  limitHeapGrowth(budget.percent);
  if (!budgetApplies(budget)) return;
  let current = budget.percent;
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntries().some((entry) => (entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) return;
    const { liveBytes, otherBytes } = heapAfterCollection(process.memoryUsage.rss(), getHeapSpaceStatistics());
    const percent = heapGrowingPercentFor(liveBytes, otherBytes, budget);
    if (percent === current) return;
    current = percent;
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** Whether the budget can allow more than HEAP_GROWING_PERCENT (every part set, and V8 not left its own growth). */
function budgetApplies(budget: HeapBudget): boolean {
  return budget.percent > 0 && budget.roomyPercent > budget.percent && budget.rssBudgetMb > 0;
}

/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff) unless `tierUp` (WASM_TIER_UP).
 *
 * Why: on a PostgreSQL server the process's only WebAssembly is Prisma's query compiler (3.4 MB of
 * wasm, compiled at the first query). Its optimized (TurboFan) code and the work of producing it
 * raised the server's RSS by 45-55 MB (bench: 259-263 MB against 212-225 MB over the same queries)
 * while the CPU per request did not move measurably (A/B at 100k quotes: headline, nested with
 * quotes, page 1 within ±5%): the queries it compiles are few and their plans are reused. Not for
 * the embedded database, whose PostgreSQL runs as WebAssembly in a worker of this process: the flag
 * is process-wide, and that code is the database's hot path.
 */
export function keepWasmOnBaselineCompiler(tierUp: boolean): void {
  if (!tierUp) setFlagsFromString('--liftoff-only');
}
