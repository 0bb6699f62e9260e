import { sql } from '../../db.js';
import { currentRequestSignal } from '../../db/request-scope.js';
import { Prisma } from '../../generated/prisma/client.js';
import { getDatamodel } from '../../generated/pothos-prisma-types.js';

/**
 * Rows of a model by id (a page's nodes), by a unique key (a root field's row) or by other columns
 * (a timeline page's entries), with the selection Pothos planned for them (a Prisma
 * `select`/`include` tree), in ONE SQL statement in which PostgreSQL builds every nested relation as
 * JSON: the rows Prisma's `findMany({ ...query, where })` (or `findUnique`) returns, without
 * Prisma's client.
 *
 * Why: for a page of nodes with relations beneath (the headline query: events → participants →
 * actor → affiliations → organization), Prisma sends the same kind of statement (relation joins)
 * but then maps its JSON result twice in JavaScript (once to the selection's shape, once to typed
 * values), which was a sixth of the server's CPU for that query, and most of its garbage. Here the
 * driver parses the JSON (JSON.parse, native) and one pass types the few values JSON cannot carry
 * (dates, 64-bit integers), only where the selection has them.
 *
 * Only what Pothos's plans use is translated: selected or included columns and relations (to-one,
 * to-many, implicit many-to-many), relation filters that compare columns with values, and orders by
 * columns, and a to-many relation's first rows in its order (`take`). Anything else (a filter with
 * operators, a `take` without an order or from the end, `_count`, a type this does not read)
 * answers null, and the caller asks Prisma's client as before; tests/nested-rows.test.ts checks the
 * rows equal Prisma's for every shape translated.
 */

interface ModelField {
  name: string;
  kind: string;
  type: string;
  isList: boolean;
  relationName?: string;
  relationFromFields?: string[];
}

const MODELS = new Map(
  Object.entries(getDatamodel().datamodel.models).map(([name, model]) => [
    name,
    new Map((model.fields as readonly ModelField[]).map((field) => [field.name, field])),
  ]),
);

/**
 * Column types read by the app's own statements (here and the page statement, pages.ts) as Prisma
 * reads them (`columnSql`, `readColumn`); enums travel as text.
 */
const READABLE_TYPES = new Set(['String', 'Int', 'Float', 'Boolean', 'DateTime', 'BigInt']);

/**
 * A column as the app's statements select it. Dates as epoch milliseconds (exact: `extract` returns
 * numeric), because the drivers turn DATE and TIMESTAMP values into Dates in the process's local
 * time zone, where Prisma reads them as UTC.
 */
export function columnSql(column: string, type: string): string {
  return type === 'DateTime' ? `(extract(epoch FROM ${column}) * 1000)::int8` : column;
}

/** A column's value as Prisma's client would give it: a Date, a bigint, or the driver's value. */
export function readColumn(type: string | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'DateTime') return new Date(Number(value));
  if (type === 'BigInt') return BigInt(value as string | number | bigint);
  return value;
}

/** Whether the app's statements read a model field (a column of a readable type). */
export function readable(field: { kind: string; type: string; isList: boolean }): boolean {
  return !field.isList && (field.kind === 'enum' || (field.kind === 'scalar' && READABLE_TYPES.has(field.type)));
}

/** Types whose values `readColumn` turns into what Prisma gives. */
const TYPED = new Set(['DateTime', 'BigInt']);

interface Level {
  model: string;
  columns: { name: string; type: string }[];
  relations: { field: ModelField; level: Level; where: [string, unknown][]; orderBy: string[]; take: number | null }[];
}

const untranslatable = Symbol('untranslatable');

function fail(): never {
  throw untranslatable;
}

/** Every scalar column of a model, as `findMany` without `select` reads them. */
function allColumns(fields: Map<string, ModelField>): Level['columns'] {
  const columns: Level['columns'] = [];
  for (const field of fields.values()) {
    if (field.kind === 'object') continue;
    if (!readable(field)) fail();
    columns.push({ name: field.name, type: field.type });
  }
  return columns;
}

