import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { DiagnoseMigrationHistoryOutput, MigrationList, SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { MIGRATION_LOCKFILE, readMigrationsDirectory } from './migrations.js';

// Prisma's schema engine compiled to WebAssembly, for the two jobs that need Prisma's own notion of
// a schema: writing a new migration from schema.prisma and checking that the migrations still
// produce what schema.prisma describes. Prisma's native engine cannot be downloaded everywhere this
// project is developed, and `prisma migrate dev/diff` need it.
//
// Diffs run only on in-memory PGlite databases created here. Prisma's adapter-pg would create the
// shadow database on a server, and it builds that connection so that the *main* database wins
// (migration SQL ends up in it). The one function given a real database, diagnoseMigrationHistory,
// gets no shadow database and only reads.

export interface SchemaFile {
  /** Used in the engine's error messages. */
  path: string;
  content: string;
}

export interface SchemaEngineSession {
  /**
   * The SQL that takes a database built by the migrations in `migrationsDir` to the schema
   * `schema` describes, or null when they already agree. The migrations run in a fresh in-memory
   * shadow database for each call.
   */
  diffMigrationsToSchema(migrationsDir: string, schema: SchemaFile): Promise<string | null>;
  close(): Promise<void>;
}

const noFilters = { externalTables: [], externalEnums: [] };

let wasmStarted = false;
let lastPanic: string | undefined;

/** The package imports its .wasm as an ES module, which Node 20 cannot load: instantiate it here. */
function startWasm(): void {
  if (wasmStarted) return;
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const module = new WebAssembly.Module(readFileSync(join(dirname(bindingsPath), 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': wasmBindings });
  wasmBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  // The engine reports the message of a Rust panic here before trapping.
  const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  globals.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message) {
      lastPanic = message;
    },
  };
  wasmStarted = true;
}

let pristineDataDir: Promise<Blob> | undefined;

/**
 * A new, empty in-memory PostgreSQL. The first one pays for initdb (seconds); later ones start
 * from a copy of its pristine data directory, several times faster.
 */
export async function openScratchPGlite(): Promise<PGlite> {
  if (pristineDataDir) return await PGlite.create({ dataDir: 'memory://', loadDataDir: await pristineDataDir });
  const db = await PGlite.create({ dataDir: 'memory://' });
  pristineDataDir ??= db.dumpDataDir('none');
  await pristineDataDir;
  return db;
}

/**
 * Starts the WebAssembly schema engine on throwaway in-memory databases. `schema` is the datamodel
 * the engine starts with (it needs one to know the provider).
 */
export async function openSchemaEngine(schema: SchemaFile): Promise<SchemaEngineSession> {
  startWasm();
  const scratch = new Set<PGlite>();
  const openAdapter = async (): Promise<SqlDriverAdapter> => {
    const db = await openScratchPGlite();
    scratch.add(db);
    return await pgliteAdapter(db, () => scratch.delete(db));
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: 'scratch-pglite',
    connect: openAdapter,
    connectToShadowDb: openAdapter,
  });
  let engine: SchemaEngine;
  try {
    engine = await call(factory.errorRegistry, () =>
      wasmBindings.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, ignoreEngineLog, factory),
    );
  } catch (error) {
    await Promise.all([...scratch].map((db) => db.close()));
    throw error;
  }
  return {
    async diffMigrationsToSchema(migrationsDir, target) {
      const result = await call(factory.errorRegistry, () =>
        engine.diff({
          from: { tag: 'migrations', ...migrationList(migrationsDir) },
          to: { tag: 'schemaDatamodel', files: [target satisfies SchemaContainer] },
          script: true,
          // Makes the engine tell an empty diff (0) from a non-empty one (2).
          exitCode: true,
          filters: noFilters,
        }),
      );
      return result.exitCode === 2 ? (result.stdout ?? '') : null;
    },
    async close() {
      engine.free();
      await Promise.all([...scratch].map((db) => db.close()));
    },
  };
}

/**
 * What Prisma's own engine makes of the migration history recorded in the database behind
 * `database`, compared with `migrationsDir`: the check `prisma migrate deploy` and `status` start
 * with. Read-only: the engine gets no shadow database and applies nothing.
 */
export async function diagnoseMigrationHistory(
  database: SqlDriverAdapterFactory,
  migrationsDir: string,
  schema: SchemaFile,
): Promise<DiagnoseMigrationHistoryOutput> {
  startWasm();
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: database.provider,
    adapterName: database.adapterName,
    connect: () => database.connect(),
    connectToShadowDb: () => Promise.reject(new Error('diagnoseMigrationHistory never uses a shadow database')),
  });
  const engine = await call(factory.errorRegistry, () =>
    wasmBindings.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, ignoreEngineLog, factory),
  );
  try {
    return await call(factory.errorRegistry, () =>
      engine.diagnoseMigrationHistory({ migrationsList: migrationList(migrationsDir), optInToShadowDatabase: false, filters: noFilters }),
    );
  } finally {
    engine.free();
  }
}

function ignoreEngineLog(): void {}

function migrationList(migrationsDir: string): MigrationList {
  const directory = readMigrationsDirectory(migrationsDir);
  return {
    baseDir: directory.path,
    // A project's first migration is diffed before its lockfile exists; the engine needs the provider.
    lockfile: { path: 'migration_lock.toml', content: directory.lockfile ?? MIGRATION_LOCKFILE },
    shadowDbInitScript: '',
    migrationDirectories: directory.migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
    })),
  };
}

/**
 * pglite-prisma-adapter 0.7.2 starts `executeScript` without awaiting it: a failing migration looks
 * applied to the engine and its error crashes the process later as an unhandled rejection. This
 * wrapper awaits the script and reports its error the way the engine understands.
 */
async function pgliteAdapter(db: PGlite, onDispose: () => void): Promise<SqlDriverAdapter> {
  const adapter = (await new PrismaPGlite(db).connect()) as unknown as SqlDriverAdapter;
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: () => adapter.getConnectionInfo?.() ?? { supportsRelationJoins: true },
    async executeScript(script) {
      try {
        await db.exec(script);
      } catch (error) {
        throw asDriverAdapterError(error);
      }
    },
    async dispose() {
      onDispose();
      await db.close();
    },
  };
}

function asDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof Error) || !('severity' in error)) return error;
  const field = (name: string): string | undefined => {
    const value: unknown = (error as unknown as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  return new DriverAdapterError({
    kind: 'postgres',
    code: field('code') ?? 'N/A',
    severity: field('severity') ?? 'N/A',
    message: error.message,
    detail: field('detail'),
    column: field('column'),
    hint: field('hint'),
  });
}

/**
 * Runs an engine call, turning its opaque "External error id#N" (a JavaScript error raised in the
 * adapter) back into that error's message, and a trap into the panic message.
 */
async function call<T>(errors: ErrorRegistry, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError && lastPanic) {
      throw new Error(`Prisma's schema engine crashed: ${lastPanic}`, { cause: error });
    }
    if (!(error instanceof Error)) throw error;
    const message = error.message.replace(/External error id#(\d+)/g, (text, id: string) => {
      const original = errors.consumeError(Number(id))?.error;
      return original instanceof Error ? original.message : text;
    });
    throw Object.assign(new Error(message, { cause: error }), { code: (error as { code?: unknown }).code });
  }
}
