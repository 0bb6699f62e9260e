import { builder } from '../../graphql/builder.js';
import { AffiliationRole, OrganizationKind, type ParticipantRole, type PartySide } from '../../generated/prisma/enums.js';
import { prisma } from '../../db.js';
import { orderByDate, partialDateField } from '../common/partial-date.js';
import { keysetExtensions, nestedPage, totalCountField } from '../common/pages.js';
import { participationsOfActorPlan } from '../events/service.js';
import { partiesOfActorPlan } from '../legal-actions/service.js';
import { membersPlan } from './service.js';
import { localized } from '../common/localized-text.js';
import { selectedColumns, uuidNode } from '../common/ids.js';
import { citationFieldDescriptions, distinctSources, Source, sourcesSelection } from '../sources/types.js';
import { Event, ParticipantRoleEnum } from '../events/types.js';
import { LegalAction, PartySideEnum } from '../legal-actions/types.js';

export const OrganizationKindEnum = builder.enumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What sort of organisation an Organization is.',
  values: {
    COMPANY: { description: 'A company, for-profit or capped-profit.' },
    NONPROFIT: { description: 'A non-profit organisation.' },
    GOVERNMENT_BODY: { description: 'A government institution (e.g. the White House, Congress).' },
    NEWS_OUTLET: { description: 'A news organisation (e.g. Reuters).' },
    SOCIAL_MEDIA_ACCOUNT: { description: 'An account on a social network that is not a single person (e.g. a fan account).' },
    SOCIAL_MEDIA_PLATFORM: { description: 'A social network (e.g. X).' },
    PROJECT: { description: 'A joint project or venture (e.g. Stargate).' },
    OTHER: { description: 'Any other organisation.' },
  },
});

export const AffiliationRoleEnum = builder.enumType(AffiliationRole, {
  name: 'AffiliationRole',
  description: 'The nature of an actor’s tie to an organisation.',
  values: {
    CO_FOUNDER: { description: 'Founded the organisation together with others.' },
    FOUNDER: { description: 'Founded the organisation alone.' },
    CEO: { description: 'Chief executive.' },
    BOARD_MEMBER: { description: 'Member of the board.' },
    EMPLOYEE: { description: 'Employee or officer.' },
    INVESTOR: { description: 'Invested in the organisation.' },
    PARTNER: { description: 'Partner in a joint project.' },
    OWNER: { description: 'Owns the organisation.' },
    OPERATOR: { description: 'Has operational responsibility for the organisation or project.' },
    OTHER: { description: 'Any other tie; see `title`.' },
  },
});

/**
 * Everything that can speak, take part in events or be a party to a legal action. Both Person and
 * Organization rows live in the Actor table; `type` decides the GraphQL type.
 */
/** What every actor row loads beside the columns its selected fields declare: its id and `type`. */
const actorColumns = { id: true, type: true } as const;

export const ActorRef = builder.prismaInterface('Actor', {
  name: 'Actor',
  description: 'A person or an organisation: anyone who can be quoted, take part in an event or be a party to a legal action.',
  // `type` decides the GraphQL type, so every load of an actor selects it whatever else is asked.
  select: actorColumns,
  resolveType: (actor) => (actor.type === 'PERSON' ? 'Person' : 'Organization'),
  // Implementing Node declares `id` on the interface, so `actor(slug:) { id }` needs no fragment and
  // normalised caches (Apollo, Relay) find the key on every actor.
  interfaces: [builder.nodeInterfaceRef()],
});

