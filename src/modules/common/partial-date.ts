import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../../graphql/builder.js';
import type { LoadedColumns } from '../../graphql/loaded-columns.js';
import { DatePrecision } from '../../generated/prisma/enums.js';
import { badUserInput } from '../../graphql/errors.js';
import type { TextField } from '../../generated/prisma/enums.js';
import { selects } from './pages.js';
import { labelsSelection, langArgs, LocalizedText, pickWording, type LabelRow } from './localized-text.js';

/**
 * A date known to a year, a month or a day. Stored as the first day of its period plus the
 * precision, so ordering and range filters work in SQL; presented without inventing detail.
 *
 * A class whose fields are what `PartialDate` shows (`iso` is a getter), so that those GraphQL fields
 * read a property and need no resolver: compiled execution (src/graphql/compiled-execution.ts) runs a
 * field with a resolver as a deferred call — a resolve-info object, a response path and closures per
 * row — and reads one without inline. `iso` and `precision` were 40 of the 103 resolver calls of a
 * page of 20 quotes with their dates; without them the page allocates 269 KB a request instead of
 * 280 (sampling heap profile, 100k quotes). CPU per request did not measurably change.
 */
export class PartialDateValue {
  readonly derivation: string | null;
  readonly earliest: Date | null;
  readonly latest: Date | null;
  readonly statedWordings: ColumnWordings | undefined;
  readonly derivationWordings: ColumnWordings | undefined;

  constructor(
    /** First day of the period, at UTC midnight. */
    readonly start: Date,
    readonly precision: DatePrecision,
    /** The source's own wording of the date, when it gives one. */
    readonly stated: string | null,
    extras: PartialDateExtras & {
      /** Language of `stated` and the record's labels, when the parent row loaded them. */
      statedWordings?: ColumnWordings;
      /** Language of `derivation` and the record's labels, when the parent row loaded them. */
      derivationWordings?: ColumnWordings;
    } = {},
  ) {
    // How the stated wording became this date and its bounds, in the knowledge base's words.
    this.derivation = extras.derivation ?? null;
    // First / last possible day when the sources narrow the period (else the period's own).
    this.earliest = extras.earliest ?? null;
    this.latest = extras.latest ?? null;
    this.statedWordings = extras.statedWordings;
    this.derivationWordings = extras.derivationWordings;
  }

  /** ISO 8601 text at the known precision. */
  get iso(): string {
    return isoAt(this.start, this.precision);
  }
}

/** Where the other wordings of one stored text are: its column (as labels name it), its language, the record's labels. */
interface ColumnWordings {
  column: TextField;
  language: string;
  labels: readonly LabelRow[];
}

/** The text `stored` in a language of choice, picked among its original and the labels of its column. */
function wordingIn(stored: string | null | undefined, wordings: ColumnWordings | undefined, lang: readonly string[] | null | undefined) {
  if (stored === null || stored === undefined || !wordings) return null;
  const { column, language, labels } = wordings;
  return pickWording({ text: stored, language, renderingOf: null, renderedBy: null }, labels, column, lang);
}

/** The optional columns that go with a partial date: its derivation and stored bounds. */
export interface PartialDateExtras {
  derivation?: string | null;
  earliest?: Date | null;
  latest?: Date | null;
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
    iso: t.exposeString('iso', { description: 'ISO 8601 text at the known precision: `2015`, `2023-07` or `2025-01-21`.' }),
    precision: t.expose('precision', { type: DatePrecisionEnum, description: 'Which parts of the date are known.' }),
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
    earliest: t.field({
      type: 'Date',
      description:
        'First day the date can be: the first day of its period, or later when the sources bound it (e.g. a reaction after an announcement of 21 January).',
      resolve: (d) => earliestDay(d),
    }),
    latest: t.field({
      type: 'Date',
      description: 'Last day the date can be: the last day of its period, or earlier when the sources bound it.',
      resolve: (d) => latestDay(d),
    }),
    bounded: t.boolean({
      description: 'Whether the sources narrow the period: `earliest`/`latest` then lie inside it (EDTF: one day of a range).',
      resolve: (d) => earliestDay(d).getTime() !== d.start.getTime() || latestDay(d).getTime() !== periodEnd(d).getTime(),
    }),
    edtf: t.string({
      description:
        'The date in Extended Date/Time Format (ISO 8601-2) terms: `2015`, `2023-07`, `2025-01-21`, or, when the sources only bound it, one day of a range such as `[2025-01-21..2025-01-31]`.',
      resolve: (d) => edtf(d),
    }),
    stated: t.exposeString('stated', {
      nullable: true,
      description: 'The source’s own wording of the date (e.g. "Ende Februar", "In den letzten Stunden"); null when it gives none.',
    }),
    derivation: t.exposeString('derivation', {
      nullable: true,
      description:
        'How the stated wording gives this date and its bounds, in the knowledge base’s words, reasoning only from the sources (e.g. "the August before the article of January 2025"); null when the date is stated outright.',
    }),
    statedIn: t.field({
      type: LocalizedText,
      nullable: true,
      args: langArgs,
      description: '`stated` in a language of choice, with the language returned (the original is the source’s own wording).',
      resolve: (d, args) => wordingIn(d.stated, d.statedWordings, args.lang),
    }),
    derivationIn: t.field({
      type: LocalizedText,
      nullable: true,
      args: langArgs,
      description: '`derivation` in a language of choice, with the language returned (the original is the knowledge base’s own wording, English in the seed).',
      resolve: (d, args) => wordingIn(d.derivation, d.derivationWordings, args.lang),
    }),
  }),
});

