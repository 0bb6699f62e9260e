import type { DatePrecision } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import type { GraphQLResolveInfo } from 'graphql';
import { type DateRange, itemDate, mayFallOutside, PartialDate, partialDateOf, rangeOf, withRange } from './partial-date.js';
import { type ListOptions, selects } from './pages.js';

/** The date columns every dated fact shares (`date`, `datePrecision`, `dateStated`, and its derivation and bounds). */
interface DatedRow {
  date: Date | null;
  datePrecision: DatePrecision | null;
  dateStated: string | null;
  dateDerivation?: string | null;
  dateEarliest?: Date | null;
  dateLatest?: Date | null;
}

/**
 * What a conflict timeline is made of. An interface rather than a union: clients can select the
 * shared `date` without fragments, and Pothos can plan each implementation's selection through it.
 */
// Its shape is any object: an implementation loads the date columns only when `date` is selected
// (select mode), and each implementation resolves `date` itself.
export const TimelineEntry = builder.interfaceRef<object>('TimelineEntry').implement({
  description: 'One entry of a conflict’s chronology: an Event, a Quote, a Claim, or a LegalActionStatusChange (a step of a legal action).',
  // Every entry is a Node: declaring it here lets clients select `id` on the entry itself.
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    date: t.field({
      type: PartialDate,
      nullable: true,
      description:
        'When it happened, at the precision the sources give, with the bounds they give (`earliest`, `latest`); null when they give no date.',
      // Each implementation redefines this field with a selection that also loads the labels of
      // `stated` (in another language); this resolver is the interface's default.
      resolve: (row) => partialDateOf(row as unknown as Record<string, unknown>, 'date'),
    }),
  }),
});

/**
 * The columns a timeline row needs whatever the client selected: its date with bounds (for
 * `date` and the ordering) and id. Passed as the base of a nested selection of an Event, Quote,
 * Claim or status change, so a selection is never empty either.
 */
export const datedRowSelect = {
  id: true,
  date: true,
  datePrecision: true,
  dateStated: true,
  dateDerivation: true,
  dateEarliest: true,
  dateLatest: true,
} as const;

/** The columns `uncertainEdge` reads off a node: its date and bounds (see `ListOptions.edgeColumns`). */
const boundsColumns = { date: true, datePrecision: true, dateEarliest: true, dateLatest: true } as const;

/**
 * What the edges of a date-filtered list need for `uncertain`: the nodes' bounds, and the range
 * marked on them. Only with a range (without one `uncertain` is false) and when `uncertain` is
 * selected: otherwise the page would read two more columns per row for nothing.
 */
export function uncertainEdgeNeeds(range: DateRange, info: GraphQLResolveInfo): Pick<ListOptions<object>, 'edgeColumns' | 'mark'> {
  if (!(range.from || range.to) || !selects(info, 'edges', 'uncertain')) return {};
  return { edgeColumns: boundsColumns, mark: (nodes) => withRange(nodes, range) };
}

/**
 * Edge fields of a date-filtered list of dated rows (`events`, `quotes`, `claims`): `uncertain`
 * tells whether the row may also fall outside the range it was filtered by (see `withRange`).
 */
export function uncertainEdge(noun: string) {
  return {
    fields: (edge: { boolean: (options: { description: string; resolve: (edge: { node: object }) => boolean }) => unknown }) => ({
      uncertain: edge.boolean({
        description: `With \`from\`/\`to\`: whether the ${noun} may also fall outside the range (its bounds overlap the range without lying inside it). Always false without a range.`,
        resolve: (e) => mayFallOutside(itemDate(e.node as DatedRow), rangeOf(e.node)),
      }),
    }),
  } as never;
}
