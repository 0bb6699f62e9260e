import { badUserInput } from '../../graphql/errors.js';

/**
 * Global IDs: `base64("<Type>:<uuid>")`, Relay's usual form. The builder hands these two functions
 * to the Relay plugin (`relay.encodeGlobalID` / `relay.decodeGlobalID`), so every `ID` argument
 * (`node`, `nodes`, `event(id:)`, `source(id:)`) is decoded and checked here, once, before any
 * resolver or SQL sees it. Whether the type names a Node is checked where the schema is known
 * (src/graphql/input-validation.ts).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Standard base64 with padding, as `Buffer#toString('base64')` writes it; Buffer's own decoder
// would silently skip invalid characters.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const TYPENAME = /^[A-Z][A-Za-z0-9]*$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function encodeGlobalID(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

/** Decodes a global ID; anything but `<Type>:<uuid>` is BAD_USER_INPUT. */
export function decodeGlobalID(globalID: string): { typename: string; id: string } {
  const text = BASE64.test(globalID) && globalID.length > 0 ? Buffer.from(globalID, 'base64').toString('utf8') : '';
  const separator = text.indexOf(':');
  const typename = text.slice(0, separator);
  const id = text.slice(separator + 1);
  if (separator < 1 || !TYPENAME.test(typename) || !isUuid(id)) {
    throw badUserInput(`"${truncate(globalID)}" is not a valid global ID.`);
  }
  return { typename, id };
}

/**
 * The `where` of a lookup that accepts either a global ID or a slug: exactly one must be given, so a
 * client never gets one object while believing it asked for another. The ID arrives decoded and
 * type-checked by `t.arg.globalID({ for })`.
 */
export function idOrSlugWhere(args: { id?: { id: string } | null; slug?: string | null }): { id: string } | { slug: string } {
  if (args.id != null && args.slug != null) throw badUserInput('Pass either `id` or `slug`, not both.', { argumentName: 'slug' });
  if (args.id != null) return { id: args.id.id };
  if (args.slug) return { slug: args.slug };
  throw badUserInput('Pass either `id` or `slug`.', { argumentName: 'id' });
}

/**
 * Node options shared by every Prisma node keyed by a UUID `id` column. `nullable`: a well-formed ID
 * that names nothing gives `node: null` (and a null entry in `nodes`), as the schema promises.
 */
export const uuidNode = {
  id: { field: 'id' },
  nullable: true,
} as const;

/**
 * Select mode for a Prisma object or node (issue 6, "Fast at scale"): a row loads its id and only
 * the columns its selected fields declare (`t.expose*` its own column, other fields their `select`),
 * never every column of the table. A field that reads a column of its parent must declare it.
 */
export const selectedColumns = { select: { id: true } } as const;

/** Echoing client input into a message is useful, echoing megabytes of it is not. */
export function truncate(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
