import { createServer } from 'node:http';
import { config } from './config.js';
import { closeDatabase, sql } from './db.js';
import { logger } from './logger.js';
import { prepareDatabase } from './startup.js';
import { yoga } from './yoga.js';

await prepareDatabase();

const server = createServer(yoga);
server.listen(config.PORT, config.HOST, () => {
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  logger.info({ database: sql.description }, `GraphQL endpoint and GraphiQL on http://${shown}:${config.PORT}${yoga.graphqlEndpoint}`);
});

// Finish in-flight requests, then release the database (PGlite must close cleanly to keep its files consistent).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => void closeDatabase().finally(() => process.exit(0)));
    server.closeAllConnections();
  });
}
