import type { Prisma } from '../../generated/prisma/client.js';
import { boundsRangeWhere, type DateRange } from '../common/partial-date.js';

export interface QuoteFilter extends DateRange {
  speaker?: string | null;
  about?: string | null;
  language?: string | null;
}

export function quoteWhere(filter: QuoteFilter): Prisma.QuoteWhereInput {
  return {
    AND: [
      filter.speaker ? { speaker: { slug: filter.speaker } } : {},
      filter.about ? { about: { some: { slug: filter.about } } } : {},
      filter.language ? { language: filter.language } : {},
      (boundsRangeWhere(filter) ?? {}) as Prisma.QuoteWhereInput,
    ],
  };
}
