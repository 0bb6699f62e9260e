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

/** For lookups by either of two arguments: returns the second when the first is absent. */
export function requireOneOf(value: string | null | undefined, first: string, second: string): string {
  if (!value) throw badUserInput(`Pass either \`${first}\` or \`${second}\`.`, { argumentName: first });
  return value;
}

/** Node options shared by every Prisma node keyed by a UUID `id` column. */
export const uuidNode = {
  id: { resolve: (row: { id: string }) => row.id },
  findUnique: (id: string) => ({ id: assertUuid(id) }),
} as const;
