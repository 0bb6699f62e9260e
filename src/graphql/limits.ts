import { IncomingMessage } from 'node:http';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { createComplexityRule, type FieldComplexityFunction } from '@pothos/plugin-complexity';
import {
  type ASTVisitor,
  buildSchema,
  type DocumentNode,
  type GraphQLSchema,
  isInterfaceType,
  printSchema,
  getNamedType,
  GraphQLError,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  Lexer,
  Source,
  type GraphQLOutputType,
  type SelectionSetNode,
  TokenKind,
  validate,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { createGraphQLError, type FetchAPI, type Plugin } from 'graphql-yoga';
import type { Context } from './context.js';

/**
 * Limits on what one request may ask for, checked before any resolver runs (issue 5): a cheap
 * request must never be able to take the service down. Every rejection carries a stable code and
 * says which limit was hit and by how much, so a client can fix its query.
 */

/** Codes of limit rejections (sent as `extensions.code`; never renamed). */
export const LimitErrorCode = {
  /** The operation exceeds a limit on its shape or cost (`extensions.limit` says which). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The request body (POST) or query string (GET) is larger than `MAX_BODY_BYTES` (HTTP 413). */
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
} as const;

/** Values of `extensions.limit`, one per configured limit. */
export type LimitName = 'cost' | 'depth' | 'aliases' | 'rootFields' | 'tokens' | 'directives' | 'listLength' | 'bodyBytes';

export interface OperationLimits {
  maxCost: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  maxListLength: number;
  maxBodyBytes: number;
  /** Milliseconds to wait before answering a refused request (0: answer at once). */
  refusalDelayMs: number;
}

export function limitsFromConfig(config: {
  MAX_QUERY_COST: number;
  MAX_DEPTH: number;
  MAX_ALIASES: number;
  MAX_ROOT_FIELDS: number;
  MAX_TOKENS: number;
  MAX_DIRECTIVES: number;
  MAX_LIST_ARGUMENT_LENGTH: number;
  MAX_BODY_BYTES: number;
  LIMIT_REFUSAL_DELAY_MS: number;
}): OperationLimits {
  return {
    maxCost: config.MAX_QUERY_COST,
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxRootFields: config.MAX_ROOT_FIELDS,
    maxTokens: config.MAX_TOKENS,
    maxDirectives: config.MAX_DIRECTIVES,
    maxListLength: config.MAX_LIST_ARGUMENT_LENGTH,
    maxBodyBytes: config.MAX_BODY_BYTES,
    refusalDelayMs: config.LIMIT_REFUSAL_DELAY_MS,
  };
}

// ---------------------------------------------------------------------------------------------
// Cost model (used by @pothos/plugin-complexity, configured in builder.ts)
// ---------------------------------------------------------------------------------------------

/** Page size of a connection without `first`/`last`, and the most it returns (builder.ts). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/**
 * Lists that are not connections are small by nature (a fact's sources, an event's participants,
 * a lawsuit's claims): lists that can grow are connections. Each counts as this many items.
 */
export const SMALL_LIST_SIZE = 5;

/**
 * The cost of a field, for Pothos's complexity plugin: every field costs 1, and what is selected
 * under a list counts once per item it may return. A connection returns at most `first`/`last`
 * items (20 without either, never more than 100) and fetches one more row to tell `hasNextPage`,
 * so everything under it counts that many times; its `edges` list then does not multiply again.
 * `nodes(ids:)` returns one item per id. The result is an upper estimate of the number of values in
 * the response, computed from the document alone.
 */
export const fieldComplexity: FieldComplexityFunction<Context, Record<string, unknown>> = (args, _ctx, field) => {
  if (isConnection(field.type)) return { field: 1, multiplier: pageRows(args) };
  if (!isList(field.type)) return 1;
  if (field.name === 'edges') return { field: 1, multiplier: 1 };
  if (Array.isArray(args.ids)) return { field: 1, multiplier: args.ids.length };
  return { field: 1, multiplier: SMALL_LIST_SIZE };
};

function pageRows(args: Record<string, unknown>): number {
  const requested = [args.first, args.last].filter((n): n is number => typeof n === 'number');
  const size = requested.length ? Math.max(...requested) : DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(size, 0), MAX_PAGE_SIZE) + 1;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function isConnection(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  if (!isObjectType(named)) return false;
  const fields = named.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

const LIMIT_TEXT: Record<LimitName, string> = {
  cost: 'Query cost',
  depth: 'Query depth',
  aliases: 'Number of aliases',
  rootFields: 'Number of root fields',
  tokens: 'Number of tokens in the document',
  directives: 'Number of directives',
  listLength: 'Number of entries in a list argument',
  bodyBytes: 'Request size in bytes',
};

const CONFIG_NAME: Record<LimitName, string> = {
  cost: 'MAX_QUERY_COST',
  depth: 'MAX_DEPTH',
  aliases: 'MAX_ALIASES',
  rootFields: 'MAX_ROOT_FIELDS',
  tokens: 'MAX_TOKENS',
  directives: 'MAX_DIRECTIVES',
  listLength: 'MAX_LIST_ARGUMENT_LENGTH',
  bodyBytes: 'MAX_BODY_BYTES',
};

const format = (n: number) => n.toLocaleString('en-US');

/**
 * A limit rejection. `actual` is undefined when counting stopped at the limit (a streamed body).
 * `http.spec` marks it like Yoga's own validation errors: HTTP 400 for
 * `application/graphql-response+json` clients, 200 for legacy `application/json` ones.
 */
export function limitExceeded(
  limit: LimitName,
  max: number,
  actual: number | undefined,
  options: { detail?: string; status?: number; extra?: Record<string, unknown> } = {},
): GraphQLError {
  const amount =
    actual === undefined ? `is more than the maximum of ${format(max)}` : `is ${format(actual)}, ${format(actual - max)} over the maximum of ${format(max)}`;
  const detail = options.detail ? ` ${options.detail}` : '';
  const status = options.status ?? 400;
  return createGraphQLError(`${LIMIT_TEXT[limit]} ${amount}.${detail}`, {
    extensions: {
      code: limit === 'bodyBytes' ? LimitErrorCode.REQUEST_TOO_LARGE : LimitErrorCode.QUERY_TOO_COMPLEX,
      limit,
      max,
      ...(actual === undefined ? {} : { actual }),
      setting: CONFIG_NAME[limit],
      ...options.extra,
      // A refused body is not read further: closing the connection spares draining the rest of it.
      http: status === 400 ? { status, spec: true } : { status, headers: { connection: 'close' } },
    },
  });
}

function isLimitError(error: GraphQLError): boolean {
  return error.extensions?.code === LimitErrorCode.QUERY_TOO_COMPLEX;
}

/** Whether a result (or any result of a batch) refuses its request for a limit. */
function isRefusal(result: unknown): boolean {
  if (Array.isArray(result)) return result.some(isRefusal);
  const errors = (result as { errors?: readonly { extensions?: Record<string, unknown> }[] } | null)?.errors;
  return Array.isArray(errors) && errors.some((e) => e.extensions?.code === LimitErrorCode.QUERY_TOO_COMPLEX || e.extensions?.code === LimitErrorCode.REQUEST_TOO_LARGE);
}

// ---------------------------------------------------------------------------------------------
// Validation rules armor has no equivalent for
// ---------------------------------------------------------------------------------------------

/** Root fields per operation (aliases included): each is resolved on its own, with its own SQL. */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const count = countFields(context, operation.selectionSet, new Set());
      if (count > max) context.reportError(limitExceeded('rootFields', max, count, { detail: 'Split the operation into several requests.' }));
      return false;
    },
  });
}

