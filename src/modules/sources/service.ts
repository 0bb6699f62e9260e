import { Prisma } from '../../generated/prisma/client.js';
import type { SourceKind } from '../../generated/prisma/enums.js';
import { keyRangeConditions } from '../common/date-order.js';
import type { DateRange } from '../common/partial-date.js';
import type { ListPlan } from '../common/pages.js';
import type { DateOrder } from '../quotes/service.js';

export interface SourceFilter extends DateRange {
  kind?: SourceKind | null;
}

/** Root list of sources, by the bounds of their publication date (newest first by default). */
export function sourceListPlan(filter: SourceFilter, order: DateOrder): ListPlan {
  const key = order === 'DATE_DESC' ? Prisma.sql`n."publishedOnOrderDesc"` : Prisma.sql`n."publishedOnOrder"`;
  return {
    from: Prisma.sql`"Source" n`,
    where: [...(filter.kind ? [Prisma.sql`n.kind::text = ${filter.kind}`] : []), ...keyRangeConditions(key, filter, order === 'DATE_DESC')],
    key,
    keyKind: 'int64',
  };
}

/** The citations of the parent source, by id (the (sourceId, id) index). */
export const citationsOfSourcePlan: ListPlan = {
  from: Prisma.sql`"Citation" n`,
  where: [Prisma.sql`n."sourceId" = par.pid`],
  // The id is the order: a constant key leaves it to the tie-breaker.
  key: Prisma.sql`0::bigint`,
  keyKind: 'int64',
};
