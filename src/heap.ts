import { setFlagsFromString } from 'node:v8';

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
