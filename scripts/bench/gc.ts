/**
 * npm run bench:gc [-- --quotes 100000 --query page1 --growth 100,200 --duration 4 --rounds 4]
 *
 * Where the latency tail of a cheap query comes from: garbage collection, read from V8 itself. Runs
 * PostGraphile and the app (once per HEAP_GROWING_PERCENT in `--growth`; the app's own default when
 * none is given) with `--trace-gc-nvp`, in alternating rounds of autocannon (20 connections) on the
 * bench's database (build it first with `npm run bench -- --quotes <n>`), and prints per server:
 * req/s, p50/p99, server CPU and RSS as `npm run bench` does, and from V8's log of the measured
 * rounds what a request allocates, what of it is still alive at a young collection (survived) and
 * what reaches the old generation (promoted), how many young and full collections ran per thousand
 * requests, and the main thread's pauses for them per second.
 *
 * Queries: `page1` (all quotes, page 1), `events` (events in a date range with their total), `headline`
 * (conflict → events → participants → actor → affiliations), as in `npm run bench`. The answers of
 * the app and PostGraphile are compared first, as there.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchCases, type BenchCase } from './cases.js';
import { startCluster } from './cluster.js';
import { ensurePostGraphileInstalled, loadRound, post, startApp, startPostGraphile, type BenchServer } from './servers.js';

const { values: args } = parseArgs({
  options: {
    quotes: { type: 'string', default: '100000' },
    query: { type: 'string', default: 'page1' },
    growth: { type: 'string' },
    duration: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
  },
});
const QUOTES = Number(args.quotes.replaceAll('_', ''));
const CLK_TCK = 100;
const LOG_DIR = 'tmp/bench-gc';
const QUERIES: Record<string, (c: BenchCase) => boolean> = {
  page1: (c) => c.name.startsWith('all quotes, page 1 '),
  events: (c) => c.name.startsWith('events in '),
  headline: (c) => c.name.endsWith('→affiliations'),
};

interface Target {
  label: string;
  server: BenchServer;
  body: string;
  logFile: string;
  requests: number;
  seconds: number;
  ticks: number;
  p50: number[];
  p99: number[];
  rss: number;
  gc: GcTotals;
}

interface GcTotals {
  allocated: number;
  survived: number;
  promoted: number;
  young: number;
  full: number;
  /** Main-thread pause of each kind, ms. */
  youngPauseMs: number;
  fullPauseMs: number;
}

/** Sums the `--trace-gc-nvp` lines of a log excerpt (`gc=s`: a young collection; `gc=mc`/`ms`: a full one). */
function readGcLog(text: string, into: GcTotals): void {
  const field = (line: string, name: string) => Number(line.match(new RegExp(` ${name}=([\\d.]+)`))?.[1] ?? 0);
  for (const line of text.split('\n')) {
    if (line.includes(' gc=s ')) {
      into.young++;
      into.youngPauseMs += field(line, 'pause');
      into.allocated += field(line, 'allocated');
      into.survived += field(line, 'new_space_survived');
      into.promoted += field(line, 'promoted');
    } else if (/ gc=m[cs] /.test(line)) {
      into.full++;
      into.fullPauseMs += field(line, 'pause');
      into.allocated += field(line, 'allocated');
    }
  }
}

async function load(target: Target, seconds: number, measured: boolean): Promise<void> {
  const logStart = readFileSync(target.logFile, 'utf8').length;
  const ticks0 = target.server.cpuTicks();
  const result = await loadRound(target.server, target.body, seconds, Number(args.connections));
  if (!measured) return;
  target.requests += result.requests.total;
  target.seconds += seconds;
  target.ticks += target.server.cpuTicks() - ticks0;
  target.p50.push(result.latency.p50);
  target.p99.push(result.latency.p99);
  target.rss = Math.max(target.rss, target.server.rssMb());
  readGcLog(readFileSync(target.logFile, 'utf8').slice(logStart), target.gc);
}

