import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  getNamedType,
  GraphQLError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isLeafType,
  isObjectType,
  Kind,
  visit,
} from 'graphql';
import { compileQuery, type CompiledQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { logger } from '../logger.js';
import { wrappedByPrisma, wrapResolvers } from './loaded-columns.js';

export interface CompiledExecutionOptions {
  /** Executions of a document by graphql-js before it is compiled; 0 compiles at the first. */
  readonly after: number;
  /** Compilation time the budget holds when full, in ms (default 1,000: a start-up's worth of documents at once). */
  readonly budgetMs?: number;
  /** Share of the process's time compilation may take over time, at which the budget refills (default 0.1). */
  readonly budgetShare?: number;
  /**
   * Fields (in their documents) of all the operations kept compiled at once; past it, the least
   * recently executed are dropped (default 5,000). A compiled operation takes 2–9 KB of heap per
   * field: about 40 KB for the bench's headline query, 1.9 MB for a document of 220 fields.
   */
  readonly maxFields?: number;
}

interface Entry {
  runs: number;
  /** The compiled operation; null when graphql-jit cannot compile it; undefined until compiled. */
  query?: CompiledQuery | null;
  /** The document's field count, its weight against `maxFields`. */
  fields?: number;
}

/**
 * Compiled execution: an operation that keeps coming back is compiled (graphql-jit) into a function
 * that runs its resolvers without graphql-js's per-field bookkeeping — the executor's per-field
 * objects were the largest share of what a request allocated. 2–19% less server CPU per request on
 * the benchmark's queries, the most on nested ones (README Performance › Compiled execution).
 *
 * - Compiled per document and operation (Yoga's parser cache hands out one DocumentNode per query
 *   text). What stays compiled is bounded by its size (`maxFields`), least recently executed out
 *   first: a client sending new large documents must not fill the heap with compiled code.
 * - A document is compiled only after `after` executions by graphql-js, so one-off documents (a
 *   client exploring in GraphiQL, or sending a different document each time) never pay for a
 *   compilation, which costs 2–10× a parse and validation (40 ms for a large document within the
 *   limits). Compilation also draws on a time budget (`budgetShare` of the process's time, 10% by
 *   default): while it is spent, documents run through graphql-js and are compiled later, so no
 *   request pattern can make the server spend more than that on compiling.
 * - Requests whose variables do not coerce run through graphql-js, so their messages stay
 *   graphql-js's; an operation graphql-jit cannot compile runs through graphql-js (logged once).
 * - Errors keep their place in the document (`placed`), and resolvers beneath a field see the very
 *   path object it resolved with (`sharePathsInCompiledExecution`), as under graphql-js.
 * - Must come before the deadline plugin, which wraps whatever executor is set before it; the
 *   deadline still answers TIMEOUT and cancels the statements in flight.
 *
 * graphql-jit's own Envelop plugin (@envelop/graphql-jit) compiles every document at its first
 * execution and cannot fall back per request, hence this one.
 */
export function useCompiledExecution(options: CompiledExecutionOptions): Plugin {
  const entries = new WeakMap<DocumentNode, Map<string, Entry>>();
  const capacityMs = options.budgetMs ?? 1_000;
  const refillPerMs = options.budgetShare ?? 0.1;
  let budgetMs = capacityMs;
  let budgetAt = performance.now();
  const maxFields = options.maxFields ?? 5_000;
  // The compiled entries, least recently executed first, and their fields in all.
  const kept = new Set<Entry>();
  let keptFields = 0;
  const keep = (entry: Entry) => {
    kept.delete(entry);
    kept.add(entry);
  };
  const compiledFor = (args: ExecutionArgs): CompiledQuery | null => {
    let byOperation = entries.get(args.document);
    if (!byOperation) entries.set(args.document, (byOperation = new Map()));
    const operationName = args.operationName ?? '';
    let entry = byOperation.get(operationName);
    if (!entry) byOperation.set(operationName, (entry = { runs: 0 }));
    if (entry.query) {
      keep(entry);
      return entry.query;
    }
    if (entry.query === null || entry.runs++ < options.after) return null;
    const now = performance.now();
    budgetMs = Math.min(capacityMs, budgetMs + (now - budgetAt) * refillPerMs);
    budgetAt = now;
    if (budgetMs <= 0) return null;
    const compiled = compileQuery(args.schema, args.document, args.operationName ?? undefined);
    const compileMs = performance.now() - now;
    budgetMs -= compileMs;
    if (!isCompiledQuery(compiled)) {
      entry.query = null;
      logger.warn({ operationName: args.operationName, errors: (compiled as ExecutionResult).errors?.map((e) => e.message) }, 'operation not compiled; executed by graphql-js');
      return null;
    }
    entry.query = compiled;
    entry.fields = fieldsOf(args.document);
    keptFields += entry.fields;
    keep(entry);
    // Dropped ones run through graphql-js again and are compiled anew if they keep coming back.
    for (const oldest of kept) {
      if (keptFields <= maxFields || oldest === entry) break;
      kept.delete(oldest);
      keptFields -= oldest.fields ?? 0;
      oldest.query = undefined;
      oldest.runs = 0;
    }
    logger.debug({ operationName: args.operationName, compileMs: Math.round(compileMs * 10) / 10, fields: entry.fields }, 'operation compiled');
    return compiled;
  };
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const query = compiledFor(args);
        if (!query) return executeFn(args);
        const context = args.contextValue as object;
        compiledContexts.add(context);
        const result = query.query(args.rootValue, context, args.variableValues ?? {}) as ExecutionResult | Promise<ExecutionResult>;
        const settle = (answer: ExecutionResult) => {
          forgetPaths(context);
          // Variables that do not coerce are the only way graphql-jit answers without `data`.
          if (!('data' in answer)) return executeFn(args);
          if (answer.errors) (answer as { errors: GraphQLError[] }).errors = answer.errors.map((error) => placed(error, args.document));
          return answer;
        };
        return (result instanceof Promise ? result.then(settle) : settle(result)) as ReturnType<typeof executeFn>;
      });
    },
  };
}

