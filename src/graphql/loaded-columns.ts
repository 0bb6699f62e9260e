import { getNamedType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema, isLeafType, isObjectType } from 'graphql';

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
 */
export function answerLoadedColumnsDirectly(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const planned = field.resolve;
      if (!planned) continue;
      const declared = field.extensions?.loadedColumns as LoadedColumns | undefined;
      const column = exposedColumn(field.extensions, field.type);
      if (declared) {
        field.resolve = (row, args, context, info) =>
          row !== null && typeof row === 'object' && declared.loaded(row as Record<string, unknown>, info)
            ? declared.resolve(row as Record<string, unknown>, info)
            : planned(row, args, context, info);
      } else if (column !== null) {
        field.resolve = ((row: Record<string, unknown> | null, args, context, info) =>
          row !== null && typeof row === 'object' && column in row ? row[column] : planned(row, args, context, info)) as GraphQLFieldResolver<unknown, unknown>;
      }
    }
  }
  return schema;
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
