// Must come first: gives this file its own freshly migrated database, seeded once with the bundled
// dataset (SEED_ON_START=always), before any app module reads the configuration.
import './helpers/database.js';

import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma, sql } from '../src/db.js';
import { parseDataset, type Dataset } from '../src/seed/dataset.js';
import { planSeed, SEED_MODELS, seedDatabase, seedId, uuidV5, type SeedModel } from '../src/seed/load.js';
import { ARTICLE_PATH, ARTICLE_SLUG, articleMissingReason } from './helpers/article.js';
import { datasetFile } from './helpers/dataset-file.js';

const datasetFixture = datasetFile();
const { brokenCopy, loadError } = datasetFixture;
let dataset: Dataset;

beforeAll(() => {
  dataset = datasetFixture.dataset;
});

const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;

describe('the seed dataset file', () => {
  it('validates, with the expected number of records of each kind', () => {
    expect({
      sources: dataset.sources.length,
      actors: dataset.actors.length,
      affiliations: dataset.affiliations.length,
      events: dataset.events.length,
      quotes: dataset.quotes.length,
      claims: dataset.claims.length,
      claimRelations: dataset.claims.reduce((n, c) => n + c.relations.length, 0),
      legalActions: dataset.legalActions.length,
      conflicts: dataset.conflicts.length,
    }).toEqual({ sources: 9, actors: 17, affiliations: 13, events: 18, quotes: 14, claims: 18, claimRelations: 11, legalActions: 2, conflicts: 1 });
  });

  // Walks the whole dataset, so a citation added anywhere (a claim's relation, an `after` link, a
  // new kind of record) is checked without this test knowing about it.
  it('every excerpt attributed to the article, and every quote, occurs verbatim in the article', async (context) => {
    if (articleMissingReason) context.skip(articleMissingReason);
    const article = await readFile(ARTICLE_PATH, 'utf8');
    for (const quote of dataset.quotes) expect(article, `quote ${quote.slug}`).toContain(quote.text);

    // Every excerpt attributed to the article (passages joined by " […] ") is in it.
    const excerpts: [string, string][] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (record.source === ARTICLE_SLUG && typeof record.excerpt === 'string') excerpts.push([path, record.excerpt]);
        for (const [key, child] of Object.entries(record)) walk(child, `${path}.${key}`);
      }
    };
    walk(dataset, 'dataset');
    // So is every passage in which the article names a source it relies on (`cites`).
    const articleSource = dataset.sources.find((s) => s.slug === ARTICLE_SLUG)!;
    for (const [i, cited] of articleSource.cites.entries()) if (cited.excerpt) excerpts.push([`article cites[${i}]`, cited.excerpt]);

    expect(excerpts.length).toBeGreaterThan(100);
    expect(excerpts.some(([path]) => path.startsWith('article cites'))).toBe(true);
    expect(excerpts.some(([path]) => /claims\[\d+\]\.relations/.test(path))).toBe(true);
    expect(excerpts.some(([path]) => /\.after\[\d+\]/.test(path))).toBe(true);
    for (const [owner, excerpt] of excerpts) {
      for (const passage of excerpt.split(' […] ')) expect(article, owner).toContain(passage);
    }
    // Nothing is taken from the site's navigation links.
    expect(JSON.stringify(dataset)).not.toMatch(/Listerien|Triathlon/);
  });

  it('keeps the source’s wording in `stated` and the reasoning in `derivation`, which names no file', () => {
    const dates: [string, { stated: string | null; derivation: string | null }][] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if ('precision' in record && 'stated' in record) dates.push([path, record as never]);
        for (const [key, child] of Object.entries(record)) walk(child, `${path}.${key}`);
      }
    };
    walk(dataset, 'dataset');
    expect(dates.length).toBeGreaterThan(30);
    for (const [path, date] of dates) {
      expect(date.stated ?? '', path).not.toMatch(/[[\]⇒]|README/);
      expect(date.derivation ?? '', path).not.toMatch(/README|\.md\b|\.txt\b|\/|per the/i);
    }
  });

  it('rejects an unknown speaker, naming the path and line in the file', async () => {
    const index = dataset.quotes.findIndex((q) => q.slug === 'musk-yup');
    const error = await loadError(await brokenCopy('unknown-speaker.yaml', ['quotes', index, 'speaker'], 'nobody'));
    expect(error.message).toContain(`quotes[${index}].speaker: unknown actor "nobody"`);
    expect(error.message).toMatch(/line \d+:\d+ quotes\[/);
    expect(error.issues).toHaveLength(1);
  });

  it('rejects a month given with day precision, naming the path', async () => {
    const index = dataset.affiliations.findIndex((a) => a.member === 'elon-musk' && a.organization === 'xai');
    expect(dataset.affiliations[index]!.startedOn).toMatchObject({ value: '2023-07', precision: 'MONTH' });
    const error = await loadError(await brokenCopy('wrong-precision.yaml', ['affiliations', index, 'startedOn', 'precision'], 'DAY'));
    expect(error.message).toContain(`affiliations[${index}].startedOn.value: "2023-07" does not match precision DAY`);
  });

  it('rejects impossible dates, unknown fields, duplicate slugs and uncited facts', () => {
    const copy = () => structuredClone(JSON.parse(JSON.stringify(dataset))) as any;
    const reject = (data: unknown, message: string) => expect(() => parseDataset(data, 'copy.yaml')).toThrow(message);

    const badDay = copy();
    badDay.events[0].date = { value: '2024-02-30', precision: 'DAY' };
    reject(badDay, 'events[0].date.value: "2024-02-30" is not a calendar date');

    const typo = copy();
    typo.quotes[0].speakr = 'elon-musk';
    reject(typo, 'quotes[0]: Unrecognized key: "speakr"');

    const duplicate = copy();
    duplicate.actors.push({ ...duplicate.actors[0] });
    reject(duplicate, `actors[${dataset.actors.length}].slug: duplicate slug "elon-musk"`);

    const uncited = copy();
    uncited.events[0].citations = [];
    reject(uncited, 'events[0].citations: every fact needs at least one citation');

    const unknownEventOfConflict = copy();
    unknownEventOfConflict.conflicts[0].events.push('no-such-event');
    reject(unknownEventOfConflict, 'unknown event "no-such-event"');
  });
});

