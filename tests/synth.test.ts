/**
 * The synthetic data generator (npm run db:synth) at small scale. This file is also the contract
 * that keeps the generator in step with the data model: a new table it leaves empty, or a column
 * it never fills, fails here until src/synth/generate.ts learns about it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOk } from './helpers/graphql.js';
import { synthesizeTestDatabase, withSynthConnection } from './helpers/synth.js';
import { sql } from '../src/db.js';
import { dataTables, SYNTH_SLUGS, type SynthSummary } from '../src/synth/generate.js';

const QUOTES = 3_000;
let summary: SynthSummary;
let foreignKeysBefore: number;

const foreignKeyCount = async () =>
  Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`))[0]!.n);

/** A fingerprint of every row of the generated data, to compare two runs. */
async function fingerprint(): Promise<string> {
  const tables = await withSynthConnection(dataTables);
  const parts = await Promise.all(
    tables.map(async (table) => {
      const [row] = await sql.query<{ digest: string }>(
        // createdAt is the load time, not generated data.
        `SELECT md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS digest FROM (SELECT (to_jsonb(t) - 'createdAt')::text AS r FROM "${table}" t) rows`,
      );
      return `${table}:${row!.digest}`;
    }),
  );
  return parts.join(',');
}

beforeAll(async () => {
  foreignKeysBefore = await foreignKeyCount();
  summary = await synthesizeTestDatabase(QUOTES);
});

