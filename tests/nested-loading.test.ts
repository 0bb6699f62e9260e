import { describe, expect, it } from 'vitest';
import { runOk } from './helpers/graphql.js';
import { countStatements } from './helpers/sql-counter.js';

// A connection picks its page in SQL (one statement: ids and totalCount), then loads the page's
// objects with everything nested under them with the Prisma plugin's planned selection (one
// statement, src/modules/common/nested-rows.ts); a connection nested under a list is batched for all its parents.
// So the number of statements depends on the shape of the query, never on how many rows each level
// returns.
const CONFLICT_EVENTS_PARTICIPANTS_AFFILIATIONS = /* GraphQL */ `
  query ($first: Int!) {
    conflict(slug: "musk-vs-openai") {
      events(first: $first) {
        totalCount
        edges { node {
          title
          participants {
            role
            actor {
              name
              affiliations { role organization { name } sources { title } }
            }
          }
          sources { title }
        } }
      }
    }
  }
`;

describe('loading nested lists', () => {
  it('answers conflict → events → participants → affiliations with a fixed number of SQL statements', async () => {
    const { result, statements } = await countStatements(() => runOk(CONFLICT_EVENTS_PARTICIPANTS_AFFILIATIONS, { first: 50 }));
    const events = result.conflict.events.edges;
    const participants = events.flatMap((e: any) => e.node.participants);
    const affiliations = participants.flatMap((p: any) => p.actor.affiliations);
    // The data is really nested and plentiful…
    expect(events.length).toBeGreaterThan(10);
    expect(participants.length).toBeGreaterThan(20);
    expect(affiliations.length).toBeGreaterThan(10);
    // …yet two statements answer it: the conflict, then the page of events (picked by index first)
    // with everything nested in its events, built as JSON for the page's rows only.
    expect(statements.length, statements.join('\n---\n')).toBe(2);
  });

  it('sends the same number of statements for 1 row as for 50', async () => {
    const one = await countStatements(() => runOk(CONFLICT_EVENTS_PARTICIPANTS_AFFILIATIONS, { first: 1 }));
    const many = await countStatements(() => runOk(CONFLICT_EVENTS_PARTICIPANTS_AFFILIATIONS, { first: 50 }));
    expect(one.result.conflict.events.edges).toHaveLength(1);
    expect(many.statements.length).toBe(one.statements.length);
  });

  it('loads every root connection with its nested lists without a statement per row', async () => {
    const { result, statements } = await countStatements(() =>
      runOk(`{
        quotes(first: 100) { edges { node { text speaker { name } about { name } event { title participants { actor { name } } } sources { title cites { title } } } } }
        legalActions { edges { node { title plaintiffs { name } defendants { name } statusHistory { status sources { title } } claims { text } } } }
      }`),
    );
    expect(result.quotes.edges.length).toBeGreaterThan(10);
    // The quotes: their page, then its objects with their nested lists through Prisma's client (its
    // sources are ordered by a relation's column, which the app's statements do not translate). The
    // legal actions: their page with everything nested in its objects, in one statement.
    expect(statements.length, statements.join('\n---\n')).toBe(3);
  });

  it('assembles the union timeline in two statements whatever it contains', async () => {
    const { result, statements } = await countStatements(() =>
      runOk(`{
        conflict(slug: "musk-vs-openai") {
          timeline(first: 100) { edges { node {
            __typename
            ... on Event { title participants { actor { name } } sources { title } }
            ... on Quote { text speaker { name } sources { title } }
            ... on LegalActionStatusChange { status legalAction { title defendants { name } } }
          } } }
        }
      }`),
    );
    const kinds = new Set(result.conflict.timeline.edges.map((e: any) => e.node.__typename));
    expect(kinds).toEqual(new Set(['Event', 'Quote', 'Claim', 'LegalActionStatusChange']));
    // The conflict; the page of its stored timeline order with its entries' items (all four kinds).
    expect(statements.length, statements.join('\n---\n')).toBe(2);
  });
  it("reads a record's labels for its date only when a wording is asked for in a language", async () => {
    const events = `{ events(first: 50) { edges { node { slug date { iso stated } } } } }`;
    const inGerman = `{ events(first: 50) { edges { node { slug date { iso stated statedIn(lang: DE) { text language } } } } } }`;
    const plain = await countStatements(() => runOk(events));
    const worded = await countStatements(() => runOk(inGerman));
    // The same page and the same dates either way…
    const dates = (result: any) => result.events.edges.map((e: any) => [e.node.slug, e.node.date?.iso, e.node.date?.stated]);
    expect(dates(worded.result)).toEqual(dates(plain.result));
    // …both in one statement: the plain dates are read with the page, the wordings in German need the
    // rows' labels, built with the page's rows…
    expect(plain.statements).toHaveLength(1);
    expect(worded.statements).toHaveLength(1);
    const stated = worded.result.events.edges.map((e: any) => e.node.date?.statedIn).filter(Boolean);
    expect(stated.some((w: any) => w.language === 'de')).toBe(true);
    // …and the label table is read only for them.
    expect(plain.statements.join('\n'), plain.statements.join('\n---\n')).not.toMatch(/"Label"/);
    expect(worded.statements.join('\n')).toMatch(/"Label"/);
  });
  it('loads only the columns the selected fields need (select mode), not every column of the table', async () => {
    const slugs = await countStatements(() => runOk(`{ events(first: 5) { edges { node { slug } } } }`));
    const described = await countStatements(() => runOk(`{ events(first: 5) { edges { node { slug description } } } }`));
    // The same page either way, in the same number of statements…
    const slugsOf = (result: any) => result.events.edges.map((e: any) => e.node.slug);
    expect(slugsOf(described.result)).toEqual(slugsOf(slugs.result));
    expect(slugsOf(slugs.result)).toHaveLength(5);
    expect(described.statements.length).toBe(slugs.statements.length);
    // …but the wide text columns are read only when asked for.
    const load = (statements: string[]) => statements.find((s) => /FROM "(public"\.")?Event"/.test(s) && /"slug"/.test(s)) ?? statements.join('\n---\n');
    expect(load(slugs.statements)).not.toMatch(/"description"/);
    expect(load(slugs.statements)).not.toMatch(/"title"/);
    expect(load(described.statements)).toMatch(/"description"/);
    // An actor's row always brings the column that tells a person from an organisation.
    const actors = await runOk(`{ event(slug: "${slugsOf(slugs.result)[0]}") { participants { actor { __typename slug } } } }`);
    for (const p of (actors as any).event.participants) expect(['Person', 'Organization']).toContain(p.actor.__typename);
  });
  it('reads no column of the items for a page asked only for its pageInfo and totalCount', async () => {
    const counted = await countStatements(() => runOk(`{ quotes(first: 5) { totalCount pageInfo { hasNextPage endCursor } } }`));
    const listed = await runOk(`{ quotes(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { node { text } } } }`);
    // The same answer as when the items are asked for too…
    expect(counted.result.quotes).toEqual({ totalCount: listed.quotes.totalCount, pageInfo: listed.quotes.pageInfo });
    expect(counted.result.quotes.totalCount).toBeGreaterThan(5);
    expect(counted.result.quotes.pageInfo.hasNextPage).toBe(true);
    // …from one statement that reads none of the quotes' own columns (before, it read them all).
    expect(counted.statements, counted.statements.join('\n---\n')).toHaveLength(1);
    expect(counted.statements[0]).not.toMatch(/"text"|"slug"|"context"/);
  });
  it("reads a date's wording, derivation and bounds only when a field showing them is selected", async () => {
    // On a page read in one statement (columns only) and under a relation (Prisma's statement).
    const paged = (date: string) => `{ events(first: 50) { edges { node { slug date { ${date} } } } } }`;
    const nested = (date: string) => `{ conflict(slug: "musk-vs-openai") { events(first: 50) { edges { node { slug participants { actor { slug } } date { ${date} } } } } } }`;
    for (const query of [paged, nested]) {
      const plain = await countStatements(() => runOk(query('iso precision')));
      const full = await countStatements(() => runOk(query('iso precision stated derivation earliest latest')));
      const read = (statements: string[]) => statements.find((s) => /"datePrecision"/.test(s)) ?? statements.join('\n---\n');
      for (const column of ['dateStated', 'dateDerivation', 'dateEarliest', 'dateLatest']) {
        expect(read(plain.statements), column).not.toMatch(new RegExp(`"${column}"`));
        expect(read(full.statements), column).toMatch(new RegExp(`"${column}"`));
      }
      expect(full.statements.length).toBe(plain.statements.length);
      // The same dates either way, and the fuller ones really carry what was added.
      const events = (result: any) => (result.events ?? result.conflict.events).edges.map((e: any) => e.node);
      const fullEvents = events(full.result);
      expect(events(plain.result).map((e: any) => [e.slug, e.date?.iso, e.date?.precision])).toEqual(fullEvents.map((e: any) => [e.slug, e.date?.iso, e.date?.precision]));
      expect(fullEvents.some((e: any) => e.date?.stated)).toBe(true);
      expect(fullEvents.some((e: any) => e.date?.derivation)).toBe(true);
      expect(fullEvents.some((e: any) => e.date && e.date.earliest !== e.date.latest)).toBe(true);
    }
  });
  it('reads the bounds `uncertain` compares only when it is selected with a range', async () => {
    const range = (edge: string) => `{ events(from: "2025-01-01", to: "2025-01-22", first: 50) { edges { ${edge} node { slug date { iso } } } } }`;
    const plain = await countStatements(() => runOk(range('')));
    const flagged = await countStatements(() => runOk(range('uncertain')));
    const bounds = /"dateEarliest"|"dateLatest"/;
    expect(plain.statements.join('\n')).not.toMatch(bounds);
    expect(flagged.statements.join('\n')).toMatch(bounds);
    // The same page; the reactions of 21–31 January fall only possibly inside the range.
    const slugs = (result: any) => result.events.edges.map((e: any) => e.node.slug);
    expect(slugs(flagged.result)).toEqual(slugs(plain.result));
    const flags = flagged.result.events.edges.map((e: any) => e.uncertain);
    expect(flags).toContain(true);
    expect(flags).toContain(false);
  });
  it('loads what one alias of a date did not when another alias asks for more', async () => {
    const { result } = await countStatements(() =>
      runOk(`{ events(first: 50) { edges { node { short: date { iso } long: date { iso earliest latest stated } } } } }`),
    );
    const full = await runOk(`{ events(first: 50) { edges { node { date { iso earliest latest stated } } } } }`);
    expect(result.events.edges.map((e: any) => e.node.long)).toEqual(full.events.edges.map((e: any) => e.node.date));
    expect(result.events.edges.map((e: any) => e.node.short?.iso)).toEqual(full.events.edges.map((e: any) => e.node.date?.iso));
  });
});
