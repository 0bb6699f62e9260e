import { z } from 'zod';

/**
 * The whole runtime configuration, read once from the environment and validated. Every variable is
 * described here and in `.env.example`; an invalid value stops the process at start with a message
 * naming the variable, never half-way through a request.
 */
const ConfigSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('Runtime mode. `production` turns off GraphiQL-only conveniences and dev-time checks.'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface the HTTP server binds to.'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000).describe('HTTP port of the GraphQL endpoint.'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('PostgreSQL connection URL. When unset, an embedded PostgreSQL (PGlite) stored in EMBEDDED_DB_DIR is used.'),
  EMBEDDED_DB_DIR: z
    .string()
    .min(1)
    .default('.data/pglite')
    .describe('Directory of the embedded PostgreSQL when DATABASE_URL is unset; `memory://` keeps it in memory (tests).'),
  EMBEDDED_DB_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9][0-9]*(kB|MB|GB)$/, 'a size such as 16MB (units kB, MB, GB)')
    .default('16MB')
    .describe(
      "PostgreSQL `shared_buffers` of the embedded database (its page cache; e.g. 16MB, 64MB). PGlite allocates and touches all of it at start, in the process's own memory: initdb's 128MB cost about 120 MB of RSS for this 25 MB knowledge base. Raise it for a larger embedded database. Ignored with DATABASE_URL.",
    ),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10).describe('Maximum connections in the PostgreSQL pool (server mode only).'),
  DB_PREPARED_STATEMENTS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(500)
    .describe('Distinct SQL statements kept prepared on each pool connection, so PostgreSQL parses them once and plans them once where a generic plan serves (server mode; 0: none). Statements beyond it run unprepared.'),
  REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe('Deadline of one GraphQL request in ms: past it the client gets TIMEOUT (HTTP 503) and its SQL is cancelled.'),
  DB_STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(5_000)
    .describe('PostgreSQL `statement_timeout` of every pool connection in ms (server mode; migrations are exempt).'),
  DB_CONNECT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(2_000)
    .describe('How long a request waits for a pool connection (including opening one) in ms before SERVICE_UNAVAILABLE; unanswered statements fail after DB_STATEMENT_TIMEOUT_MS plus this.'),
  STARTUP_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(60_000)
    .describe('How long start-up retries an unreachable database (with back-off, one log line per try) before exiting with status 1.'),
  SHUTDOWN_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10_000)
    .describe('On SIGTERM/SIGINT: how long in-flight requests may finish after the server stops accepting, before the rest are cut and the pool closes.'),
  HEAP_GROWING_PERCENT: z.coerce
    .number()
    .int()
    .min(0)
    .max(400)
    .optional()
    .describe(
      "How much V8 may grow the JavaScript heap after each full garbage collection, in percent of what survived it (the process and the embedded database's worker); 0 leaves V8's own choice. Default: 100 with DATABASE_URL, 60 on the embedded database. V8 grows it up to 4x under load, which took the server to 340-540 MB of RSS while the live heap stays near 60 MB. On a PostgreSQL server 100 kept it under 250 MB and 60 under 230 MB over the bench's queries, and 60 cost 3-11% of req/s (A/B at 100k quotes, README Memory); the embedded database's WebAssembly leaves room for 60 only. Raise it or set 0 to trade memory for throughput. On a PostgreSQL server it is the least growth: HEAP_RSS_BUDGET_MB may allow up to HEAP_ROOMY_GROWING_PERCENT.",
    ),
  HEAP_ROOMY_GROWING_PERCENT: z.coerce
    .number()
    .int()
    .min(0)
    .max(400)
    .default(200)
    .describe(
      "On a PostgreSQL server, the most V8 may grow the JavaScript heap after a full garbage collection (as HEAP_GROWING_PERCENT) when HEAP_RSS_BUDGET_MB leaves the room; never less than HEAP_GROWING_PERCENT. 0 turns this off. Growing more means fewer full collections: with 200 the cheapest queries' p99 fell under PostGraphile's at 100k quotes (README Memory). Not on the embedded database.",
    ),
  HEAP_RSS_BUDGET_MB: z.coerce
    .number()
    .int()
    .min(0)
    .default(270)
    .describe("On a PostgreSQL server, the RSS in MB that the heap's growth after each full collection aims to stay under, between HEAP_GROWING_PERCENT and HEAP_ROOMY_GROWING_PERCENT: the room is the budget less the rest of the process (the young generation's 32 MB, and Prisma's query compiler, once loaded, 40-60 MB), and the next collection's survivors are taken as up to 1.25x the last's. 0 turns this off."),
  WASM_TIER_UP: z
    .stringbool()
    .default(false)
    .describe(
      "On a PostgreSQL server, whether V8 may recompile hot WebAssembly with its optimizing compiler. The only WebAssembly there is Prisma's query compiler, whose optimized code took 45-55 MB of RSS for no measurable CPU (A/B at 100k quotes, README Memory); off, it stays on V8's baseline compiler. The embedded database (PostgreSQL compiled to WebAssembly) always has it.",
    ),
  DOCUMENT_CACHE_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .default(128)
    .describe(
      'Parsed and validated GraphQL documents kept for reuse (least recently used out first). A large document can take ~0.5 MB parsed: with 1,024 (Yoga\'s default) a client sending new large documents took the server to 750 MB of RSS, with 128 to 250 MB.',
    ),
  COMPILE_AFTER_EXECUTIONS: z.coerce
    .number()
    .int()
    .min(-1)
    .default(1)
    .describe(
      'Executions of one GraphQL document by graphql-js before it is compiled (graphql-jit) for the executions after it; 0 compiles at the first, -1 never compiles. Compiled execution costs 2-19% less CPU per request (the most on nested queries); compiling costs 2-10x a parse, so one-off documents are left uncompiled, and compiling takes at most 10% of the process\'s time beyond a 1 s allowance (README Performance).',
    ),
  MIGRATE_ON_START: z
    .stringbool()
    .default(true)
    .describe('Apply pending migrations before the server starts listening.'),
  SEED_ON_START: z
    .enum(['auto', 'always', 'never'])
    .default('auto')
    .describe('Load the bundled knowledge base at start: `auto` only into an empty database, `always` re-applies it (idempotent), `never` skips it.'),
  GRAPHIQL: z.stringbool().default(true).describe('Serve the GraphiQL explorer on GET /graphql.'),
  EXPOSE_ERROR_DETAILS: z
    .stringbool()
    .default(false)
    .describe(
      'Send internal error details (message, stack) to clients in `extensions.originalError`. For local debugging only; never implied by NODE_ENV.',
    ),
  MAX_QUERY_COST: z.coerce
    .number()
    .int()
    .min(1)
    .default(20000)
    .describe('Largest cost of one operation (about the number of values it may return: connections count first/last + 1 per item, other lists 5); reported in each response as `extensions.cost`.'),
  MAX_DEPTH: z.coerce.number().int().min(1).default(12).describe('Deepest nesting of fields in an operation (fragments do not add a level).'),
  MAX_ALIASES: z.coerce.number().int().min(0).default(20).describe('Most aliases in one operation.'),
  MAX_ROOT_FIELDS: z.coerce.number().int().min(1).default(10).describe('Most root fields (aliases included) in one operation.'),
  MAX_TOKENS: z.coerce.number().int().min(1).default(1000).describe('Most lexical tokens in a GraphQL document (names, punctuation, values).'),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50).describe('Most directives (e.g. @include) in one operation.'),
  MAX_LIST_ARGUMENT_LENGTH: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .describe('Most entries in one list argument or list variable (e.g. `nodes(ids:)`, `events(kinds:)`).'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(262144)
    .describe('Largest request body (POST) or query string (GET) in bytes; larger requests get HTTP 413 without being read further.'),
  LIMIT_REFUSAL_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10000)
    .default(100)
    .describe('Milliseconds to wait before answering a refusal by a limit (QUERY_TOO_COMPLEX, REQUEST_TOO_LARGE) that comes within a second of the same client address\'s previous refusal (a first refusal is answered at once): slows down clients that send such requests in a loop, at no CPU cost; 0 never waits.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level.'),
  INTROSPECTION: z
    .stringbool()
    .default(true)
    .describe('Answer introspection (`__schema`, `__type`), which GraphiQL and code generators need. When false, field suggestions ("Did you mean …") are hidden too.'),
  METRICS: z.stringbool().default(true).describe('Serve Prometheus metrics on GET /metrics (restrict that path at the proxy when the service is public).'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
      for (const origin of origins) {
        if (origin !== '*' && !isOrigin(origin)) ctx.addIssue({ code: 'custom', message: `not an origin (scheme://host[:port]): ${origin}` });
      }
      return origins;
    })
    .describe('Comma-separated browser origins allowed to call the API cross-origin (e.g. `https://app.example.org`), or `*` for any origin without credentials. Empty: same-origin only.'),
  CORS_CREDENTIALS: z
    .stringbool()
    .default(false)
    .describe('Let the origins in CORS_ORIGINS send cookies and HTTP authentication (never allowed with `*`).'),
});

