import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { DateOrderEnum } from '../common/partial-date.js';
import { keysetExtensions, rootPage, totalCountField } from '../common/pages.js';
import { uncertainEdge, uncertainEdgeNeeds } from '../common/timeline-entry.js';
import { idOrSlugWhere } from '../common/ids.js';
import { Event, EventKindEnum } from './types.js';
import { eventListPlan } from './service.js';
import { findUniqueRow } from '../common/nested-rows.js';

builder.queryFields((t) => ({
  event: t.prismaField({
    type: Event,
    nullable: true,
    description: 'An event by its global ID or its slug (exactly one of them); null when none matches.',
    args: {
      id: t.arg.globalID({ for: Event, required: false, description: 'Global ID of the event.' }),
      slug: t.arg.string({ required: false, description: 'Slug of the event (e.g. `stargate-announcement`).' }),
    },
    resolve: (query, _root, args) =>
      findUniqueRow(prisma.event, 'Event', query, idOrSlugWhere(args)),
  }),
  events: t.connection(
    {
    type: Event,
    description:
      'Events, oldest first by default (by their bounds: first possible day, then last possible day; undated last); filter by kind, participant and date range.',
    args: {
      kinds: t.arg({ type: [EventKindEnum], required: false, description: 'Only events of these kinds.' }),
      actor: t.arg.string({ required: false, description: 'Only events this actor (slug) took part in.' }),
      from: t.arg({ type: 'Date', required: false, description: 'Only events that may fall on or after this day (by their bounds); see the edge’s `uncertain`.' }),
      to: t.arg({ type: 'Date', required: false, description: 'Only events that may fall on or before this day (by their bounds); see the edge’s `uncertain`.' }),
      orderBy: t.arg({ type: DateOrderEnum, required: false, defaultValue: 'DATE_ASC', description: 'Chronological order.' }),
    },
    extensions: keysetExtensions('int64'),
    resolve: (_root, args, context, info) =>
      rootPage(eventListPlan(args, args.orderBy), args, context, info, {
        findMany: (query) => prisma.event.findMany(query as never),
        ...uncertainEdgeNeeds(args, info),
      }) as never,
    },
    totalCountField,
    uncertainEdge('event'),
  ),
}));
