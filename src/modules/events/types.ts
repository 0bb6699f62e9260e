import { builder } from '../../graphql/builder.js';
import { orderByDate, partialDateField } from '../common/partial-date.js';
import { EventKind, ParticipantRole } from '../../generated/prisma/enums.js';
import { selectedColumns, uuidNode } from '../common/ids.js';
import { TimelineEntry } from '../common/timeline-entry.js';
import { localized } from '../common/localized-text.js';
import { citationFieldDescriptions, distinctSources, Source, sourcesSelection } from '../sources/types.js';
import { ActorRef } from '../actors/types.js';

export const EventKindEnum = builder.enumType(EventKind, {
  name: 'EventKind',
  description: 'What happened in an event.',
  values: {
    FOUNDING: { description: 'An organisation was founded.' },
    DEPARTURE: { description: 'Someone left an organisation or position.' },
    STATUS_CHANGE: { description: 'An organisation changed its legal status (e.g. non-profit to capped-profit).' },
    PRODUCT_LAUNCH: { description: 'A product was presented or released.' },
    ANNOUNCEMENT: { description: 'A public announcement.' },
    FILING: { description: 'A lawsuit or other legal document was filed.' },
    STATEMENT: { description: 'A public statement, post or publication.' },
    INVESTMENT: { description: 'An investment was made.' },
    REPORT: { description: 'A media report about plans or facts.' },
    MILESTONE: { description: 'A notable success or turning point.' },
    OTHER: { description: 'Anything else.' },
  },
});

export const ParticipantRoleEnum = builder.enumType(ParticipantRole, {
  name: 'ParticipantRole',
  description: 'The part an actor played in an event.',
  values: {
    FOUNDER: { description: 'Founded what the event is about.' },
    ANNOUNCER: { description: 'Made the announcement.' },
    INITIATOR: { description: 'Launched or started it.' },
    PARTNER: { description: 'Took part as a partner.' },
    INVESTOR: { description: 'Took part as an investor.' },
    SUBJECT: { description: 'The event is about this actor.' },
    HOST: { description: 'Hosted the event.' },
    AUTHOR: { description: 'Wrote the statement or publication.' },
    RESPONDENT: { description: 'Responded to someone else’s statement.' },
    PLAINTIFF: { description: 'Filed the legal action.' },
    DEFENDANT: { description: 'Was sued.' },
    OTHER: { description: 'Any other part.' },
  },
});

export const Event = builder.prismaNode('Event', {
  interfaces: [TimelineEntry],
  description: 'Something that happened, with its date at the precision the sources give, its participants and sources.',
  ...uuidNode,
  ...selectedColumns,
});

builder.prismaObjectFields(Event, (t) => ({
  slug: t.exposeString('slug', { description: 'Stable, readable identifier.' }),
  title: t.exposeString('title', { description: 'Short title, in its original wording (its language: `titleIn.language`).' }),
  titleIn: t.field(localized('title', false, 'The title in a language of choice, with the language returned.')),
  description: t.exposeString('description', {
    nullable: true,
    description: 'What happened, in the knowledge base’s words (original wording; its language: `descriptionIn.language`).',
  }),
  descriptionIn: t.field(localized('description', true, 'The description in a language of choice, with the language returned.')),
  kind: t.expose('kind', { type: EventKindEnum, description: 'What kind of event this is.' }),
  date: t.field(partialDateField('date', true, 'When it happened, at the precision the sources give, with the bounds they give (`earliest`, `latest`); null when they give no date.')),
  place: t.exposeString('place', { nullable: true, description: 'Where it happened, when stated (original wording; its language: `placeIn.language`).' }),
  placeIn: t.field(localized('place', true, 'The place in a language of choice, with the language returned.')),
  participants: t.relation('participants', {
    description: 'Who took part and in which role.',
    args: { role: t.arg({ type: ParticipantRoleEnum, required: false, description: 'Only participants with this role.' }) },
    query: (args) => ({ where: args.role ? { role: args.role } : {}, orderBy: [{ role: 'asc' }, { id: 'asc' }] }),
  }),
  legalActions: t.relation('legalActions', {
    description: 'Legal actions this event belongs to.',
    query: { orderBy: orderByDate('filedOn') },
  }),
  conflicts: t.relation('conflicts', { description: 'Conflicts this event is part of.', query: { orderBy: { name: 'asc' } } }),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (e) => distinctSources(e.citations) }),
}));

export const EventParticipant = builder.prismaObject('EventParticipant', {
  description: 'An actor’s part in an event.',
  ...selectedColumns,
});

builder.prismaObjectFields(EventParticipant, (t) => ({
  actor: t.relation('actor', { type: ActorRef, description: 'The participating person or organisation.' }),
  role: t.expose('role', { type: ParticipantRoleEnum, description: 'The part the actor played.' }),
  event: t.relation('event', { description: 'The event.' }),
}));
