import { Prisma } from '../../generated/prisma/client.js';
import type { EventKind } from '../../generated/prisma/enums.js';
import { keyRangeConditions } from '../common/date-order.js';
import type { DateRange } from '../common/partial-date.js';
import { byId, type ListPlan } from '../common/pages.js';
import { actorIdBySlug, dateOrderKey, type DateOrder } from '../quotes/service.js';

export interface EventFilter extends DateRange {
  kinds?: EventKind[] | null;
  actor?: string | null;
}

/** Root list of events, by bounds (served by the (dateOrder, id) index). */
export function eventListPlan(filter: EventFilter, order: DateOrder): ListPlan {
  return {
    from: Prisma.sql`"Event" n`,
    where: [
      ...(filter.kinds?.length ? [Prisma.sql`n.kind::text = ANY(${filter.kinds as string[]}::text[])`] : []),
      ...(filter.actor ? [Prisma.sql`n.id IN (SELECT ep."eventId" FROM "EventParticipant" ep WHERE ep."actorId" = ${actorIdBySlug(filter.actor)})`] : []),
      ...keyRangeConditions(dateOrderKey(order), filter, order === 'DATE_DESC'),
    ],
    key: dateOrderKey(order),
    keyKind: 'int64',
  };
}

/**
 * Events of the parent conflict, in the order stored with each membership ("ConflictEventOrder",
 * kept in step by triggers): the page is a range of its primary key (conflictId, dateOrder, eventId),
 * O(first) rows however many events the conflict has, and each event is then read by its id.
 */
export const eventsOfConflictPlan: ListPlan = {
  from: Prisma.sql`"ConflictEventOrder" co CROSS JOIN LATERAL ${byId('Event', Prisma.sql`co."eventId"`)}`,
  countFrom: Prisma.sql`"ConflictEventOrder" co`,
  where: [Prisma.sql`co."conflictId" = par.pid`],
  key: Prisma.sql`co."dateOrder"`,
  keyKind: 'int64',
  id: Prisma.sql`co."eventId"`,
};

/**
 * The parent actor's participations, by the event's bounds then the participation: the edge is the
 * participation (an actor can take part in one event in two roles), the node its event.
 */
export function participationsOfActorPlan(role: string | null | undefined): ListPlan {
  return {
    from: Prisma.sql`"EventParticipant" ep CROSS JOIN LATERAL ${byId('Event', Prisma.sql`ep."eventId"`)}`,
    countFrom: Prisma.sql`"EventParticipant" ep`,
    where: [Prisma.sql`ep."actorId" = par.pid`, ...(role ? [Prisma.sql`ep.role::text = ${role}`] : [])],
    key: Prisma.sql`n."dateOrder"`,
    keyKind: 'int64',
    id: Prisma.sql`ep.id`,
    columns: Prisma.sql`, n.id AS "nodeId", ep.role::text AS "role"`,
  };
}