/** The fields a document selects (aliases and fragments included). */
function fieldsOf(document: DocumentNode): number {
  let fields = 0;
  visit(document, {
    [Kind.FIELD]() {
      fields++;
    },
  });
  return fields;
}

/**
 * graphql-jit's errors carry their locations but no nodes or source, and Yoga rebuilds every error
 * from its nodes or its source and positions when it strips internal extensions, which would drop
 * the locations clients get under graphql-js. So each is rebuilt here at its place in the source.
 */
function placed(error: GraphQLError, document: DocumentNode): GraphQLError {
  const source = document.loc?.source;
  if (error.nodes || !error.locations || !source) return error;
  const lineStarts = [0];
  for (const end of source.body.matchAll(/\r\n|[\n\r]/g)) lineStarts.push(end.index + end[0].length);
  const positions = error.locations.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
  return new GraphQLError(error.message, { source, positions, path: error.path, originalError: error.originalError, extensions: error.extensions });
}

const compiledContexts = new WeakSet<object>();

/**
 * Drops a finished execution's entries. A WeakMap's value lives until its key is collected, and V8
 * collects dead keys' entries only in full collections: every young collection in between copies the
 * value and then promotes it. With the entries dropped as each request finishes, page 1 of all
 * quotes promoted 1.24 MB a young collection instead of 1.50, and ran 12 full collections in 5 s
 * instead of 15-16 (100k quotes, 20 connections). The deadline and the metrics drop theirs alike.
 */
function forgetPaths(context: object): void {
  compiledContexts.delete(context);
  rootPaths.delete(context);
}

type ResponsePath = GraphQLResolveInfo['path'];
const CHILDREN = Symbol('children');
type SharedPath = ResponsePath & { [CHILDREN]?: Map<string | number, SharedPath> };
const rootPaths = new WeakMap<object, Map<string | number, SharedPath>>();

/**
 * The one path object of `path`'s response position in this request. graphql-js hands every
 * resolver beneath a field the very path object that field resolved with (`path.prev`); compiled
 * code builds a fresh chain for every call. Pothos's Prisma plugin keys the scopes it records for
 * the rows beneath a field by that object, so without one shared object per position every nested
 * relation would miss its parent's plan and load its rows again, one statement per level.
 */
function sharedPath(context: object, path: ResponsePath): SharedPath {
  const prev = path.prev ? sharedPath(context, path.prev) : undefined;
  let siblings: Map<string | number, SharedPath> | undefined;
  if (prev) siblings = prev[CHILDREN] ??= new Map();
  else if (!(siblings = rootPaths.get(context))) rootPaths.set(context, (siblings = new Map()));
  let shared = siblings.get(path.key);
  if (!shared) siblings.set(path.key, (shared = { prev, key: path.key, typename: path.typename }));
  return shared;
}

/** The Relay plugin's own `node` resolver, as its source reads: `(parent)=>parent.node`. */
const PROPERTY_READ_OF_NODE = /^\(?\s*(\w+)\s*\)?\s*=>\s*\1\.node$/;

/**
 * Leaves the `node` field of every Relay edge type without a resolver where it has the Relay plugin's
 * own resolver, a plain read of `edge.node` (not wrapped by any plugin): the default resolver reads
 * the same property. A custom edge whose `node` computes something keeps it.
 *
 * Why: graphql-jit compiles a field with a resolver as a deferred call — per edge a resolve-info
 * object, a path link and three closures — and inlines a field without one. The edge's `node` handler
 * was the largest item of page 1's allocation (23 KB of ~300 KB a request, in a sampling heap profile
 * at 100k quotes), and young collections are what sets the p99 of the cheapest queries. The
 * resolvers beneath keep their shared paths (`sharedPath` follows the path by its keys).
 */
export function plainEdgeNodes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Edge')) continue;
    const node = type.getFields().node;
    const unwrapped = node?.resolve && node.extensions?.pothosResolveWrapped === false && node.resolve === node.extensions.pothosOriginalResolve;
    if (unwrapped && node.args.length === 0 && PROPERTY_READ_OF_NODE.test(String(node.resolve))) {
      node.resolve = undefined;
    }
  }
  return schema;
}

/**
 * Gives the resolvers that may record or look up Pothos's loader scopes (every field but a leaf the
 * Prisma plugin does not wrap) the request's shared path object when the operation runs compiled.
 */
export function sharePathsInCompiledExecution(schema: GraphQLSchema): GraphQLSchema {
  return wrapResolvers(schema, (field, resolve) => {
    if (isLeafType(getNamedType(field.type)) && !wrappedByPrisma(field)) return undefined;
    return (parent, args, context, info) => {
      if (compiledContexts.has(context as object)) (info as { path: ResponsePath }).path = sharedPath(context as object, info.path);
      return resolve(parent, args, context, info);
    };
  });
}
