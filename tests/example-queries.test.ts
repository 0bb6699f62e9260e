import { describe, expect, it } from 'vitest';
import { exampleQueries, graphiql } from '../src/graphiql.js';
import { runOk } from './helpers/graphql.js';

/**
 * The examples GraphiQL opens with (and the README shows) are the API's first impression: each
 * must run without errors against the seeded knowledge base and return something to look at.
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

  it.each(exampleQueries.map((example) => [example.name, example] as const))('%s runs and finds data', async (_name, example) => {
    const data = await runOk<Record<string, unknown>>(example.query, example.variables ? JSON.parse(example.variables) : undefined);
    const [root] = Object.values(data);
    expect(root, 'the root field found nothing').toBeTruthy();
    // Every list the example asks for at its first level has entries, so no tab shows an empty result.
    for (const [field, value] of Object.entries(root as Record<string, unknown>)) {
      if (field === 'totalCount') expect(value, `${example.name}: totalCount`).toBeGreaterThan(0);
      const count = (value as { totalCount?: number } | null)?.totalCount;
      if (count !== undefined) expect(count, `${example.name}: ${field}.totalCount`).toBeGreaterThan(0);
    }
  });
});
