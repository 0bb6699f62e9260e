/**
 * A database of its own on the PostgreSQL server of the test run, for tests that run the app as a
 * child process (tests/helpers/server-process.ts) and so cannot use ./database.ts.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** TEST_DATABASE_URL, or the machine's PostgreSQL that CI starts (see /.ci/run). */
export const postgresServerUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Runs one statement on `url` over a connection of its own. */
export async function runOn<Row = Record<string, unknown>>(url: string, statement: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Whether the server answers; a test that needs it is skipped (with this reason) when it does not. */
export async function postgresServerAvailable(): Promise<boolean> {
  try {
    await runOn(postgresServerUrl, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Creates a uniquely named, empty database; `drop()` removes it (and only it). */
export async function createServerDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `cg_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await runOn(postgresServerUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => runOn(postgresServerUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined) };
}
