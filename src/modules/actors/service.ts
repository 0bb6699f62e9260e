import { Prisma } from '../../generated/prisma/client.js';
import type { ActorType, AffiliationRole, OrganizationKind } from '../../generated/prisma/enums.js';
import type { ListPlan } from '../common/pages.js';

export interface ActorFilter {
  nameContains?: string | null;
  kind?: OrganizationKind | null;
}

/** `%`, `_` and `\` match themselves in a `contains` search. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Root list of people or organisations, by name (the (type, name, id) index). */
export function actorListPlan(type: ActorType, filter: ActorFilter): ListPlan {
  return {
    from: Prisma.sql`"Actor" n`,
    where: [
      Prisma.sql`n.type = ${type}::"ActorType"`,
      ...(filter.kind ? [Prisma.sql`n."organizationKind"::text = ${filter.kind}`] : []),
      ...(filter.nameContains ? [Prisma.sql`n.name ILIKE ${`%${likeEscape(filter.nameContains)}%`}`] : []),
    ],
    key: Prisma.sql`n.name`,
    keyKind: 'string',
  };
}

/** Ties of actors to the parent organisation, by start date (the (organizationId, startedOnOrder, id) index). */
export function membersPlan(role: AffiliationRole | null | undefined): ListPlan {
  return {
    from: Prisma.sql`"Affiliation" n`,
    where: [Prisma.sql`n."organizationId" = par.pid`, ...(role ? [Prisma.sql`n.role::text = ${role}`] : [])],
    key: Prisma.sql`n."startedOnOrder"`,
    keyKind: 'int64',
  };
}
