// Does abuse slow everyone else down? Starts the server as its own process on 127.0.0.1 (a real
// socket), measures a simple query's latency alone, then while a few clients send a sustained mix of
// the abusive requests of issue 5 (all refused by the limits), and prints both and their ratio.
// Target: the loaded p99 within 2× the unloaded p99. Bounded: loopback only, fixed durations.
//
//   npm run bench:abuse                                # embedded PostgreSQL (in memory)
//   DATABASE_URL=postgresql://… npm run bench:abuse    # a server (the database is migrated and seeded)
//   BENCH_SECONDS=10 BENCH_CLIENTS=4 BENCH_ROUNDS=3 npm run bench:abuse   (the defaults)
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROBE = JSON.stringify({ query: '{ person(slug: "elon-musk") { name quotes(first: 3) { edges { node { text } } } } }' });

/** The abusive documents of issue 5 (tests/limits.test.ts checks each is refused). */
function abusiveBodies(): { name: string; body: string }[] {
  let nested = 'name';
  for (let i = 0; i < 15; i++) nested = `quotes(first: 1) { edges { node { speaker { ... on Person { ${nested} } } } } }`;
  const op = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  return [
    { name: 'person→quotes→speaker ×15', body: op(`{ person(slug: "elon-musk") { ${nested} } }`) },
    { name: '5,000 aliases', body: op(`{ ${Array.from({ length: 5000 }, (_, i) => `p${i}: person(slug: "elon-musk") { name }`).join(' ')} }`) },
    { name: '2,000 nested levels', body: op(`{ ${'conflict { '.repeat(2000)}name${' }'.repeat(2000)} }`) },
    { name: '60 directives', body: op(`{ conflict(slug: "musk-vs-openai") { ${'name @skip(if: false) '.repeat(60)}} }`) },
    {
      name: '12 root fields',
      body: op(`{ ${['conflicts', 'events', 'legalActions', 'organizations', 'people', 'quotes', 'sources'].map((f) => `${f} { totalCount }`).join(' ')} ${['person', 'organization', 'actor', 'conflict', 'legalAction'].map((f) => `${f}(slug: "openai") { __typename }`).join(' ')} }`),
    },
    { name: 'nodes(ids:) ×1,000', body: op('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 1000 }, (_, i) => `RXZlbnQ6${i}`) }) },
    { name: 'kinds ×10,000 (variable)', body: op('query ($k: [EventKind!]) { events(kinds: $k) { totalCount } }', { k: Array(10_000).fill('ANNOUNCEMENT') }) },
    { name: 'cost 30,907', body: op('{ people(first: 100) { edges { node { quotes(first: 100) { edges { node { text } } } } } } }') },
  ];
}

/** 14 MB and 20 MB bodies, announced by one client (see largeBodyClient). */
const LARGE_BODIES = [
  { name: '1,000,000-entry enum list (14 MB)', body: Buffer.from(JSON.stringify({ query: 'query ($k: [EventKind!]) { events(kinds: $k) { totalCount } }', variables: { k: Array(1_000_000).fill('ANNOUNCEMENT') } })) },
  { name: '20 MB body', body: Buffer.from(JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(20_000_000) } })) },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      GRAPHIQL: 'false',
      ...(process.env.DATABASE_URL ? {} : { EMBEDDED_DB_DIR: 'memory://', SEED_ON_START: 'always' }),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: PROBE });
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error('server did not answer within 120 s');
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sequential simple queries for `seconds`; latencies in milliseconds, sorted. */
async function probe(port: number, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    const status = await post(port, PROBE);
    latencies.push(performance.now() - started);
    if (status !== 200) throw new Error(`simple query answered HTTP ${status}`);
  }
  return latencies.sort((a, b) => a - b);
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * One client announcing the large bodies in turn until `signal`, counting answers by status. It
 * sends the headers (content-length: 14 or 20 MB) and waits for the answer, as the server must
 * refuse from the headers alone and close without reading the body; a client that kept writing
 * would be reset by that close before reading the answer.
 */
async function largeBodyClient(port: number, signal: AbortSignal, statuses: Map<number, number>): Promise<void> {
  for (let i = 0; !signal.aborted; i++) {
    const { body } = LARGE_BODIES[i % LARGE_BODIES.length]!;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'content-length': body.length } }, (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode!);
          req.destroy();
        });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
}

async function underAbuse(port: number, seconds: number) {
  const statuses = new Map<number, number>();
  const stopLarge = new AbortController();
  const large = largeBodyClient(port, stopLarge.signal, statuses);
  const attack = autocannon({
    url: `http://127.0.0.1:${port}/graphql`,
    connections: CLIENTS,
    // Its own thread, so that sending the attack does not delay the probe's requests here.
    workers: 1,
    duration: seconds + 1,
    method: 'POST',
    // The GraphQL-over-HTTP media type: refusals answer HTTP 400 (legacy application/json clients get 200).
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    requests: abusiveBodies().map(({ body }) => ({ method: 'POST', body })),
  });
  // Let the attack reach its pace before measuring.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies = await probe(port, seconds);
  const result = await attack;
  stopLarge.abort();
  await large;
  for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) statuses.set(Number(code), (statuses.get(Number(code)) ?? 0) + (count as { count: number }).count);
  return { latencies, statuses, abusivePerSecond: result.requests.average, errors: result.errors + result.timeouts };
}

const port = await freePort();
const server = await startServer(port);
const stop = () => server.exitCode === null && server.kill('SIGTERM');
process.once('exit', stop);
try {
  console.log(`server: 127.0.0.1:${port}, ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PostgreSQL (in memory)'}; ${CLIENTS} abusive clients + 1 announcing 14/20 MB bodies; ${SECONDS} s per phase, ${ROUNDS} rounds`);
  console.log(`abusive mix: ${[...abusiveBodies(), ...LARGE_BODIES].map((a) => a.name).join('; ')}`);
  await probe(port, 2); // warm-up
  const row = (...cells: string[]) => console.log(cells[0]!.padEnd(22), ...cells.slice(1).map((c) => c.padStart(10)));
  row('phase', 'requests', 'p50 ms', 'p99 ms', 'abusive/s', 'refused');
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const alone = await probe(port, SECONDS);
    row(`round ${round}: alone`, String(alone.length), percentile(alone, 0.5).toFixed(2), percentile(alone, 0.99).toFixed(2), '', '');
    const loaded = await underAbuse(port, SECONDS);
    const refused = [...loaded.statuses].map(([status, count]) => `${count}×${status}`).join(' ');
    row(`round ${round}: under abuse`, String(loaded.latencies.length), percentile(loaded.latencies, 0.5).toFixed(2), percentile(loaded.latencies, 0.99).toFixed(2), loaded.abusivePerSecond.toFixed(0), refused);
    const unexpected = [...loaded.statuses.keys()].filter((status) => status !== 400 && status !== 413);
    if (unexpected.length || loaded.errors) console.log(`  !! abusive requests answered ${unexpected.join(', ')}; ${loaded.errors} connection errors/timeouts`);
    const ratio = percentile(loaded.latencies, 0.99) / percentile(alone, 0.99);
    ratios.push(ratio);
    console.log(`  p99 under abuse / alone: ${ratio.toFixed(2)}× (p50: ${(percentile(loaded.latencies, 0.5) / percentile(alone, 0.5)).toFixed(2)}×)`);
  }
  const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  console.log(`p99 under abuse / alone by round: ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}; median ${median.toFixed(2)}× — target ≤ 2×: ${median <= 2 ? 'met' : 'NOT met'}`);
} finally {
  stop();
  agent.destroy();
}
