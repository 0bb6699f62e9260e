import { builder } from '../../graphql/builder.js';
import { DatePrecision } from '../../generated/prisma/enums.js';
import { badUserInput } from '../../graphql/errors.js';

/**
 * A date known to a year, a month or a day. Stored as the first day of its period plus the
 * precision, so ordering and range filters work in SQL; presented without inventing detail.
 */
export interface PartialDateValue {
  /** First day of the period, at UTC midnight. */
  start: Date;
  precision: DatePrecision;
  stated: string | null;
}

export const DatePrecisionEnum = builder.enumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'How precisely a date is known.',
  values: {
    YEAR: { description: 'Only the year is known ("2015").' },
    MONTH: { description: 'The year and month are known ("im Juli 2023").' },
    DAY: { description: 'The exact day is known ("am 21. Januar 2025").' },
  },
});

export const PartialDate = builder.objectRef<PartialDateValue>('PartialDate').implement({
  description:
    'A date with its precision. A month-precision date has no day and a year-precision date no month: they are never padded to a fake day. Show `iso`, sort by `earliest`; `earliest`/`latest` are `Date` scalars (JSON strings `YYYY-MM-DD`).',
  fields: (t) => ({
    iso: t.string({
      description: 'ISO 8601 text at the known precision: `2015`, `2023-07` or `2025-01-21`.',
      resolve: (d) => d.start.toISOString().slice(0, d.precision === 'YEAR' ? 4 : d.precision === 'MONTH' ? 7 : 10),
    }),
    precision: t.field({ type: DatePrecisionEnum, description: 'Which parts of the date are known.', resolve: (d) => d.precision }),
    year: t.int({ description: 'The year.', resolve: (d) => d.start.getUTCFullYear() }),
    month: t.int({
      nullable: true,
      description: 'The month (1–12), null when only the year is known.',
      resolve: (d) => (d.precision === 'YEAR' ? null : d.start.getUTCMonth() + 1),
    }),
    day: t.int({
      nullable: true,
      description: 'The day of the month, null unless the exact day is known.',
      resolve: (d) => (d.precision === 'DAY' ? d.start.getUTCDate() : null),
    }),
    earliest: t.field({ type: 'Date', description: 'First day of the period the date stands for.', resolve: (d) => d.start }),
    latest: t.field({ type: 'Date', description: 'Last day of the period the date stands for.', resolve: (d) => periodEnd(d) }),
    stated: t.string({
      nullable: true,
      description:
        'How the source words the date (e.g. "Ende Februar"), and in brackets how the full date was derived when the wording is relative.',
      resolve: (d) => d.stated,
    }),
  }),
});

/** Builds the GraphQL value from a row's three date columns; null when the date is unknown. */
export function partialDate(start: Date | null, precision: DatePrecision | null, stated: string | null = null): PartialDateValue | null {
  return start && precision ? { start, precision, stated } : null;
}

function periodEnd({ start, precision }: PartialDateValue): Date {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  if (precision === 'YEAR') return new Date(Date.UTC(y, 11, 31));
  if (precision === 'MONTH') return new Date(Date.UTC(y, m + 1, 0));
  return start;
}

/** Arguments shared by every field filtered on a date range. */
export interface DateRange {
  from?: Date | null;
  to?: Date | null;
}

export function assertDateRange({ from, to }: DateRange): void {
  if (from && to && from > to) {
    throw badUserInput('`from` must not be after `to`.', { argumentName: 'from' });
  }
}

/**
 * Prisma condition for "the partial date overlaps [from, to]". A date stored as the first day of
 * its period overlaps when it starts on or before `to` and its period ends on or after `from`;
 * the period's end depends on the precision, so that half is written per precision. Undated rows
 * never match a range.
 */
export function dateRangeWhere<Column extends string>(column: Column, range: DateRange): Record<string, unknown> | undefined {
  assertDateRange(range);
  const { from, to } = range;
  if (!from && !to) return undefined;
  const precisionColumn = `${column}Precision`;
  const conditions: Record<string, unknown>[] = [{ [column]: { not: null } }];
  if (to) conditions.push({ [column]: { lte: to } });
  if (from) {
    const y = from.getUTCFullYear();
    const m = from.getUTCMonth();
    conditions.push({
      OR: [
        { [precisionColumn]: 'DAY', [column]: { gte: from } },
        { [precisionColumn]: 'MONTH', [column]: { gte: new Date(Date.UTC(y, m, 1)) } },
        { [precisionColumn]: 'YEAR', [column]: { gte: new Date(Date.UTC(y, 0, 1)) } },
      ],
    });
  }
  return { AND: conditions };
}

/** In-memory twin of `dateRangeWhere`, for entries assembled outside SQL. */
export function overlapsRange(date: PartialDateValue, { from, to }: DateRange): boolean {
  return (!to || date.start <= to) && (!from || periodEnd(date) >= from);
}

/** Chronological order of partial dates: by first day, coarser precision first, unknown last. */
export function compareByDate(a: PartialDateValue | null, b: PartialDateValue | null): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  const byStart = a.start.getTime() - b.start.getTime();
  if (byStart !== 0) return byStart;
  const rank = { YEAR: 0, MONTH: 1, DAY: 2 } as const;
  return rank[a.precision] - rank[b.precision];
}

export const DateOrderEnum = builder.enumType('DateOrder', {
  description: 'Chronological order of a list. Items without a known date come last either way.',
  values: {
    DATE_ASC: { description: 'Oldest first.' },
    DATE_DESC: { description: 'Newest first.' },
  } as const,
});

/**
 * Prisma `orderBy` for a partial-date column (oldest first by default): by first day, then
 * precision (a year before the months and days it contains), undated last, and the id as a stable
 * tie-breaker so cursors stay valid.
 */
export function orderByDate(column: string, order: 'DATE_ASC' | 'DATE_DESC' | null | undefined = 'DATE_ASC') {
  const sort = order === 'DATE_DESC' ? 'desc' : 'asc';
  return [{ [column]: { sort, nulls: 'last' } }, { [`${column}Precision`]: { sort, nulls: 'last' } }, { id: 'asc' }] as never;
}
