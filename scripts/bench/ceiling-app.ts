/**
 * The app without its request pipeline (npm run bench:ceiling): the app's own schema, context and
 * compiled execution on bare graphql-yoga, reading the bench's database through the app's own data
 * path (the page statement, the pg pool), but with none of the plugins around execution — no request
 * id and its async context, security headers, CORS, limits, CSRF and form checks, probes, deadline,
 * metrics or access log. Against the app it shows what that pipeline costs a request; against
 * PostGraphile, what the app's execution and data path cost. Never a way to serve the app: it is the
 * app with its safety removed.
 */
import { createServer } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { config } from '../../src/config.js';
import { useCompiledExecution } from '../../src/graphql/compiled-execution.js';
import { createContext } from '../../src/graphql/context.js';
import { schema } from '../../src/graphql/schema.js';

const yoga = createYoga({
  schema,
  context: createContext,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: false,
  // As the app has it: Yoga's own body limit streams every body through a TransformStream.
  maxRequestBodySize: false,
  plugins: [useCompiledExecution({ after: config.COMPILE_AFTER_EXECUTIONS })],
});
createServer(yoga).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
