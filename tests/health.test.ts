/**
 * Liveness and readiness endpoints, on the suite's database (embedded or server). What they do
 * while the database is down is in tests/faults.test.ts.
 */
import { databaseDescription } from './helpers/database.js';
import { describe, expect, it } from 'vitest';
import { sql } from '../src/db.js';
import { yoga } from '../src/yoga.js';

async function get(path: string): Promise<{ status: number; body: string }> {
  const response = await yoga.fetch(`http://yoga${path}`);
  return { status: response.status, body: await response.text() };
}

describe(`health endpoints (${databaseDescription.startsWith('embedded') ? 'embedded database' : 'PostgreSQL server'})`, () => {
  it('answers /healthz, and /health as its alias, with 200', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/health')).status).toBe(200);
  });

  it('answers the probes on their exact paths only (with a query string too), not on paths that merely end like them', async () => {
    expect((await get('/readyz?probe=k8s')).status).toBe(200);
    expect((await get('/health?x=1')).status).toBe(200);
    expect((await get('/graphql/readyz')).status).toBe(404);
    expect((await get('/x/health')).status).toBe(404);
  });

  it('answers /readyz with 200 when the database answers and every migration is applied', async () => {
    expect(await get('/readyz')).toEqual({ status: 200, body: JSON.stringify({ status: 'ready' }) });
  });

  it('answers /readyz with 503 naming the migration the database lacks', async () => {
    const [latest] = await sql.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1');
    const name = latest!.migration_name;
    await sql.query('UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1', [name]);
    try {
      const answer = await get('/readyz');
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toEqual({ status: 'unavailable', reason: 'migrations pending', pending: [name] });
    } finally {
      await sql.query('UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = $1', [name]);
    }
    expect((await get('/readyz')).status).toBe(200);
  });
});
