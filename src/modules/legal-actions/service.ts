import { Prisma } from '../../generated/prisma/client.js';
import type { LegalActionStatus, PartySide } from '../../generated/prisma/enums.js';
import { assertDateRange, type DateRange } from '../common/partial-date.js';
import { byId, type ListPlan } from '../common/pages.js';
import { actorIdBySlug, type DateOrder } from '../quotes/service.js';

export interface LegalActionFilter extends DateRange {
  status?: LegalActionStatus | null;
  party?: string | null;
  side?: PartySide | null;
}

const filedOnKey = (order: DateOrder) => (order === 'DATE_DESC' ? Prisma.sql`n."filedOnOrderDesc"` : Prisma.sql`n."filedOnOrder"`);

/**
 * Root list of legal actions, by filing date (day, coarser precision first, undated last). The range
 * keeps actions whose filing period overlaps it: filed on or before `to`, the period (`partial_date_end`)
 * ending on or after `from`.
 */
export function legalActionListPlan(filter: LegalActionFilter, order: DateOrder): ListPlan {
  assertDateRange(filter);
  const party =
    filter.party || filter.side
      ? [
          Prisma.sql`EXISTS (SELECT 1 FROM "LegalActionParty" lp WHERE lp."legalActionId" = n.id
            ${filter.party ? Prisma.sql`AND lp."actorId" = ${actorIdBySlug(filter.party)}` : Prisma.empty}
            ${filter.side ? Prisma.sql`AND lp.side::text = ${filter.side}` : Prisma.empty})`,
        ]
      : [];
  return {
    from: Prisma.sql`"LegalAction" n`,
    where: [
      ...(filter.status ? [Prisma.sql`n.status::text = ${filter.status}`] : []),
      ...party,
      ...(filter.from || filter.to ? [Prisma.sql`n."filedOn" IS NOT NULL`] : []),
      ...(filter.to ? [Prisma.sql`n."filedOn" <= ${filter.to}::date`] : []),
      ...(filter.from ? [Prisma.sql`partial_date_end(n."filedOn", n."filedOnPrecision") >= ${filter.from}::date`] : []),
    ],
    key: filedOnKey(order),
    keyKind: 'int64',
  };
}

/** Legal actions of the parent conflict (the implicit join table: A = conflict, B = legal action). */
export const legalActionsOfConflictPlan: ListPlan = {
  from: Prisma.sql`"_ConflictToLegalAction" cl CROSS JOIN LATERAL ${byId('LegalAction', Prisma.sql`cl."B"`)}`,
  countFrom: Prisma.sql`"_ConflictToLegalAction" cl`,
  where: [Prisma.sql`cl."A" = par.pid`],
  key: Prisma.sql`n."filedOnOrder"`,
  keyKind: 'int64',
};

/**
 * The parent actor's parties to legal actions, by filing day (undated last) then the party row, as
 * this list was always ordered: the edge is the party (its side), the node the legal action.
 */
export function partiesOfActorPlan(side: string | null | undefined): ListPlan {
  return {
    from: Prisma.sql`"LegalActionParty" lp CROSS JOIN LATERAL ${byId('LegalAction', Prisma.sql`lp."legalActionId"`)}`,
    countFrom: Prisma.sql`"LegalActionParty" lp`,
    where: [Prisma.sql`lp."actorId" = par.pid`, ...(side ? [Prisma.sql`lp.side::text = ${side}`] : [])],
    key: Prisma.sql`(n."filedOnOrder" >> 41)`,
    keyKind: 'int64',
    id: Prisma.sql`lp.id`,
    columns: Prisma.sql`, n.id AS "nodeId", lp.side::text AS "side"`,
  };
}
