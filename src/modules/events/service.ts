import type { EventKind } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { boundsRangeWhere, type DateRange } from '../common/partial-date.js';

export interface EventFilter extends DateRange {
  kinds?: EventKind[] | null;
  actor?: string | null;
}

export function eventWhere(filter: EventFilter): Prisma.EventWhereInput {
  return {
    AND: [
      filter.kinds?.length ? { kind: { in: filter.kinds } } : {},
      filter.actor ? { participants: { some: { actor: { slug: filter.actor } } } } : {},
      (boundsRangeWhere(filter) ?? {}) as Prisma.EventWhereInput,
    ],
  };
}