const pick = QUERIES[args.query];
if (!pick) throw new Error(`--query is one of ${Object.keys(QUERIES).join(', ')}`);
const benchCase = benchCases().find(pick)!;
ensurePostGraphileInstalled();
const cluster = await startCluster();
const stops: (() => Promise<void> | void)[] = [() => cluster.stop()];
try {
  const options = { databaseUrl: cluster.url(`bench_q${QUOTES}_s1`), poolMax: 10, logDir: LOG_DIR, nodeArgs: ['--trace-gc-nvp'] };
  const servers: { label: string; server: BenchServer; body: object }[] = [];
  const postgraphile = await startPostGraphile(options);
  stops.push(() => postgraphile.stop());
  servers.push({ label: 'PostGraphile', server: postgraphile, body: benchCase.postgraphile! });
  for (const growth of args.growth?.split(',') ?? [null]) {
    const label = growth === null ? 'app' : `app, HEAP_GROWING_PERCENT=${growth}`;
    const app = await startApp({ ...options, label, appEnv: growth === null ? {} : { HEAP_GROWING_PERCENT: growth } });
    stops.push(() => app.stop());
    servers.push({ label, server: app, body: benchCase.app });
  }
  const expected = JSON.stringify(benchCase.postgraphile!.normalize((await post(postgraphile.url, benchCase.postgraphile!)).data));
  for (const { label, server, body } of servers.slice(1)) {
    if (JSON.stringify(benchCase.normalizeApp((await post(server.url, body)).data)) !== expected) throw new Error(`${label} answers differently from PostGraphile`);
  }
  const targets: Target[] = servers.map(({ label, server, body }) => ({
    label,
    server,
    body: JSON.stringify(body),
    logFile: `${LOG_DIR}/${label.replace(/\W+/g, '-').toLowerCase()}.log`,
    requests: 0,
    seconds: 0,
    ticks: 0,
    p50: [],
    p99: [],
    rss: 0,
    gc: { allocated: 0, survived: 0, promoted: 0, young: 0, full: 0, youngPauseMs: 0, fullPauseMs: 0 },
  }));
  for (const target of targets) await load(target, Number(args.warmup), false);
  for (let round = 0; round < Number(args.rounds); round++) {
    // A B A B, then B A B A: neither server always follows the other's load.
    for (const target of round % 2 ? [...targets].reverse() : targets) await load(target, Number(args.duration), true);
  }

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  console.log(`\n${benchCase.name} · ${QUOTES.toLocaleString('en')} quotes · ${args.connections} connections · ${args.rounds} alternating rounds of ${args.duration} s · ${new Date().toISOString().slice(0, 16)} UTC\n`);
  console.log('| server | req/s | p50 ms | p99 ms | server CPU ms/req | RSS MB | allocated KB/req | survived KB/req | promoted KB/req | young GCs /1k req | full GCs /1k req | young pauses ms/s | full GC pauses ms/s |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const t of targets) {
    const perRequest = (bytes: number) => (bytes / 1024 / t.requests).toFixed(1);
    const perThousand = (count: number) => ((count * 1000) / t.requests).toFixed(2);
    console.log(
      `| ${t.label} | ${(t.requests / t.seconds).toFixed(0)} | ${mean(t.p50).toFixed(0)} | ${mean(t.p99).toFixed(0)} | ${((t.ticks * 1000) / CLK_TCK / t.requests).toFixed(2)} | ${t.rss.toFixed(0)} | ` +
        `${perRequest(t.gc.allocated)} | ${perRequest(t.gc.survived)} | ${perRequest(t.gc.promoted)} | ${perThousand(t.gc.young)} | ${perThousand(t.gc.full)} | ` +
        `${(t.gc.youngPauseMs / t.seconds).toFixed(1)} | ${(t.gc.fullPauseMs / t.seconds).toFixed(1)} |`,
    );
  }
} finally {
  for (const stop of stops.reverse()) await stop();
}
