import { decodeGlobalID } from '@pothos/plugin-relay';
import { badUserInput } from '../../graphql/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a database id taken from a global ID. PostgreSQL rejects a malformed UUID with an error
 * that would surface as an internal error; the client deserves BAD_USER_INPUT instead.
 */
export function assertUuid(id: string, argumentName = 'id'): string {
  if (!UUID.test(id)) throw badUserInput(`Malformed ID "${id}".`, { argumentName });
  return id;
}

/** Decodes a global ID of one expected type and returns its database id. */
export function decodeNodeId(globalId: string | number, expectedType: string | string[], argumentName: string): string {
  const expected = Array.isArray(expectedType) ? expectedType : [expectedType];
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(String(globalId));
  } catch {
    throw badUserInput(`"${globalId}" is not a valid global ID.`, { argumentName });
  }
  if (!expected.includes(decoded.typename)) {
    throw badUserInput(`"${globalId}" is the ID of a ${decoded.typename}, expected ${expected.join(' or ')}.`, { argumentName });
  }
  return assertUuid(decoded.id, argumentName);
}

/**
 * The `where` of a lookup that accepts either a global ID or a slug: exactly one must be given, so a
 * client never gets one object while believing it asked for another.
 */
export function idOrSlugWhere(args: { id?: string | number | null; slug?: string | null }, typename: string): { id: string } | { slug: string } {
  if (args.id != null && args.slug != null) throw badUserInput('Pass either `id` or `slug`, not both.', { argumentName: 'slug' });
  if (args.id != null) return { id: decodeNodeId(args.id, typename, 'id') };
  if (args.slug) return { slug: args.slug };
  throw badUserInput('Pass either `id` or `slug`.', { argumentName: 'id' });
}

/** Node options shared by every Prisma node keyed by a UUID `id` column. */
export const uuidNode = {
  id: { resolve: (row: { id: string }) => row.id },
  findUnique: (id: string) => ({ id: assertUuid(id) }),
} as const;