builder.prismaInterfaceFields(ActorRef, (t) => ({
  slug: t.exposeString('slug', { description: 'Stable, readable identifier (e.g. `elon-musk`, `openai`).' }),
  name: t.exposeString('name', { description: 'Name as commonly written (original wording; its language: `nameIn.language`, `mul` when written alike in every language).' }),
  nameIn: t.field(localized('name', false, 'The name in a language of choice (e.g. "Weißes Haus"), with the language returned.')),
  description: t.exposeString('description', {
    nullable: true,
    description: 'Short description in the knowledge base’s words, supported by `sources` (original wording; its language: `descriptionIn.language`).',
  }),
  descriptionIn: t.field(localized('description', true, 'The description in a language of choice, with the language returned.')),
  affiliations: t.relation('affiliations', {
    description: 'This actor’s ties to organisations (co-founder, CEO, owner, investor…), earliest first.',
    query: { orderBy: orderByDate('startedOn') },
  }),
  events: t.connection(
    {
      type: Event,
      description: 'Events this actor took part in, oldest first; the edge tells the role.',
      args: {
        role: t.arg({ type: ParticipantRoleEnum, required: false, description: 'Only events where the actor had this role.' }),
      },
      extensions: keysetExtensions('int64'),
      select: () => ({ id: true }),
      resolve: (actor, args, context, info) =>
        nestedPage(participationsOfActorPlan(args.role), actor.id, args, context, info, {
          findMany: (query) => prisma.event.findMany(query as never),
          nodeId: (row) => row.nodeId as string,
          edge: (row) => ({ role: row.role as ParticipantRole }),
        }) as never,
    },
    totalCountField,
    {
      fields: (edge) => ({
        role: edge.field({ type: ParticipantRoleEnum, description: 'The actor’s part in this event.', resolve: (p) => (p as unknown as { role: ParticipantRole }).role }),
      }),
    },
  ),
  legalActions: t.connection(
    {
      type: LegalAction,
      description: 'Legal actions this actor is a party to, earliest filing first; the edge tells the side.',
      args: { side: t.arg({ type: PartySideEnum, required: false, description: 'Only actions where the actor is on this side.' }) },
      extensions: keysetExtensions('int64'),
      select: () => ({ id: true }),
      resolve: (actor, args, context, info) =>
        nestedPage(partiesOfActorPlan(args.side), actor.id, args, context, info, {
          findMany: (query) => prisma.legalAction.findMany(query as never),
          nodeId: (row) => row.nodeId as string,
          edge: (row) => ({ side: row.side as PartySide }),
        }) as never,
    },
    totalCountField,
    {
      fields: (edge) => ({
        side: edge.field({ type: PartySideEnum, description: 'The actor’s side in this action.', resolve: (p) => (p as unknown as { side: PartySide }).side }),
      }),
    },
  ),
  conflicts: t.relation('conflicts', { description: 'Conflicts this actor is a party to.', query: { orderBy: { name: 'asc' } } }),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({
    type: [Source],
    description: citationFieldDescriptions.sources,
    select: (_args, _ctx, nestedSelection) => ({
      citations: { orderBy: { id: 'asc' }, select: { source: nestedSelection(true) } },
    }),
    resolve: (actor) => distinctSources(actor.citations),
  }),
}));

export const Person = builder.prismaNode('Actor', {
  variant: 'Person',
  description: 'A natural person.',
  interfaces: [ActorRef],
  ...uuidNode,
  select: actorColumns,
  // The Actor table holds both kinds: a Person ID must not load an organisation.
  findUnique: (id) => ({ id, type: 'PERSON' }),
  fields: () => ({}),
});

export const Organization = builder.prismaNode('Actor', {
  variant: 'Organization',
  description: 'A company, non-profit, government body, news outlet, social-media account or platform, or project.',
  interfaces: [ActorRef],
  ...uuidNode,
  select: actorColumns,
  findUnique: (id) => ({ id, type: 'ORGANIZATION' }),
});

builder.prismaObjectFields(Organization, (t) => ({
  kind: t.field({
    type: OrganizationKindEnum,
    description: 'What sort of organisation this is.',
    // The CHECK constraint Actor_organizationKind_check guarantees the kind for organisations.
    select: { organizationKind: true },
    resolve: (org) => org.organizationKind ?? 'OTHER',
  }),
  members: t.connection(
    {
      type: Affiliation,
      description: 'Ties of actors to this organisation (founders, executives, investors, owners…), earliest first.',
      args: { role: t.arg({ type: AffiliationRoleEnum, required: false, description: 'Only ties of this role.' }) },
      extensions: keysetExtensions('int64'),
      select: () => ({ id: true }),
      resolve: (organization, args, context, info) =>
        nestedPage(membersPlan(args.role), organization.id, args, context, info, {
          findMany: (query) => prisma.affiliation.findMany(query as never),
        }) as never,
    },
    totalCountField,
  ),
}));

export const Affiliation = builder.prismaNode('Affiliation', {
  description: 'An actor’s tie to an organisation during an interval; either end may be unknown.',
  ...uuidNode,
  ...selectedColumns,
});

builder.prismaObjectFields(Affiliation, (t) => ({
  member: t.relation('member', { type: ActorRef, description: 'The person or organisation that has the tie.' }),
  organization: t.relation('organization', { type: Organization, description: 'The organisation the tie is to.' }),
  role: t.expose('role', { type: AffiliationRoleEnum, description: 'The nature of the tie.' }),
  title: t.exposeString('title', {
    nullable: true,
    description: 'Title as the source words it (e.g. "Chef"), in the source’s language (`titleIn.language`).',
  }),
  titleIn: t.field(localized('title', true, 'The title in a language of choice (e.g. English "head" for "Chef"), with the language returned.')),
  startedOn: t.field(partialDateField('startedOn', false, 'When the tie began; null when the source does not say.')),
  endedOn: t.field(partialDateField('endedOn', false, 'When the tie ended; null when it continues or the source does not say.')),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (a) => distinctSources(a.citations) }),
}));
