/**
 * The embedded database's memory settings (issue 6: the embedded default under 400 MB RSS). What
 * is checked is that the choices are in effect — the PostgreSQL settings it runs with, and the
 * fresh worker after a start that created and loaded the database — not memory figures, which
 * depend on the machine (the README gives them with their date).
 */
import './helpers/database.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { config } from '../src/config.js';
import { sql } from '../src/db.js';
import { PGliteWorkerClient } from '../src/db/pglite-proxy.js';
import { usesServer } from './helpers/database.js';
import { isListeningLine, type ServerProcess, startServerProcess } from './helpers/server-process.js';

const directories: string[] = [];
function temporaryDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-embedded-'));
  directories.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

async function show(run: { query<Row>(text: string): Promise<Row[]> }, name: string): Promise<string> {
  const [row] = await run.query<Record<string, string>>(`SHOW ${name}`);
  return row![name]!;
}

// The embedded database only: a PostgreSQL server's settings are its administrator's.
describe.skipIf(usesServer)('embedded database settings', () => {
  it('runs the app’s database with EMBEDDED_DB_SHARED_BUFFERS (16MB by default, not initdb’s 128MB)', async () => {
    expect(config.EMBEDDED_DB_SHARED_BUFFERS).toBe('16MB');
    expect(await show(sql, 'shared_buffers')).toBe('16MB');
  });

  it('keeps PGlite’s own start parameters beside it', async () => {
    expect(await show(sql, 'search_path')).toBe('public');
    expect(await show(sql, 'max_parallel_workers_per_gather')).toBe('0');
    expect(await show(sql, 'io_method')).toBe('sync');
  });
});

describe.skipIf(usesServer)('PGliteWorkerClient.reopen', () => {
  it('starts a new worker on the same directory, with the same settings and every committed row', async () => {
    const client = new PGliteWorkerClient(join(temporaryDirectory(), 'db'), { shared_buffers: '2MB' });
    const rows = { query: async <Row>(text: string) => (await client.query<Row>(text)).rows };
    try {
      await client.exec('CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$before$$);');
      await client.reopen();
      expect(await show(rows, 'shared_buffers')).toBe('2MB');
      expect(await rows.query('SELECT value FROM kept')).toEqual([{ value: 'before' }]);
      await client.exec('INSERT INTO kept VALUES ($$after$$)');
      expect(await rows.query('SELECT value FROM kept ORDER BY value')).toEqual([{ value: 'after' }, { value: 'before' }]);
    } finally {
      await client.close();
    }
  });

  it('refuses while a statement is outstanding, which then completes', async () => {
    const client = new PGliteWorkerClient('memory://');
    try {
      const running = client.query<{ n: number }>('SELECT count(*)::int AS n FROM generate_series(1, 1000)');
      await expect(client.reopen()).rejects.toThrow('while statements are outstanding');
      expect((await running).rows).toEqual([{ n: 1000 }]);
    } finally {
      await client.close();
    }
  });
});

describe.skipIf(usesServer)('start-up on an embedded database directory', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  async function startOn(dir: string): Promise<ServerProcess> {
    const server = await startServerProcess({ EMBEDDED_DB_DIR: dir, SEED_ON_START: 'auto', MIGRATE_ON_START: 'true' });
    servers.push(server);
    await server.waitForLog(isListeningLine, 90_000);
    return server;
  }

  async function personName(server: ServerProcess): Promise<unknown> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ person(slug: "elon-musk") { name } }' }),
    });
    return ((await response.json()) as { data?: unknown }).data;
  }

  async function stop(server: ServerProcess): Promise<void> {
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }

  const isPreparedLine = (line: { msg: string }) => line.msg === 'prepared the embedded database in a child process';

  it('creates, migrates and loads a new database in child processes, then serves it, and does neither when started again on it', async () => {
    const dir = join(temporaryDirectory(), 'pglite');
    const first = await startOn(dir);
    // initdb ran in a child process of the database's worker; migrations and the knowledge base in a
    // child process of the server (their lines come through its output), and the server then opened
    // the prepared directory: the memory all that took went with the children (README: the embedded
    // database's memory).
    const order = first.logs.map((line) => line.msg).filter((msg) => /^(created the embedded|applied migrations|loaded the bundled|prepared the embedded|reopened the embedded)/.test(msg));
    expect(order).toEqual([
      'created the embedded database (initdb in a child process)',
      'applied migrations',
      'loaded the bundled knowledge base',
      'prepared the embedded database in a child process',
    ]);
    expect(await personName(first)).toEqual({ person: { name: 'Elon Musk' } });
    await stop(first);

    const second = await startOn(dir);
    expect(second.logs.some(isPreparedLine)).toBe(false);
    expect(second.logs.some((line) => line.msg.startsWith('reopened the embedded database'))).toBe(false);
    expect(second.logs.some((line) => line.msg.startsWith('created the embedded database'))).toBe(false);
    expect(second.logs.some((line) => line.msg === 'database schema up to date')).toBe(true);
    expect(await personName(second)).toEqual({ person: { name: 'Elon Musk' } });
    await stop(second);
  }, 180_000);

  it('stops with one line naming the directory and the reason when a new directory cannot be created', async () => {
    // 900GB of shared buffers: PostgreSQL cannot start, so the child process that creates the directory fails.
    const server = await startServerProcess({ EMBEDDED_DB_DIR: join(temporaryDirectory(), 'pglite'), EMBEDDED_DB_SHARED_BUFFERS: '900GB', STARTUP_TIMEOUT_MS: '2000' });
    servers.push(server);
    expect((await server.exited).code).toBe(1);
    const fatal = server.logs.find((line) => line.level === 60);
    expect(JSON.stringify(fatal)).toMatch(/creating the embedded database in [^ ]*pglite failed: Error: PGlite failed to initialize properly/);
    // The child's error line, not the command line and script that started it.
    expect(server.output()).not.toContain('waitReady');
  }, 60_000);
});
