import { createServer, type ServerResponse } from 'node:http';
import { config } from './config.js';
import { growHeapWithinBudget, keepWasmOnBaselineCompiler, limitHeapGrowth } from './heap.js';
import { createRequestListener } from './http-listener.js';
import { closeDatabase, sql } from './db.js';
import { logger } from './logger.js';
import { prepareDatabase, StartupTimeoutError } from './startup.js';
import { yoga } from './yoga.js';

if (config.DATABASE_URL) {
  growHeapWithinBudget({ percent: config.HEAP_GROWING_PERCENT, roomyPercent: config.HEAP_ROOMY_GROWING_PERCENT, rssBudgetMb: config.HEAP_RSS_BUDGET_MB });
  keepWasmOnBaselineCompiler(config.WASM_TIER_UP);
} else {
  // The embedded database's worker shares the flag and its WebAssembly needs the room (README Memory).
  limitHeapGrowth(config.HEAP_GROWING_PERCENT);
}

try {
  await prepareDatabase();
} catch (error) {
  // One line, no stack, for the expected failure; the stack only for the unexpected ones.
  if (error instanceof StartupTimeoutError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'start-up failed');
  await closeDatabase().catch(() => {});
  process.exit(1);
}

const server = createServer(createRequestListener(yoga));
const inFlight = new Set<ServerResponse>();
let stopping = false;
server.on('request', (_request, response) => {
  // While draining, tell keep-alive clients to reconnect elsewhere after this response.
  if (stopping) response.setHeader('connection', 'close');
  inFlight.add(response);
  response.once('close', () => inFlight.delete(response));
});
server.listen(config.PORT, config.HOST, () => {
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  logger.info({ database: sql.description }, `GraphQL endpoint and GraphiQL on http://${shown}:${config.PORT}${yoga.graphqlEndpoint}`);
});

/**
 * Graceful shutdown: stop accepting connections, let in-flight requests finish for up to
 * SHUTDOWN_GRACE_MS (idle keep-alive connections are closed at once and after each response),
 * then cut what is left, and close the database last (PGlite must close cleanly to keep its
 * files consistent). A second signal exits at once — except the same signal within a second:
 * Ctrl-C under `npm start` delivers SIGINT twice (from the terminal and forwarded by npm).
 */
let firstSignal: { signal: NodeJS.Signals; at: number } | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      if (firstSignal?.signal === signal && Date.now() - firstSignal.at < 1000) return;
      logger.warn({ signal }, 'second signal during shutdown, exiting now');
      process.exit(1);
    }
    firstSignal = { signal, at: Date.now() };
    stopping = true;
    const started = performance.now();
    for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    logger.info({ signal, inFlight: inFlight.size, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: no new connections, draining in-flight requests');
    // A connection whose request just finished becomes idle: close it instead of waiting for its next request.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    const graceOver = setTimeout(() => {
      logger.warn({ inFlight: inFlight.size }, 'grace period over, closing the remaining connections');
      server.closeAllConnections();
    }, config.SHUTDOWN_GRACE_MS);
    void drained
      .then(async () => {
        clearTimeout(graceOver);
        clearInterval(idleSweep);
        await closeDatabase();
        logger.info({ drainedInMs: Math.round(performance.now() - started) }, 'shut down');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  });
}
