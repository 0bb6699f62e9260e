/**
 * Global setup (vitest.config.ts): one embedded database, migrated and seeded by the app's own
 * start-up (tests/helpers/prepare-template.ts, in a process of its own), kept in a folder that each
 * test file copies (tests/helpers/database.ts) instead of migrating and seeding an in-memory database
 * of its own: that took 5–6 s a file, most of the embedded suite's time on a slow machine, and
 * opening a copy takes about 1 s. Each file still gets a database of its own. Not with
 * TEST_DATABASE_URL, where each file creates a database on the server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** The migrated and seeded embedded database to copy; null on a PostgreSQL server. */
    embeddedTemplateDir: string | null;
  }
}

export function setup(project: TestProject): (() => void) | undefined {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('embeddedTemplateDir', null);
    return undefined;
  }
  const root = mkdtempSync(join(tmpdir(), 'cg-test-template-'));
  const dir = join(root, 'pglite');
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', 'tests/helpers/prepare-template.ts'], {
    env: { ...process.env, EMBEDDED_DB_DIR: dir },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (prepared.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`preparing the embedded test database failed (${prepared.status ?? prepared.signal}):\n${prepared.stdout}${prepared.stderr}`);
  }
  project.provide('embeddedTemplateDir', dir);
  // The template and every file's copy of it (tests/helpers/database.ts) are under root.
  return () => rmSync(root, { recursive: true, force: true });
}