function countFields(context: ValidationContext, selectionSet: SelectionSetNode, visiting: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countFields(context, selection.selectionSet, visiting);
    else {
      const fragment = context.getFragment(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue; // unknown or cyclic: the spec rules report it
      visiting.add(fragment.name.value);
      count += countFields(context, fragment.selectionSet, visiting);
      visiting.delete(fragment.name.value);
    }
  }
  return count;
}

/** Lists written in the document itself (`nodes(ids: [...])`, `events(kinds: [...])`). */
function maxListLiteralRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    ListValue(list) {
      if (list.values.length > max) context.reportError(limitExceeded('listLength', max, list.values.length, { detail: 'Ask in several requests.' }));
    },
  });
}

/** The longest list in the variables (values of list arguments), with its path. */
function longestVariableList(value: unknown, path: string, max: number): { path: string; length: number } | undefined {
  if (Array.isArray(value)) {
    if (value.length > max) return { path, length: value.length };
    for (let i = 0; i < value.length; i++) {
      const found = longestVariableList(value[i], `${path}[${i}]`, max);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = longestVariableList(inner, `${path}.${key}`, max);
      if (found) return found;
    }
  }
  return undefined;
}

function countTokens(source: string): number | undefined {
  try {
    const lexer = new Lexer(new Source(source));
    let count = 0;
    while (lexer.advance().kind !== TokenKind.EOF) count++;
    return count;
  } catch {
    return undefined; // not lexable past some point: the limit was still exceeded
  }
}

