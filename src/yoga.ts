import { createYoga } from 'graphql-yoga';
import { config } from './config.js';
import { createContext } from './graphql/context.js';
import { maskError } from './graphql/errors.js';
import { schema } from './graphql/schema.js';
import { graphiql, renderGraphiQL } from './graphiql.js';
import { logger } from './logger.js';

/** The configured GraphQL server; `src/server.ts` listens with it, tests call `yoga.fetch`. */
export const yoga = createYoga({
  schema,
  context: createContext,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: config.GRAPHIQL ? graphiql : false,
  renderGraphiQL,
  // Error masking stays on: unexpected errors reach clients as "Unexpected error." with
  // INTERNAL_SERVER_ERROR; expected ones keep their message and get a stable code (errors.ts).
  maskedErrors: { maskError },
  logging: {
    debug: (...args) => logger.debug(args.length > 1 ? { args } : {}, String(args[0])),
    info: (...args) => logger.info(args.length > 1 ? { args } : {}, String(args[0])),
    warn: (...args) => logger.warn(args.length > 1 ? { args } : {}, String(args[0])),
    error: (...args) => logger.error(args.length > 1 ? { args } : {}, String(args[0])),
  },
});