/** The configuration, with the defaults that depend on other variables applied (`loadConfig`). */
export type Config = Omit<z.infer<typeof ConfigSchema>, 'HEAP_GROWING_PERCENT'> & { HEAP_GROWING_PERCENT: number };

/** HEAP_GROWING_PERCENT's default: a PostgreSQL server's process has the room, the embedded database's has not. */
const HEAP_GROWING_PERCENT_DEFAULT = { server: 100, embedded: 60 } as const;

/** `https://app.example.org`, `http://localhost:5173`: a scheme and host, nothing after them. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  // Credentials with a wildcard would let any site act with a visitor's cookies.
  if (parsed.data.CORS_CREDENTIALS && parsed.data.CORS_ORIGINS.includes('*')) {
    throw new Error('Invalid configuration:\n  CORS_CREDENTIALS: cannot be true while CORS_ORIGINS contains `*`; list the origins');
  }
  const heapGrowingPercent = parsed.data.HEAP_GROWING_PERCENT ?? HEAP_GROWING_PERCENT_DEFAULT[parsed.data.DATABASE_URL ? 'server' : 'embedded'];
  return { ...parsed.data, HEAP_GROWING_PERCENT: heapGrowingPercent };
}

/** Descriptions of every variable, for `.env.example` and the README (kept in step by a test). */
export const configDescriptions: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(ConfigSchema.shape).map(([key, schema]) => [key, schema.description]),
);

export const config = loadConfig();
