import { builder } from '../../graphql/builder.js';
import { prisma } from '../../db.js';
import { nestedConnection } from '../common/pages.js';
import { Event } from '../events/types.js';
import { eventsOfConflictPlan } from '../events/service.js';
import { Quote } from '../quotes/types.js';
import { quotesOfConflictPlan } from '../quotes/service.js';
import { Claim } from '../claims/types.js';
import { claimsOfConflictPlan } from '../claims/service.js';
import { LegalAction } from '../legal-actions/types.js';
import { legalActionsOfConflictPlan } from '../legal-actions/service.js';
import { Conflict } from './types.js';

// A conflict's member lists, each paged in SQL through its join table (src/modules/common/pages.ts).
builder.prismaObjectFields(Conflict, (t) => ({
  events: nestedConnection(t, {
    type: Event,
    description: 'Events of this conflict, oldest first.',
    plan: () => eventsOfConflictPlan,
    findMany: (query) => prisma.event.findMany(query as never),
  }),
  quotes: nestedConnection(t, {
    type: Quote,
    description: 'Quotes of this conflict, oldest first.',
    plan: () => quotesOfConflictPlan,
    findMany: (query) => prisma.quote.findMany(query as never),
  }),
  claims: nestedConnection(t, {
    type: Claim,
    description: 'Claims of this conflict, earliest first (by their bounds).',
    plan: () => claimsOfConflictPlan,
    findMany: (query) => prisma.claim.findMany(query as never),
  }),
  legalActions: nestedConnection(t, {
    type: LegalAction,
    description: 'Legal actions of this conflict, earliest filing first.',
    plan: () => legalActionsOfConflictPlan,
    findMany: (query) => prisma.legalAction.findMany(query as never),
  }),
}));