const RELATION_ARGS = new Set(['select', 'include', 'where', 'orderBy', 'take']);

/** The selection of one model's rows (a Prisma query or relation argument). */
function levelOf(model: string, query: Record<string, unknown>): Level {
  const fields = MODELS.get(model) ?? fail();
  const { select, include } = query as { select?: Record<string, unknown>; include?: Record<string, unknown> };
  if (select && include) fail();
  const level: Level = { model, columns: select ? [] : allColumns(fields), relations: [] };
  for (const [name, wanted] of Object.entries(select ?? include ?? {})) {
    if (!wanted) continue;
    const field = fields.get(name) ?? fail();
    if (field.kind !== 'object') {
      if (!select || wanted !== true || !readable(field)) fail();
      level.columns.push({ name, type: field.type });
      continue;
    }
    const args = wanted === true ? {} : (wanted as Record<string, unknown>);
    if (typeof args !== 'object' || Object.keys(args).some((key) => !RELATION_ARGS.has(key))) fail();
    const related = MODELS.get(field.type) ?? fail();
    level.relations.push({
      field,
      level: levelOf(field.type, args),
      where: whereOf(related, args.where),
      orderBy: orderOf(related, args.orderBy),
      take: takeOf(args.take, args.orderBy),
    });
  }
  return level;
}

/**
 * A to-many relation's `take` (the first rows in its order): a non-negative integer, with an order
 * (without one, which rows Prisma takes is not defined); a negative `take` counts from the end, which
 * is Prisma's to do.
 */
function takeOf(take: unknown, orderBy: unknown): number | null {
  if (take === undefined) return null;
  if (!Number.isSafeInteger(take) || (take as number) < 0 || orderBy === undefined) fail();
  return take as number;
}

/** Column equalities (`{ role: 'PLAINTIFF' }`, `{ role: { equals: … } }`); null compares with IS NULL. */
function whereOf(fields: Map<string, ModelField>, where: unknown): [string, unknown][] {
  if (where === undefined) return [];
  if (typeof where !== 'object' || where === null) fail();
  return Object.entries(where).map(([name, condition]) => {
    const field = fields.get(name);
    if (!field || field.kind === 'object' || field.isList) fail();
    const value = condition !== null && typeof condition === 'object' ? equalsOf(condition as Record<string, unknown>) : condition;
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) fail();
    return [name, value];
  });
}

function equalsOf(condition: Record<string, unknown>): unknown {
  const keys = Object.keys(condition);
  return keys.length === 1 && keys[0] === 'equals' ? condition.equals : fail();
}

/** `orderBy` by columns: `{ name: 'asc' }`, `[{ startedOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }]`. */
function orderOf(fields: Map<string, ModelField>, orderBy: unknown): string[] {
  if (orderBy === undefined) return [];
  return (Array.isArray(orderBy) ? orderBy : [orderBy]).flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) fail();
    return Object.entries(entry).map(([name, how]) => {
      const field = fields.get(name);
      if (!field || field.kind === 'object' || field.isList) fail();
      const { sort, nulls } = typeof how === 'string' ? { sort: how, nulls: undefined } : (how as { sort?: unknown; nulls?: unknown });
      if (sort !== 'asc' && sort !== 'desc') fail();
      if (nulls !== undefined && nulls !== 'first' && nulls !== 'last') fail();
      return `"${name}" ${sort === 'asc' ? 'ASC' : 'DESC'}${nulls ? ` NULLS ${nulls === 'first' ? 'FIRST' : 'LAST'}` : ''}`;
    });
  });
}

/** A column as the top-level statement selects it (typed back by `typerOf`). */
function topColumn(alias: string, { name, type }: Level['columns'][number]): string {
  return `${columnSql(`${alias}."${name}"`, type)} AS "${name}"`;
}

/** A column inside a relation's JSON: BIGINT as text (JSON numbers lose digits past 2^53). */
function jsonColumn(alias: string, { name, type }: Level['columns'][number]): string {
  return type === 'BigInt' ? `${alias}."${name}"::text` : columnSql(`${alias}."${name}"`, type);
}