// ---------------------------------------------------------------------------------------------
// The Yoga plugin
// ---------------------------------------------------------------------------------------------

/** What `extensions.cost` of a response says: the operation's cost and the configured maximum. */
export interface OperationCost {
  requested: number;
  maximum: number;
}

/**
 * Enforces `limits` on every request, in the cheapest order: request size while the body streams
 * in, list lengths in variables before parsing, tokens while parsing, then depth, aliases,
 * directives, root fields and literal list lengths during validation, and the cost before
 * execution starts (it depends on the variables, so it cannot share Yoga's validation cache).
 * The cost of every executed operation is published in `extensions.cost`. A client's repeated
 * refusals (within a second of the previous one) are answered after `refusalDelayMs`.
 */
export function useOperationLimits(limits: OperationLimits): Plugin {
  // graphql-armor ships the shape limits; its own cost limit does not know connection sizes
  // (Pothos's does), and hiding field suggestions belongs with the introspection switch.
  const armor = new EnvelopArmor({
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: {
      n: limits.maxTokens,
      propagateOnRejection: false,
      onReject: [
        (_context, error) => {
          throw limitExceeded('tokens', limits.maxTokens, tokensOf(error), { detail: 'Send a shorter document.' });
        },
      ],
    },
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [reportArmor('depth', limits.maxDepth, 'Select fewer nested levels.')],
    },
    maxAliases: {
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [reportArmor('aliases', limits.maxAliases, 'Split the operation into several requests.')],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reportArmor('directives', limits.maxDirectives)],
    },
  });
  // The source being parsed, to count its tokens when armor stops at the limit.
  let parsing: string | undefined;
  const tokensOf = (_error: GraphQLError) => (parsing === undefined ? undefined : countTokens(parsing));

  return {
    onPluginInit({ addPlugin }) {
      for (const plugin of armor.protect().plugins) addPlugin(plugin as Plugin);
      addPlugin(limitsPlugin(limits, (source) => (parsing = source)));
    },
  };
}

function reportArmor(limit: LimitName, max: number, detail?: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    // armor's message ends with "…exceeded, found N." when exposeLimits is on (its default)
    const found = /found (\d+)/.exec(error.message);
    context?.reportError(limitExceeded(limit, max, found ? Number(found[1]) : undefined, { detail }));
  };
}

/** How long a refused client counts as a repeat offender. */
const REFUSAL_WINDOW_MS = 1_000;
/** Clients remembered at most; past this everyone counts as a repeat offender (the table stays small). */
const MAX_REMEMBERED_CLIENTS = 10_000;

