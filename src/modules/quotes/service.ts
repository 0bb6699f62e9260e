import { Prisma } from '../../generated/prisma/client.js';
import { keyRangeConditions } from '../common/date-order.js';
import type { DateRange } from '../common/partial-date.js';
import { byId, type ListPlan } from '../common/pages.js';

export interface QuoteFilter extends DateRange {
  speaker?: string | null;
  about?: string | null;
  language?: string | null;
}

export type DateOrder = 'DATE_ASC' | 'DATE_DESC' | null | undefined;

/** An actor's id by slug, as a scalar subquery (null when no actor has it: nothing matches). */
export const actorIdBySlug = (slug: string) => Prisma.sql`(SELECT a.id FROM "Actor" a WHERE a.slug = ${slug})`;

/** The sort key column of a date-ordered list of `n` (see src/modules/common/date-order.ts). */
export const dateOrderKey = (order: DateOrder) => (order === 'DATE_DESC' ? Prisma.sql`n."dateOrderDesc"` : Prisma.sql`n."dateOrder"`);

/** Conditions of the `quotes` filters on `n` (a Quote). */
export function quoteConditions(filter: QuoteFilter, order: DateOrder = 'DATE_ASC'): Prisma.Sql[] {
  return [
    ...(filter.speaker ? [Prisma.sql`n."speakerId" = ${actorIdBySlug(filter.speaker)}`] : []),
    ...(filter.about ? [Prisma.sql`n.id IN (SELECT qs."B" FROM "_QuoteSubject" qs WHERE qs."A" = ${actorIdBySlug(filter.about)})`] : []),
    ...(filter.language ? [Prisma.sql`n.language = ${filter.language}`] : []),
    ...keyRangeConditions(dateOrderKey(order), filter, order === 'DATE_DESC'),
  ];
}

/** Root list of quotes, by bounds (served by the (dateOrder, id) / (speakerId, dateOrder, id) indexes). */
export function quoteListPlan(filter: QuoteFilter, order: DateOrder): ListPlan {
  return { from: Prisma.sql`"Quote" n`, where: quoteConditions(filter, order), key: dateOrderKey(order), keyKind: 'int64' };
}

/** Quotes said by the parent actor (`par.pid`). */
export const quotesBySpeakerPlan: ListPlan = {
  from: Prisma.sql`"Quote" n`,
  where: [Prisma.sql`n."speakerId" = par.pid`],
  key: Prisma.sql`n."dateOrder"`,
  keyKind: 'int64',
};

/** Quotes about the parent actor, through the implicit join table (A = actor, B = quote). */
export const quotesAboutPlan: ListPlan = {
  from: Prisma.sql`"_QuoteSubject" qs CROSS JOIN LATERAL ${byId('Quote', Prisma.sql`qs."B"`)}`,
  countFrom: Prisma.sql`"_QuoteSubject" qs`,
  where: [Prisma.sql`qs."A" = par.pid`],
  key: Prisma.sql`n."dateOrder"`,
  keyKind: 'int64',
};

/** Quotes of the parent event. */
export const quotesOfEventPlan: ListPlan = {
  from: Prisma.sql`"Quote" n`,
  where: [Prisma.sql`n."eventId" = par.pid`],
  key: Prisma.sql`n."dateOrder"`,
  keyKind: 'int64',
};

/**
 * Quotes of the parent conflict, in the order stored with each membership ("ConflictQuoteOrder",
 * kept in step by triggers): a range of its primary key, O(first) rows whatever the conflict's size.
 */
export const quotesOfConflictPlan: ListPlan = {
  from: Prisma.sql`"ConflictQuoteOrder" co CROSS JOIN LATERAL ${byId('Quote', Prisma.sql`co."quoteId"`)}`,
  countFrom: Prisma.sql`"ConflictQuoteOrder" co`,
  where: [Prisma.sql`co."conflictId" = par.pid`],
  key: Prisma.sql`co."dateOrder"`,
  keyKind: 'int64',
  id: Prisma.sql`co."quoteId"`,
};
