/**
 * Prepared statements on a PostgreSQL server (DB_PREPARED_STATEMENTS): the statements Prisma sends
 * are named after their text, so each pool connection parses and plans a query shape once. Sequential
 * requests reuse the pool's most recently released connection, which the checks below then read.
 */
// The test database first: it sets the environment the app's modules read when they load.
import { usesServer } from './helpers/database.js';
import { runOk } from './helpers/graphql.js';
import { describe, expect, it } from 'vitest';
import { config } from '../src/config.js';
import { sql } from '../src/db.js';

const EVENTS = `{ conflict(slug: "musk-vs-openai") { events(first: 5) { edges { node { title participants { actor { name } } } } } } }`;

async function prepared(): Promise<{ name: string; statement: string }[]> {
  return sql.query(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 's%'`);
}

describe.skipIf(!usesServer)('prepared statements (PostgreSQL server)', () => {
  it('prepares each statement text once per connection and reuses it', async () => {
    expect(config.DB_PREPARED_STATEMENTS).toBeGreaterThan(0);
    const first = await runOk(EVENTS);
    const afterFirst = await prepared();
    const second = await runOk(EVENTS);
    const afterSecond = await prepared();
    expect(second).toEqual(first);
    expect(first.conflict.events.edges.length).toBe(5);
    // The conflict, the page and the page's events with what is nested under them.
    expect(afterFirst.filter((s) => s.statement.includes('"Event"')).length).toBeGreaterThan(0);
    // The same texts again: nothing new is prepared.
    expect(afterSecond.map((s) => s.name).sort()).toEqual(afterFirst.map((s) => s.name).sort());
  });
});
