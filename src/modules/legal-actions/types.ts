import { builder } from '../../graphql/builder.js';
import { LegalActionStatus, PartySide } from '../../generated/prisma/enums.js';
import { orderByBounds, partialDateField } from '../common/partial-date.js';
import { labelsSelection, localized, LocalizedText, langArgs, pickWording, columnWording, type LocalizedRow } from '../common/localized-text.js';
import { selectedColumns, uuidNode } from '../common/ids.js';
import { TimelineEntry } from '../common/timeline-entry.js';
import { citationFieldDescriptions, distinctSources, Source, sourcesSelection } from '../sources/types.js';
import { ActorRef } from '../actors/types.js';

export const LegalActionStatusEnum = builder.enumType(LegalActionStatus, {
  name: 'LegalActionStatus',
  description: 'Procedural state of a legal action.',
  values: {
    FILED: { description: 'Filed with a court.' },
    PENDING: { description: 'Under way, no outcome yet.' },
    WITHDRAWN: { description: 'Withdrawn by the plaintiff.' },
    DISMISSED: { description: 'Dismissed by the court.' },
    SETTLED: { description: 'Settled between the parties.' },
    DECIDED: { description: 'Decided by the court.' },
  },
});

export const PartySideEnum = builder.enumType(PartySide, {
  name: 'PartySide',
  description: 'The side a party takes in a legal action.',
  values: {
    PLAINTIFF: { description: 'Brings the action.' },
    DEFENDANT: { description: 'The action is brought against this party.' },
  },
});

export const LegalAction = builder.prismaNode('LegalAction', {
  description: 'A lawsuit or other legal proceeding, with its parties, claims, status history and sources.',
  ...uuidNode,
  ...selectedColumns,
});

builder.prismaObjectFields(LegalAction, (t) => ({
  slug: t.exposeString('slug', { description: 'Stable, readable identifier (e.g. `musk-v-openai-2024-08`).' }),
  title: t.exposeString('title', { description: 'Short title (original wording; its language: `titleIn.language`).' }),
  titleIn: t.field(localized('title', false, 'The title in a language of choice, with the language returned.')),
  summary: t.exposeString('summary', {
    nullable: true,
    description: 'What the action is about, in the knowledge base’s words (original wording; its language: `summaryIn.language`).',
  }),
  summaryIn: t.field(localized('summary', true, 'The summary in a language of choice, with the language returned.')),
  court: t.exposeString('court', { nullable: true, description: 'Court, when the sources name it.' }),
  jurisdiction: t.exposeString('jurisdiction', { nullable: true, description: 'Jurisdiction, when the sources name it.' }),
  caseNumber: t.exposeString('caseNumber', { nullable: true, description: 'Docket or case number, when the sources give it.' }),
  filedOn: t.field(partialDateField('filedOn', false, 'When it was filed, at the known precision.')),
  status: t.expose('status', { type: LegalActionStatusEnum, description: 'Current status (the latest entry of `statusHistory`).' }),
  statusHistory: t.relation('statusHistory', {
    description: 'Every status the action went through, in order.',
    query: { orderBy: { position: 'asc' } },
  }),
  parties: t.relation('parties', {
    description: 'All parties with their side.',
    query: { orderBy: [{ side: 'desc' }, { id: 'asc' }] },
  }),
  plaintiffs: t.field({
    type: [ActorRef],
    description: 'Who brings the action.',
    // Both sides load the same unfiltered relation, so Pothos merges plaintiffs and defendants into
    // one selection instead of a second query for whichever comes second.
    select: (_args, _ctx, nestedSelection) => ({
      parties: { orderBy: { id: 'asc' }, select: { side: true, actor: nestedSelection(true) } },
    }),
    resolve: (a) => a.parties.filter((p) => p.side === 'PLAINTIFF').map((p) => p.actor),
  }),
  defendants: t.field({
    type: [ActorRef],
    description: 'Against whom the action is brought.',
    // Both sides load the same unfiltered relation, so Pothos merges plaintiffs and defendants into
    // one selection instead of a second query for whichever comes second.
    select: (_args, _ctx, nestedSelection) => ({
      parties: { orderBy: { id: 'asc' }, select: { side: true, actor: nestedSelection(true) } },
    }),
    resolve: (a) => a.parties.filter((p) => p.side === 'DEFENDANT').map((p) => p.actor),
  }),
  claims: t.relation('claims', { description: 'The claims made, as the sources state them.', query: { orderBy: { position: 'asc' } } }),
  events: t.relation('events', {
    description: 'Events related to this action (filing, withdrawal…), oldest first.',
    query: { orderBy: orderByBounds() },
  }),
  conflicts: t.relation('conflicts', { description: 'Conflicts this action is part of.', query: { orderBy: { name: 'asc' } } }),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (a) => distinctSources(a.citations) }),
}));

export const LegalActionParty = builder.prismaObject('LegalActionParty', {
  description: 'An actor’s side in a legal action.',
  ...selectedColumns,
});

builder.prismaObjectFields(LegalActionParty, (t) => ({
  actor: t.relation('actor', { type: ActorRef, description: 'The party.' }),
  side: t.expose('side', { type: PartySideEnum, description: 'Plaintiff or defendant.' }),
  legalAction: t.relation('legalAction', { description: 'The legal action.' }),
}));

export const LegalClaim = builder.prismaNode('LegalClaim', {
  description: 'A claim (allegation or cause of action) made in a legal action, as the sources state it.',
  ...uuidNode,
  ...selectedColumns,
});

builder.prismaObjectFields(LegalClaim, (t) => ({
  text: t.exposeString('text', { description: 'The claim as the knowledge base states it from the sources (original wording; its language: `language`).' }),
  language: t.exposeString('language', { description: 'BCP 47 language tag of `text`.' }),
  textIn: t.field({
    type: LocalizedText,
    args: langArgs,
    description: 'The claim in a language of choice, with the language returned.',
    select: { text: true, language: true, ...labelsSelection } as never,
    // A claim's text is NOT NULL, so it always has its original wording.
    resolve: (c, args) => {
      const row = c as unknown as LocalizedRow;
      return pickWording(columnWording(row, 'text', 'language'), row.labels ?? [], 'text', args.lang)!;
    },
  }),
  legalAction: t.relation('legalAction', { description: 'The legal action making this claim.' }),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (c) => distinctSources(c.citations) }),
}));

export const LegalActionStatusChange = builder.prismaNode('LegalActionStatusChange', {
  interfaces: [TimelineEntry],
  description: 'One step in a legal action’s history: the status it reached and when.',
  ...uuidNode,
  ...selectedColumns,
});

builder.prismaObjectFields(LegalActionStatusChange, (t) => ({
  status: t.expose('status', { type: LegalActionStatusEnum, description: 'The status reached.' }),
  note: t.exposeString('note', { nullable: true, description: 'Details of this step (original wording; its language: `noteIn.language`).' }),
  noteIn: t.field(localized('note', true, 'The note in a language of choice, with the language returned.')),
  date: t.field(partialDateField('date', true, 'When the status was reached, at the precision the sources give; null when they give no date.')),
  legalAction: t.relation('legalAction', { description: 'The legal action.' }),
  citations: t.relation('citations', { description: citationFieldDescriptions.citations, query: { orderBy: { id: 'asc' } } }),
  sources: t.field({ type: [Source], description: citationFieldDescriptions.sources, select: sourcesSelection, resolve: (c) => distinctSources(c.citations) }),
}));
