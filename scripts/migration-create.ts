// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL that takes the existing
// migrations to prisma/schema.prisma (what `prisma migrate dev --create-only` does), using Prisma's
// WebAssembly schema engine and in-memory databases only: no database server is needed or touched.
//
// Usage: npm run db:migration -- <name>
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultMigrationsDir, MIGRATION_LOCKFILE, readMigrationsDirectory } from '../src/db/migrations.js';
import { openSchemaEngine } from '../src/db/schema-engine.js';

const name = slug(process.argv.slice(2).join(' '));
if (!name) {
  console.error('Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_event_source)');
  process.exit(2);
}

try {
  const sql = await migrationSql();
  if (sql === null) {
    console.log('no changes: the migrations already produce prisma/schema.prisma');
  } else {
    const file = join(defaultMigrationsDir, `${nextTimestamp()}_${name}`, 'migration.sql');
    mkdirSync(join(file, '..'), { recursive: true });
    const lockfile = join(defaultMigrationsDir, 'migration_lock.toml');
    if (!existsSync(lockfile)) writeFileSync(lockfile, MIGRATION_LOCKFILE);
    // Prisma wraps enum rewrites in BEGIN/COMMIT; applyMigrations already runs every migration in one
    // transaction and refuses transaction control inside one (a COMMIT would split it).
    writeFileSync(file, sql.replace(/^(?:BEGIN|COMMIT);\r?\n/gm, ''));
    console.log(`wrote ${relative(process.cwd(), file)}`);
    console.log('Review it, add what Prisma cannot express (CHECK constraints, data changes), then run npm run db:migrate.');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

async function migrationSql(): Promise<string | null> {
  const schemaPath = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));
  const schema = { path: schemaPath, content: readFileSync(schemaPath, 'utf8') };
  const engine = await openSchemaEngine(schema);
  try {
    return await engine.diffMigrationsToSchema(defaultMigrationsDir, schema);
  } finally {
    await engine.close();
  }
}

/** Prisma's migration naming: lowercase words joined by underscores. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

/** UTC yyyymmddHHMMSS, kept after the newest existing migration so the order stays the creation order. */
function nextTimestamp(): string {
  const now = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const newest = readMigrationsDirectory(defaultMigrationsDir).migrations.at(-1)?.name.match(/^\d{14}/)?.[0];
  return newest && newest >= now ? String(BigInt(newest) + 1n) : now;
}