/** Builds the GraphQL value from a row's date columns; null when the date is unknown. */
export function partialDate(
  start: Date | null,
  precision: DatePrecision | null,
  stated: string | null = null,
  extras: PartialDateExtras = {},
): PartialDateValue | null {
  return start && precision ? new PartialDateValue(start, precision, stated, extras) : null;
}

/** The date of a timeline row (`date`, `datePrecision`, `dateStated`, `dateDerivation`, `dateEarliest`, `dateLatest`). */
export function itemDate(row: {
  date: Date | null;
  datePrecision: DatePrecision | null;
  dateStated?: string | null;
  dateDerivation?: string | null;
  dateEarliest?: Date | null;
  dateLatest?: Date | null;
}): PartialDateValue | null {
  return partialDate(row.date, row.datePrecision, row.dateStated ?? null, {
    derivation: row.dateDerivation ?? null,
    earliest: row.dateEarliest ?? null,
    latest: row.dateLatest ?? null,
  });
}

/** The PartialDate fields that read the stored bounds (`<column>Earliest`, `<column>Latest`). */
const BOUND_FIELDS = ['earliest', 'latest', 'bounded', 'edtf'];

/** What one selection of a date reads: its columns, and whether the record's labels too. */
interface DateRead {
  columns: string[];
  labels: boolean;
}

/**
 * The columns a date's selection reads: the first day and the precision always (they decide
 * whether there is a date at all), the wording, the derivation and the stored bounds only when a
 * selected field shows them, and the record's labels when a wording is asked for in a language.
 */
function dateRead(column: string, bounds: boolean, selected: (name: string) => boolean): DateRead {
  const { precision, stated, statedLanguage, derivation, derivationLanguage, earliest, latest } = columnsOf(column);
  const columns = [column, precision];
  const statedIn = selected('statedIn');
  const derivationIn = selected('derivationIn');
  if (statedIn || selected('stated')) columns.push(stated);
  if (statedIn) columns.push(statedLanguage);
  if (derivationIn || selected('derivation')) columns.push(derivation);
  if (derivationIn) columns.push(derivationLanguage);
  if (bounds && BOUND_FIELDS.some(selected)) columns.push(earliest, latest);
  return { columns, labels: statedIn || derivationIn };
}

/**
 * The Prisma selection and resolver of a partial-date field whose columns are `<column>`,
 * `<column>Precision`, `<column>Stated`, `<column>StatedLanguage`, `<column>Derivation`,
 * `<column>DerivationLanguage` and, with `bounds`, `<column>Earliest` / `<column>Latest`, plus the
 * record's labels when `statedIn` or `derivationIn` is selected (so `stated` and `derivation` can be
 * asked for in another language within the same statement). Only the columns of the fields
 * selected under the date are loaded (`dateRead`).
 */