class Statement {
  readonly values: unknown[] = [];
  #aliases = 0;
  /** With `markers`, parameters are written as markers, for a fragment of another statement (`toSql`). */
  constructor(private readonly markers = false) {}
  alias(): string {
    return `r${++this.#aliases}`;
  }
  param(value: unknown): string {
    this.values.push(value);
    return this.markers ? `${MARKER}${this.values.length - 1}${MARKER}` : `$${this.values.length}`;
  }
  /** A fragment's text with its markers as Prisma's placeholders, numbered within the statement it joins. */
  toSql(text: string): Prisma.Sql {
    const parts = text.split(MARKER);
    const strings = parts.filter((_, index) => index % 2 === 0);
    const values = parts.filter((_, index) => index % 2 === 1).map((index) => this.values[Number(index)]);
    return new Prisma.Sql(strings, values as Prisma.Sql['values']);
  }
}

/** Delimits a parameter's index in a fragment's text: a character no identifier or SQL here contains. */
const MARKER = '\u0001';

/**
 * The relations of a row aliased `alias`, each as one subquery that PostgreSQL builds as JSON. Every
 * relation of the schema references the other model's `id` (prisma/schema.prisma), which the
 * datamodel Pothos generates does not repeat: the joins below rely on it.
 */
function relationColumns(statement: Statement, level: Level, alias: string): string[] {
  return level.relations.map(({ field, level: related, where, orderBy, take }) => {
    const child = statement.alias();
    const object = jsonObject(statement, related, child);
    const conditions = where.map(([name, value]) => (value === null ? `${child}."${name}" IS NULL` : `${child}."${name}" = ${statement.param(value)}`));
    const table = `"${field.type}" ${child}`;
    const fromFields = field.relationFromFields ?? [];
    if (fromFields.length === 1) {
      // The foreign key is on this row: at most one related row (Prisma takes no filter there). Not
      // looked up when the key is null: PostgreSQL would still run the subquery, and on a small table
      // its plan is a sequential scan (a timeline entry's three unset items: 0.36 ms of a page's 0.85).
      if (conditions.length || take !== null) fail();
      const key = `${alias}."${fromFields[0]}"`;
      return `CASE WHEN ${key} IS NULL THEN NULL ELSE (SELECT ${object} FROM ${table} WHERE ${child}.id = ${key} LIMIT 1) END`;
    }
    if (fromFields.length > 1) fail();
    const back = [...MODELS.get(field.type)!.values()].find((other) => other.relationName === field.relationName && other !== field);
    if (!back) fail();
    let from: string;
    const backFields = back.relationFromFields ?? [];
    if (backFields.length === 1) {
      from = `${table} WHERE ${[`${child}."${backFields[0]}" = ${alias}.id`, ...conditions].join(' AND ')}`;
    } else if (backFields.length === 0 && field.isList && back.isList && field.type !== level.model) {
      // Implicit many-to-many: Prisma's join table `_<relation>`, column A for the model first in
      // alphabetical order, B for the other.
      const [mine, theirs] = level.model < field.type ? ['A', 'B'] : ['B', 'A'];
      const join = statement.alias();
      from = `${table} JOIN "_${field.relationName}" ${join} ON ${join}."${theirs}" = ${child}.id WHERE ${[`${join}."${mine}" = ${alias}.id`, ...conditions].join(' AND ')}`;
    } else {
      fail();
    }
    if (!field.isList) {
      if (take !== null) fail();
      return `(SELECT ${object} FROM ${from} LIMIT 1)`;
    }
    const order = orderBy.length ? ` ORDER BY ${orderBy.map((part) => `${child}.${part}`).join(', ')}` : '';
    // Limited: the first rows in the relation's order, picked before their JSON is built.
    const rows = take === null ? from : `(SELECT ${child}.* FROM ${from}${order} LIMIT ${take}) ${child}`;
    return `(SELECT COALESCE(json_agg(${object}${order}), '[]'::json) FROM ${rows})`;
  });
}

