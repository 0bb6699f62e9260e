import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { DateOrderEnum } from '../common/partial-date.js';
import { keysetExtensions, rootPage, totalCountField } from '../common/pages.js';
import { uncertainEdge, uncertainEdgeNeeds } from '../common/timeline-entry.js';
import { Claim } from './types.js';
import { claimListPlan, claimsBetweenPlan } from './service.js';
import { findUniqueRow } from '../common/nested-rows.js';

builder.queryFields((t) => ({
  claim: t.prismaField({
    type: Claim,
    nullable: true,
    description: 'A claim by its slug (e.g. `musk-openai-betrayed-him`); null when none matches.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the claim.' }) },
    resolve: (query, _root, args) => findUniqueRow(prisma.claim, 'Claim', query, { slug: args.slug }),
  }),
  claims: t.connection(
    {
      type: Claim,
      description:
        'Claims, earliest first by default (by their bounds: first possible day, then last possible day; undated last); filter by claimant, subject, whether they are disputed, and date range.',
      args: {
        about: t.arg.string({ required: false, description: 'Only claims about this actor (slug).' }),
        claimant: t.arg.string({ required: false, description: 'Only claims made by this actor (slug).' }),
        disputed: t.arg.boolean({
          required: false,
          description: 'true: only claims another claim disputes or denies; false: only claims nobody is recorded disputing or denying.',
        }),
        from: t.arg({ type: 'Date', required: false, description: 'Only claims that may fall on or after this day (by their bounds); see the edge’s `uncertain`.' }),
        to: t.arg({ type: 'Date', required: false, description: 'Only claims that may fall on or before this day (by their bounds); see the edge’s `uncertain`.' }),
        orderBy: t.arg({ type: DateOrderEnum, required: false, defaultValue: 'DATE_ASC', description: 'Chronological order.' }),
      },
      extensions: keysetExtensions('int64'),
      resolve: (_root, args, context, info) =>
        rootPage(claimListPlan(args, args.orderBy), args, context, info, {
          findMany: (query) => prisma.claim.findMany(query as never),
          ...uncertainEdgeNeeds(args, info),
        }) as never,
    },
    totalCountField,
    uncertainEdge('claim'),
  ),
  claimsBetween: t.connection(
    {
      type: Claim,
      description:
        'What each of two actors claims about the other, earliest first: claims by `a` about `b` and by `b` about `a`. Select `claimant` to tell the sides apart and `disputedBy` for the claims that dispute or deny each one.',
      args: {
        a: t.arg.string({ required: true, description: 'Slug of one actor (e.g. `elon-musk`).' }),
        b: t.arg.string({ required: true, description: 'Slug of the other actor (e.g. `sam-altman`).' }),
        from: t.arg({ type: 'Date', required: false, description: 'Only claims that may fall on or after this day (by their bounds).' }),
        to: t.arg({ type: 'Date', required: false, description: 'Only claims that may fall on or before this day (by their bounds).' }),
      },
      extensions: keysetExtensions('int64'),
      resolve: (_root, args, context, info) =>
        rootPage(claimsBetweenPlan(args.a, args.b, args), args, context, info, {
          findMany: (query) => prisma.claim.findMany(query as never),
          ...uncertainEdgeNeeds(args, info),
        }) as never,
    },
    totalCountField,
    uncertainEdge('claim'),
  ),
}));
