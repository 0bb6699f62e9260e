import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { DateOrderEnum } from '../common/partial-date.js';
import { keysetExtensions, rootPage, totalCountField } from '../common/pages.js';
import { uncertainEdge, uncertainEdgeNeeds } from '../common/timeline-entry.js';
import { Quote } from './types.js';
import { quoteListPlan } from './service.js';

builder.queryFields((t) => ({
  quotes: t.connection(
    {
      type: Quote,
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
      extensions: keysetExtensions('int64'),
      resolve: (_root, args, context, info) =>
        rootPage(quoteListPlan(args, args.orderBy), args, context, info, {
          findMany: (query) => prisma.quote.findMany(query as never),
          ...uncertainEdgeNeeds(args, info),
        }) as never,
    },
    totalCountField,
    uncertainEdge('quote'),
  ),
}));
