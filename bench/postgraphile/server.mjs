/* global process, console */
// PostGraphile 5 as a reference for `npm run bench`: reflects the database in DATABASE_URL (public
// schema) with the amber preset and simplified inflection, served by grafserv on node:http at
// 127.0.0.1:PORT, in production mode. Dev-only; not part of the app.
import { createServer } from 'node:http';

// PostGraphile 5 declares Node >= 22; on Node 20 it only misses Promise.withResolvers.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');
const { PgSimplifyInflectionPreset } = await import('@graphile/simplify-inflection');

// Enum columns are not orderable by default ("unlikely to be useful"), but the app orders dates by
// (date, precision): let every attribute be ordered by, so both servers sort the same way.
const OrderByEveryAttributePlugin = {
  name: 'BenchOrderByEveryAttributePlugin',
  version: '0.0.0',
  schema: {
    entityBehavior: {
      pgCodecAttribute: {
        override: {
          provides: ['benchOrderBy'],
          after: ['inferred'],
          callback: (behavior) => [behavior, 'attribute:orderBy'],
        },
      },
    },
  },
};

const port = Number(process.env.PORT ?? 5678);
const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  // Amber only offers orderBy on indexed columns; the bench orders as the app does (by date, then
  // precision, then id), whatever the indexes.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  plugins: [OrderByEveryAttributePlugin],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: (process.env.PG_SCHEMAS ?? 'public').split(','),
      // The same pool size as the app's default (DB_POOL_MAX).
      poolConfig: { max: Number(process.env.DB_POOL_MAX ?? 10) },
    }),
  ],
  grafserv: { port, graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((error) => {
  console.error(error);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => console.log(`postgraphile listening on http://127.0.0.1:${port}/graphql`));
const stop = () => {
  server.close();
  server.closeAllConnections();
  void pgl.release().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
