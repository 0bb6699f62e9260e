import { badUserInput } from '../../graphql/errors.js';
import { isUuid, truncate } from './ids.js';

/**
 * The one decoder of the cursors this API hands out. src/graphql/input-validation.ts runs it on
 * every `after` / `before` argument before the field (or the parent field that plans its SQL)
 * resolves, so a crafted cursor is BAD_USER_INPUT and never reaches Prisma or PostgreSQL.
 *
 * A connection's cursor kind:
 * - `id` — Pothos Prisma connections (`cursor: 'id'`): `base64("GPC:S:<uuid>")`. The default for a
 *   connection whose nodes are Prisma objects.
 * - `offset` — Pothos array/offset connections: `base64("OffsetConnection:<n>")`. The default for
 *   any other connection.
 * - a keyset cursor of your own: encode with `encodeKeysetCursor` and declare the decoder on the
 *   field, `extensions: { cursorDecoder: keysetCursorDecoder(['date?', 'uuid']) }`; the resolver can
 *   call the same decoder to read the values back. The lists of src/modules/common/pages.ts use
 *   `[sort key, id]`: an `int64` (a stored BIGINT sort key, as text) or a `string` (a name).
 */
export type CursorDecoder = (cursor: string) => unknown;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const INT64 = /^-?\d{1,19}$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function invalid(cursor: string): never {
  throw badUserInput(`"${truncate(cursor)}" is not a cursor of this list; pass an \`endCursor\` or edge \`cursor\` it returned.`);
}

function base64Text(cursor: string): string {
  if (cursor.length === 0 || !BASE64.test(cursor)) invalid(cursor);
  return Buffer.from(cursor, 'base64').toString('utf8');
}

/** `base64("GPC:S:<uuid>")` → the uuid. */
export const idCursorDecoder: CursorDecoder = (cursor) => {
  const text = base64Text(cursor);
  const id = text.startsWith('GPC:S:') ? text.slice(6) : '';
  if (!isUuid(id)) invalid(cursor);
  return id;
};

/** `base64("OffsetConnection:<n>")` → n. */
export const offsetCursorDecoder: CursorDecoder = (cursor) => {
  const text = base64Text(cursor);
  const digits = text.startsWith('OffsetConnection:') ? text.slice('OffsetConnection:'.length) : '';
  if (!/^\d{1,9}$/.test(digits)) invalid(cursor);
  return Number(digits);
};

/** One value of a keyset cursor: a sort key of the row the cursor points at. */
export type KeysetValue = string | number | null;
/** What each position of a keyset cursor must hold; a trailing `?` also allows null. */
export type KeysetPart = 'uuid' | 'date' | 'int' | 'int64' | 'string' | 'uuid?' | 'date?' | 'int?' | 'int64?' | 'string?';

/** `base64("K:" + JSON array)`; dates as `YYYY-MM-DD` strings. */
export function encodeKeysetCursor(values: readonly KeysetValue[]): string {
  return Buffer.from(`K:${JSON.stringify(values)}`).toString('base64');
}

/** A decoder for keyset cursors of exactly this shape; returns the values. */
export function keysetCursorDecoder(parts: readonly KeysetPart[]): (cursor: string) => KeysetValue[] {
  return (cursor) => {
    const text = base64Text(cursor);
    let values: unknown;
    try {
      values = text.startsWith('K:') ? JSON.parse(text.slice(2)) : undefined;
    } catch {
      invalid(cursor);
    }
    if (!Array.isArray(values) || values.length !== parts.length) invalid(cursor);
    parts.forEach((part, index) => {
      if (!keysetValueFits(values[index], part)) invalid(cursor);
    });
    return values as KeysetValue[];
  };
}

function keysetValueFits(value: unknown, part: KeysetPart): boolean {
  if (value === null) return part.endsWith('?');
  switch (part.replace('?', '')) {
    case 'uuid':
      return typeof value === 'string' && isUuid(value);
    case 'date':
      return typeof value === 'string' && ISO_DAY.test(value) && !Number.isNaN(Date.parse(value)) && value >= '0001-01-01';
    case 'int':
      return Number.isSafeInteger(value);
    case 'int64':
      // A PostgreSQL BIGINT as decimal text (JSON numbers lose precision past 2^53).
      return typeof value === 'string' && INT64.test(value) && BigInt(value) >= INT64_MIN && BigInt(value) <= INT64_MAX;
    default:
      return typeof value === 'string' && value.length <= 1000 && !value.includes('\0');
  }
}