function jsonObject(statement: Statement, level: Level, alias: string): string {
  const relations = relationColumns(statement, level, alias);
  const pairs = [
    ...level.columns.map((column) => `'${column.name}', ${jsonColumn(alias, column)}`),
    ...level.relations.map(({ field }, index) => `'${field.name}', ${relations[index]}`),
  ];
  // json_build_object takes at most 100 arguments.
  if (pairs.length > 50) fail();
  return `json_build_object(${pairs.join(', ')})`;
}

/** Types, in place, the values JSON cannot carry, where the selection has them. */
type Typer = (row: Record<string, unknown>) => void;

function typerOf(level: Level): Typer | null {
  const steps: Typer[] = [];
  for (const { name, type } of level.columns) {
    if (TYPED.has(type)) steps.push((row) => void (row[name] = readColumn(type, row[name])));
  }
  for (const { field, level: related } of level.relations) {
    const typer = typerOf(related);
    if (!typer) continue;
    const name = field.name;
    steps.push(field.isList ? (row) => (row[name] as Record<string, unknown>[]).forEach(typer) : (row) => void (row[name] !== null && typer(row[name] as Record<string, unknown>)));
  }
  if (steps.length === 0) return null;
  return (row) => {
    for (const step of steps) step(row);
  };
}

interface Compiled {
  text: string;
  /** Parameters after the top level's own (the ids, or the key's values). */
  values: unknown[];
  typer: Typer | null;
}

/** Statements per model, top-level condition and query (the plans of the documents clients send; bounded whatever they send). */
const compiled = new Map<string, Compiled | null>();
const MAX_COMPILED = 256;

/**
 * The top level's condition: each column equal to a value, or (`among`) to one of a list of values;
 * `$1…$n` in this order.
 */
type Condition = readonly { column: string; among: boolean }[];

/**
 * What `translate` makes of a plan, remembered in `cache` under `key` (bounded: cleared when full);
 * null, remembered too, when the plan uses what is not translated here.
 */
function translated<T>(cache: Map<string, T | null>, key: string, translate: () => T): T | null {
  const known = cache.get(key);
  if (known !== undefined) return known;
  let result: T | null;
  try {
    result = translate();
  } catch (error) {
    if (error !== untranslatable) throw error;
    result = null;
  }
  if (cache.size >= MAX_COMPILED) cache.clear();
  cache.set(key, result);
  return result;
}

/** The plan's own selection: anything else at its top (an order, a limit) is Prisma's to apply. */
function topLevelOf(model: string, query: Record<string, unknown>): Level {
  if (Object.keys(query).some((name) => name !== 'select' && name !== 'include')) fail();
  return levelOf(model, query);
}

/** The statement for `query` on the rows of `model` that match `condition` (at most one with `unique`). */
function compile(model: string, query: Record<string, unknown>, condition: Condition, unique: boolean): Compiled | null {
  const cacheKey = `${model}|${condition.map(({ column, among }) => `${column}${among ? '[]' : ''}`).join(',')}|${unique}|${JSON.stringify(query)}`;
  return translated(compiled, cacheKey, () => {
    const level = topLevelOf(model, query);
    const fields = MODELS.get(model)!;
    const statement = new Statement();
    const where = condition.map(({ column, among }) => {
      const field = fields.get(column);
      // Compared as the driver sends them: text, which PostgreSQL reads as the column's type.
      if (!field || !readable(field) || field.type === 'DateTime' || field.type === 'BigInt') fail();
      const param = statement.param(null);
      return among ? `t0."${column}" = ANY(${param})` : `t0."${column}" = ${param}`;
    });
    const own = statement.values.length;
    const relations = relationColumns(statement, level, 't0');
    const columns = [
      ...level.columns.map((column) => topColumn('t0', column)),
      ...level.relations.map(({ field }, index) => `${relations[index]} AS "${field.name}"`),
    ];
    return {
      text: `SELECT ${columns.join(', ')} FROM "${model}" t0 WHERE ${where.join(' AND ')}${unique ? ' LIMIT 1' : ''}`,
      values: statement.values.slice(own),
      typer: typerOf(level),
    };
  });
}

