import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../../graphql/builder.js';
import { AffiliationRole, OrganizationKind, type ParticipantRole, type PartySide } from '../../generated/prisma/enums.js';
import type { Event as EventShape, LegalAction as LegalActionShape } from '../../generated/prisma/client.js';
import { orderByDate, orderByBounds, partialDateField } from '../common/partial-date.js';
import { localized } from '../common/localized-text.js';
import { uuidNode } from '../common/ids.js';
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

type Page<Node, Edge> = { edges: (Edge & { cursor: string; node: Node })[]; pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean } };
type ParticipationPage = Page<EventShape, { role: ParticipantRole }>;
type PartyPage = Page<LegalActionShape, { side: PartySide }>;

const eventParticipation = prismaConnectionHelpers(builder, 'EventParticipant', {
  cursor: 'id',
  select: (nodeSelection) => ({ role: true, event: nodeSelection({ select: { id: true } }) }),
  resolveNode: (participation) => participation.event,
});

const legalParty = prismaConnectionHelpers(builder, 'LegalActionParty', {
  cursor: 'id',
  select: (nodeSelection) => ({ side: true, legalAction: nodeSelection({ select: { id: true } }) }),
  resolveNode: (party) => party.legalAction,
});

/**
 * Everything that can speak, take part in events or be a party to a legal action. Both Person and
 * Organization rows live in the Actor table; `type` decides the GraphQL type.
 */
export const ActorRef = builder.prismaInterface('Actor', {
  name: 'Actor',
  description: 'A person or an organisation: anyone who can be quoted, take part in an event or be a party to a legal action.',
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
  quotes: t.relatedConnection('quotesSpoken', {
    cursor: 'id',
    totalCount: true,
    description: 'Quotes this actor said or wrote, oldest first.',
    query: { orderBy: orderByBounds() },
  }),
  quotesAbout: t.relatedConnection('quotesAbout', {
    cursor: 'id',
    totalCount: true,
    description: 'Quotes about this actor, oldest first.',
    query: { orderBy: orderByBounds() },
  }),
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
      select: (args, ctx, nestedSelection) => ({
        _count: { select: { participations: { where: args.role ? { role: args.role } : {} } } },
        participations: {
          ...eventParticipation.getQuery(args, ctx, nestedSelection),
          where: args.role ? { role: args.role } : {},
          orderBy: [
            { event: { dateEarliest: { sort: 'asc', nulls: 'last' } } },
            { event: { chronologyDepth: 'asc' } },
            { event: { dateLatest: { sort: 'asc', nulls: 'last' } } },
            { id: 'asc' },
          ],
        },
      }),
      resolve: (actor, args, ctx) => ({
        // The helper types nodes by the selection it was given; the planned selection holds the rest.
        ...(eventParticipation.resolve(actor.participations, args, ctx) as never as ParticipationPage),
        totalCount: actor._count.participations,
      }),
    },
    {
      fields: (connection) => ({
        totalCount: connection.int({ description: 'Number of items in the whole list.', resolve: (c) => c.totalCount }),
      }),
    },
    {
      fields: (edge) => ({
        role: edge.field({ type: ParticipantRoleEnum, description: 'The actor’s part in this event.', resolve: (p) => p.role }),
      }),
    },
  ),
  legalActions: t.connection(
    {
      type: LegalAction,
      description: 'Legal actions this actor is a party to, earliest filing first; the edge tells the side.',
      args: { side: t.arg({ type: PartySideEnum, required: false, description: 'Only actions where the actor is on this side.' }) },
      select: (args, ctx, nestedSelection) => ({
        _count: { select: { legalParties: { where: args.side ? { side: args.side } : {} } } },
        legalParties: {
          ...legalParty.getQuery(args, ctx, nestedSelection),
          where: args.side ? { side: args.side } : {},
          orderBy: [{ legalAction: { filedOn: { sort: 'asc', nulls: 'last' } } }, { id: 'asc' }],
        },
      }),
      resolve: (actor, args, ctx) => ({
        ...(legalParty.resolve(actor.legalParties, args, ctx) as never as PartyPage),
        totalCount: actor._count.legalParties,
      }),
    },
    {
      fields: (connection) => ({
        totalCount: connection.int({ description: 'Number of items in the whole list.', resolve: (c) => c.totalCount }),
      }),
    },
    {
      fields: (edge) => ({
        side: edge.field({ type: PartySideEnum, description: 'The actor’s side in this action.', resolve: (p) => p.side }),
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
  // The Actor table holds both kinds: a Person ID must not load an organisation.
  findUnique: (id) => ({ id, type: 'PERSON' }),
  fields: () => ({}),
});

export const Organization = builder.prismaNode('Actor', {
  variant: 'Organization',
  description: 'A company, non-profit, government body, news outlet, social-media account or platform, or project.',
  interfaces: [ActorRef],
  ...uuidNode,
  findUnique: (id) => ({ id, type: 'ORGANIZATION' }),
});

builder.prismaObjectFields(Organization, (t) => ({
  kind: t.field({
    type: OrganizationKindEnum,
    description: 'What sort of organisation this is.',
    // The CHECK constraint Actor_organizationKind_check guarantees the kind for organisations.
    resolve: (org) => org.organizationKind ?? 'OTHER',
  }),
  members: t.relatedConnection('memberships', {
    cursor: 'id',
    totalCount: true,
    description: 'Ties of actors to this organisation (founders, executives, investors, owners…), earliest first.',
    args: { role: t.arg({ type: AffiliationRoleEnum, required: false, description: 'Only ties of this role.' }) },
    query: (args) => ({
      where: args.role ? { role: args.role } : {},
      orderBy: orderByDate('startedOn'),
    }),
  }),
}));

export const Affiliation = builder.prismaNode('Affiliation', {
  description: 'An actor’s tie to an organisation during an interval; either end may be unknown.',
  ...uuidNode,
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
