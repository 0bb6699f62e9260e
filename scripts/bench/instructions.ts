/**
 * npm run bench:instructions [-- --quotes 100000 --requests 1000 --warmup-requests 4000 --query page1]
 *
 * Instructions per request instead of seconds: each server runs under `valgrind --tool=callgrind`,
 * gets `--warmup-requests` requests, has its counters zeroed (`callgrind_control -z`), answers
 * `--requests` more on one connection, and is dumped (`callgrind_control -d`). Counts repeat within
 * about ±1.5% from run to run whatever else the machine does, where seconds on a shared VM vary by
 * ±20%, so a change worth a few percent of a request can be seen. The main thread (JavaScript, GC
 * pauses, I/O) is reported apart from the others, which are mostly V8's background compiler: it is
 * still optimising after a few thousand requests, and its share depends on timing.
 *
 * Compare builds of the app with each other (before and after a change, with and without its
 * pipeline), not the app with PostGraphile: under valgrind V8 has optimised far less of a server's
 * code after a few thousand requests than it has natively, and how much less differs per server
 * (PostGraphile counted 2.37 M main-thread instructions a request of page 1 against the app's 1.86 M,
 * where natively it spends less CPU a request than the app). PostGraphile is measured as a check
 * that the answers are equal and as a marker of that difference.
 *
 * Targets: PostGraphile, the app (`dist/server.js`, as `npm start` runs it) and the app without its
 * request pipeline (scripts/bench/ceiling-app.ts), on the bench's database (build it first with
 * `npm run bench -- --quotes <n>`). One connection on purpose: with several, the count depends on how
 * many requests share an event-loop turn. About 3 minutes per target; two run at a time.
 * Needs valgrind (Debian package `valgrind`).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { benchCases } from './cases.js';
import { freePort, startCluster } from './cluster.js';
import { ensurePostGraphileInstalled, post } from './servers.js';

const { values: args } = parseArgs({
  options: {
    quotes: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '1000' },
    'warmup-requests': { type: 'string', default: '4000' },
    query: { type: 'string', default: 'page1' },
    parallel: { type: 'string', default: '2' },
  },
});
const QUOTES = Number(args.quotes.replaceAll('_', ''));
const OUT = 'tmp/bench-instructions';

interface Target {
  label: string;
  args: string[];
  env: Record<string, string>;
  body: { query: string; variables?: Record<string, unknown> };
  normalize: (data: unknown) => unknown;
}

if (spawnSync('valgrind', ['--version']).status !== 0) throw new Error('valgrind is not installed (Debian: apt-get install -y valgrind)');
ensurePostGraphileInstalled();
if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
const page1 = benchCases().find((c) => c.name.startsWith('all quotes, page 1 '))!;
const typename = { query: '{ __typename }' };
const cluster = await startCluster();
try {
  const databaseUrl = cluster.url(`bench_q${QUOTES}_s1`);
  const appEnv = { NODE_ENV: 'production', DATABASE_URL: databaseUrl, DB_POOL_MAX: '10', SEED_ON_START: 'never', MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn' };
  const onPage = args.query === 'page1';
  const targets: Target[] = [
    {
      label: 'PostGraphile',
      args: ['bench/postgraphile/server.mjs'],
      env: { NODE_ENV: 'production', DATABASE_URL: databaseUrl, DB_POOL_MAX: '10', PG_SCHEMAS: 'public,postgraphile_bench' },
      body: onPage ? page1.postgraphile! : typename,
      normalize: onPage ? page1.postgraphile!.normalize : (data) => data,
    },
    { label: 'the app', args: ['dist/server.js'], env: appEnv, body: onPage ? page1.app : typename, normalize: onPage ? page1.normalizeApp : (data) => data },
    {
      label: 'the app without its request pipeline',
      args: ['--import', 'tsx', 'scripts/bench/ceiling-app.ts'],
      env: appEnv,
      body: onPage ? page1.app : typename,
      normalize: onPage ? page1.normalizeApp : (data) => data,
    },
  ];
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const answers = new Map<string, string>();
  const results = new Map<string, { main: number; others: number; requests: number }>();
  const queue = [...targets];
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      const { answer, ...counts } = await measure(target);
      answers.set(target.label, JSON.stringify(target.normalize(answer)));
      results.set(target.label, counts);
    }
  };
  await Promise.all(Array.from({ length: Number(args.parallel) }, worker));
  if (new Set(answers.values()).size !== 1) throw new Error(`the servers answered differently: ${[...answers].map(([label, answer]) => `${label}: ${answer.slice(0, 200)}`).join('; ')}`);

  console.log(`\n${args.query} · ${QUOTES.toLocaleString('en')} quotes · ${args.requests} requests on one connection after ${args['warmup-requests']} · ${new Date().toISOString().slice(0, 16)} UTC\n`);
  console.log('| server | k instructions / request, main thread | other threads | × the app (main thread) |');
  console.log('|---|---|---|---|');
  const reference = results.get('the app')!;
  for (const target of targets) {
    const r = results.get(target.label)!;
    console.log(`| ${target.label} | ${(r.main / r.requests / 1000).toFixed(0)} | ${(r.others / r.requests / 1000).toFixed(0)} | ${(r.main / r.requests / (reference.main / reference.requests)).toFixed(2)}× |`);
  }
  console.log('\nCompare the app with itself (other builds, other runs), not with PostGraphile: see the comment at the top of scripts/bench/instructions.ts.');
} finally {
  cluster.stop();
}

async function measure(target: Target): Promise<{ main: number; others: number; requests: number; answer: unknown }> {
  const port = await freePort();
  const name = target.label.replace(/\W+/g, '-');
  // callgrind_control finds the process by names that include $USER and $HOST: both sides get the same.
  const env = { ...process.env, ...target.env, PORT: String(port), HOST: '127.0.0.1', USER: 'bench', LOGNAME: 'bench' };
  const child = spawn('valgrind', ['--tool=callgrind', '--separate-threads=yes', '--dump-line=no', `--callgrind-out-file=${OUT}/${name}.out`, process.execPath, ...target.args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    let answer: { data?: unknown } | undefined;
    for (let tries = 0; !answer?.data; tries++) {
      if (child.exitCode !== null || tries > 300) throw new Error(`${target.label} did not start under valgrind: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      answer = await post(url, target.body, 60_000).catch(() => undefined);
    }
    const load = async (amount: number) => {
      const result = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(target.body), connections: 1, amount, timeout: 60 });
      if (result.non2xx || result.errors) throw new Error(`${target.label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      return result.requests.total;
    };
    await load(Number(args['warmup-requests']));
    execFileSync('callgrind_control', ['-z', String(child.pid)], { env, stdio: 'ignore' });
    const requests = await load(Number(args.requests));
    execFileSync('callgrind_control', ['-d', String(child.pid)], { env, stdio: 'ignore' });
    let main = 0;
    let others = 0;
    for (const file of readdirSync(OUT).filter((f) => f.startsWith(`${name}.out.`))) {
      const total = /^(?:summary|totals): (\d+)/m.exec(readFileSync(`${OUT}/${file}`, 'utf8'));
      if (!total) continue;
      // Thread 1 is the main thread (`--separate-threads` names the dumps …-01, …-02, …).
      if (file.endsWith('-01')) main += Number(total[1]);
      else others += Number(total[1]);
    }
    return { main, others, requests, answer: answer.data };
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
}