async function run(statement: Compiled, own: unknown[]): Promise<Record<string, unknown>[]> {
  const rows = await sql.query<Record<string, unknown>>(statement.text, [...own, ...statement.values]);
  if (statement.typer) for (const row of rows) statement.typer(row);
  return rows;
}

/**
 * The rows of `model` whose ids are `ids`, loaded with `query` (a Pothos plan: `select`/`include`,
 * no `where` of its own), in one statement; null when the query uses what is not translated here
 * (then ask Prisma's client). Unordered, like `findMany` with `id: { in }`.
 */
export async function loadRowsById(model: string, query: Record<string, unknown>, ids: string[]): Promise<Record<string, unknown>[] | null> {
  return loadRowsWhere(model, query, { id: ids });
}

/**
 * The rows of `model` whose columns equal `where`'s values (one of them, for a list), loaded with
 * `query`, in one statement; null when the query uses what is not translated here.
 */
export async function loadRowsWhere(model: string, query: Record<string, unknown>, where: Record<string, string | string[]>): Promise<Record<string, unknown>[] | null> {
  const condition = Object.entries(where).map(([column, value]) => ({ column, among: Array.isArray(value) }));
  const statement = compile(model, query, condition, false);
  return statement && run(statement, Object.values(where));
}

/** What a page statement reads of each of its nodes: their columns and any relations nested under them (`nestedNodeRead`). */
export interface NestedNodeRead {
  /** The row's own columns, which the page statement selects itself. */
  columns: { name: string; type: string }[];
  /** Each relation as a subquery over the row, which PostgreSQL builds as JSON; its filters' values are its parameters. */
  relations: { name: string; sql: Prisma.Sql }[];
  /** Types the values JSON cannot carry inside the relations (the row's own columns are the caller's). */
  typer: Typer | null;
}

/** Per model, row alias and query (the plans of the documents clients send; bounded whatever they send). */
const nestedReads = new Map<string, NestedNodeRead | null>();

/**
 * `query` on a row of `model` aliased `alias` in another statement: a page's (pages.ts), in its
 * primary-key lookup of each picked row. So a page and everything nested under its nodes come from
 * one statement, not two, and the JSON is built only for the rows of the page. Null when the query
 * uses what is not translated here.
 */
export function nestedNodeRead(model: string, query: Record<string, unknown>, alias: string): NestedNodeRead | null {
  return translated(nestedReads, `${model}|${alias}|${JSON.stringify(query)}`, () => {
    const level = topLevelOf(model, query);
    const statement = new Statement(true);
    const relations = relationColumns(statement, level, alias);
    return {
      columns: level.columns,
      relations: level.relations.map(({ field }, index) => ({ name: field.name, sql: statement.toSql(relations[index]!) })),
      typer: typerOf({ ...level, columns: [] }),
    };
  });
}

/** A Prisma delegate's `findUnique`, asked when the plan is not translated here. */
interface FindUnique {
  findUnique(args: never): Promise<unknown>;
}

/**
 * `delegate.findUnique({ ...query, where })` for a root field (`conflict(slug:)`): the row of
 * `model` whose columns equal `where` (a unique key) with everything the plan nests under it, in one
 * statement of the app's own when the plan is translated here, else through Prisma's client.
 */
export async function findUniqueRow(delegate: FindUnique, model: string, query: Record<string, unknown>, where: Record<string, string>): Promise<never> {
  const statement = compile(model, query, Object.keys(where).map((column) => ({ column, among: false })), true);
  if (!statement) return (await delegate.findUnique({ ...query, where } as never)) as never;
  const [row] = await run(statement, Object.values(where));
  return (row ?? null) as never;
}

/** One `findUnique` waiting for its batch (`ownUniqueReads`). */
interface PendingUnique {
  id: string;
  resolve(row: Record<string, unknown> | null): void;
  reject(error: unknown): void;
}

