import { Prisma } from '../../generated/prisma/client.js';
import type { ClaimRelationKind } from '../../generated/prisma/enums.js';
import { keyRangeConditions } from '../common/date-order.js';
import type { DateRange } from '../common/partial-date.js';
import { byId, type ListPlan } from '../common/pages.js';
import { actorIdBySlug, dateOrderKey, type DateOrder } from '../quotes/service.js';

/** Relation kinds that contest a claim: `disputed` and `disputedBy` mean these. */
export const CONTESTING: ClaimRelationKind[] = ['DISPUTES', 'DENIES'];

export interface ClaimFilter extends DateRange {
  about?: string | null;
  claimant?: string | null;
  disputed?: boolean | null;
}

/** Claims about an actor (the implicit join table: A = actor, B = claim). */
const claimsAboutActor = (actorId: Prisma.Sql) => Prisma.sql`n.id IN (SELECT ca."B" FROM "_ClaimAboutActor" ca WHERE ca."A" = ${actorId})`;

/** Root list of claims, by bounds (served by the (dateOrder, id) / (claimantId, dateOrder, id) indexes). */
export function claimListPlan(filter: ClaimFilter, order: DateOrder): ListPlan {
  const contested = Prisma.sql`EXISTS (SELECT 1 FROM "ClaimRelation" r WHERE r."toClaimId" = n.id AND r.kind::text IN (${Prisma.join(CONTESTING)}))`;
  return {
    from: Prisma.sql`"Claim" n`,
    where: [
      ...(filter.claimant ? [Prisma.sql`n."claimantId" = ${actorIdBySlug(filter.claimant)}`] : []),
      ...(filter.about ? [claimsAboutActor(actorIdBySlug(filter.about))] : []),
      ...(filter.disputed === true ? [contested] : filter.disputed === false ? [Prisma.sql`NOT ${contested}`] : []),
      ...keyRangeConditions(dateOrderKey(order), filter, order === 'DATE_DESC'),
    ],
    key: dateOrderKey(order),
    keyKind: 'int64',
  };
}

/** What each of two actors claims about the other. */
export function claimsBetweenPlan(a: string, b: string, range: DateRange): ListPlan {
  const made = (by: string, about: string) => Prisma.sql`(n."claimantId" = ${actorIdBySlug(by)} AND ${claimsAboutActor(actorIdBySlug(about))})`;
  return {
    from: Prisma.sql`"Claim" n`,
    where: [Prisma.sql`(${made(a, b)} OR ${made(b, a)})`, ...keyRangeConditions(dateOrderKey('DATE_ASC'), range, false)],
    key: dateOrderKey('DATE_ASC'),
    keyKind: 'int64',
  };
}

/** Claims the parent actor makes. */
export const claimsByActorPlan: ListPlan = {
  from: Prisma.sql`"Claim" n`,
  where: [Prisma.sql`n."claimantId" = par.pid`],
  key: Prisma.sql`n."dateOrder"`,
  keyKind: 'int64',
};

/** Claims about the parent actor. */
export const claimsAboutActorPlan: ListPlan = {
  from: Prisma.sql`"_ClaimAboutActor" ca CROSS JOIN LATERAL ${byId('Claim', Prisma.sql`ca."B"`)}`,
  countFrom: Prisma.sql`"_ClaimAboutActor" ca`,
  where: [Prisma.sql`ca."A" = par.pid`],
  key: Prisma.sql`n."dateOrder"`,
  keyKind: 'int64',
};

/** Claims of the parent conflict (the implicit join table: A = claim, B = conflict). */
export const claimsOfConflictPlan: ListPlan = {
  from: Prisma.sql`"_ClaimToConflict" cc CROSS JOIN LATERAL ${byId('Claim', Prisma.sql`cc."A"`)}`,
  countFrom: Prisma.sql`"_ClaimToConflict" cc`,
  where: [Prisma.sql`cc."B" = par.pid`],
  key: Prisma.sql`n."dateOrder"`,
  keyKind: 'int64',
};

/**
 * Claims relating to the parent claim by one of `kinds`, through ClaimRelation rows (the edge is the
 * relation, the node the claim it comes from), by that claim's first possible day then the relation.
 */
export function relatedClaimsPlan(kinds: ClaimRelationKind[]): ListPlan {
  return {
    from: Prisma.sql`"ClaimRelation" r CROSS JOIN LATERAL ${byId('Claim', Prisma.sql`r."fromClaimId"`)}`,
    countFrom: Prisma.sql`"ClaimRelation" r`,
    where: [Prisma.sql`r."toClaimId" = par.pid`, Prisma.sql`r.kind::text IN (${Prisma.join(kinds)})`],
    // The first possible day alone (undated last), as this list was always ordered.
    key: Prisma.sql`(n."dateOrder" >> 41)`,
    keyKind: 'int64',
    id: Prisma.sql`r.id`,
    columns: Prisma.sql`, n.id AS "nodeId", r.id::text AS "relationId", r.kind::text AS "kind"`,
  };
}
