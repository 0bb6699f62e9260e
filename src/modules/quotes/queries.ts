import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { DateOrderEnum, orderByDate } from '../common/partial-date.js';
import { Quote } from './types.js';
import { quoteWhere } from './service.js';

builder.queryFields((t) => ({
  quotes: t.prismaConnection({
    type: Quote,
    cursor: 'id',
    description: 'Quotes, oldest first by default; filter by speaker, subject and date range.',
    args: {
      speaker: t.arg.string({ required: false, description: 'Only quotes said by this actor (slug).' }),
      about: t.arg.string({ required: false, description: 'Only quotes about this actor (slug).' }),
      language: t.arg.string({ required: false, description: 'Only quotes whose text is in this language (BCP 47 tag, e.g. `de`).' }),
      from: t.arg({ type: 'Date', required: false, description: 'Only quotes whose date overlaps the range starting on this day.' }),
      to: t.arg({ type: 'Date', required: false, description: 'Only quotes whose date overlaps the range ending on this day.' }),
      orderBy: t.arg({ type: DateOrderEnum, required: false, defaultValue: 'DATE_ASC', description: 'Chronological order.' }),
    },
    totalCount: (_parent, args) => prisma.quote.count({ where: quoteWhere(args) }),
    resolve: (query, _root, args) => prisma.quote.findMany({ ...query, where: quoteWhere(args), orderBy: orderByDate('date', args.orderBy) }),
  }),
}));
