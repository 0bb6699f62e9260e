/**
 * The migrations folder, the runner that applies it, and the rules the integrity migration adds.
 *
 * This file makes its own databases (it needs fresh, unmigrated ones): in-memory PGlite always, and
 * with TEST_DATABASE_URL also uniquely named databases on that server, dropped afterwards.
 */
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlRunner } from '../src/db.js';
import { applyMigrations, defaultMigrationsDir } from '../src/db/migrations.js';
import {
  diagnoseMigrationHistory,
  openSchemaEngine,
  openScratchPGlite,
  type SchemaEngineSession,
} from '../src/db/schema-engine.js';

const schemaPath = new URL('../prisma/schema.prisma', import.meta.url).pathname;
const schema = { path: schemaPath, content: readFileSync(schemaPath, 'utf8') };
const migrationFolders = readdirSync(defaultMigrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface TestDatabase {
  sql: SqlRunner;
  /** A second connection to the same database, as a second process would have. */
  otherSql: SqlRunner;
  /** The same database as a Prisma driver adapter, for Prisma's schema engine. */
  adapter: SqlDriverAdapterFactory;
  drop(): Promise<void>;
}

interface Target {
  name: string;
  create(): Promise<TestDatabase>;
}

function pgliteRunner(db: PGlite): SqlRunner {
  return {
    description: 'in-memory PGlite',
    async exec(text) {
      await db.exec(text);
    },
    async query<Row>(text: string, params: unknown[] = []) {
      return (await db.query<Row>(text, params)).rows;
    },
    async close() {
      await db.close();
    },
  };
}

function poolRunner(pool: pg.Pool, url: string): SqlRunner {
  return {
    description: url,
    async exec(text) {
      await pool.query(text);
    },
    async query<Row>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as Row[];
    },
    async close() {
      await pool.end();
    },
  };
}

const pgliteTarget: Target = {
  name: 'embedded PGlite',
  async create() {
    // PGlite has a single session: a second "process" can only share it.
    const pglite = await openScratchPGlite();
    const sql = pgliteRunner(pglite);
    const adapter = new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory;
    return { sql, otherSql: sql, adapter, drop: () => sql.close() };
  },
};

