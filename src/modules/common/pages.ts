import { queryFromInfo } from '@pothos/plugin-prisma';
import {
  type FieldNode,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { sql } from '../../db.js';
import { Prisma } from '../../generated/prisma/client.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/limits.js';
import { needsNoMappingBeneath } from '../../graphql/loaded-columns.js';
import { encodeKeysetCursor, keysetCursorDecoder, type KeysetValue } from './cursors.js';
import { columnSql, loadRowsById, nestedNodeRead, type NestedNodeRead, readColumn } from './nested-rows.js';

/**
 * Keyset pagination picked in SQL, then built (see "How lists are paginated" in the README).
 *
 * Every connection here is ordered by one never-null sort key and the row id, served by an index
 * on `(key, id)` (or `(parent, key, id)`). A page is picked by ONE statement,
 *
 *   WHERE <filters> AND (key, id) > ($cursorKey, $cursorId) ORDER BY key, id LIMIT first + 1
 *
 * which picks only ids (and the total when asked), so PostgreSQL reads O(first) index entries on
 * page 1 as on page 500; then, in the same statement, each picked row is read by primary key with
 * Pothos's planned selection (`queryFromInfo`): its columns, and the relations nested under it
 * built as JSON (`nodeRead`). Prisma's own connection would instead build the nested JSON of every
 * candidate row before its LIMIT (relation joins), and page after a cursor on nullable columns
 * with OFFSET and no LIMIT (prisma/prisma#15710). A selection the app's SQL does not translate
 * loads the page's objects by id through Prisma's client, in one more statement.
 *
 * Nested connections (an actor's quotes under a list of actors) are batched per request: all the
 * parents' pages come from one statement (a LATERAL subquery per parent, each with its own LIMIT),
 * so the number of statements never grows with the data.
 *
 * The page statement is plain SQL with parameters, so it goes to the database through the
 * process's SQL runner (`sql` in src/db.ts: the request-bound pg pool, or the embedded database),
 * not through Prisma's client: `$queryRaw` cost ~0.2 ms of CPU a statement on top (its request
 * pipeline, and typing every value of the result), a quarter of what page 1 of a list cost in all
 * (`npm run bench:ceiling`). The values that the drivers would type differently are typed here, from
 * Prisma's datamodel, as Prisma would: dates travel as epoch milliseconds, BIGINT columns become
 * bigints (see `readColumn`).
 */

/**
 * The row of `table` a join row points at, as a LATERAL subquery aliased `n`: one primary-key lookup
 * per member, so a membership list (a conflict's events) reads the parent's members and no more.
 * Written as a LATERAL with LIMIT so the planner cannot turn it into a hash join that reads the
 * whole table (it cannot know how many members an unknown parent has).
 */
export function byId(table: string, id: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT m.* FROM ${Prisma.raw(`"${table}"`)} m WHERE m.id = ${id} LIMIT 1) n`;
}

/** What a list's cursor holds: its sort key (a BIGINT as text, or a name) and the row id. */
export type KeyKind = 'int64' | 'string';

/** How to pick pages of one list in SQL. */
export interface ListPlan {
  /** FROM clause; the listed rows are `n`; a nested list reads its parent's id as `par.pid`. */
  from: Prisma.Sql;
  /** Conditions, ANDed (the filters, and for a nested list the link to `par.pid`). */
  where: Prisma.Sql[];
  /** The never-null sort key, ascending in list order. */
  key: Prisma.Sql;
  keyKind: KeyKind;
  /** The unique tie-breaker (default `n.id`); also the edge's identity in the cursor. */
  id?: Prisma.Sql;
  /** Further columns the edges need, each `, <expr> AS "<name>"` (e.g. the node behind a join row). */
  columns?: Prisma.Sql;
  /**
   * What `totalCount` counts when fewer tables than the page's answer it (the join table alone);
   * `where` must then only name that table.
   */
  countFrom?: Prisma.Sql;
}

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** A picked row: its key and id, plus the plan's extra columns. */
export interface PickedRow {
  sk: string;
  rid: string;
  [column: string]: unknown;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Page<Node, Extra = object> {
  edges: (Edge<Node> & Extra)[];
  pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
  totalCount: number;
}

/** The cursor decoder a connection declares (`extensions.cursorDecoder`), checked before any SQL. */
export function keysetDecoder(kind: KeyKind) {
  return keysetCursorDecoder([kind, 'uuid']);
}

/** Field extensions of a keyset connection: src/graphql/input-validation.ts validates its cursors. */
export function keysetExtensions(kind: KeyKind) {
  return { cursorDecoder: keysetDecoder(kind) };
}

interface PageShape {
  /** Rows fetched: the page size plus one, to tell whether more follow. */
  limit: number;
  backward: boolean;
  cursor: { key: string; id: string } | null;
}

/**
 * A page's row count, written into the statement's text instead of sent as a parameter.
 *
 * Why: PostgreSQL plans a prepared statement anew at every execution (a custom plan) until a plan
 * for unknown parameter values (the generic plan) is estimated no costlier than those, and a
 * generic plan must assume an unknown LIMIT reads a tenth of the table. With the count as a
 * parameter, page 1 of all quotes and the timeline's pages were planned at every request: planning
 * cost 0.13–0.16 ms of PostgreSQL's CPU a statement, as much as running it (pg_stat_statements with
 * `track_planning`, 100k quotes). With the count in the text the plan is made once per connection
 * and reused. The count is bounded (at most MAX_PAGE_SIZE + 1), so at most that many texts per list
 * shape compete for the connection's prepared statements (DB_PREPARED_STATEMENTS). A nested page
 * keeps it a parameter (`pageSql` says why).
 */
export function limitLiteral(rows: number): string {
  if (!Number.isSafeInteger(rows) || rows < 0 || rows > MAX_PAGE_SIZE + 1) throw new RangeError(`a page reads 0 to ${MAX_PAGE_SIZE + 1} rows, not ${rows}`);
  return String(rows);
}

function pageShape(args: PageArgs, kind: KeyKind): PageShape {
  const size = Math.min(args.first ?? args.last ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const backward = args.before != null || args.last != null;
  const raw = args.after ?? args.before;
  // Already validated by the input-validation plugin; decoding again only reads the values.
  const cursor = raw == null ? null : (keysetDecoder(kind)(raw) as [string, string]);
  return { limit: size + 1, backward, cursor: cursor && { key: String(cursor[0]), id: cursor[1] } };
}

/** Result column of a node column read with the page (prefixed: the plan's own columns keep their names). */
const NODE_PREFIX = 'n:';
const nodeColumn = (column: string) => `${NODE_PREFIX}${column}`;

/** Columns of every page statement's rows (`pageSql`); the plan's own columns come beside them. */
const PAGE_COLUMNS = new Set(['parent', 'total', 'sk', 'rid', 'nid']);

/** A column of the nodes' own row, with its Prisma type, which decides how it is read (`readColumn`). */
interface NodeColumn {
  name: string;
  type: string;
}

/** What the page statement reads of its nodes, from their table (`nodeRead`): their own columns, and the relations nested under them. */
interface NodeRead {
  table: string;
  columns: NodeColumn[];
  /** Relations built as JSON beside the columns (`nestedNodeRead`), from the node's row (`NODE_ROW`). */
  nested?: Pick<NestedNodeRead, 'relations' | 'typer'>;
}

/**
 * The alias of the node's row in the page statement's primary-key lookup (`pageSql`); the relations
 * built from it alias their rows r1, r2… (tests/query-plans.test.ts tells the page's build from its
 * pick by these aliases).
 */
const NODE_ROW = 'nr';

/** A node column as the page statement selects it from the row `alias` (`columnSql`: dates as epoch milliseconds). */
function selectColumn({ name, type }: NodeColumn, alias: string): string {
  return `${columnSql(`${alias}."${name}"`, type)} AS "${nodeColumn(name)}"`;
}

function pageSql(plan: ListPlan, parents: readonly string[] | null, shape: PageShape, withTotal: boolean, nodes: NodeRead | null): Prisma.Sql {
  const id = plan.id ?? Prisma.sql`n.id`;
  const dir = Prisma.raw(shape.backward ? 'DESC' : 'ASC');
  const keyParam = plan.keyKind === 'int64' ? Prisma.sql`${shape.cursor?.key}::bigint` : Prisma.sql`${shape.cursor?.key}::text`;
  const where = [...plan.where];
  if (shape.cursor) where.push(Prisma.sql`(${plan.key}, ${id}) ${Prisma.raw(shape.backward ? '<' : '>')} (${keyParam}, ${shape.cursor.id}::uuid)`);
  const filter = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty);
  const readColumns = (alias: string) => Prisma.raw(nodes!.columns.map((column) => selectColumn(column, alias)).join(', '));
  const readRelations = nodes?.nested ? Prisma.join(nodes.nested.relations.map(({ name, sql }) => Prisma.sql`, ${sql} AS ${Prisma.raw(`"${nodeColumn(name)}"`)}`), '') : Prisma.empty;
  // A root list without filters and without its total reads its nodes' columns beside the pick: with
  // no condition but the cursor, the only plan is the list's index in order, stopping at the LIMIT,
  // and the rows come from the heap it visits anyway instead of a primary-key lookup each (page 1 of
  // all quotes: 25 buffers instead of 87, 0.05 ms of execution instead of 0.13). Where filters or a
  // parent narrow the list, the columns are read after the pick (below).
  if (!parents && !withTotal && nodes && !nodes.nested && plan.where.length === 0) {
    return Prisma.sql`SELECT NULL::text AS "parent", NULL::int AS "total", ${plan.key} AS sk, ${id} AS rid ${plan.columns ?? Prisma.empty}, n.id AS nid, ${readColumns('n')}
      FROM ${plan.from} ${filter(where)}
      ORDER BY ${plan.key} ${dir}, ${id} ${dir}
      LIMIT ${Prisma.raw(limitLiteral(shape.limit))}`;
  }
  const source = parents
    ? Prisma.sql`unnest(${parents as string[]}::uuid[]) WITH ORDINALITY AS par(pid, ord)`
    : Prisma.sql`(VALUES (NULL::uuid, 1::bigint)) AS par(pid, ord)`;
  // Counted once per parent (a LATERAL beside the page, not a subquery evaluated per page row), over
  // the join table alone when the list goes through one.
  const total = withTotal
    ? Prisma.sql`SELECT count(*)::int AS total FROM ${plan.countFrom ?? plan.from} ${filter(plan.where)}`
    : Prisma.sql`SELECT NULL::int AS total`;
  // The nodes' columns are read by primary key after the page is picked, never beside the pick: a
  // pick that needs only the key, the id and the node's id is served by the list's index alone
  // (index-only, in order, stopping at the LIMIT). Reading other columns beside it let the planner
  // fetch every one of a parent's rows and sort them (a bitmap scan of the 6,011 quotes of the
  // prolific speaker at 100k, for 51): it plans for the average parent, not the one asked for. The
  // LIMIT 1 keeps the lookup a lookup: without it the planner may hash-join a whole table.
  // The row count is in the text of a root page's statement (see limitLiteral), a parameter in a
  // nested one's: there the generic plan assumes `unnest` yields 100 parents, so PostgreSQL keeps
  // planning the statement for its actual parents either way; with the count in the text it also did
  // for the pages of one parent (quotes by a speaker: planned at every request instead of 6 times).
  // The relations nested under the nodes are built there too, as JSON: per row of the page only,
  // since the lookup joins the picked rows, after their LIMIT.
  const nodeRead = nodes
    ? Prisma.sql`LEFT JOIN LATERAL (SELECT ${readColumns(NODE_ROW)} ${readRelations} FROM ${Prisma.raw(`"${nodes.table}" ${NODE_ROW}`)} WHERE ${Prisma.raw(NODE_ROW)}.id = p.nid LIMIT 1) m ON true`
    : Prisma.empty;
  return Prisma.sql`SELECT par.pid::text AS "parent", t.total AS "total", p.* ${nodes ? Prisma.raw(', m.*') : Prisma.empty}
    FROM ${source}
    CROSS JOIN LATERAL (${total}) t
    LEFT JOIN LATERAL (
      SELECT ${plan.key} AS sk, ${id} AS rid ${plan.columns ?? Prisma.empty} ${nodes ? Prisma.raw(', n.id AS nid') : Prisma.empty}
      FROM ${plan.from} ${filter(where)}
      ORDER BY ${plan.key} ${dir}, ${id} ${dir}
      LIMIT ${parents ? shape.limit : Prisma.raw(limitLiteral(shape.limit))}
    ) p ON true
    ${nodeRead}
    ORDER BY par.ord, p.sk ${dir}, p.rid ${dir}`;
}

interface PickedPage {
  rows: PickedRow[];
  total: number | null;
}

/** A picked row with the node's own columns, when they were read with the page (`nodes`). */
type NodeRow = { id: string } & Record<string, unknown>;
const NODE = Symbol('node');

/**
 * Picks the pages of `plan` for each parent (or the one root page when `parents` is null); with
 * `nodes`, each row also carries its node, read by the same statement.
 */
async function pickPages(
  plan: ListPlan,
  parents: readonly string[] | null,
  shape: PageShape,
  withTotal: boolean,
  nodes: NodeRead | null = null,
): Promise<Map<string | null, PickedPage>> {
  const statement = pageSql(plan, parents, shape, withTotal, nodes);
  const rows = await sql.query<Record<string, unknown>>(statement.text, statement.values);
  const pages = new Map<string | null, PickedPage>();
  // Which result columns go where, worked out once per statement (every row has the same columns).
  let extraColumns: string[] | undefined;
  let nodeFields: { key: string; column: string; type: string }[] = [];
  for (const row of rows) {
    const parent = row.parent as string | null;
    let page = pages.get(parent);
    if (!page) pages.set(parent, (page = { rows: [], total: row.total as number | null }));
    if (row.rid == null) continue;
    if (!extraColumns) {
      extraColumns = [];
      for (const key of Object.keys(row)) if (!key.startsWith(NODE_PREFIX) && !PAGE_COLUMNS.has(key)) extraColumns.push(key);
      nodeFields = [
        ...(nodes?.columns ?? []).map(({ name, type }) => ({ key: nodeColumn(name), column: name, type })),
        // JSON, parsed by the driver; `typer` types what JSON cannot carry.
        ...(nodes?.nested?.relations ?? []).map(({ name }) => ({ key: nodeColumn(name), column: name, type: 'Json' })),
      ];
    }
    const picked: PickedRow & { [NODE]?: NodeRow } = { sk: String(row.sk), rid: String(row.rid) };
    for (const key of extraColumns) picked[key] = row[key];
    if (nodes) {
      const node: Record<string, unknown> = {};
      for (const { key, column, type } of nodeFields) node[column] = readColumn(type, row[key]);
      nodes.nested?.typer?.(node);
      picked[NODE] = node as NodeRow;
    }
    page.rows.push(picked);
  }
  return pages;
}

/** The Prisma model of a connection's nodes (`edges.node`), as the Pothos Prisma plugin records it on the type. */
function nodeModel(info: GraphQLResolveInfo): string | undefined {
  const connection = getNamedType(info.returnType);
  const edge = isObjectType(connection) ? getNamedType(connection.getFields().edges?.type) : undefined;
  const node = isObjectType(edge) ? getNamedType(edge.getFields().node?.type) : undefined;
  return node?.extensions?.pothosPrismaModel as string | undefined;
}

/**
 * What the page statement reads of the nodes for a planned query (Pothos's `queryFromInfo`): their
 * own columns (every column without `select`, as Prisma's `findMany`), and the relations nested
 * under them, built as JSON in the same statement (`nestedNodeRead`, nested-rows' translation of the
 * plan); null when the query needs what only Prisma's client does. Every model is its own table and
 * every field its own column: the schema has no @map or @@map, which the statements would then have
 * to follow.
 */
function nodeRead(model: string | undefined, query: Record<string, unknown>): NodeRead | null {
  const read = model === undefined ? null : nestedNodeRead(model, query, NODE_ROW);
  if (!read) return null;
  const { columns, relations, typer } = read;
  return relations.length ? { table: model!, columns, nested: { relations, typer } } : { table: model!, columns };
}

/**
 * An edge whose cursor is encoded when it is read: most clients select `pageInfo.endCursor` and not
 * every edge's `cursor`, and each encoding is a string, a JSON text and a buffer per row.
 */
class KeysetEdge<Node> {
  readonly #key: KeysetValue[];
  constructor(
    readonly node: Node,
    key: KeysetValue[],
  ) {
    this.#key = key;
  }
  get cursor(): string {
    return encodeKeysetCursor(this.#key);
  }
}

function buildPage<Node, Extra extends object>(
  picked: PickedPage | undefined,
  args: PageArgs,
  shape: PageShape,
  nodeOf: (row: PickedRow) => Node | undefined,
  extraOf: (row: PickedRow) => Extra,
): Page<Node, Extra> {
  const rows = picked?.rows ?? [];
  const full = rows.length === shape.limit;
  const kept = full ? rows.slice(0, -1) : [...rows];
  if (shape.backward) kept.reverse();
  const edges: (Edge<Node> & Extra)[] = [];
  for (const row of kept) {
    const node = nodeOf(row);
    // A row deleted between the two statements is left out rather than answered as null.
    if (node !== undefined) edges.push(Object.assign(new KeysetEdge(node, [row.sk, row.rid] as KeysetValue[]), extraOf(row)));
  }
  // The same page flags as Pothos's Prisma connections gave.
  const hasNextPage = args.before != null ? true : args.last != null ? false : full;
  const hasPreviousPage = args.after != null ? true : shape.backward ? full : false;
  return {
    edges,
    pageInfo: { startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null, hasPreviousPage, hasNextPage },
    totalCount: picked?.total ?? 0,
  };
}

/** Whether a selection is left out by `@skip(if: true)` or `@include(if: false)` with the request's variables. */
function excluded(selection: SelectionNode, variables: GraphQLResolveInfo['variableValues']): boolean {
  if (!selection.directives?.length) return false;
  return getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true || getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if === false;
}

/** Whether the field's selection asks for `path` (e.g. `totalCount`, `edges.kind`), fragments included, `@skip`/`@include` honoured. */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  const visit = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): boolean =>
    Boolean(
      set?.selections.some((selection) => {
        if (excluded(selection, info.variableValues)) return false;
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value !== path[depth]) return false;
          return depth === path.length - 1 || visit(selection.selectionSet, depth + 1, seen);
        }
        if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet, depth, seen);
        const fragment = info.fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) return false;
        seen.add(fragment.name.value);
        return visit(fragment.selectionSet, depth, seen);
      }),
    );
  return info.fieldNodes.some((field: FieldNode) => visit(field.selectionSet, 0, new Set()));
}

/**
 * Loads the page's objects by id with the selection the client asked for under `edges.node`, one
 * statement whatever is nested: built here when the plan allows (`loadRowsById`), else by the
 * Prisma delegate's `findMany`.
 */
type FindMany = (query: { where: { id: { in: string[] } } } & Record<string, unknown>) => Promise<{ id: string }[]>;

async function loadNodes(findMany: FindMany, model: string | undefined, ids: string[], query: Record<string, unknown>): Promise<Map<string, { id: string }>> {
  // Even for an empty page: the statements a request sends depend on its shape, never on the data.
  // `query` comes from `planNodes`, the id already selected.
  const unique = [...new Set(ids)];
  const rows = ((model && (await loadRowsById(model, query, unique))) as { id: string }[] | null) ?? (await findMany({ ...query, where: { id: { in: unique } } }));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The page's nodes as read with the page (see `nodeRead`), by node id. */
function nodesOfPicked(rows: PickedRow[], nodeId: (row: PickedRow) => string): Map<string, { id: string }> {
  return new Map(rows.map((row) => [nodeId(row), (row as { [NODE]?: NodeRow })[NODE]!]));
}

interface PlannedNodes {
  /** The Prisma model of the page's nodes, and their planned query. */
  model: string | undefined;
  query: Record<string, unknown>;
  /** What the page's statement reads of them, when it can (`nodeRead`). */
  columns: NodeRead | null;
  /** Nothing selected beneath the connection needs the Prisma plugin's record of which plan loaded a row. */
  mappingFree: boolean;
}

/** Plans of pages read in one statement whose fields need no loader mappings, per field node and variables (`planNodes`). */
const flatPlans = new WeakMap<FieldNode, Map<string, PlannedNodes>>();
/** Variants remembered per field node: the pages of a client's queries, bounded whatever it sends. */
const MAX_PLANS_PER_FIELD = 16;

/**
 * Plans the nodes' selection (which also records, for the fields below them, what the rows were
 * loaded with) and tells whether the page's statement can read it (`nodeRead`).
 *
 * When it can, and every field selected beneath answers from its row without the plugin's record
 * (`needsNoMappingBeneath`), the plan serves only to name the columns, which depend on the document
 * (Yoga hands out the same parsed document for the same text), the variables and the edges' own
 * columns alone: it is made once and reused. Planning was 8% of the CPU of page 1 of all quotes.
 */
function planNodes(context: object, info: GraphQLResolveInfo, edgeColumns?: Record<string, true>): PlannedNodes {
  const field = info.fieldNodes.length === 1 ? info.fieldNodes[0]! : undefined;
  const key = field && `${info.parentType.name}|${edgeColumns ? Object.keys(edgeColumns).join(',') : ''}|${JSON.stringify(info.variableValues)}`;
  const known = field && flatPlans.get(field)?.get(key!);
  if (known) return known;
  // Without `edges.node` (pageInfo, totalCount, cursors only), the planned query would have no
  // select, which reads every column: the rows need only their id (and what the edges read).
  const nodeQuery = selects(info, 'edges', 'node') ? (queryFromInfo({ context, info, path: ['edges', 'node'] }) as Record<string, unknown>) : { select: {} };
  const query = withId(nodeQuery, edgeColumns);
  const model = nodeModel(info);
  const planned = { model, query, columns: nodeRead(model, query), mappingFree: needsNoMappingBeneath(info) };
  if (field && planned.columns && planned.mappingFree) {
    let plans = flatPlans.get(field);
    if (!plans) flatPlans.set(field, (plans = new Map()));
    if (plans.size >= MAX_PLANS_PER_FIELD) plans.clear();
    plans.set(key!, planned);
  }
  return planned;
}

/**
 * A planned query that selects columns must still select the id the rows are matched by, and the
 * columns the edges read off their nodes (`edgeColumns`).
 */
function withId(query: Record<string, unknown>, edgeColumns?: Record<string, true>): Record<string, unknown> {
  const select = query.select as Record<string, unknown> | undefined;
  return select ? { ...query, select: { ...select, ...edgeColumns, id: true } } : query;
}

export interface ListOptions<Extra extends object> {
  /** `findMany` of the node's model, e.g. `(q) => prisma.quote.findMany(q)`. */
  findMany: FindMany;
  /** The node's id in a picked row (default: the row id). */
  nodeId?: (row: PickedRow) => string;
  /** Edge fields from a picked row (e.g. the role of a participation). */
  edge?: (row: PickedRow) => Extra;
  /**
   * Columns the edges' fields read off the nodes (e.g. the bounds `uncertain` compares), loaded
   * whatever the client selected under `node`: objects load only the columns their fields declare.
   */
  edgeColumns?: Record<string, true>;
  /** Marks loaded nodes for the edges' fields (e.g. `withRange`). */
  mark?: (nodes: { id: string }[]) => void;
  /** Loads what the edges carry beyond the picked columns, onto the rows (one statement for all). */
  loadEdges?: (rows: PickedRow[]) => Promise<void>;
  /** The edge field `loadEdges` loads for: it runs only when the client selects that field. */
  loadEdgesFor?: string;
}

/** A root connection: picks the page, loads its objects. */
export async function rootPage<Node, Extra extends object = object>(
  plan: ListPlan,
  args: PageArgs,
  context: object,
  info: GraphQLResolveInfo,
  options: ListOptions<Extra>,
): Promise<Page<Node, Extra>> {
  const shape = pageShape(args, plan.keyKind);
  const { model, query, columns } = planNodes(context, info, options.edgeColumns);
  const picked = (await pickPages(plan, null, shape, selects(info, 'totalCount'), columns)).get(null);
  const nodeId = options.nodeId ?? ((row: PickedRow) => row.rid);
  const rows = picked?.rows ?? [];
  const [nodes] = await Promise.all([
    columns ? nodesOfPicked(rows, nodeId) : loadNodes(options.findMany, model, rows.map(nodeId), query),
    options.loadEdges && selects(info, 'edges', options.loadEdgesFor ?? '') ? options.loadEdges(rows) : undefined,
  ]);
  options.mark?.([...nodes.values()]);
  return buildPage(picked, args, shape, (row) => nodes.get(nodeId(row)) as Node | undefined, options.edge ?? (() => ({}) as Extra));
}

/** Per-request batches of nested connections, keyed by field, arguments and selection. */
const batches = new WeakMap<object, Map<string, Batch>>();

interface Batch {
  parents: string[];
  waiters: Map<string, { info: GraphQLResolveInfo; resolve: (page: Page<never, never>) => void; reject: (error: unknown) => void }[]>;
}

/**
 * A nested connection under `parentId`: the calls for every parent resolved in the same tick (the
 * rows of one list) share one statement for their pages and one for their objects.
 */
export function nestedPage<Node, Extra extends object = object>(
  plan: ListPlan,
  parentId: string,
  args: PageArgs,
  context: object,
  info: GraphQLResolveInfo,
  options: ListOptions<Extra>,
): Promise<Page<Node, Extra>> {
  // The same field at the same place (list indices dropped) with the same arguments is planned
  // and selected alike: those calls can share statements.
  const path: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) if (typeof p.key === 'string') path.unshift(p.key);
  const key = `${info.parentType.name}.${info.fieldName}@${path.join('.')}:${JSON.stringify(args)}`;
  let perRequest = batches.get(context);
  if (!perRequest) batches.set(context, (perRequest = new Map()));
  let batch = perRequest.get(key);
  if (!batch) {
    const created: Batch = { parents: [], waiters: new Map() };
    batch = created;
    perRequest.set(key, created);
    // As DataLoader does: run after the current burst of resolvers (every row of the parent list).
    void Promise.resolve().then(() =>
      process.nextTick(() => {
        perRequest.delete(key);
        runBatch(plan, created, args, context, info, options).catch((error: unknown) => {
          for (const waiting of created.waiters.values()) for (const w of waiting) w.reject(error);
        });
      }),
    );
  }
  const current = batch;
  return new Promise<Page<Node, Extra>>((resolve, reject) => {
    if (!current.waiters.has(parentId)) {
      current.parents.push(parentId);
      current.waiters.set(parentId, []);
    }
    current.waiters.get(parentId)!.push({ info, resolve: resolve as never, reject });
  });
}

async function runBatch<Extra extends object>(plan: ListPlan, batch: Batch, args: PageArgs, context: object, info: GraphQLResolveInfo, options: ListOptions<Extra>) {
  const shape = pageShape(args, plan.keyKind);
  const { model, query, columns, mappingFree } = planNodes(context, info, options.edgeColumns);
  const pages = await pickPages(plan, batch.parents, shape, selects(info, 'totalCount'), columns);
  const nodeId = options.nodeId ?? ((row: PickedRow) => row.rid);
  const rows = [...pages.values()].flatMap((page) => page.rows);
  const [nodes] = await Promise.all([
    columns ? nodesOfPicked(rows, nodeId) : loadNodes(options.findMany, model, rows.map(nodeId), query),
    options.loadEdges && selects(info, 'edges', options.loadEdgesFor ?? '') ? options.loadEdges(rows) : undefined,
  ]);
  options.mark?.([...nodes.values()]);
  for (const [parent, waiting] of batch.waiters) {
    const page = buildPage(pages.get(parent), args, shape, (row) => nodes.get(nodeId(row)), options.edge ?? (() => ({}) as Extra));
    for (const w of waiting) {
      // Planning the selection at this parent's own path records what the rows were loaded with
      // there, so the fields below its nodes read them instead of loading their data again; unless
      // none of them reads that record.
      if (w.info !== info && !mappingFree) queryFromInfo({ context, info: w.info, path: ['edges', 'node'] });
      w.resolve(page as never);
    }
  }
}

/** Connection options adding `totalCount` (counted by the page's statement, only when selected). */
export const totalCountField = {
  fields: (connection: { int: (options: { description: string; resolve: (page: { totalCount: number }) => number }) => unknown }) => ({
    totalCount: connection.int({ description: 'Number of items in the whole list, across all pages.', resolve: (page) => page.totalCount }),
  }),
} as never;

export interface NestedConnectionOptions<Extra extends object> extends ListOptions<Extra> {
  /** The node type (a Pothos Prisma object or node ref). */
  type: unknown;
  description: string;
  /** Field arguments beside the connection's own. */
  args?: Record<string, unknown>;
  /** The list's plan for these arguments; it reads the parent's id as `par.pid`. */
  plan: (args: Record<string, unknown>) => ListPlan;
}

/**
 * A connection field on a Prisma object whose pages are picked per parent in SQL (`nestedPage`).
 * Typed loosely: Pothos's connection types cannot be passed through a shared helper, and every
 * field built here is checked by the schema test and the suite's queries.
 */
export function nestedConnection<Extra extends object>(
  t: unknown,
  options: NestedConnectionOptions<Extra>,
  edgeOptions?: unknown,
): never {
  const { type, description, args, plan, ...list } = options;
  const connection = (t as { connection: (...a: unknown[]) => never }).connection;
  return connection.call(
    t,
    {
      type,
      description,
      ...(args ? { args } : {}),
      extensions: keysetExtensions(plan({}).keyKind),
      // A selection, though only of the parent's id: the parent's query plans it, which runs the
      // field's argument checks (src/graphql/input-validation.ts) before the parent's SQL.
      select: () => ({ id: true }),
      resolve: (parent: { id: string }, fieldArgs: PageArgs & Record<string, unknown>, context: object, info: GraphQLResolveInfo) =>
        nestedPage(plan(fieldArgs), parent.id, fieldArgs, context, info, list),
    },
    totalCountField,
    edgeOptions,
  );
}
