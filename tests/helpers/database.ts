/**
 * Gives the importing test file its own fresh database, migrated and seeded, before any module of
 * the app reads its configuration. Import it FIRST in a test file (tests/helpers/graphql.ts does).
 *
 * - Default: an embedded PostgreSQL (PGlite) of its own: a copy, in a temporary folder removed after
 *   the file, of the run's migrated and seeded database (tests/helpers/embedded-template.ts).
 * - With TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres): a uniquely named
 *   database created on that server for this file, dropped after it — nothing else is touched.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

const serverUrl = process.env.TEST_DATABASE_URL;
let createdDatabase: string | undefined;
let copiedDirectory: string | undefined;

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.SEED_ON_START = 'always';
process.env.MIGRATE_ON_START = 'true';
// Refusals by a limit are answered at once in tests (tests/limits.test.ts checks the delay itself).
process.env.LIMIT_REFUSAL_DELAY_MS ??= '0';

if (serverUrl) {
  createdDatabase = `cg_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await onServer(serverUrl, `CREATE DATABASE "${createdDatabase}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${createdDatabase}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  // A copy of the run's migrated and seeded database (tests/helpers/embedded-template.ts), which the
  // start-up below then finds migrated and seeded, as a restart would.
  const template = inject('embeddedTemplateDir');
  if (template) {
    // Beside the template, so the run's teardown removes it even if this file's worker dies.
    copiedDirectory = mkdtempSync(join(dirname(template), 'copy-'));
    cpSync(template, copiedDirectory, { recursive: true });
    process.env.EMBEDDED_DB_DIR = copiedDirectory;
    process.env.SEED_ON_START = 'auto';
  } else {
    process.env.EMBEDDED_DB_DIR = 'memory://';
  }
}

const { prepareDatabase } = await import('../../src/startup.js');
const { closeDatabase, sql } = await import('../../src/db.js');
await prepareDatabase();

afterAll(async () => {
  try {
    await closeDatabase();
  } finally {
    if (copiedDirectory) rmSync(copiedDirectory, { recursive: true, force: true });
  }
  if (serverUrl && createdDatabase) await onServer(serverUrl, `DROP DATABASE IF EXISTS "${createdDatabase}" WITH (FORCE)`);
});

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Where this file's data lives, for assertions and messages. */
export const databaseDescription = sql.description;
export const usesServer = Boolean(serverUrl);