function serverTarget(serverUrl: string): Target {
  return {
    name: 'PostgreSQL server',
    async create() {
      const database = `migrations_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      await onServer(serverUrl, `CREATE DATABASE "${database}"`);
      const url = new URL(serverUrl);
      url.pathname = `/${database}`;
      const pool = () => new pg.Pool({ connectionString: url.toString(), max: 3 });
      const sql = poolRunner(pool(), url.toString());
      const otherSql = poolRunner(pool(), url.toString());
      const prismaPool = pool();
      return {
        sql,
        otherSql,
        adapter: new PrismaPg(prismaPool),
        async drop() {
          await Promise.all([sql.close(), otherSql.close(), prismaPool.end()]);
          await onServer(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        },
      };
    },
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const targets = [pgliteTarget, ...(process.env.TEST_DATABASE_URL ? [serverTarget(process.env.TEST_DATABASE_URL)] : [])];

/** A copy of the project's migrations in a temporary folder, to edit or extend. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

/** A temporary migrations folder holding exactly these migrations. */
function migrationsFolder(migrations: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function tableExists(sql: SqlRunner, table: string): Promise<boolean> {
  const [row] = await sql.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS "exists"', [`"${table}"`]);
  return row?.exists ?? false;
}

// The schema engine (a WebAssembly build) replays every migration on a shadow database: slow on a busy machine.
describe('Schema drift between the migrations and schema.prisma', { timeout: 120_000 }, () => {
  let engine: SchemaEngineSession;
  beforeAll(async () => {
    engine = await openSchemaEngine(schema);
  });
  afterAll(() => engine?.close());

  it('the migrations produce exactly the schema that schema.prisma describes', async () => {
    expect(await engine.diffMigrationsToSchema(defaultMigrationsDir, schema)).toBeNull();
  });

  it('reports the missing SQL when schema.prisma changes without a migration', async () => {
    const changed = schema.content.replace(/^(\s+place\s+String\?)$/m, '$1\n  venue String?');
    expect(changed).not.toBe(schema.content);
    const diff = await engine.diffMigrationsToSchema(defaultMigrationsDir, { ...schema, content: changed });
    expect(diff).toMatch(/ALTER TABLE "Event" ADD COLUMN\s+"venue" TEXT/);
  });
});

describe.each(targets)('Applying migrations to $name', (target) => {
  let db: TestDatabase;
  let firstRun: { applied: string[] };
  beforeAll(async () => {
    db = await target.create();
    firstRun = await applyMigrations(db.sql);
  });
  afterAll(() => db?.drop());

  it('applies every migration folder, in the order of their names', () => {
    expect(migrationFolders.length).toBeGreaterThanOrEqual(2);
    expect(firstRun.applied).toEqual(migrationFolders);
  });

  it('applies nothing when run again', async () => {
    expect(await applyMigrations(db.sql)).toEqual({ applied: [] });
  });

  it('records one finished row per folder in _prisma_migrations, with the SHA-256 of its migration.sql', async () => {
    const rows = await db.sql.query<{
      id: string;
      migration_name: string;
      checksum: string;
      started_at: Date;
      finished_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
      rolled_back_at: Date | null;
    }>('SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.map((row) => row.migration_name)).toEqual(migrationFolders);
    for (const row of rows) {
      const file = readFileSync(join(defaultMigrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row).toMatchObject({ applied_steps_count: 1, logs: null, rolled_back_at: null });
    }
  });

  it('creates _prisma_migrations with the columns Prisma creates', async () => {
    const columns = await db.sql.query(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', length: null, is_nullable: 'NO', column_default: '0' },
    ]);
  });

  it("is what Prisma's own engine reads as applied: nothing unapplied, edited or failed", async () => {
    expect(await diagnoseMigrationHistory(db.adapter, defaultMigrationsDir, schema)).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });

  it('refuses to run when an applied migration was edited afterwards, naming it', async () => {
    const dir = copyOfMigrations();
    try {
      const edited = migrationFolders.at(-1)!;
      writeFileSync(join(dir, edited, 'migration.sql'), `${readFileSync(join(dir, edited, 'migration.sql'), 'utf8')}\n-- edited\n`);
      await expect(applyMigrations(db.sql, { migrationsDir: dir })).rejects.toThrow(`Migration ${edited} was edited after it was applied`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts an applied migration whose line endings git converted, as Prisma does', async () => {
    const dir = copyOfMigrations();
    try {
      for (const name of migrationFolders) {
        const file = join(dir, name, 'migration.sql');
        writeFileSync(file, readFileSync(file, 'utf8').replaceAll('\n', '\r\n'));
      }
      expect(await applyMigrations(db.sql, { migrationsDir: dir })).toEqual({ applied: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves nothing of a failing migration behind: no table from its first statement, no row', async () => {
    const dir = migrationsFolder({
      // Semicolons and BEGIN/END inside comments, strings and a DO block are not transaction control.
      '20000101000000_works': `-- create; then fill
CREATE TABLE "migration_test_works" (note TEXT);
DO $$ BEGIN INSERT INTO "migration_test_works" VALUES ('BEGIN; COMMIT;'); END $$;
`,
      '20000101000001_fails': 'CREATE TABLE "migration_test_half" (id INT);\nSELECT 1 / 0;\n',
      '20000101000002_never_reached': 'CREATE TABLE "migration_test_later" (id INT);\n',
    });
    try {
      await expect(applyMigrations(db.sql, { migrationsDir: dir })).rejects.toThrow(
        'Migration 20000101000001_fails failed and was rolled back, nothing of it is applied: division by zero',
      );
      expect(await tableExists(db.sql, 'migration_test_half')).toBe(false);
      expect(await tableExists(db.sql, 'migration_test_later')).toBe(false);
      expect(await tableExists(db.sql, 'migration_test_works')).toBe(true);
      const recorded = await db.sql.query<{ migration_name: string }>(
        `SELECT migration_name FROM _prisma_migrations WHERE migration_name LIKE '2000%' ORDER BY 1`,
      );
      expect(recorded.map((row) => row.migration_name)).toEqual(['20000101000000_works']);
    } finally {
      await db.sql.exec(`DROP TABLE IF EXISTS "migration_test_works"; DELETE FROM _prisma_migrations WHERE migration_name LIKE '2000%';`);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('points at the line of migration.sql where PostgreSQL found a syntax error', async () => {
    const dir = migrationsFolder({ '20000101000000_typo': '-- a typo\nCREATE TABLE "migration_test_typo" (id INT);\nCREAT TABLE "x" (id INT);\n' });
    try {
      await expect(applyMigrations(db.sql, { migrationsDir: dir })).rejects.toThrow(
        /^Migration 20000101000000_typo failed at line 3 of its migration\.sql and was rolled back, nothing of it is applied: syntax error at or near "CREAT"/,
      );
      expect(await tableExists(db.sql, 'migration_test_typo')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a migration that contains its own transaction control, before running anything', async () => {
    const dir = migrationsFolder({
      '20000101000000_own_transaction': 'CREATE TABLE "migration_test_tx" (id INT);\nCOMMIT;\nSELECT 1 / 0;\n',
    });
    try {
      await expect(applyMigrations(db.sql, { migrationsDir: dir })).rejects.toThrow(
        'Migration 20000101000000_own_transaction contains COMMIT at line 2',
      );
      expect(await tableExists(db.sql, 'migration_test_tx')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to run while Prisma has recorded a migration as failed', async () => {
    await db.sql.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, 'x', '20000101000000_failed_elsewhere', now(), 0)`,
      [randomUUID()],
    );
    try {
      await expect(applyMigrations(db.sql)).rejects.toThrow('Migration 20000101000000_failed_elsewhere is recorded');
    } finally {
      await db.sql.query(`DELETE FROM _prisma_migrations WHERE migration_name = '20000101000000_failed_elsewhere'`);
    }
  });

  it('applies each migration once when two processes migrate the same database at the same time', async () => {
    const fresh = await target.create();
    try {
      const [first, second] = await Promise.all([applyMigrations(fresh.sql), applyMigrations(fresh.otherSql)]);
      expect([...first.applied, ...second.applied].sort()).toEqual(migrationFolders);
      const rows = await fresh.sql.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations ORDER BY 1');
      expect(rows.map((row) => row.migration_name)).toEqual(migrationFolders);
    } finally {
      await fresh.drop();
    }
  });

  describe('integrity checks', () => {
    const id = {
      person: randomUUID(),
      organization: randomUUID(),
      affiliation: randomUUID(),
      event: randomUUID(),
      quote: randomUUID(),
      legalAction: randomUUID(),
      claim: randomUUID(),
      statusChange: randomUUID(),
      source: randomUUID(),
      otherSource: randomUUID(),
    };

    beforeAll(async () => {
      await db.sql.exec(`
        INSERT INTO "Actor" (id, slug, type, name) VALUES ('${id.person}', 'checks-person', 'PERSON', 'A Person');
        INSERT INTO "Actor" (id, slug, type, name, "organizationKind")
          VALUES ('${id.organization}', 'checks-org', 'ORGANIZATION', 'An Org', 'COMPANY');
        INSERT INTO "Affiliation" (id, "memberId", "organizationId", role)
          VALUES ('${id.affiliation}', '${id.person}', '${id.organization}', 'EMPLOYEE');
        INSERT INTO "Event" (id, slug, title, kind) VALUES ('${id.event}', 'checks-event', 'An event', 'OTHER');
        INSERT INTO "Quote" (id, slug, text, language, "speakerId") VALUES ('${id.quote}', 'checks-quote', 'Words', 'en', '${id.person}');
        INSERT INTO "LegalAction" (id, slug, title, status) VALUES ('${id.legalAction}', 'checks-case', 'A case', 'FILED');
        INSERT INTO "LegalClaim" (id, "legalActionId", text, language) VALUES ('${id.claim}', '${id.legalAction}', 'A claim', 'en');
        INSERT INTO "LegalActionStatusChange" (id, "legalActionId", status, position)
          VALUES ('${id.statusChange}', '${id.legalAction}', 'FILED', 0);
        INSERT INTO "Source" (id, slug, kind, title) VALUES ('${id.source}', 'checks-source', 'ARTICLE', 'A source');
        INSERT INTO "Source" (id, slug, kind, title) VALUES ('${id.otherSource}', 'checks-other-source', 'ARTICLE', 'Another source');
      `);
    });

    const rejected = (statement: Promise<unknown>, constraint: string) =>
      expect(statement).rejects.toMatchObject({ code: '23514', constraint });

    describe.each([
      { table: 'Event', column: 'date', row: () => id.event },
      { table: 'Quote', column: 'date', row: () => id.quote },
      { table: 'LegalActionStatusChange', column: 'date', row: () => id.statusChange },
      { table: 'LegalAction', column: 'filedOn', row: () => id.legalAction },
      { table: 'Affiliation', column: 'startedOn', row: () => id.affiliation },
      { table: 'Affiliation', column: 'endedOn', row: () => id.affiliation },
      { table: 'Source', column: 'publishedOn', row: () => id.source },
    ])('partial date $table.$column', ({ table, column, row }) => {
      const setDate = (date: string | null, precision: string | null, stated: string | null = null) =>
        db.sql.query(`UPDATE "${table}" SET "${column}" = $1, "${column}Precision" = $2, "${column}Stated" = $3 WHERE id = $4`, [
          date,
          precision,
          stated,
          row(),
        ]);
      const precisionCheck = `${table}_${column}_precision_check`;

      it('accepts a day, a month stored as its 1st, a year stored as January 1st, and no date at all', async () => {
        await setDate('2023-07-15', 'DAY', 'am 15. Juli 2023');
        await setDate('2023-07-01', 'MONTH', 'im Juli 2023');
        await setDate('2023-01-01', 'YEAR', '2023');
        await setDate(null, null);
      });

      it('rejects a MONTH-precision date that is not the 1st', () => rejected(setDate('2023-07-15', 'MONTH'), precisionCheck));

      it('rejects a YEAR-precision date that is not January 1st', async () => {
        await rejected(setDate('2023-07-01', 'YEAR'), precisionCheck);
        await rejected(setDate('2023-01-15', 'YEAR'), precisionCheck);
      });

      it('rejects a date without precision and a precision without date', async () => {
        await rejected(setDate('2023-07-15', null), precisionCheck);
        await rejected(setDate(null, 'DAY'), precisionCheck);
      });

      it("rejects the source's wording without a date", () => rejected(setDate(null, null, 'irgendwann'), `${table}_${column}Stated_check`));
    });

    it('rejects an organisation kind on a person, and an organisation without one', async () => {
      const insertActor = (type: string, kind: string | null) =>
        db.sql.query(`INSERT INTO "Actor" (id, slug, type, name, "organizationKind") VALUES ($1, $2, $3, 'x', $4)`, [
          randomUUID(),
          `checks-${randomUUID()}`,
          type,
          kind,
        ]);
      await rejected(insertActor('PERSON', 'COMPANY'), 'Actor_organizationKind_check');
      await rejected(insertActor('ORGANIZATION', null), 'Actor_organizationKind_check');
    });

    it('accepts a citation of exactly one fact, for each kind of fact', async () => {
      const facts = {
        actorId: id.person,
        affiliationId: id.affiliation,
        eventId: id.event,
        quoteId: id.quote,
        legalActionId: id.legalAction,
        legalClaimId: id.claim,
        statusChangeId: id.statusChange,
      };
      for (const [column, fact] of Object.entries(facts)) {
        await db.sql.query(`INSERT INTO "Citation" (id, "sourceId", "${column}") VALUES ($1, $2, $3)`, [randomUUID(), id.source, fact]);
      }
    });

    it('rejects a citation of two facts and a citation of none', async () => {
      await rejected(
        db.sql.query(`INSERT INTO "Citation" (id, "sourceId", "eventId", "quoteId") VALUES ($1, $2, $3, $4)`, [
          randomUUID(),
          id.source,
          id.event,
          id.quote,
        ]),
        'Citation_exactly_one_fact',
      );
      await rejected(
        db.sql.query(`INSERT INTO "Citation" (id, "sourceId") VALUES ($1, $2)`, [randomUUID(), id.source]),
        'Citation_exactly_one_fact',
      );
    });

    it('rejects a source citing itself, and accepts it citing another source', async () => {
      const cite = (cited: string) =>
        db.sql.query(`INSERT INTO "SourceCitation" (id, "citingSourceId", "citedSourceId") VALUES ($1, $2, $3)`, [randomUUID(), id.source, cited]);
      await rejected(cite(id.source), 'SourceCitation_distinct_sources_check');
      await cite(id.otherSource);
    });

    it('rejects an affiliation that ends before it started, comparing the end by the last day of its period', async () => {
      const setPeriod = (started: string, ended: string, endedPrecision: string) =>
        db.sql.query(
          `UPDATE "Affiliation" SET "startedOn" = $1, "startedOnPrecision" = 'DAY', "endedOn" = $2, "endedOnPrecision" = $3 WHERE id = $4`,
          [started, ended, endedPrecision, id.affiliation],
        );
      await rejected(setPeriod('2020-03-15', '2020-03-14', 'DAY'), 'Affiliation_ended_after_started_check');
      await rejected(setPeriod('2020-03-15', '2019-01-01', 'YEAR'), 'Affiliation_ended_after_started_check');
      await setPeriod('2020-03-15', '2020-03-15', 'DAY');
      // "joined on 15 March 2020, left in 2020": the end is stored as 2020-01-01.
      await setPeriod('2020-03-15', '2020-01-01', 'YEAR');
      await setPeriod('2020-03-15', '2020-03-01', 'MONTH');
    });
  });
});
