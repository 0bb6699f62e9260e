// The embedded database every test file copies (tests/helpers/embedded-template.ts): migrated and
// seeded by the app's own start-up, in the folder EMBEDDED_DB_DIR names, then closed cleanly.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = 'warn';
process.env.SEED_ON_START = 'always';
process.env.MIGRATE_ON_START = 'true';
delete process.env.DATABASE_URL;

const { prepareDatabase } = await import('../../src/startup.js');
const { closeDatabase } = await import('../../src/db.js');
try {
  await prepareDatabase();
} finally {
  await closeDatabase();
}
