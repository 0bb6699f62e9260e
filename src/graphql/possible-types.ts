import { type GraphQLSchema, isAbstractType } from 'graphql';

/**
 * The `possibleTypes` map Apollo Client's `InMemoryCache` needs to match fragments on interfaces
 * and unions (`... on Node`, `... on Actor`): each abstract type with the object types that
 * implement it, sorted. Written beside schema.graphql as possible-types.json by
 * `npm run schema:print`, in the format Apollo's docs generate from introspection.
 */
export function possibleTypes(schema: GraphQLSchema): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (type.name.startsWith('__') || !isAbstractType(type)) continue;
    map[type.name] = schema
      .getPossibleTypes(type)
      .map((object) => object.name)
      .sort();
  }
  return map;
}

export function printPossibleTypes(schema: GraphQLSchema): string {
  return `${JSON.stringify(possibleTypes(schema), null, 2)}\n`;
}
