import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { Prisma } from '../../generated/prisma/client.js';
import { keysetExtensions, rootPage, totalCountField } from '../common/pages.js';
import { Conflict } from './types.js';
import { findUniqueRow } from '../common/nested-rows.js';

builder.queryFields((t) => ({
  conflict: t.prismaField({
    type: Conflict,
    nullable: true,
    description: 'A conflict by its slug (e.g. `musk-vs-openai`); null when none matches.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the conflict.' }) },
    resolve: (query, _root, args) => findUniqueRow(prisma.conflict, 'Conflict', query, { slug: args.slug }),
  }),
  conflicts: t.connection(
    {
      type: Conflict,
      description: 'All conflicts, by name.',
      extensions: keysetExtensions('string'),
      resolve: (_root, args, context, info) =>
        rootPage({ from: Prisma.sql`"Conflict" n`, where: [], key: Prisma.sql`n.name`, keyKind: 'string' }, args, context, info, {
          findMany: (query) => prisma.conflict.findMany(query as never),
        }) as never,
    },
    totalCountField,
  ),
}));