export function partialDateField(column: string, bounds: boolean, description: string) {
  // One Prisma selection per combination of what is read (at most a few dozen), built once.
  const selections = new Map<string, Record<string, unknown>>();
  const selectionOf = ({ columns, labels }: DateRead) => {
    const key = `${columns.join(',')}${labels ? '+labels' : ''}`;
    let selection = selections.get(key);
    if (!selection) {
      selection = { ...Object.fromEntries(columns.map((c) => [c, true])), ...(labels ? labelsSelection : {}) };
      selections.set(key, selection);
    }
    return selection;
  };
  // Per field occurrence and request (the rows of a list share their `fieldNodes` and variables;
  // `@skip`/`@include` make what is read depend on the variables, as the plan's selection does).
  const readFor = new WeakMap<object, { variables: object; read: DateRead }>();
  const occurrenceRead = (info: GraphQLResolveInfo) => {
    let known = readFor.get(info.fieldNodes);
    if (!known || known.variables !== info.variableValues) {
      known = { variables: info.variableValues, read: dateRead(column, bounds, (name) => selects(info, name)) };
      readFor.set(info.fieldNodes, known);
    }
    return known.read;
  };
  // Read from the row when it carries the columns (and the labels, when a wording is asked for):
  // see src/graphql/loaded-columns.ts.
  const loadedColumns: LoadedColumns = {
    loaded: (row, info) => {
      const read = occurrenceRead(info);
      return read.columns.every((c) => c in row) && (!read.labels || 'labels' in row);
    },
    resolve: (row) => partialDateOf(row, column),
  };
  return {
    type: PartialDate,
    nullable: true as const,
    description,
    // Only what the selected fields show: a list's `date { iso }` read six more columns per row
    // (wording, derivation, bounds), and the labels, read for every dated row, were most of what it
    // cost before. Pothos's `select` option does not pass on the field's own selection, which its
    // selection mapper hands to the extension it compiles `select` into; so the extension is given
    // directly, in the form the option would have produced (`{ select }`).
    // tests/nested-loading.test.ts checks both ways.
    extensions: {
      pothosPrismaSelect: (_args: unknown, _context: unknown, _nested: unknown, selected: () => ReadonlySet<string>) => {
        const names = selected();
        return { select: selectionOf(dateRead(column, bounds, (name) => names.has(name))) };
      },
      loadedColumns,
    },
    resolve: (row: object) => partialDateOf(row as Record<string, unknown> & { labels?: LabelRow[] }, column),
  };
}

/** The column names of a partial date (`date` → `datePrecision`, `dateStated`…), built once per column: resolvers run per row. */
interface DateColumns {
  precision: string;
  stated: TextField;
  statedLanguage: string;
  derivation: TextField;
  derivationLanguage: string;
  earliest: string;
  latest: string;
}
const dateColumnNames = new Map<string, DateColumns>();

function columnsOf(column: string): DateColumns {
  let names = dateColumnNames.get(column);
  if (!names) {
    names = {
      precision: `${column}Precision`,
      stated: `${column}Stated` as TextField,
      statedLanguage: `${column}StatedLanguage`,
      derivation: `${column}Derivation` as TextField,
      derivationLanguage: `${column}DerivationLanguage`,
      earliest: `${column}Earliest`,
      latest: `${column}Latest`,
    };
    dateColumnNames.set(column, names);
  }
  return names;
}

/** The PartialDate value of a row's `<column>` date, with the language of its wording (see `partialDateField`). */
export function partialDateOf(row: Record<string, unknown> & { labels?: LabelRow[] }, column: string): PartialDateValue | null {
  const start = row[column] as Date | null | undefined;
  const c = columnsOf(column);
  const precision = row[c.precision] as DatePrecision | null | undefined;
  if (!start || !precision) return null;
  const labels = row.labels ?? [];
  // A column's language is known only when the row loaded it (see `partialDateField`).
  const statedLanguage = row[c.statedLanguage];
  const derivationLanguage = row[c.derivationLanguage];
  return new PartialDateValue(start, precision, (row[c.stated] as string | undefined) ?? null, {
    derivation: row[c.derivation] as string | undefined,
    earliest: row[c.earliest] as Date | undefined,
    latest: row[c.latest] as Date | undefined,
    statedWordings: typeof statedLanguage === 'string' ? { column: c.stated, language: statedLanguage, labels } : undefined,
    derivationWordings: typeof derivationLanguage === 'string' ? { column: c.derivation, language: derivationLanguage, labels } : undefined,
  });
}

export function earliestDay(d: PartialDateValue): Date {
  return d.earliest ?? d.start;
}

