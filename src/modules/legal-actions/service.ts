import type { LegalActionStatus, PartySide } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { dateRangeWhere, type DateRange } from '../common/partial-date.js';

export interface LegalActionFilter extends DateRange {
  status?: LegalActionStatus | null;
  party?: string | null;
  side?: PartySide | null;
}

export function legalActionWhere(filter: LegalActionFilter): Prisma.LegalActionWhereInput {
  const party = filter.party || filter.side
    ? { parties: { some: { ...(filter.party ? { actor: { slug: filter.party } } : {}), ...(filter.side ? { side: filter.side } : {}) } } }
    : {};
  return {
    AND: [filter.status ? { status: filter.status } : {}, party, (dateRangeWhere('filedOn', filter) ?? {}) as Prisma.LegalActionWhereInput],
  };
}
