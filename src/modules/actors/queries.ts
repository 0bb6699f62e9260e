import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { ActorRef, Organization, OrganizationKindEnum, Person } from './types.js';
import { actorWhere } from './service.js';

builder.queryFields((t) => ({
  actor: t.prismaField({
    type: ActorRef,
    nullable: true,
    description: 'A person or organisation by slug (e.g. `elon-musk`, `openai`); null when none matches.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the actor.' }) },
    resolve: (query, _root, args) => prisma.actor.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  person: t.prismaField({
    type: Person,
    nullable: true,
    description: 'A person by slug (e.g. `sam-altman`); null when no person has it.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the person.' }) },
    resolve: (query, _root, args) => prisma.actor.findUnique({ ...query, where: { slug: args.slug, type: 'PERSON' } }),
  }),
  organization: t.prismaField({
    type: Organization,
    nullable: true,
    description: 'An organisation by slug (e.g. `openai`); null when no organisation has it.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the organisation.' }) },
    resolve: (query, _root, args) => prisma.actor.findUnique({ ...query, where: { slug: args.slug, type: 'ORGANIZATION' } }),
  }),
  people: t.prismaConnection({
    type: Person,
    cursor: 'id',
    description: 'People, by name.',
    args: { nameContains: t.arg.string({ required: false, description: 'Only people whose name contains this text (case-insensitive).' }) },
    totalCount: (_parent, args) => prisma.actor.count({ where: actorWhere('PERSON', args) }),
    resolve: (query, _root, args) =>
      prisma.actor.findMany({ ...query, where: actorWhere('PERSON', args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }),
  organizations: t.prismaConnection({
    type: Organization,
    cursor: 'id',
    description: 'Organisations, by name.',
    args: {
      kind: t.arg({ type: OrganizationKindEnum, required: false, description: 'Only organisations of this kind.' }),
      nameContains: t.arg.string({ required: false, description: 'Only organisations whose name contains this text (case-insensitive).' }),
    },
    totalCount: (_parent, args) => prisma.actor.count({ where: actorWhere('ORGANIZATION', args) }),
    resolve: (query, _root, args) =>
      prisma.actor.findMany({ ...query, where: actorWhere('ORGANIZATION', args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }),
}));
