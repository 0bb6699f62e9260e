import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { idOrSlugWhere } from '../common/ids.js';
import { DateOrderEnum, orderByBounds } from '../common/partial-date.js';
import { Source, SourceKindEnum } from './types.js';
import { sourceWhere } from './service.js';

builder.queryFields((t) => ({
  source: t.prismaField({
    type: Source,
    nullable: true,
    description: 'A source by its global ID or its slug (exactly one of them); null when none matches.',
    args: {
      id: t.arg.globalID({ for: Source, required: false, description: 'Global ID of the source.' }),
      slug: t.arg.string({ required: false, description: 'Slug of the source (e.g. `warum-hasst-elon-musk-sam-altman`).' }),
    },
    resolve: (query, _root, args) =>
      prisma.source.findUnique({ ...query, where: idOrSlugWhere(args) }),
  }),
  sources: t.prismaConnection({
    type: Source,
    cursor: 'id',
    description: 'All sources, newest publication first by default.',
    args: {
      kind: t.arg({ type: SourceKindEnum, required: false, description: 'Only sources of this kind.' }),
      from: t.arg({ type: 'Date', required: false, description: 'Only sources that may have been published on or after this day (by the bounds of their publication date).' }),
      to: t.arg({ type: 'Date', required: false, description: 'Only sources that may have been published on or before this day (by the bounds of their publication date).' }),
      orderBy: t.arg({ type: DateOrderEnum, required: false, defaultValue: 'DATE_DESC', description: 'Chronological order of publication.' }),
    },
    totalCount: (_parent, args) => prisma.source.count({ where: sourceWhere(args) }),
    resolve: (query, _root, args) =>
      prisma.source.findMany({
        ...query,
        where: sourceWhere(args),
        orderBy: orderByBounds(args.orderBy, 'publishedOn'),
      }),
  }),
}));

