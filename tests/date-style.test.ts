/**
 * Dates are read in ISO style whatever DateStyle the server, database, role or connection URL sets:
 * Prisma's driver and the timeline's keys read DATE columns as text, and a DateStyle such as
 * `SQL, DMY` made every date Prisma read fail. Server only: the embedded database is the app's own,
 * created with ISO dates.
 */
import { describe, expect, it } from 'vitest';
import { GuardedPool, withIsoDates } from '../src/db/postgres-pool.js';

// The server itself, not a database of the app's: these connections only read constants.
const serverUrl = process.env.TEST_DATABASE_URL;
const TIMEOUTS = { statementTimeoutMs: 5_000, connectTimeoutMs: 2_000 };

async function readDate(url: string): Promise<{ day: string; style: string; searchPath: string }> {
  const pool = new GuardedPool(url, 1, TIMEOUTS);
  try {
    const { rows } = await pool.query(
      `SELECT DATE '2001-03-27'::text AS day, current_setting('DateStyle') AS style, current_setting('search_path') AS "searchPath"`,
    );
    return rows[0];
  } finally {
    await pool.end();
  }
}

describe.skipIf(!serverUrl)('dates on a PostgreSQL server', () => {
  const withOptions = (options: string) => {
    const url = new URL(serverUrl!);
    url.searchParams.set('options', options);
    return url.toString();
  };

  it('are read as 2001-03-27 on every pool connection, even where the URL asks for another DateStyle', async () => {
    expect(await readDate(serverUrl!)).toMatchObject({ day: '2001-03-27', style: 'ISO, YMD' });
    expect(await readDate(withOptions('-c DateStyle=SQL,DMY'))).toMatchObject({ day: '2001-03-27', style: 'ISO, YMD' });
  });

  it('keep the other start-up options of the URL', async () => {
    expect(await readDate(withOptions('-c search_path=pg_catalog,public -c DateStyle=German'))).toEqual({
      day: '2001-03-27',
      style: 'ISO, YMD',
      searchPath: 'pg_catalog,public',
    });
  });
});

describe('the start-up options of a connection URL', () => {
  it('leave a URL without options as it is and add the ISO DateStyle', () => {
    const url = 'postgresql://user:p%40ss@db.example:5432/app?sslmode=require';
    expect(withIsoDates(url)).toEqual({ connectionString: url, options: '-c DateStyle=ISO,YMD' });
  });

  it('move a URL’s own options beside it, before the ISO DateStyle', () => {
    const { connectionString, options } = withIsoDates('postgresql://app@db.example/app?options=-c%20search_path%3Dapp&sslmode=require');
    expect(options).toBe('-c search_path=app -c DateStyle=ISO,YMD');
    expect(new URL(connectionString).searchParams.get('options')).toBeNull();
    expect(new URL(connectionString).searchParams.get('sslmode')).toBe('require');
  });
});