describe('synthetic data generator', () => {
  it('fills every table of the data model, with the row counts it reports', async () => {
    const tables = await withSynthConnection(dataTables);
    expect(Object.keys(summary.rows).sort()).toEqual([...tables].sort());
    for (const table of tables) {
      const [{ n }] = (await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)) as [{ n: string }];
      expect(Number(n), table).toBe(summary.rows[table]);
      expect(Number(n), table).toBeGreaterThan(0);
    }
    expect(summary.rows.Quote).toBe(QUOTES);
  });

  it('fills every column somewhere (a new column must be generated too)', async () => {
    const columns = await sql.query<{ table: string; column: string }>(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
    );
    const never: string[] = [];
    for (const { table, column } of columns) {
      const [row] = await sql.query<{ n: string }>(`SELECT count("${column}") AS n FROM "${table}"`);
      if (Number(row!.n) === 0) never.push(`${table}.${column}`);
    }
    expect(never).toEqual([]);
  });

  it('keeps every constraint: foreign keys re-added and validated, CHECKs and unique keys hold', async () => {
    expect(await foreignKeyCount()).toBe(foreignKeysBefore);
    const notValidated = await sql.query(`SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT convalidated`);
    expect(notValidated).toEqual([]);
    // Partial dates: MONTH on the 1st, YEAR on 1 January (also enforced by CHECKs, asserted on the data).
    const [dates] = await sql.query<{ bad: string; month: string; year: string }>(
      `SELECT count(*) FILTER (WHERE "datePrecision" = 'MONTH' AND extract(day FROM date) <> 1)
            + count(*) FILTER (WHERE "datePrecision" = 'YEAR' AND (extract(month FROM date) <> 1 OR extract(day FROM date) <> 1)) AS bad,
              count(*) FILTER (WHERE "datePrecision" = 'MONTH') AS month,
              count(*) FILTER (WHERE "datePrecision" = 'YEAR') AS year
         FROM "Quote"`,
    );
    expect(Number(dates!.bad)).toBe(0);
    expect(Number(dates!.month)).toBeGreaterThan(0);
    expect(Number(dates!.year)).toBeGreaterThan(0);
    const [arc] = await sql.query<{ bad: string }>(
      `SELECT count(*) AS bad FROM "Citation"
        WHERE num_nonnulls("actorId", "affiliationId", "eventId", "quoteId", "legalActionId", "legalClaimId", "statusChangeId",
                           "claimId", "claimRelationId", "chronologyLinkId") <> 1`,
    );
    expect(Number(arc!.bad)).toBe(0);
    // A legal action's status is its latest step's.
    const [status] = await sql.query<{ bad: string }>(
      `SELECT count(*) AS bad FROM "LegalAction" a
        WHERE a.status <> (SELECT s.status FROM "LegalActionStatusChange" s WHERE s."legalActionId" = a.id ORDER BY s.position DESC LIMIT 1)`,
    );
    expect(Number(status!.bad)).toBe(0);
  });

  it('is clearly synthetic and skewed: one prolific speaker, conflicts of very different sizes', async () => {
    const names = await sql.query<{ name: string; slug: string }>(`SELECT name, slug FROM "Actor"`);
    for (const { name, slug } of names) {
      expect(name).toMatch(/^Synthetic /);
      expect(slug).toMatch(/^synth-/);
    }
    const speakers = await sql.query<{ slug: string; n: string }>(
      `SELECT a.slug, count(*) AS n FROM "Quote" q JOIN "Actor" a ON a.id = q."speakerId" GROUP BY a.slug ORDER BY n DESC LIMIT 2`,
    );
    // Counts come back as strings from a server, as numbers from the embedded database.
    expect({ slug: speakers[0]!.slug, n: Number(speakers[0]!.n) }).toEqual({ slug: SYNTH_SLUGS.prolificSpeaker, n: summary.prolificSpeaker.quotes });
    expect(summary.prolificSpeaker.quotes).toBeGreaterThan(1.5 * Number(speakers[1]!.n));
    const sizes = Object.fromEntries(summary.conflicts.map((c) => [c.slug, c.timelineEntries]));
    expect(sizes[SYNTH_SLUGS.smallConflict]).toBeGreaterThanOrEqual(40);
    expect(sizes[SYNTH_SLUGS.smallConflict]).toBeLessThanOrEqual(60);
    expect(sizes[SYNTH_SLUGS.mediumConflict]).toBeGreaterThan(30 * sizes[SYNTH_SLUGS.smallConflict]!);
  });

  it('answers the API over the generated data', async () => {
    const small = summary.conflicts.find((c) => c.slug === SYNTH_SLUGS.smallConflict)!;
    const medium = summary.conflicts.find((c) => c.slug === SYNTH_SLUGS.mediumConflict)!;
    const data = await runOk(
      `query ($small: String!, $medium: String!, $speaker: String!) {
        small: conflict(slug: $small) { timeline(first: 10) { totalCount edges { node { __typename } } } }
        medium: conflict(slug: $medium) {
          events(first: 50) { totalCount edges { node { title participants { role actor { name affiliations { role organization { name } } } } } } }
        }
        person(slug: $speaker) { quotes(first: 5) { totalCount edges { node { text speaker { name } sources { title } } } } }
      }`,
      { small: SYNTH_SLUGS.smallConflict, medium: SYNTH_SLUGS.mediumConflict, speaker: SYNTH_SLUGS.prolificSpeaker },
    );
    expect(data.small.timeline.totalCount).toBe(small.timelineEntries);
    expect(data.small.timeline.edges).toHaveLength(10);
    expect(data.medium.events.totalCount).toBe(medium.events);
    expect(data.medium.events.edges).toHaveLength(50);
    expect(data.medium.events.edges.flatMap((e: any) => e.node.participants).length).toBeGreaterThan(50);
    expect(data.person.quotes.totalCount).toBe(summary.prolificSpeaker.quotes);
    for (const { node } of data.person.quotes.edges) {
      expect(node.text).toMatch(/^Synthetic quote \d+: /);
      expect(node.speaker.name).toBe('Synthetic Person 0');
      expect(node.sources.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same seed and size give the same rows, another seed other rows', async () => {
    const first = await fingerprint();
    await synthesizeTestDatabase(QUOTES);
    expect(await fingerprint()).toBe(first);
    await synthesizeTestDatabase(QUOTES, 2);
    expect(await fingerprint()).not.toBe(first);
    // Two more generations: on a machine busy with other work this takes longer than the default.
  }, 180_000);
});
