import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { idOrSlugWhere } from '../common/ids.js';
import { DateOrderEnum } from '../common/partial-date.js';
import { keysetExtensions, rootPage, totalCountField } from '../common/pages.js';
import { Source, SourceKindEnum } from './types.js';
import { sourceListPlan } from './service.js';
import { findUniqueRow } from '../common/nested-rows.js';

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
      findUniqueRow(prisma.source, 'Source', query, idOrSlugWhere(args)),
  }),
  sources: t.connection(
    {
    type: Source,
    description: 'All sources, newest publication first by default.',
    args: {
      kind: t.arg({ type: SourceKindEnum, required: false, description: 'Only sources of this kind.' }),
      from: t.arg({ type: 'Date', required: false, description: 'Only sources that may have been published on or after this day (by the bounds of their publication date).' }),
      to: t.arg({ type: 'Date', required: false, description: 'Only sources that may have been published on or before this day (by the bounds of their publication date).' }),
      orderBy: t.arg({ type: DateOrderEnum, required: false, defaultValue: 'DATE_DESC', description: 'Chronological order of publication.' }),
    },
    extensions: keysetExtensions('int64'),
    resolve: (_root, args, context, info) =>
      rootPage(sourceListPlan(args, args.orderBy), args, context, info, {
        findMany: (query) => prisma.source.findMany(query as never),
      }) as never,
    },
    totalCountField,
  ),
}));

