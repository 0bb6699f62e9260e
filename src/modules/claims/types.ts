import { builder } from '../../graphql/builder.js';
import { ClaimRelationKind } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { prisma } from '../../db.js';
import { nestedConnection } from '../common/pages.js';
import { selectedColumns, uuidNode } from '../common/ids.js';
import { TimelineEntry } from '../common/timeline-entry.js';
import { orderByBounds, partialDateField } from '../common/partial-date.js';
import { localized } from '../common/localized-text.js';
import { Citation, citationFieldDescriptions, distinctSources, Source, sourcesSelection } from '../sources/types.js';
import { ActorRef } from '../actors/types.js';
import { Quote } from '../quotes/types.js';
import { claimsAboutActorPlan, claimsByActorPlan, CONTESTING, relatedClaimsPlan } from './service.js';

export const ClaimRelationKindEnum = builder.enumType(ClaimRelationKind, {
  name: 'ClaimRelationKind',
  description: 'How one claim relates to another.',
  values: {
    DISPUTES: { description: 'Contests the other claim (argues against it, e.g. with evidence).' },
    DENIES: { description: 'Says the other claim is not true.' },
    SUPPORTS: { description: 'Backs the other claim (agrees with it, or is evidence for it).' },
    RESPONDS_TO: { description: 'Was made in response to the other claim.' },
  },
});

export const Claim = builder.prismaNode('Claim', {
  interfaces: [TimelineEntry],
  description:
    'An assertion made by an actor (the claimant) at a (partial) date about actors and facts: a public accusation, a denial, a justification… `summary` is the knowledge base’s neutral English wording; `quotes` are the words that express it when the sources have them. Claims relate to claims (disputes, denials, support, responses), each relation cited.',
  ...uuidNode,
  ...selectedColumns,
});

type RelationCitation = Prisma.CitationGetPayload<{ include: { source: true } }>;

/**
 * A connection of the claims that relate to this one by one of `kinds` (the edge is the relation:
 * its kind and the citations reporting it), picked per parent in SQL.
 */
function relatedClaimsConnection(t: unknown, kinds: ClaimRelationKind[], description: string) {
  return nestedConnection(
    t,
    {
      type: Claim,
      description,
      plan: () => relatedClaimsPlan(kinds),
      findMany: (query) => prisma.claim.findMany(query as never),
      nodeId: (row) => row.nodeId as string,
      // The relations' citations, one statement for every edge of the batch, when asked for.
      loadEdgesFor: 'citations',
      loadEdges: async (rows) => {
        const citations = await prisma.citation.findMany({
          where: { claimRelationId: { in: rows.map((row) => row.relationId as string) } },
          orderBy: { id: 'asc' },
          include: { source: true },
        });
        for (const row of rows) row.citations = citations.filter((c) => c.claimRelationId === row.relationId);
      },
      edge: (row) => ({ kind: row.kind as ClaimRelationKind, citations: (row.citations ?? []) as RelationCitation[] }),
    },
    {
      fields: (edge: { field: (options: object) => unknown }) => ({
        kind: edge.field({ type: ClaimRelationKindEnum, description: 'How the claim of this edge relates to the parent claim.', resolve: (e: { kind: ClaimRelationKind }) => e.kind }),
        citations: edge.field({
          type: [Citation],
          description: 'Sources reporting this relation between the two claims, each with the supporting passage.',
          resolve: (e: { citations: RelationCitation[] }) => e.citations,
        }),
      }),
    },
  );
}

