import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { Conflict } from './types.js';

builder.queryFields((t) => ({
  conflict: t.prismaField({
    type: Conflict,
    nullable: true,
    description: 'A conflict by its slug (e.g. `musk-vs-openai`); null when none matches.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the conflict.' }) },
    resolve: (query, _root, args) => prisma.conflict.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  conflicts: t.prismaConnection({
    type: Conflict,
    cursor: 'id',
    description: 'All conflicts, by name.',
    totalCount: () => prisma.conflict.count(),
    resolve: (query) => prisma.conflict.findMany({ ...query, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }),
}));
