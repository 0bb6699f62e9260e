/**
 * Prepares the embedded database in a child process of the starting server (src/startup.ts,
 * `prepareDatabase`): migrations and the bundled knowledge base, as configured, then closes it
 * cleanly and exits, giving back all the memory the work took. Exit code 0 when it is ready.
 */
import { closeDatabase } from './db.js';
import { logger } from './logger.js';
import { prepareDatabaseHere } from './startup.js';

try {
  await prepareDatabaseHere({ reopen: false });
  await closeDatabase();
} catch (error) {
  logger.fatal({ err: error }, 'preparing the embedded database failed');
  await closeDatabase().catch(() => {});
  process.exitCode = 1;
}