builder.prismaObjectFields(Claim, (t) => ({
  slug: t.exposeString('slug', { description: 'Stable, readable identifier (e.g. `musk-openai-betrayed-him`).' }),
  summary: t.exposeString('summary', {
    description:
      'What is claimed, in a short neutral sentence of the knowledge base (English in the seed; not the claimant’s words: see `quotes`). Original wording; its language: `summaryIn.language`.',
  }),
  summaryIn: t.field(
    localized('summary', false, 'The summary in a language of choice, with the language returned (a rendering is the knowledge base’s, never the claimant’s words).'),
  ),
  date: t.field(partialDateField('date', true, 'When the claim was made, at the precision the sources give, with the bounds they give (`earliest`, `latest`); null when they give no date.')),
  claimant: t.relation('claimant', { type: ActorRef, description: 'Who makes the claim.' }),
  aboutActors: t.relation('aboutActors', { type: ActorRef, description: 'The people and organisations the claim is about.', query: { orderBy: { name: 'asc' } } }),
  aboutEvents: t.relation('aboutEvents', { description: 'Events the claim is about.', query: { orderBy: orderByBounds() } }),
  aboutLegalActions: t.relation('aboutLegalActions', { description: 'Legal actions the claim is about.', query: { orderBy: { filedOn: { sort: 'asc', nulls: 'last' } } } }),
  aboutClaims: t.relation('aboutClaims', { description: 'Other claims this claim is about (e.g. the claim a denial denies).', query: { orderBy: orderByBounds() } }),
  quotes: t.relation('quotes', { description: 'The words that express the claim, exactly as the sources publish them; empty when they report it without quoting.', query: { orderBy: orderByBounds() } }),
  relations: t.relation('relationsFrom', {
    description: 'How this claim relates to other claims (disputes, denies, supports, responds to), each relation cited.',
    query: { orderBy: [{ kind: 'asc' }, { id: 'asc' }] },
  }),
  disputedBy: relatedClaimsConnection(t, CONTESTING, 'Claims that dispute or deny this one, earliest first; the edge tells which (`kind`) and cites the relation.'),
  supportedBy: relatedClaimsConnection(t, ['SUPPORTS'], 'Claims that support this one, earliest first; the edge cites the relation.'),
  responses: relatedClaimsConnection(t, ['RESPONDS_TO'], 'Claims made in response to this one, earliest first; the edge cites the relation.'),
  conflicts: t.relation('conflicts', { description: 'Conflicts this claim is part of.', query: { orderBy: { name: 'asc' } } }),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (c) => distinctSources(c.citations) }),
}));

export const ClaimRelation = builder.prismaObject('ClaimRelation', {
  description: 'One claim disputing, denying, supporting or responding to another, as the sources report it.',
  ...selectedColumns,
});

builder.prismaObjectFields(ClaimRelation, (t) => ({
  kind: t.expose('kind', { type: ClaimRelationKindEnum, description: 'How `from` relates to `to`.' }),
  from: t.relation('fromClaim', { type: Claim, description: 'The disputing, denying, supporting or responding claim.' }),
  to: t.relation('toClaim', { type: Claim, description: 'The claim it relates to.' }),
  citations: t.relation('citations', { description: 'Sources reporting the relation, each with the supporting passage.', query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (r) => distinctSources(r.citations) }),
}));

builder.prismaObjectFields(Citation, (t) => ({
  claim: t.relation('claim', { nullable: true, description: 'The claim this supports.' }),
  claimRelation: t.relation('claimRelation', { nullable: true, description: 'The relation between two claims this supports.' }),
}));

builder.prismaObjectFields(Quote, (t) => ({
  claims: t.relation('claims', { type: Claim, description: 'Claims these words express.', query: { orderBy: orderByBounds() } }),
}));

builder.prismaInterfaceFields(ActorRef, (t) => ({
  claims: nestedConnection(t, {
    type: Claim,
    description: 'Claims this actor makes (accusations, denials, justifications…), earliest first by their bounds.',
    plan: () => claimsByActorPlan,
    findMany: (query) => prisma.claim.findMany(query as never),
  }),
  claimsAbout: nestedConnection(t, {
    type: Claim,
    description: 'Claims others (or this actor) make about this actor, earliest first by their bounds.',
    plan: () => claimsAboutActorPlan,
    findMany: (query) => prisma.claim.findMany(query as never),
  }),
}));
