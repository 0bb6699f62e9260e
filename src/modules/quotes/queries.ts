import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { DateOrderEnum, orderByBounds, withRange } from '../common/partial-date.js';
import { uncertainEdge } from '../common/timeline-entry.js';
import { Quote } from './types.js';
import { quoteWhere } from './service.js';

builder.queryFields((t) => ({
  quotes: t.prismaConnection(
    {
    type: Quote,
    cursor: 'id',
    description:
      'Quotes, oldest first by default (by their bounds: first possible day, then last possible day; undated last); filter by speaker, subject and date range.',
    args: {
      speaker: t.arg.string({ required: false, description: 'Only quotes said by this actor (slug).' }),
      about: t.arg.string({ required: false, description: 'Only quotes about this actor (slug).' }),
      language: t.arg.string({ required: false, description: 'Only quotes whose text is in this language (BCP 47 tag, e.g. `de`).' }),
      from: t.arg({ type: 'Date', required: false, description: 'Only quotes that may fall on or after this day (by their bounds); see the edge’s `uncertain`.' }),
      to: t.arg({ type: 'Date', required: false, description: 'Only quotes that may fall on or before this day (by their bounds); see the edge’s `uncertain`.' }),
      orderBy: t.arg({ type: DateOrderEnum, required: false, defaultValue: 'DATE_ASC', description: 'Chronological order.' }),
    },
    totalCount: (_parent, args) => prisma.quote.count({ where: quoteWhere(args) }),
    resolve: async (query, _root, args) =>
      withRange(await prisma.quote.findMany({ ...query, where: quoteWhere(args), orderBy: orderByBounds(args.orderBy) }), args),
    },
    {},
    uncertainEdge('quote'),
  ),
}));
