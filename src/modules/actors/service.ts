import type { ActorType, OrganizationKind } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';

export interface ActorFilter {
  nameContains?: string | null;
  kind?: OrganizationKind | null;
}

export function actorWhere(type: ActorType, filter: ActorFilter): Prisma.ActorWhereInput {
  return {
    type,
    ...(filter.kind ? { organizationKind: filter.kind } : {}),
    ...(filter.nameContains ? { name: { contains: filter.nameContains, mode: 'insensitive' } } : {}),
  };
}