/**
 * Clients refused within the last REFUSAL_WINDOW_MS. A client's first refusal is answered at once
 * (a developer who asked for too much learns it immediately, in well under 50 ms); further ones
 * within the window wait, so a client that sends over-limit requests in a loop is slowed down.
 */
class RecentRefusals {
  readonly #lastRefusedAt = new Map<string, number>();

  /** Records a refusal of `client`; true when it was already refused within the window. */
  isRepeat(client: string, now = performance.now()): boolean {
    const last = this.#lastRefusedAt.get(client);
    if (this.#lastRefusedAt.size >= MAX_REMEMBERED_CLIENTS) {
      for (const [known, at] of this.#lastRefusedAt) if (now - at >= REFUSAL_WINDOW_MS) this.#lastRefusedAt.delete(known);
    }
    if (last === undefined && this.#lastRefusedAt.size >= MAX_REMEMBERED_CLIENTS) return true;
    this.#lastRefusedAt.delete(client); // re-inserted last: the map stays in refusal order
    this.#lastRefusedAt.set(client, now);
    return last !== undefined && now - last < REFUSAL_WINDOW_MS;
  }
}

/** The peer's address on a Node server; one shared key for in-process calls (`yoga.fetch`). */
function clientOf(serverContext: unknown): string {
  return (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket?.remoteAddress ?? 'in-process';
}

function limitsPlugin(limits: OperationLimits, onSource: (source: string | undefined) => void): Plugin {
  const recentRefusals = new RecentRefusals();
  return {
    onRequestParse({ request, url, requestParser, setRequestParser, fetchAPI, serverContext }) {
      if (request.method === 'GET') {
        // The query string carries the whole operation on GET.
        const size = Buffer.byteLength(url.search);
        if (size > limits.maxBodyBytes) throw limitExceeded('bodyBytes', limits.maxBodyBytes, size, { status: 413, detail: 'Send large operations with POST.' });
        return;
      }
      const declared = request.headers.get('content-length');
      if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limits.maxBodyBytes) {
        throw limitExceeded('bodyBytes', limits.maxBodyBytes, Number(declared), { status: 413 });
      }
      // Node's HTTP server delivers exactly the declared content-length as the body (any further
      // bytes are parsed as the next request), so a declared length within the limit bounds it.
      if (declared !== null && /^\d+$/.test(declared) && isNodeRequest(serverContext)) return;
      // Without a (truthful) content-length, e.g. a chunked body or an in-process `yoga.fetch`: count
      // while it streams in and stop reading at the limit, so an oversized body is never buffered whole.
      if (requestParser && request.body) {
        const parse = requestParser;
        setRequestParser((req) => parse(limitBody(req, limits.maxBodyBytes, fetchAPI)));
      }
    },
    onParams({ params }) {
      // Before parsing and variable coercion: coercing a million enum values alone blocks the process.
      const tooLong = longestVariableList(params.variables, 'variables', limits.maxListLength);
      if (tooLong) throw limitExceeded('listLength', limits.maxListLength, tooLong.length, { detail: `At ${tooLong.path}.`, extra: { path: tooLong.path } });
    },
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        onSource(typeof source === 'string' ? source : source.body);
        try {
          return parseFn(source, options);
        } catch (error) {
          // Only reachable when MAX_TOKENS is raised far: graphql-js parses recursively.
          if (error instanceof RangeError) throw limitExceeded('depth', limits.maxDepth, undefined, { detail: 'The document nests too deeply to be parsed.' });
          throw error;
        } finally {
          onSource(undefined);
        }
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxRootFieldsRule(limits.maxRootFields));
      addValidationRule(maxListLiteralRule(limits.maxListLength));
      return ({ result, setResult }) => {
        // A document over a limit gets only the limit errors, not also everything else wrong with it.
        const limitErrors = result.filter(isLimitError);
        if (limitErrors.length) setResult(limitErrors);
      };
    },
    // A client that sends over-limit requests in a loop gets its answers late: the wait costs no CPU,
    // and it keeps a few such clients from taking the server's time away from everyone else
    // (npm run bench:abuse measures that).
    onResultProcess({ result, serverContext }) {
      if (limits.refusalDelayMs > 0 && isRefusal(result) && recentRefusals.isRepeat(clientOf(serverContext))) {
        return new Promise<void>((resolve) => setTimeout(resolve, limits.refusalDelayMs));
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const cost = costOf(args);
      if (cost === undefined) return;
      const requested = cost;
      if (requested > limits.maxCost) {
        setResultAndStopExecution({
          errors: [limitExceeded('cost', limits.maxCost, requested, { detail: 'Ask for smaller pages (`first`/`last`) or fewer nested lists.' })],
          extensions: { cost: { requested, maximum: limits.maxCost } },
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, cost: { requested, maximum: limits.maxCost } } });
        },
      };
    },
  };
}

