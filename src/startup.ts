import { config } from './config.js';
import { prisma, sql } from './db.js';
import { applyMigrations } from './db/migrations.js';
import { logger } from './logger.js';
import { DEFAULT_DATASET_PATH, loadDataset } from './seed/dataset.js';
import { seedDatabase } from './seed/load.js';

/**
 * Brings the database to the state the code expects before the first request: pending migrations
 * applied, and the bundled knowledge base loaded into an empty database (SEED_ON_START).
 */
export async function prepareDatabase(): Promise<void> {
  if (config.MIGRATE_ON_START) {
    const { applied } = await applyMigrations(sql);
    logger.info({ database: sql.description, applied }, applied.length ? 'applied migrations' : 'database schema up to date');
  }
  const seed = config.SEED_ON_START;
  if (seed === 'never') return;
  if (seed === 'auto' && (await prisma.conflict.count()) > 0) return;
  const summary = await seedDatabase(prisma, await loadDataset(DEFAULT_DATASET_PATH));
  logger.info({ summary }, 'loaded the bundled knowledge base');
}
