/**
 * Fills the test file's own database (see ./database.ts) with a small synthetic knowledge base
 * (src/synth/generate.ts), replacing the seeded article. Import ./graphql.js (or ./database.js)
 * before this file.
 */
import pg from 'pg';
import { embeddedDatabase } from '../../src/db.js';
import { pgConnection, pgliteConnection, type SynthConnection } from '../../src/synth/connection.js';
import { synthesize, type SynthSummary } from '../../src/synth/generate.js';

/** Runs `work` on a generator session of the test database (its own connection on a server). */
export async function withSynthConnection<T>(work: (db: SynthConnection) => Promise<T>): Promise<T> {
  if (embeddedDatabase) return work(pgliteConnection(embeddedDatabase, 'embedded test database'));
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(pgConnection(client, 'test database'));
  } finally {
    await client.end();
  }
}

/** Replaces the test database's contents with `quotes` synthetic quotes and everything around them. */
export function synthesizeTestDatabase(quotes: number, seed = 1): Promise<SynthSummary> {
  return withSynthConnection((db) => synthesize(db, { quotes, seed, reset: true }));
}
