import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { DateOrderEnum } from '../common/partial-date.js';
import { keysetExtensions, rootPage, totalCountField } from '../common/pages.js';
import { LegalAction, LegalActionStatusEnum, PartySideEnum } from './types.js';
import { legalActionListPlan } from './service.js';
import { findUniqueRow } from '../common/nested-rows.js';

builder.queryFields((t) => ({
  legalAction: t.prismaField({
    type: LegalAction,
    nullable: true,
    description: 'A legal action by slug (e.g. `musk-v-openai-2024-08`); null when none matches.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the legal action.' }) },
    resolve: (query, _root, args) => findUniqueRow(prisma.legalAction, 'LegalAction', query, { slug: args.slug }),
  }),
  legalActions: t.connection(
    {
    type: LegalAction,
    description: 'Legal actions, earliest filing first by default; filter by status, party, side and filing date.',
    args: {
      status: t.arg({ type: LegalActionStatusEnum, required: false, description: 'Only actions currently in this status.' }),
      party: t.arg.string({ required: false, description: 'Only actions this actor (slug) is a party to.' }),
      side: t.arg({ type: PartySideEnum, required: false, description: 'With `party`: only where that actor is on this side; alone: only actions with a party on this side.' }),
      from: t.arg({ type: 'Date', required: false, description: 'Only actions filed in a period overlapping the range starting on this day.' }),
      to: t.arg({ type: 'Date', required: false, description: 'Only actions filed in a period overlapping the range ending on this day.' }),
      orderBy: t.arg({ type: DateOrderEnum, required: false, defaultValue: 'DATE_ASC', description: 'Chronological order of filing.' }),
    },
    extensions: keysetExtensions('int64'),
    resolve: (_root, args, context, info) =>
      rootPage(legalActionListPlan(args, args.orderBy), args, context, info, {
        findMany: (query) => prisma.legalAction.findMany(query as never),
      }) as never,
    },
    totalCountField,
  ),
}));