describe('deterministic ids', () => {
  it('implements UUID v5 (RFC 4122 test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives every id from the record key', () => {
    expect(seedId('actor', 'elon-musk')).toBe(planSeed(dataset).actor.find((a) => a.slug === 'elon-musk')!.id);
    const ids = Object.values(planSeed(dataset)).flatMap((rows) => rows.map((row: { id: string }) => row.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/** Every row of every table (join tables included), sorted, as JSON: the database's whole content. */
async function snapshot(): Promise<Record<string, string[]>> {
  const tables = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT ILIKE '%migration%'
     ORDER BY table_name`,
  );
  const result: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const rows = await sql.query(`SELECT * FROM "${table_name}"`);
    // BIGINT columns (the stored sort keys) arrive as bigint on the embedded database.
    result[table_name] = rows.map((row) => JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))).sort();
  }
  return result;
}

const TABLE_OF: Record<SeedModel, string> = {
  actor: 'Actor',
  source: 'Source',
  sourceCitation: 'SourceCitation',
  affiliation: 'Affiliation',
  event: 'Event',
  eventParticipant: 'EventParticipant',
  quote: 'Quote',
  legalAction: 'LegalAction',
  legalActionParty: 'LegalActionParty',
  legalClaim: 'LegalClaim',
  legalActionStatusChange: 'LegalActionStatusChange',
  claim: 'Claim',
  claimRelation: 'ClaimRelation',
  chronologyLink: 'ChronologyLink',
  conflict: 'Conflict',
  citation: 'Citation',
  label: 'Label',
};

describe('seedDatabase', () => {
  it('is idempotent: a second run leaves every table’s rows identical and creates nothing', async () => {
    // Seed once here too, so the test holds whether or not the setup file already seeded.
    await seedDatabase(prisma, dataset);
    const before = await snapshot();
    const summary = await seedDatabase(prisma, dataset);
    const after = await snapshot();

    expect(after).toEqual(before);
    const plan = planSeed(dataset);
    for (const model of SEED_MODELS) {
      expect(summary.written[model], model).toBe(plan[model].length);
      expect(summary.created[model], model).toBe(0);
      // A fresh database holds exactly the dataset.
      expect(before[TABLE_OF[model]], model).toHaveLength(plan[model].length);
    }
    expect(before['_QuoteSubject']).toHaveLength(dataset.quotes.reduce((n, q) => n + q.about.length, 0));
    expect(before['_EventToLegalAction']).toHaveLength(dataset.legalActions.reduce((n, l) => n + l.events.length, 0));
    expect(before['_QuoteSpeakers']).toHaveLength(dataset.quotes.reduce((n, q) => n + 1 + q.coSpeakers.length, 0));
    // Seeds twice and snapshots every table thrice: about a thousand statements on the embedded
    // database, which the other test files' workers share the machine with.
  }, 120_000);

  it('keeps rows it did not write', async () => {
    const user = await prisma.actor.create({ data: { slug: 'added-by-a-user', type: 'PERSON', name: 'Someone' } });
    try {
      await seedDatabase(prisma, dataset);
      expect(await prisma.actor.findUnique({ where: { id: user.id } })).not.toBeNull();
    } finally {
      await prisma.actor.delete({ where: { id: user.id } });
    }
  });

  it('writes all or nothing', async () => {
    const before = await snapshot();
    // A row outside the dataset holds the slug the dataset's last new actor wants: its insert fails
    // after the first new actor and the edited OpenAI name were written, which must be rolled back.
    const squatter = await prisma.actor.create({ data: { slug: 'zz-taken', type: 'PERSON', name: 'Squatter' } });
    const changed = structuredClone(dataset);
    changed.actors = changed.actors.map((a) => (a.slug === 'openai' ? { ...a, name: 'Renamed' } : a));
    const extra = { type: 'PERSON' as const, description: null, organizationKind: null, citations: dataset.actors[0]!.citations };
    changed.actors.push({ ...extra, slug: 'zz-first', name: 'First' }, { ...extra, slug: 'zz-taken', name: 'Taken' });
    try {
      await expect(seedDatabase(prisma, changed)).rejects.toThrow();
      expect(await prisma.actor.findUnique({ where: { slug: 'zz-first' } })).toBeNull();
      expect((await prisma.actor.findUniqueOrThrow({ where: { slug: 'openai' } })).name).toBe('OpenAI');
    } finally {
      await prisma.actor.delete({ where: { id: squatter.id } });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('seeded facts', () => {
  it('has Musk and Altman as OpenAI co-founders since 2015, year precision; founding roles do not end', async () => {
    const founders = await prisma.affiliation.findMany({
      where: { organization: { slug: 'openai' }, role: 'CO_FOUNDER' },
      include: { member: true, citations: { include: { source: true } } },
    });
    const bySlug = new Map(founders.map((f) => [f.member.slug, f]));
    expect([...bySlug.keys()].sort()).toEqual(['elon-musk', 'ilya-sutskever', 'sam-altman']);
    for (const slug of ['elon-musk', 'sam-altman']) {
      const founder = bySlug.get(slug)!;
      expect({ startedOn: day(founder.startedOn), precision: founder.startedOnPrecision }).toEqual({ startedOn: '2015-01-01', precision: 'YEAR' });
      expect(founder.citations.map((c) => c.source.title)).toContain('Warum hasst Elon Musk Sam Altman so sehr?');
    }
    // Having co-founded OpenAI stays true after leaving it: no founding role has an end.
    expect(founders.map((f) => f.endedOn)).toEqual([null, null, null]);
    // The article does not date Sutskever's part in the founding.
    expect(bySlug.get('ilya-sutskever')!.startedOn).toBeNull();
    // What ended in 2024 is his position.
    const position = await prisma.affiliation.findFirstOrThrow({ where: { member: { slug: 'ilya-sutskever' }, role: 'OTHER' } });
    expect([position.title, day(position.endedOn), position.endedOnPrecision, position.endedOnStated]).toEqual(['Position', '2024-01-01', 'YEAR', 'letztes Jahr']);
  });

  it('has both lawsuits with month-precision filing dates and their status histories', async () => {
    const actions = await prisma.legalAction.findMany({
      where: { slug: { in: ['musk-v-openai-2024-02', 'musk-v-openai-2024-08'] } },
      orderBy: { filedOn: 'asc' },
      include: {
        parties: { include: { actor: true } },
        statusHistory: { orderBy: { position: 'asc' } },
        claims: true,
        events: true,
      },
    });
    const summary = actions.map((a) => ({
      slug: a.slug,
      filedOn: day(a.filedOn),
      precision: a.filedOnPrecision,
      status: a.status,
      court: a.court,
      jurisdiction: a.jurisdiction,
      caseNumber: a.caseNumber,
      parties: a.parties.map((p) => `${p.side}:${p.actor.slug}`).sort(),
      history: a.statusHistory.map((s) => [s.status, day(s.date), s.datePrecision]),
    }));
    expect(summary).toEqual([
      {
        slug: 'musk-v-openai-2024-02',
        filedOn: '2024-02-01',
        precision: 'MONTH',
        status: 'WITHDRAWN',
        court: null,
        jurisdiction: null,
        caseNumber: null,
        parties: ['DEFENDANT:openai', 'PLAINTIFF:elon-musk'],
        history: [
          ['FILED', '2024-02-01', 'MONTH'],
          ['WITHDRAWN', null, null],
        ],
      },
      {
        slug: 'musk-v-openai-2024-08',
        filedOn: '2024-08-01',
        precision: 'MONTH',
        status: 'FILED',
        court: null,
        jurisdiction: null,
        caseNumber: null,
        parties: ['DEFENDANT:openai', 'PLAINTIFF:elon-musk'],
        history: [['FILED', '2024-08-01', 'MONTH']],
      },
    ]);
    expect(actions[0]!.filedOnStated).toBe('Ende Februar');
    expect(actions[1]!.filedOnStated).toBe('im vergangenen August');
    // The article does not say what either complaint claims: no legal claims are invented.
    expect(actions.map((a) => a.claims.length)).toEqual([0, 0]);
    expect(actions.every((a) => a.events.some((e) => e.kind === 'FILING'))).toBe(true);
  });

  it('quotes the Stargate amount exactly as the article prints it, dated 21 January 2025', async () => {
    const quote = await prisma.quote.findUniqueOrThrow({
      where: { slug: 'trump-stargate-500-milliarden' },
      include: { speaker: true, event: true, citations: { include: { source: true } } },
    });
    expect(quote.text).toBe('mindestens 500 Milliarden US-Dollar in die KI-Infrastruktur in den Vereinigten Staaten');
    expect(quote).toMatchObject({ language: 'de', originalLanguage: 'en', datePrecision: 'DAY' });
    expect(day(quote.date)).toBe('2025-01-21');
    expect(quote.speaker.slug).toBe('donald-trump');
    expect(quote.event?.slug).toBe('stargate-announcement');
    expect(quote.citations.map((c) => c.source.slug).sort()).toEqual([ARTICLE_SLUG, 'white-house-stargate-announcement']);
  });

  it('leaves undated what the article does not date', async () => {
    const undated = await prisma.quote.findMany({ where: { slug: { in: ['musk-yup', 'sutskever-weniger-offen'] } } });
    expect(undated).toHaveLength(2);
    for (const quote of undated) expect([quote.date, quote.datePrecision]).toEqual([null, null]);
  });

  it('records the article with unknown publisher, author and URL, citing its upstream sources', async () => {
    const article = await prisma.source.findUniqueOrThrow({
      where: { slug: ARTICLE_SLUG },
      include: { cites: { include: { citedSource: { include: { cites: { include: { citedSource: true } } } } } } },
    });
    expect(article).toMatchObject({ kind: 'ARTICLE', language: 'de', publisherName: null, publisherId: null, authorName: null, authorId: null, url: null });
    expect([day(article.publishedOn), article.publishedOnPrecision]).toEqual(['2025-01-01', 'MONTH']);
    // The article prints no date: January 2025, not before the Thursday after the 21 January announcement.
    expect([day(article.publishedOnEarliest), day(article.publishedOnLatest)]).toEqual(['2025-01-23', '2025-01-31']);
    expect(article.publishedOnDerivation).toMatch(/In den letzten Stunden.*diesen Donnerstag/s);
    expect(article.cites).toHaveLength(8);
    // Musk's "Lügner" post shares the Tesla Owners Silicon Valley post, which relays Reuters.
    const luegner = article.cites.find((c) => c.citedSource.slug === 'musk-x-post-luegner')!.citedSource;
    expect(luegner.cites.map((c) => c.citedSource.slug)).toEqual(['tesla-owners-sv-x-post']);
    const tosv = await prisma.source.findUniqueOrThrow({ where: { slug: 'tesla-owners-sv-x-post' }, include: { cites: { include: { citedSource: true } } } });
    expect(tosv.cites.map((c) => c.citedSource.slug)).toEqual(['reuters-report-openai-for-profit']);
  });

  it('groups the conflict Musk vs. OpenAI', async () => {
    const conflict = await prisma.conflict.findUniqueOrThrow({
      where: { slug: 'musk-vs-openai' },
      include: { parties: true, legalActions: true, _count: { select: { events: true, quotes: true, claims: true } } },
    });
    expect(conflict.name).toBe('Musk vs. OpenAI');
    expect(conflict.parties.map((p) => p.slug).sort()).toEqual(['elon-musk', 'openai', 'sam-altman']);
    expect(conflict.legalActions.map((l) => l.slug).sort()).toEqual(['musk-v-openai-2024-02', 'musk-v-openai-2024-08']);
    expect(conflict._count).toEqual({ events: 18, quotes: 14, claims: 18 });
  });

  it('makes OpenAI’s legal status findable: founding 2015, capped profit 2019, reported for-profit plan', async () => {
    const events = await prisma.event.findMany({
      where: { kind: { in: ['FOUNDING', 'STATUS_CHANGE', 'REPORT'] }, participants: { some: { actor: { slug: 'openai' } } } },
      orderBy: { date: { sort: 'asc', nulls: 'last' } },
    });
    expect(events.map((e) => [e.slug, e.kind, day(e.date), e.datePrecision])).toEqual([
      ['openai-founding', 'FOUNDING', '2015-01-01', 'YEAR'],
      ['openai-becomes-capped-profit', 'STATUS_CHANGE', '2019-01-01', 'YEAR'],
      ['reuters-report-openai-for-profit', 'REPORT', null, null],
    ]);
  });
});
