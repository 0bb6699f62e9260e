import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { ActorRef, Organization, OrganizationKindEnum, Person } from './types.js';
import { actorListPlan } from './service.js';
import { keysetExtensions, rootPage, totalCountField } from '../common/pages.js';
import { findUniqueRow } from '../common/nested-rows.js';

builder.queryFields((t) => ({
  actor: t.prismaField({
    type: ActorRef,
    nullable: true,
    description: 'A person or organisation by slug (e.g. `elon-musk`, `openai`); null when none matches.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the actor.' }) },
    resolve: (query, _root, args) => findUniqueRow(prisma.actor, 'Actor', query, { slug: args.slug }),
  }),
  person: t.prismaField({
    type: Person,
    nullable: true,
    description: 'A person by slug (e.g. `sam-altman`); null when no person has it.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the person.' }) },
    resolve: (query, _root, args) => findUniqueRow(prisma.actor, 'Actor', query, { slug: args.slug, type: 'PERSON' }),
  }),
  organization: t.prismaField({
    type: Organization,
    nullable: true,
    description: 'An organisation by slug (e.g. `openai`); null when no organisation has it.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the organisation.' }) },
    resolve: (query, _root, args) => findUniqueRow(prisma.actor, 'Actor', query, { slug: args.slug, type: 'ORGANIZATION' }),
  }),
  people: t.connection(
    {
    type: Person,
    description: 'People, by name.',
    args: { nameContains: t.arg.string({ required: false, description: 'Only people whose name contains this text (case-insensitive).' }) },
    extensions: keysetExtensions('string'),
    resolve: (_root, args, context, info) =>
      rootPage(actorListPlan('PERSON', args), args, context, info, { findMany: (query) => prisma.actor.findMany(query as never) }) as never,
    },
    totalCountField,
  ),
  organizations: t.connection(
    {
    type: Organization,
    description: 'Organisations, by name.',
    args: {
      kind: t.arg({ type: OrganizationKindEnum, required: false, description: 'Only organisations of this kind.' }),
      nameContains: t.arg.string({ required: false, description: 'Only organisations whose name contains this text (case-insensitive).' }),
    },
    extensions: keysetExtensions('string'),
    resolve: (_root, args, context, info) =>
      rootPage(actorListPlan('ORGANIZATION', args), args, context, info, { findMany: (query) => prisma.actor.findMany(query as never) }) as never,
    },
    totalCountField,
  ),
}));
