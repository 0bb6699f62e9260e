import type { SourceKind } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { boundsRangeWhere, type DateRange } from '../common/partial-date.js';

export interface SourceFilter extends DateRange {
  kind?: SourceKind | null;
}

export function sourceWhere(filter: SourceFilter): Prisma.SourceWhereInput {
  return {
    AND: [filter.kind ? { kind: filter.kind } : {}, (boundsRangeWhere(filter, 'publishedOn') ?? {}) as Prisma.SourceWhereInput],
  };
}