/** Costs computed per parsed document (Yoga's parser cache hands out the same object for the same text), by operation and variables. */
const costs = new WeakMap<DocumentNode, Map<string, number | undefined>>();
/** Variants remembered per document: enough for the pages of a client's queries, bounded for any client. */
const MAX_COSTS_PER_DOCUMENT = 64;

/**
 * The cost of an operation (see `fieldComplexity`): a function of the document, the operation name
 * and the variables only, so it is computed once per such triple and remembered — computing it
 * walks the whole document, which on a small query cost more than its execution.
 */
function costOf(args: { schema: GraphQLSchema; document: DocumentNode; contextValue: unknown; variableValues?: unknown; operationName?: string | null }): number | undefined {
  let known = costs.get(args.document);
  if (!known) costs.set(args.document, (known = new Map()));
  const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
  if (known.has(key)) return known.get(key);
  let cost: number | undefined;
  // Pothos's rule computes the cost (it coerces the variables itself; when they are invalid,
  // execution reports that as usual).
  validate(costSchemaOf(args.schema), args.document, [
    createComplexityRule({
      context: args.contextValue as object,
      variableValues: (args.variableValues ?? {}) as Record<string, unknown>,
      operationName: args.operationName ?? undefined,
      validate: ({ complexity }) => {
        cost = complexity;
      },
    }),
  ]);
  if (known.size >= MAX_COSTS_PER_DOCUMENT) known.clear();
  known.set(key, cost);
  return cost;
}

/** Whether the request came through Node's HTTP server (Yoga's server context then holds its `req`). */
function isNodeRequest(serverContext: unknown): boolean {
  const req = (serverContext as { req?: unknown } | undefined)?.req;
  return req instanceof IncomingMessage;
}

const costSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();

/**
 * The schema the cost is computed on: the same types and field costs, without Pothos's argument
 * mappers. Pothos's complexity rule maps each field's arguments before asking its cost, and the
 * mappers reject malformed IDs and cursors (input-validation.ts). The cost needs only the raw
 * `first`/`last` and list lengths, and such a mistake must keep its field-level BAD_USER_INPUT
 * error (with `data`), not turn into an error of the whole request, nor skip the cost limit.
 */
function costSchemaOf(schema: GraphQLSchema): GraphQLSchema {
  let costSchema = costSchemas.get(schema);
  if (!costSchema) {
    costSchema = buildSchema(printSchema(schema));
    for (const type of Object.values(costSchema.getTypeMap())) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      const original = schema.getType(type.name) as typeof type;
      for (const field of Object.values(type.getFields())) {
        (field as { extensions: object }).extensions = { complexity: original.getFields()[field.name]?.extensions?.complexity };
      }
    }
    costSchemas.set(schema, costSchema);
  }
  return costSchema;
}

function limitBody(request: Request, limit: number, fetchAPI: FetchAPI): Request {
  let received = 0;
  // As in Yoga's own body limit: Node's native stream needs the native TransformStream.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const counted = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) controller.error(limitExceeded('bodyBytes', limit, undefined, { status: 413 }));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: counted, duplex: 'half' } as RequestInit);
}
