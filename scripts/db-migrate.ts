// Applies pending migrations from prisma/migrations to the configured database (DATABASE_URL, or the
// embedded PGlite in EMBEDDED_DB_DIR). Usage: npm run db:migrate
import { closeDatabase, sql } from '../src/db.js';
import { applyMigrations } from '../src/db/migrations.js';

try {
  // Opens the database first, so the time reported is the migrations', not an embedded database's start.
  await sql.query('SELECT 1');
  const started = performance.now();
  const { applied } = await applyMigrations(sql);
  const took = `${Math.round(performance.now() - started)} ms`;
  if (applied.length === 0) console.log(`${sql.description}: already up to date (${took})`);
  else console.log(`${sql.description}: applied ${applied.length} migration(s) in ${took}:\n${applied.map((name) => `  ${name}`).join('\n')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
