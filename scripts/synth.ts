/**
 * npm run db:synth -- --quotes 1000000 [--seed 1] [--reset] [postgresql://…]
 *
 * Fills a PostgreSQL database (the URL argument, else DATABASE_URL) with a synthetic knowledge base
 * for benchmarks (src/synth/generate.ts): migrates it first, creates the database when it does not
 * exist, refuses one that holds data unless --reset is given.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pgConnection } from '../src/synth/connection.js';
import { synthesize } from '../src/synth/generate.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quotes: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    reset: { type: 'boolean', default: false },
  },
});

const url = positionals[0] ?? process.env.DATABASE_URL;
if (!url) {
  console.error('db:synth needs a PostgreSQL server: pass its URL or set DATABASE_URL (the embedded database is not supported).');
  process.exit(2);
}

/** Creates the database named in `url` when it does not exist yet (connecting to `postgres`). */
async function ensureDatabase(target: string): Promise<void> {
  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  if (!name) return;
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

const safeUrl = new URL(url);
safeUrl.password = '';
await ensureDatabase(url);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const quotes = Number(values.quotes.replaceAll('_', ''));
  const summary = await synthesize(pgConnection(client, safeUrl.toString()), {
    quotes,
    seed: Number(values.seed),
    reset: values.reset,
    log: (message) => console.log(`  ${message}`),
  });
  const total = Object.values(summary.rows).reduce((sum, n) => sum + n, 0);
  console.log(`${safeUrl}: ${total.toLocaleString('en')} synthetic rows (${quotes.toLocaleString('en')} quotes, seed ${summary.seed}) in ${(summary.tookMs / 1000).toFixed(1)} s (generator CPU ${(summary.cpuMs / 1000).toFixed(1)} s)`);
  console.log(`prolific speaker ${summary.prolificSpeaker.slug}: ${summary.prolificSpeaker.quotes.toLocaleString('en')} quotes`);
  console.table(Object.fromEntries(summary.conflicts.slice(0, 3).map(({ slug, ...sizes }) => [slug, sizes])));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await client.end();
}
