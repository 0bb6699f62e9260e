import type { Prisma } from '../../generated/prisma/client.js';
import type { ClaimRelationKind } from '../../generated/prisma/enums.js';
import { boundsRangeWhere, type DateRange } from '../common/partial-date.js';

/** Relation kinds that contest a claim: `disputed` and `disputedBy` mean these. */
export const CONTESTING: ClaimRelationKind[] = ['DISPUTES', 'DENIES'];

export interface ClaimFilter extends DateRange {
  about?: string | null;
  claimant?: string | null;
  disputed?: boolean | null;
}

export function claimWhere(filter: ClaimFilter): Prisma.ClaimWhereInput {
  const contested = { relationsTo: { some: { kind: { in: CONTESTING } } } };
  return {
    AND: [
      filter.claimant ? { claimant: { slug: filter.claimant } } : {},
      filter.about ? { aboutActors: { some: { slug: filter.about } } } : {},
      filter.disputed === true ? contested : filter.disputed === false ? { NOT: contested } : {},
      (boundsRangeWhere(filter) ?? {}) as Prisma.ClaimWhereInput,
    ],
  };
}

/** What each of two actors claims about the other. */
export function claimsBetweenWhere(a: string, b: string, range: DateRange): Prisma.ClaimWhereInput {
  return {
    AND: [
      {
        OR: [
          { claimant: { slug: a }, aboutActors: { some: { slug: b } } },
          { claimant: { slug: b }, aboutActors: { some: { slug: a } } },
        ],
      },
      (boundsRangeWhere(range) ?? {}) as Prisma.ClaimWhereInput,
    ],
  };
}
