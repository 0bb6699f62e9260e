import { createLRUCache, createYoga, type YogaServerOptions } from 'graphql-yoga';
import { config } from './config.js';
import { poolStats } from './db.js';
import { createContext } from './graphql/context.js';
import { useCompiledExecution } from './graphql/compiled-execution.js';
import { useRequestDeadline } from './graphql/deadline.js';
import { maskError } from './graphql/errors.js';
import { useRequestContract } from './graphql/request-contract.js';
import { limitsFromConfig, useOperationLimits } from './graphql/limits.js';
import { schema } from './graphql/schema.js';
import { graphiql, renderGraphiQL, useGraphiQLAssets } from './graphiql.js';
import { checkReadiness, useProbe } from './health.js';
import { logger } from './logger.js';
import { corsOptions, useCodedCSRFPrevention, useRefuseFormPosts, useSecurityHeaders } from './plugins/browser-security.js';
import { useIntrospectionSwitch } from './plugins/introspection.js';
import { useMetrics } from './plugins/metrics.js';
import { useRequestId } from './plugins/request-id.js';

/**
 * Yoga's caches of parsed and validated documents (and of parse errors), at most `size` documents
 * each, least recently used out first. A parsed document keeps its tokens and locations: up to
 * ~0.5 MB for a large one within the limits, so Yoga's default of 1,024 let a client sending new
 * large documents take the server to 730–750 MB of RSS; 128 kept it at 250 MB (README Limits).
 */
export function documentCaches(size: number): YogaServerOptions<object, object>['parserAndValidationCache'] {
  return { documentCache: createLRUCache({ max: size }), errorCache: createLRUCache({ max: size }) };
}

/** The configured GraphQL server; `src/server.ts` listens with it, tests call `yoga.fetch`. */
export const yoga = createYoga({
  schema,
  context: createContext,
  graphqlEndpoint: '/graphql',
  // Liveness: 200 while the process serves HTTP, whatever the database does. `/health` (Yoga's
  // default, used by probes written before) stays as an alias below.
  healthCheckEndpoint: '/healthz',
  landingPage: false,
  graphiql: config.GRAPHIQL ? graphiql : false,
  renderGraphiQL,
  // Error masking stays on: unexpected errors reach clients as "Unexpected error." with
  // INTERNAL_SERVER_ERROR; expected ones keep their message and get a stable code (errors.ts).
  // Details of internal errors only with an explicit EXPOSE_ERROR_DETAILS=true (Yoga would
  // otherwise expose them whenever NODE_ENV=development).
  maskedErrors: { maskError, isDev: config.EXPOSE_ERROR_DETAILS },
  cors: corsOptions(config.CORS_ORIGINS, config.CORS_CREDENTIALS),
  plugins: [
    // First: the request id must be set before anything else logs.
    useRequestId(),
    useSecurityHeaders(),
    // Size, shape and cost limits (src/graphql/limits.ts): a request over a limit is refused
    // before anything else reads it. The body size is enforced there too, with the same coded
    // error as every other limit, so Yoga's own (uncoded, 25 MB) limit is off.
    useOperationLimits(limitsFromConfig(config)),
    // Browser protection: form posts and requests that need no preflight (CSRF) are refused.
    useRefuseFormPosts(),
    useCodedCSRFPrevention(),
    useRequestContract(),
    useProbe('/health', () => new Response(null, { status: 200 })),
    // Readiness: database reachable and migrated (src/health.ts).
    useProbe('/readyz', checkReadiness),
    // Compiled execution (src/graphql/compiled-execution.ts); before the deadline, which wraps it.
    ...(config.COMPILE_AFTER_EXECUTIONS >= 0 ? [useCompiledExecution({ after: config.COMPILE_AFTER_EXECUTIONS })] : []),
    // The deadline and cancellation of every execution (src/graphql/deadline.ts).
    useRequestDeadline(config.REQUEST_TIMEOUT_MS),
    ...(config.GRAPHIQL ? [useGraphiQLAssets()] : []),
    ...useIntrospectionSwitch(config.INTROSPECTION),
    ...(config.METRICS ? [useMetrics({ poolUsage: () => poolStats() ?? undefined })] : []),
  ],
  maxRequestBodySize: false,
  parserAndValidationCache: documentCaches(config.DOCUMENT_CACHE_SIZE),
  logging: {
    debug: (...args) => logger.debug(args.length > 1 ? { args } : {}, String(args[0])),
    info: (...args) => logger.info(args.length > 1 ? { args } : {}, String(args[0])),
    warn: (...args) => logger.warn(args.length > 1 ? { args } : {}, String(args[0])),
    // Yoga logs an error object at error level each time maskError changed it (up to twice per
    // request). maskError has already logged it once at the right level, with the stack when it
    // was internal, so Yoga's copy goes to debug.
    error: (...args) =>
      args.length === 1 && args[0] instanceof Error ? logger.debug({ err: args[0] }, 'error seen by Yoga') : logger.error(args.length > 1 ? { args } : {}, String(args[0])),
  },
});
