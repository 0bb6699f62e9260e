import type { DatePrecision } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { PartialDate, partialDate } from './partial-date.js';

/** The date columns every dated fact shares (`date`, `datePrecision`, `dateStated`). */
interface DatedRow {
  date: Date | null;
  datePrecision: DatePrecision | null;
  dateStated: string | null;
}

/**
 * What a conflict timeline is made of. An interface rather than a union: clients can select the
 * shared `date` without fragments, and Pothos can plan each implementation's selection through it.
 */
export const TimelineEntry = builder.interfaceRef<DatedRow>('TimelineEntry').implement({
  description: 'One entry of a conflict’s chronology: an Event, a Quote, or a LegalActionStatusChange (a step of a legal action).',
  // Every entry is a Node: declaring it here lets clients select `id` on the entry itself.
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    date: t.field({
      type: PartialDate,
      nullable: true,
      description: 'When it happened, at the precision the sources give; null when they give no date.',
      resolve: (row) => partialDate(row.date, row.datePrecision, row.dateStated),
    }),
  }),
});
