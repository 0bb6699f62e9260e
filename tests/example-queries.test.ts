// First: it points the app at this file's own database before any app module reads its configuration
// (imported later, the app opened the developer's .data/pglite and tested whatever was in it).
import { runOk } from './helpers/graphql.js';
import { readFileSync } from 'node:fs';
import {
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  getNamedType,
  isInterfaceType,
  isObjectType,
  parse,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { exampleQueries, graphiql } from '../src/graphiql.js';
import { schema } from '../src/graphql/schema.js';

/** The ```graphql blocks of the README, in order. */
const readmeQueries = [...readFileSync(new URL('../README.md', import.meta.url), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map(
  (match) => match[1]!,
);

const allExamples = [
  ...exampleQueries.map((example) => ({ source: `GraphiQL tab ${example.name}`, query: example.query, variables: example.variables ? JSON.parse(example.variables) : undefined })),
  ...readmeQueries.map((query, index) => ({ source: `README block ${index + 1}`, query, variables: undefined })),
];

/**
 * Selection sets on a type with an `id` field that do not select `id` directly: normalised caches
 * (Apollo's InMemoryCache, Relay's store) key objects by `id`, and an object fetched without it is
 * stored inside its parent, where the next query's copy overwrites or loses it.
 */
function selectionsWithoutId(document: DocumentNode, on: GraphQLSchema): string[] {
  const typeInfo = new TypeInfo(on);
  const missing: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = getNamedType(typeInfo.getType());
        if (!node.selectionSet || !(isObjectType(type) || isInterfaceType(type)) || !type.getFields().id) return;
        const selectsId = node.selectionSet.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === 'id' && !selection.alias);
        if (!selectsId) missing.push(`${node.alias?.value ?? node.name.value} (${type.name})`);
      },
    }),
  );
  return missing;
}

/**
 * The examples GraphiQL opens with and the README shows are the API's first impression and what
 * clients copy: each must be a named operation (GraphQL Code Generator's client preset skips
 * anonymous ones), select `id` wherever there is one, validate, and run against the seeded
 * knowledge base returning something to look at.
 */
describe('example queries', () => {
  it('open GraphiQL on the conflict timeline, one tab per example', () => {
    expect(graphiql.defaultQuery).toBe(exampleQueries[0]?.query);
    expect(graphiql.defaultTabs.map((tab) => tab.query)).toEqual(exampleQueries.map((example) => example.query));
  });

  it('have unique names, each the operation name of its query', () => {
    expect(new Set(exampleQueries.map(({ name }) => name)).size).toBe(exampleQueries.length);
    for (const { name, query } of exampleQueries) expect(query).toMatch(new RegExp(`^query ${name}\\b`, 'm'));
  });

  it('include the README’s queries, each a uniquely named operation', () => {
    expect(readmeQueries.length).toBeGreaterThanOrEqual(6);
    const names = allExamples.map(({ query }) => {
      const operations = parse(query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      expect(operations, query).toHaveLength(1);
      return operations[0]!.name?.value;
    });
    expect(names.every(Boolean), `anonymous operations: ${JSON.stringify(names)}`).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(allExamples.map((example) => [example.source, example] as const))('%s validates and selects id on every object that has one', (_source, example) => {
    const document = parse(example.query);
    expect(validate(schema, document)).toEqual([]);
    expect(selectionsWithoutId(document, schema)).toEqual([]);
  });

  it.each(allExamples.map((example) => [example.source, example] as const))('%s runs and finds data', async (_source, example) => {
    const data = await runOk<Record<string, unknown>>(example.query, example.variables);
    for (const [rootField, root] of Object.entries(data)) {
      expect(root, `${example.source}: ${rootField} found nothing`).toBeTruthy();
      // Every list the example asks for at its first level has entries, so no example shows an empty result.
      for (const [field, value] of Object.entries(root as Record<string, unknown>)) {
        if (field === 'totalCount') expect(value, `${example.source}: totalCount`).toBeGreaterThan(0);
        const edges = (value as { edges?: unknown[] } | null)?.edges;
        if (edges !== undefined) expect(edges.length, `${example.source}: ${field}.edges`).toBeGreaterThan(0);
      }
    }
  });
});

/**
 * Issue 7 ("Done when"): the README and GraphiQL's tabs show a claims query (who claims what, and
 * who disputes it) and a timeline query with date bounds; they run on the seed and show both.
 */
describe('claims and bounds examples', () => {
  const examples = [
    ...exampleQueries.map((example) => ({ where: 'GraphiQL', name: example.name, query: example.query })),
    ...readmeQueries.map((query) => ({ where: 'README', name: /^query (\w+)/m.exec(query)?.[1], query })),
  ];
  const claimsExamples = examples.filter(({ query }) => /\bclaims(Between)?\(/.test(query) && /\bdisputedBy\b/.test(query));
  const boundsExamples = examples.filter(({ query }) => /\btimeline\([^)]*\bfrom:[^)]*\bto:/.test(query) && /\bearliest\b/.test(query) && /\buncertain\b/.test(query));

  it('are in the README and among GraphiQL’s tabs', () => {
    expect(claimsExamples.map(({ where, name }) => `${where} ${name}`).sort()).toEqual(['GraphiQL ClaimsBetweenRivals', 'README MuskClaimsAboutAltman']);
    expect(boundsExamples.map(({ where, name }) => `${where} ${name}`).sort()).toEqual(['GraphiQL TimelineBounds', 'README JanuaryTimelineWithBounds']);
  });

  it.each(claimsExamples.map((e) => [`${e.where} ${e.name}`, e] as const))('%s answers who disputes what Musk claims about Altman', async (_name, example) => {
    const data = await runOk(example.query);
    const claims = (data.claims ?? data.claimsBetween).edges.map((e: any) => e.node);
    const money = claims.find((c: any) => c.disputedBy.edges.length > 0);
    expect(money.claimant.name).toBe('Elon Musk');
    expect(money.disputedBy.edges[0]).toMatchObject({ kind: 'DENIES', node: { claimant: { name: 'Sam Altman' } } });
  });

  it.each(boundsExamples.map((e) => [`${e.where} ${e.name}`, e] as const))('%s shows the reactions’ bounds, flagged uncertain', async (_name, example) => {
    const data = await runOk(example.query);
    const edges = data.conflict.timeline.edges;
    const reaction = edges.find((e: any) => e.node.date.stated === 'In den letzten Stunden');
    expect(reaction).toMatchObject({ uncertain: true, node: { date: { iso: '2025-01', earliest: '2025-01-21', latest: '2025-01-31', edtf: '[2025-01-21..2025-01-31]' } } });
    expect(edges.find((e: any) => e.node.date.iso === '2025-01-21')).toMatchObject({ uncertain: false });
  });
});
