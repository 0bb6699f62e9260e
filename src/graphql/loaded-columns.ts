import {
  type FieldNode,
  getNamedType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/**
 * A field that reads only columns of its parent's own row declares, as the extension
 * `loadedColumns`, how to tell from the row that they were loaded and how to answer from them.
 */
export interface LoadedColumns {
  /** Whether `row` carries everything the field reads (for the selection in `info`). */
  loaded(row: Record<string, unknown>, info: GraphQLResolveInfo): boolean;
  resolve(row: Record<string, unknown>, info: GraphQLResolveInfo): unknown;
}

/**
 * Answers column fields straight from their row when the row carries the columns.
 *
 * Pothos's Prisma plugin wraps every field that declares a selection — in select mode that is every
 * exposed column — in a resolver that first looks up, per row, which plan loaded the row (its
 * loader mapping, keyed by the field's response path) and falls back to loading the selection when
 * none did. For a field that reads only its own row's columns there is nothing nested to map, and
 * the row itself shows whether the columns were loaded: when they are there, the lookup can only
 * lead to reading them. It cost 10–15% of the CPU of a nested list (a string path and several
 * WeakMap entries per field per row, and the garbage they leave). When the columns are missing,
 * the plugin's resolver runs as before and loads them.
 *
 * Applies to exposed columns (`t.exposeString('slug')`: the plugin marks them with the column they
 * expose) and to fields that declare `extensions.loadedColumns`.
 *
 * Relations without arguments (`EventParticipant.actor`, `Person.affiliations`) answer from their row
 * too, when the row carries the relation and nothing selected beneath them needs a loader mapping
 * (`needsNoMappingBeneath`). The lookup and the scope the plugin records for the rows beneath cost
 * 14% of the CPU of the headline nested query (A/B at 100k quotes); without arguments the relation's
 * rows are the same for every alias and plan that loaded them, and a column a plan left out is
 * loaded by that column's own resolver as before. A relation with arguments (`Event.participants(role:)`)
 * and anything beneath which a connection or a custom selection is asked keep the plugin's resolver:
 * those need to know which plan, with which arguments, loaded the row.
 */
export function answerLoadedColumnsDirectly(schema: GraphQLSchema): GraphQLSchema {
  return wrapResolvers(schema, (field, planned) => {
    const declared = field.extensions?.loadedColumns as LoadedColumns | undefined;
    const column = exposedColumn(field.extensions, field.type);
    const relation = plainRelation(field);
    if (relation) {
      const { name, resolve } = relation;
      return ((row: Record<string, unknown> | null, args, context, info) =>
        row !== null && typeof row === 'object' && row[name] !== undefined && needsNoMappingBeneath(info)
          ? resolve(row, args, context, info)
          : planned(row, args, context, info)) as GraphQLFieldResolver<unknown, unknown>;
    }
    if (declared) {
      return (row, args, context, info) =>
        row !== null && typeof row === 'object' && declared.loaded(row as Record<string, unknown>, info)
          ? declared.resolve(row as Record<string, unknown>, info)
          : planned(row, args, context, info);
    }
    if (column !== null) {
      return ((row: Record<string, unknown> | null, args, context, info) =>
        row !== null && typeof row === 'object' && column in row ? row[column] : planned(row, args, context, info)) as GraphQLFieldResolver<unknown, unknown>;
    }
    return undefined;
  });
}

/**
 * Replaces, in place, the resolver of every field of the schema's object types that has one by what
 * `wrap` returns for it (the field keeps its resolver when `wrap` returns undefined).
 */
export function wrapResolvers(
  schema: GraphQLSchema,
  wrap: (field: GraphQLField<unknown, unknown>, resolve: GraphQLFieldResolver<unknown, unknown>) => GraphQLFieldResolver<unknown, unknown> | undefined,
): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) field.resolve = wrap(field, field.resolve) ?? field.resolve;
    }
  }
  return schema;
}

const mappingFree = new WeakMap<readonly FieldNode[], boolean>();

/**
 * Whether everything selected beneath the field of `info` answers without the Prisma plugin's
 * loader mappings (`selectionNeedsNoMapping`); remembered per field occurrence (`fieldNodes`).
 */
export function needsNoMappingBeneath(info: GraphQLResolveInfo): boolean {
  let free = mappingFree.get(info.fieldNodes);
  if (free === undefined) {
    free = info.fieldNodes.every((node) => !node.selectionSet || selectionNeedsNoMapping(info.schema, getNamedType(info.returnType), node.selectionSet, info));
    mappingFree.set(info.fieldNodes, free);
  }
  return free;
}

/** The column an exposed leaf field reads, when the Prisma plugin selects exactly that column for it. */
function exposedColumn(extensions: Readonly<Record<string, unknown>> | null | undefined, type: Parameters<typeof getNamedType>[0]): string | null {
  const variant = extensions?.pothosPrismaVariant;
  const select = extensions?.pothosPrismaSelect;
  if (typeof variant !== 'string' || !isLeafType(getNamedType(type))) return null;
  if (typeof select !== 'object' || select === null) return null;
  const keys = Object.keys(select);
  return keys.length === 1 && keys[0] === variant && (select as Record<string, unknown>)[variant] === true ? variant : null;
}

/** A Prisma relation field without arguments: its relation's name on the row and its own resolver. */
function plainRelation(field: GraphQLField<unknown, unknown>): { name: string; resolve: GraphQLFieldResolver<unknown, unknown> } | null {
  const relation = field.extensions?.pothosPrismaRelationField as { name?: unknown } | undefined;
  const resolve = field.extensions?.pothosOriginalResolve;
  if (field.args.length > 0 || typeof relation?.name !== 'string' || typeof resolve !== 'function') return null;
  return { name: relation.name, resolve: resolve as GraphQLFieldResolver<unknown, unknown> };
}

/**
 * Whether every field selected in `selectionSet` (on `type`, through fragments) answers without
 * Pothos's loader mappings: `__typename`, column fields, fields the Prisma plugin does not wrap, and
 * plain relations whose own selections do too.
 */
function selectionNeedsNoMapping(schema: GraphQLSchema, type: GraphQLNamedType, selectionSet: SelectionSetNode, info: GraphQLResolveInfo): boolean {
  const objects: readonly GraphQLObjectType[] = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') continue;
      for (const object of objects) {
        const field = object.getFields()[selection.name.value];
        if (field && !fieldNeedsNoMapping(schema, field, selection, info)) return false;
      }
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      if (!fragment) return false;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      if (!condition || !selectionNeedsNoMapping(schema, condition, fragment.selectionSet, info)) return false;
    }
  }
  return true;
}

function fieldNeedsNoMapping(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, node: FieldNode, info: GraphQLResolveInfo): boolean {
  const extensions = field.extensions ?? {};
  const beneath = () => !node.selectionSet || selectionNeedsNoMapping(schema, getNamedType(field.type), node.selectionSet, info);
  if (extensions.loadedColumns || exposedColumn(extensions, field.type) !== null) return beneath();
  if (plainRelation(field)) return beneath();
  return !wrappedByPrisma(field) && beneath();
}

/** Whether Pothos's Prisma plugin wraps the field's resolver (it marks such fields with `pothosPrisma…` extensions). */
export function wrappedByPrisma(field: GraphQLField<unknown, unknown>): boolean {
  return Object.keys(field.extensions ?? {}).some((key) => key.startsWith('pothosPrisma'));
}
