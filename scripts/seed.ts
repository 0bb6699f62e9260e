/**
 * npm run db:seed [-- <dataset.yaml>]: loads the knowledge base into the configured database.
 *
 * Validates the whole file first (a bad file writes nothing), then writes it in one transaction.
 * Idempotent: re-running updates the dataset's rows in place and deletes nothing. Migrations are
 * not applied here (npm run db:migrate does that), so a database without tables fails loudly.
 */
import { closeDatabase, prisma, sql } from '../src/db.js';
import { DEFAULT_DATASET_PATH, loadDataset } from '../src/seed/dataset.js';
import { SEED_MODELS, seedDatabase } from '../src/seed/load.js';

const path = process.argv[2] ?? DEFAULT_DATASET_PATH;

try {
  const dataset = await loadDataset(path);
  const summary = await seedDatabase(prisma, dataset);
  console.log(`Seeded ${sql.description} from ${path}`);
  console.table(
    Object.fromEntries(SEED_MODELS.map((model) => [model, { written: summary.written[model], created: summary.created[model] }])),
  );
} catch (error) {
  // A DatasetError's message already lists every problem with its place in the file.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
