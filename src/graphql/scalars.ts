import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from './errors.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `Date`: a calendar day as `YYYY-MM-DD`, years 0001–9999. Stricter than graphql-scalars'
 * `DateResolver`, which accepts year 0000 and years PostgreSQL's `date` or a JavaScript `Date`
 * cannot hold: those reached SQL and came back as internal errors. A value outside the range or not
 * a real day (`2023-02-30`) is BAD_USER_INPUT, before any resolver runs.
 */
export const DateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description:
    'A calendar day in ISO 8601 form, `YYYY-MM-DD`, years 0001–9999 (e.g. `2025-01-21`); used for date-range arguments and the bounds of a `PartialDate`. On the wire it is a JSON string: map it to `string` in code generators (GraphQL Code Generator: `scalars: { Date: "string" }`).',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError(`Date cannot serialize ${String(value)}`);
    return value.toISOString().slice(0, 10);
  },
  parseValue: (value) => parseDay(value),
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDay(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_DAY.exec(value) : null;
  const [year, month, day] = match ? match.slice(1).map(Number) : [];
  const date = year !== undefined && month !== undefined && day !== undefined ? new Date(Date.UTC(year, month - 1, day)) : undefined;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear puts them back.
  date?.setUTCFullYear(year ?? 0);
  const valid = date && year! >= 1 && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
  if (!valid) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : 'a non-string value';
    throw badUserInput(`Date expects a real calendar day as YYYY-MM-DD with a year from 0001 to 9999, got ${shown}.`);
  }
  return date;
}