export function latestDay(d: PartialDateValue): Date {
  return d.latest ?? periodEnd(d);
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD` of a UTC day (years 0001–9999, the `Date` scalar's range). From
 * the UTC parts rather than `toISOString().slice()`, which built the full timestamp for every dated
 * row of a list (2% of the CPU of page 1 of all quotes).
 */
export function isoAt(date: Date, precision: DatePrecision): string {
  const y = date.getUTCFullYear();
  const year = y >= 1000 ? String(y) : String(y).padStart(4, '0');
  if (precision === 'YEAR') return year;
  const month = `${year}-${twoDigits(date.getUTCMonth() + 1)}`;
  return precision === 'MONTH' ? month : `${month}-${twoDigits(date.getUTCDate())}`;
}

function edtf(d: PartialDateValue): string {
  const from = earliestDay(d);
  const to = latestDay(d);
  if (from.getTime() === d.start.getTime() && to.getTime() === periodEnd(d).getTime()) return isoAt(d.start, d.precision);
  if (from.getTime() === to.getTime()) return isoAt(from, 'DAY');
  return `[${isoAt(from, 'DAY')}..${isoAt(to, 'DAY')}]`;
}

export function periodEnd({ start, precision }: Pick<PartialDateValue, 'start' | 'precision'>): Date {
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

/**
 * Prisma condition for "the item may fall inside [from, to]", on the stored bounds
 * (`dateEarliest`, `dateLatest`: the period, or narrower where the sources bound it). An item
 * whose bounds lie wholly outside the range (a reaction after 21 January, for a range ending on
 * 20 January) is excluded; undated items never match a range. `mayFallOutside` tells, per returned
 * item, whether it is only possibly inside.
 */
export function boundsRangeWhere(range: DateRange, column = 'date'): Record<string, unknown> | undefined {
  assertDateRange(range);
  const { from, to } = range;
  if (!from && !to) return undefined;
  const earliest = `${column}Earliest`;
  const latest = `${column}Latest`;
  return {
    AND: [{ [earliest]: { not: null } }, to ? { [earliest]: { lte: to } } : {}, from ? { [latest]: { gte: from } } : {}],
  };
}

/** Whether a dated item that overlaps the range may also fall outside it (false without a range). */
export function mayFallOutside(date: PartialDateValue | null, { from, to }: DateRange): boolean {
  if (!date || (!from && !to)) return false;
  return Boolean((from && earliestDay(date) < from) || (to && latestDay(date) > to));
}

/** In-memory twin of `boundsRangeWhere`. */
export function mayFallInside(date: PartialDateValue, { from, to }: DateRange): boolean {
  return (!to || earliestDay(date) <= to) && (!from || latestDay(date) >= from);
}

/**
 * Prisma `orderBy` for a dated table by its bounds: first possible day, then (events, quotes,
 * claims) the number of known predecessors, then last possible day (a bounded "21–31 January"
 * after the day 21 January), undated last, id as tie-breaker. Same rules as the timeline's
 * `orderTimeline`, in SQL and served by the (dateEarliest, chronologyDepth, dateLatest) indexes.
 */
export function orderByBounds(order: 'DATE_ASC' | 'DATE_DESC' | null | undefined = 'DATE_ASC', column = 'date') {
  const sort = order === 'DATE_DESC' ? 'desc' : 'asc';
  // Events, quotes and claims also know their place in chains of "this came after that".
  const depth = column === 'date' ? [{ chronologyDepth: sort }] : [];
  return [{ [`${column}Earliest`]: { sort, nulls: 'last' } }, ...depth, { [`${column}Latest`]: { sort, nulls: 'last' } }, { id: 'asc' }] as never;
}

/**
 * Marks the rows of a filtered list with the range they were filtered by, so the list's edges can
 * say whether each row is only possibly inside it (`uncertain`) without another query. Only for
 * rows fetched for that list alone (a root list's `findMany`), never rows shared between fields.
 */
const RANGE = Symbol('dateRange');
export function withRange<Row extends object>(rows: Row[], range: DateRange): Row[] {
  const value = { from: range.from ?? null, to: range.to ?? null };
  for (const row of rows) Object.defineProperty(row, RANGE, { value, enumerable: false, configurable: true });
  return rows;
}
export function rangeOf(row: object): DateRange {
  return (row as { [RANGE]?: DateRange })[RANGE] ?? {};
}