/**
 * `client` with the `findUnique` of every model answered by the app's own statements where it can:
 * the reads Pothos's Prisma plugin makes itself — `node(id:)` and `nodes(ids:)` refetching Prisma
 * nodes, and a relation loaded on its own when no plan loaded it — which it sends to the client it
 * was given. Calls of one request in one tick for the same model, plan and other key columns
 * (`{ id, type }` for a Person) become one statement (`id = ANY(…)`), as Prisma's client batches
 * them; a call whose plan or key is not translated here, and every other method, goes to Prisma's
 * client.
 *
 * Why: `node(id:)` cost 0.73–0.94 ms of server CPU a request against 0.50–0.73 for the same row and
 * selection by slug (`actor(slug:)`, already answered here), and its first use instantiated Prisma's
 * query compiler (WebAssembly, +20–40 MB of RSS) in a server that otherwise never needs it (100k
 * quotes, 20 connections, A/B in one run).
 */
export function ownUniqueReads<Client extends object>(client: Client): Client {
  const delegates = new Map<string, unknown>();
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      // Methods run on the client itself, not on this proxy (it may keep private state).
      if (typeof value === 'function') return (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof property !== 'string' || value === null || typeof value !== 'object') return value;
      const model = property.charAt(0).toUpperCase() + property.slice(1);
      if (!MODELS.has(model)) return value;
      let delegate = delegates.get(property);
      if (!delegate) delegates.set(property, (delegate = uniqueReadsOf(model, value as { findUnique(args: never): Promise<unknown> })));
      return delegate;
    },
  });
}

/** Batches outside any request (start-up, scripts) share this scope. */
const NO_REQUEST = {};

function uniqueReadsOf<Delegate extends { findUnique(args: never): Promise<unknown> }>(model: string, delegate: Delegate): Delegate {
  // Per request (its statement signal): a batch runs, and is cancelled, on behalf of one request only.
  const batchesByRequest = new WeakMap<object, Map<string, PendingUnique[]>>();
  const flush = async (batches: Map<string, PendingUnique[]>, key: string, statement: Compiled, others: string[]) => {
    const pending = batches.get(key)!;
    batches.delete(key);
    try {
      const rows = await run(statement, [[...new Set(pending.map((call) => call.id))], ...others]);
      const byId = new Map(rows.map((row) => [row.id as string, row]));
      for (const call of pending) call.resolve(byId.get(call.id) ?? null);
    } catch (error) {
      for (const call of pending) call.reject(error);
    }
  };
  const findUnique = (args: { where?: Record<string, unknown> } & Record<string, unknown>) => {
    const { where, ...query } = args ?? {};
    const others: [column: string, value: string][] = [];
    let id: string | undefined;
    for (const [column, value] of Object.entries(where ?? {})) {
      if (typeof value !== 'string') return delegate.findUnique(args as never);
      if (column === 'id') id = value;
      else others.push([column, value]);
    }
    if (id === undefined) return delegate.findUnique(args as never);
    // One batch per plan and other key values: by the plan, not the statement's text, since two plans
    // may differ only in their parameters. A call that joins a batch shares its statement.
    const key = `${JSON.stringify(query)}|${JSON.stringify(others)}`;
    const request = currentRequestSignal() ?? NO_REQUEST;
    let batches = batchesByRequest.get(request);
    if (!batches) batchesByRequest.set(request, (batches = new Map()));
    let pending = batches.get(key);
    if (!pending) {
      // Only a plan translated here with that key is answered here: the statement takes the ids, then
      // the other key columns' values.
      const statement = compile(model, query, [{ column: 'id', among: true }, ...others.map(([column]) => ({ column, among: false }))], false);
      if (!statement) return delegate.findUnique(args as never);
      batches.set(key, (pending = []));
      const scheduled = batches;
      process.nextTick(() => void flush(scheduled, key, statement, others.map(([, value]) => value)));
    }
    const batch = pending;
    return new Promise<Record<string, unknown> | null>((resolve, reject) => batch.push({ id: id!, resolve, reject }));
  };
  return new Proxy(delegate, {
    get(target, property) {
      if (property === 'findUnique') return findUnique;
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
