// Must come first: this file's own migrated and seeded database, before the app reads its configuration.
import './helpers/database.js';

import { readFile } from 'node:fs/promises';
import { getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { execute, runOk } from './helpers/graphql.js';
import { countStatements } from './helpers/sql-counter.js';
import { datasetFile } from './helpers/dataset-file.js';
import { prisma } from '../src/db.js';
import { planSeed, seedId } from '../src/seed/load.js';
import { schema } from '../src/graphql/schema.js';

// Issue 7, "Languages": every text field that is not a verbatim quote says its language; names,
// titles, descriptions and dated wordings can be asked for in a language, with a fallback chain
// that reports the language returned; quotes are never re-translated.

const BCP47 = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const wording = 'text language isRendering renderingOf renderedBy isFallback';

const file = datasetFile();

describe('localized text fields', () => {
  it('gives an affiliation title as the article words it (German) and the knowledge base’s English rendering, marked as such', async () => {
    const data = await runOk(`query AltmanTitles {
      organization(slug: "openai") {
        id
        members(role: CEO) { edges { node {
          id title
          de: titleIn(lang: DE) { ${wording} }
          en: titleIn(lang: EN) { ${wording} }
          original: titleIn { ${wording} }
        } } }
      }
    }`);
    const [ceo] = data.organization.members.edges.map((e: any) => e.node);
    // The plain field keeps returning the stored (original) wording.
    expect(ceo.title).toBe('Chef');
    expect(ceo.de).toEqual({ text: 'Chef', language: 'de', isRendering: false, renderingOf: null, renderedBy: null, isFallback: false });
    expect(ceo.en).toEqual({ text: 'head', language: 'en', isRendering: true, renderingOf: 'de', renderedBy: 'KNOWLEDGE_BASE', isFallback: false });
    expect(ceo.original).toEqual(ceo.de);
  });

  it('follows the requested languages in order, then the original, and reports the language it returned', async () => {
    const data = await runOk(`query EventInLanguages {
      event(slug: "stargate-announcement") {
        id
        deFirst: titleIn(lang: [DE, EN]) { text language isFallback }
        enFirst: titleIn(lang: [EN, DE]) { text language isFallback }
        placeDe: placeIn(lang: DE) { text language isRendering renderingOf }
        descriptionDe: descriptionIn(lang: DE) { text language isFallback }
        description
      }
    }`);
    const event = data.event;
    expect(event.deFirst).toEqual({ text: 'Donald Trump kündigt im Weißen Haus das Stargate-Projekt an', language: 'de', isFallback: false });
    expect(event.enFirst).toEqual({ text: 'Donald Trump announces the Stargate project at the White House', language: 'en', isFallback: false });
    expect(event.placeDe).toEqual({ text: 'Weißes Haus', language: 'de', isRendering: true, renderingOf: 'en' });
    // No German description exists: the original comes back, in English, flagged as a fallback.
    expect(event.descriptionDe).toEqual({ text: event.description, language: 'en', isFallback: true });
  });

  it('treats names written alike in every language as matching any request, and renders the others', async () => {
    const data = await runOk(`query NamesInGerman {
      musk: person(slug: "elon-musk") { id name nameIn(lang: DE) { text language isRendering isFallback } }
      whiteHouse: organization(slug: "white-house") { id name nameIn(lang: DE) { text language isRendering renderingOf isFallback } }
      conflict(slug: "musk-vs-openai") { id nameIn(lang: DE) { text language } }
    }`);
    expect(data.musk.nameIn).toEqual({ text: 'Elon Musk', language: 'mul', isRendering: false, isFallback: false });
    expect(data.whiteHouse.name).toBe('White House');
    expect(data.whiteHouse.nameIn).toEqual({ text: 'Weißes Haus', language: 'de', isRendering: true, renderingOf: 'en', isFallback: false });
    expect(data.conflict.nameIn).toEqual({ text: 'Musk gegen OpenAI', language: 'de' });
  });

  it('gives a date’s stated wording in German (the article’s) or in an English rendering', async () => {
    const data = await runOk(`query FoundingOfXai {
      event(slug: "xai-founding") { id date { iso stated de: statedIn(lang: DE) { ${wording} } en: statedIn(lang: EN) { ${wording} } } }
      source(slug: "article-warum-hasst-musk-altman") { id title titleIn(lang: EN) { text language isRendering renderingOf } }
    }`);
    expect(data.event.date.stated).toBe('im Juli 2023');
    expect(data.event.date.de).toMatchObject({ text: 'im Juli 2023', language: 'de', isRendering: false });
    expect(data.event.date.en).toMatchObject({ text: 'in July 2023', language: 'en', isRendering: true, renderingOf: 'de', renderedBy: 'KNOWLEDGE_BASE' });
    // The article's own title is German; the English one is the knowledge base's rendering.
    expect(data.source.titleIn).toEqual({ text: 'Why does Elon Musk hate Sam Altman so much?', language: 'en', isRendering: true, renderingOf: 'de' });
  });

  it('says the language of every text field of the knowledge base', async () => {
    const language = 'language';
    // A date's two wordings: the source's (`stated`) and the knowledge base's reasoning (`derivation`).
    const date = `stated statedIn { ${language} } derivation derivationIn { ${language} }`;
    // Three operations, each within the query cost limit.
    const actorsAndEvents = await runOk(`query EveryLanguageOfActorsAndEvents {
      people(first: 100) { edges { node { id name nameIn { ${language} } description descriptionIn { ${language} } affiliations { id title titleIn { ${language} } startedOn { ${date} } endedOn { ${date} } } } } }
      organizations(first: 100) { edges { node { id name nameIn { ${language} } description descriptionIn { ${language} } } } }
      events(first: 100) { edges { node { id title titleIn { ${language} } description descriptionIn { ${language} } place placeIn { ${language} } date { ${date} } } } }
      conflicts(first: 100) { edges { node { id name nameIn { ${language} } description descriptionIn { ${language} } } } }
    }`);
    const quotesAndClaims = await runOk(`query EveryLanguageOfQuotesAndClaims {
      quotes(first: 100) { edges { node { id text textIn { ${language} } language speakerGroup speakerGroupIn { ${language} } context contextIn { ${language} } date { ${date} } } } }
      claims(first: 100) { edges { node { id summary summaryIn { ${language} } date { ${date} } } } }
    }`);
    const actionsAndSources = await runOk(`query EveryLanguageOfActionsAndSources {
      legalActions(first: 100) { edges { node { id title titleIn { ${language} } summary summaryIn { ${language} } filedOn { ${date} }
        claims { id text textIn { ${language} } } statusHistory { id note noteIn { ${language} } date { ${date} } } } } }
      sources(first: 100) { edges { node { id title titleIn { ${language} } publisherName publisherNameIn { ${language} } authorName authorNameIn { ${language} } note noteIn { ${language} } publishedOn { ${date} } } } }
    }`);
    const data = { ...actorsAndEvents, ...quotesAndClaims, ...actionsAndSources };
    // Walk every object: each plain text field with a value has its `<field>In` with a language tag.
    const found: Record<string, number> = {};
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      const record = value as Record<string, any>;
      for (const [key, localizedValue] of Object.entries(record)) {
        if (!key.endsWith('In')) continue;
        const plain = record[key.slice(0, -2)];
        if (plain === null || plain === undefined) {
          expect(localizedValue, key).toBeNull();
          continue;
        }
        expect(localizedValue?.language, `${key} of ${JSON.stringify(plain)}`).toMatch(BCP47);
        found[localizedValue.language] = (found[localizedValue.language] ?? 0) + 1;
      }
      Object.values(record).forEach(walk);
    };
    walk(data);
    // The knowledge base's own words are English, the article's wordings German, names "mul".
    expect(Object.keys(found).sort()).toEqual(['de', 'en', 'mul']);
    expect(found.en).toBeGreaterThan(120);
    expect(found.de).toBeGreaterThan(50);
    const events = data.events.edges.map((e: any) => e.node);
    for (const event of events) {
      expect(event.titleIn.language).toBe('en');
      if (event.date?.stated) expect(event.date.statedIn.language).toBe('de');
      if (event.date?.derivation) expect(event.date.derivationIn.language).toBe('en');
    }
    // The fields added with claims and chronology are tagged like the rest.
    const claims = data.claims.edges.map((e: any) => e.node);
    expect(claims).toHaveLength(18);
    for (const claim of claims) {
      expect(claim.summaryIn.language).toBe('en');
      if (claim.date?.stated) expect(claim.date.statedIn.language).toBe('de');
      if (claim.date?.derivation) expect(claim.date.derivationIn.language).toBe('en');
    }
    expect(claims.filter((c: any) => c.date?.derivation).length).toBeGreaterThan(5);
    const grouped = data.quotes.edges.map((e: any) => e.node).filter((q: any) => q.speakerGroup);
    expect(grouped.map((q: any) => [q.speakerGroup, q.speakerGroupIn.language])).toEqual([['Sam Altman und die anderen Mitbegründer', 'de']]);
  });

  it('gives a claim’s summary, a speaker group and a date’s derivation in another language, marked as the knowledge base’s rendering', async () => {
    const data = await runOk(`query ClaimTextsInLanguages {
      betrayal: claim(slug: "musk-openai-betrayed-him") { id summary de: summaryIn(lang: DE) { ${wording} } en: summaryIn(lang: EN) { ${wording} } }
      money: claim(slug: "musk-stargate-backers-lack-money") {
        id summary de: summaryIn(lang: DE) { ${wording} }
        quotes { id text }
        date { stated en: statedIn(lang: EN) { ${wording} } derivation de: derivationIn(lang: DE) { ${wording} } }
      }
      quotes(about: "elon-musk", first: 50) { edges { node { id slug speakerGroup en: speakerGroupIn(lang: EN) { ${wording} } } } }
      suit: legalAction(slug: "musk-v-openai-2024-08") { id filedOn { derivation de: derivationIn(lang: DE) { ${wording} } en: derivationIn(lang: EN) { ${wording} } } }
    }`);
    expect(data.betrayal.summary).toMatch(/^OpenAI betrayed him/);
    expect(data.betrayal.en).toEqual({ text: data.betrayal.summary, language: 'en', isRendering: false, renderingOf: null, renderedBy: null, isFallback: false });
    expect(data.betrayal.de).toMatchObject({ language: 'de', isRendering: true, renderingOf: 'en', renderedBy: 'KNOWLEDGE_BASE', isFallback: false });
    expect(data.betrayal.de.text).toMatch(/^OpenAI hat ihn betrogen/);
    // A claim the article quotes has no German summary: its German wording is the quote as published.
    expect(data.money.de).toEqual({ text: data.money.summary, language: 'en', isRendering: false, renderingOf: null, renderedBy: null, isFallback: true });
    expect(data.money.quotes.map((q: any) => q.text)).toEqual(['Sie haben nicht wirklich Geld']);
    expect(data.money.date.en).toEqual({ text: 'In the last hours', language: 'en', isRendering: true, renderingOf: 'de', renderedBy: 'KNOWLEDGE_BASE', isFallback: false });
    // No German derivation of this date: the English original, flagged.
    expect(data.money.date.de).toMatchObject({ text: data.money.date.derivation, language: 'en', isFallback: true });
    const group = data.quotes.edges.map((e: any) => e.node).find((q: any) => q.slug === 'openai-blog-milliarden-pro-jahr');
    expect(group.speakerGroup).toBe('Sam Altman und die anderen Mitbegründer');
    expect(group.en).toEqual({ text: 'Sam Altman and the other co-founders', language: 'en', isRendering: true, renderingOf: 'de', renderedBy: 'KNOWLEDGE_BASE', isFallback: false });
    expect(data.suit.filedOn.derivation).toBe('The August before the article (January 2025).');
    expect(data.suit.filedOn.de).toEqual({ text: 'Der August vor dem Artikel (Januar 2025).', language: 'de', isRendering: true, renderingOf: 'en', renderedBy: 'KNOWLEDGE_BASE', isFallback: false });
    expect(data.suit.filedOn.en).toMatchObject({ text: data.suit.filedOn.derivation, language: 'en', isRendering: false });
  });

  // Text a new field might add without a language: every String field of the schema either has its
  // `<field>In` (so its language can be asked) or is one of these, which are not translatable text.
  it('leaves no text field of the schema without its language, except identifiers, codes and verbatim passages', () => {
    const notText: Record<string, string> = {
      slug: 'identifier',
      url: 'identifier',
      court: 'identifier (a court’s name as the court writes it)',
      jurisdiction: 'identifier',
      caseNumber: 'identifier',
      cursor: 'opaque pagination token',
      startCursor: 'opaque pagination token',
      endCursor: 'opaque pagination token',
      language: 'BCP 47 tag',
      originalLanguage: 'BCP 47 tag',
      renderingOf: 'BCP 47 tag',
      iso: 'ISO 8601 date',
      edtf: 'EDTF date',
      'Citation.excerpt': 'verbatim passage, in its source’s `language`',
      'LocalizedText.text': 'a wording, with its `language` beside it',
      'LocalizedText.excerpt': 'verbatim passage of the `source` that published the wording',
    };
    const untagged: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !isObjectType(type)) continue;
      const fields = type.getFields();
      for (const [name, field] of Object.entries(fields)) {
        if (getNamedType(field.type).name !== 'String' || fields[`${name}In`]) continue;
        if (notText[`${type.name}.${name}`] ?? notText[name]) continue;
        untagged.push(`${type.name}.${name}`);
      }
    }
    expect(untagged).toEqual([]);
  });
});

describe('the README’s languages example', () => {
  it('runs and answers in both languages', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const example = /```graphql\n(# [^\n]*\nquery StargateInTwoLanguages[\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'the README shows query StargateInTwoLanguages').toBeDefined();
    const data = await runOk(example!);
    expect(data.event.de).toMatchObject({ language: 'de', isRendering: true, renderedBy: 'KNOWLEDGE_BASE' });
    expect(data.event.en).toMatchObject({ language: 'en', isRendering: false });
    expect(data.event.participants.find((p: any) => p.actor.slug === 'white-house').actor.nameIn).toEqual({ text: 'Weißes Haus', language: 'de' });
  });
});

describe('quote wordings', () => {
  it('keeps a German quote as the article’s rendering of English words and never returns an English version', async () => {
    const data = await runOk(`query MuskNoMoney {
      quotes(first: 100) { edges { node {
        id slug text language originalLanguage isTranslation
        original { ${wording} }
        wordings { ${wording} }
        en: textIn(lang: EN) { ${wording} }
      } } }
    }`);
    const quotes = data.quotes.edges.map((e: any) => e.node);
    const money = quotes.find((q: any) => q.slug === 'musk-sie-haben-nicht-wirklich-geld');
    expect(money).toMatchObject({ text: 'Sie haben nicht wirklich Geld', language: 'de', originalLanguage: 'en', isTranslation: true, original: null });
    const published = { text: 'Sie haben nicht wirklich Geld', language: 'de', isRendering: true, renderingOf: 'en', renderedBy: 'SOURCE', isFallback: false };
    expect(money.wordings).toEqual([published]);
    // Asked for English, it answers with the published German, flagged: no back-translation.
    expect(money.en).toEqual({ ...published, isFallback: true });
    // No quote has a wording of the knowledge base's making.
    for (const quote of quotes) for (const w of quote.wordings) expect(w.renderedBy, quote.slug).not.toBe('KNOWLEDGE_BASE');
  });

  it('stores the article’s gloss of an English original as its own wording, with its source', async () => {
    const data = await runOk(`query MuskYup {
      quotes(first: 100) { edges { node { id slug original { ${wording} } wordings { ${wording} } de: textIn(lang: DE) { ${wording} } } } }
    }`);
    const yup = data.quotes.edges.map((e: any) => e.node).find((q: any) => q.slug === 'musk-yup');
    const original = { text: 'Yup', language: 'en', isRendering: false, renderingOf: null, renderedBy: null, isFallback: false };
    const gloss = { text: 'Ja', language: 'de', isRendering: true, renderingOf: 'en', renderedBy: 'SOURCE', isFallback: false };
    expect(yup.original).toEqual(original);
    expect(yup.wordings).toEqual([original, gloss]);
    expect(yup.de).toEqual(gloss);
    const label = await prisma.label.findFirstOrThrow({ where: { quoteId: seedId('quote', 'musk-yup') }, include: { publishedIn: true } });
    expect(label.publishedIn?.slug).toBe('article-warum-hasst-musk-altman');
    expect(label.excerpt).toBe('Darauf antwortete Elon Musk mit „Yup“ („Ja“).');
  });

  it('cites the source of a wording a source published, over the API, in the same statement', async () => {
    const query = `query YupWordings {
      quotes(first: 100) { edges { node { id slug wordings { text language renderedBy excerpt source { id slug kind language } } } } }
    }`;
    const { result, statements } = await countStatements(() => runOk(query));
    const yup = result.quotes.edges.map((e: any) => e.node).find((q: any) => q.slug === 'musk-yup');
    expect(yup.wordings).toEqual([
      { text: 'Yup', language: 'en', renderedBy: null, excerpt: null, source: null },
      {
        text: 'Ja',
        language: 'de',
        renderedBy: 'SOURCE',
        excerpt: 'Darauf antwortete Elon Musk mit „Yup“ („Ja“).',
        source: { id: expect.any(String), slug: 'article-warum-hasst-musk-altman', kind: 'ARTICLE', language: 'de' },
      },
    ]);
    // Renderings by the knowledge base cite nothing.
    const ceo = await runOk(`query Head { organization(slug: "openai") { id members(role: CEO) { edges { node { id titleIn(lang: EN) { text renderedBy excerpt source { id } } } } } } }`);
    expect(ceo.organization.members.edges[0].node.titleIn).toEqual({ text: 'head', renderedBy: 'KNOWLEDGE_BASE', excerpt: null, source: null });
    // The source comes with the wordings: no statement beyond those of the list itself.
    const plain = await countStatements(() => runOk(`query PlainWordings { quotes(first: 100) { edges { node { id slug wordings { text language renderedBy } } } } }`));
    expect(statements).toHaveLength(plain.statements.length);
    // What needs the source's relations (a date's labels) costs one more statement, whatever the
    // number of wordings.
    const dated = await countStatements(() => runOk(`query YupSourceDate { quotes(first: 100) { edges { node { id wordings { source { id publishedOn { iso statedIn(lang: EN) { text } } } } } } } }`));
    const sources = dated.result.quotes.edges.flatMap((e: any) => e.node.wordings.map((w: any) => w.source)).filter(Boolean);
    expect(sources).toEqual([{ id: expect.any(String), publishedOn: { iso: '2025-01', statedIn: null } }]);
    expect(dated.statements).toHaveLength(plain.statements.length + 1);
  });

  it('refuses, in the database, a wording of quoted words that no source published', async () => {
    const attempt = prisma.label.create({
      data: { quoteId: seedId('quote', 'musk-sie-haben-nicht-wirklich-geld'), field: 'text', language: 'en', text: 'They don’t really have the money', renderingOf: 'de' },
    });
    await expect(attempt).rejects.toThrow(/Label_quote_wording_from_source/);
  });
});

describe('cost of localized fields', () => {
  const query = (localized: boolean) => `query TimelineInGerman($first: Int!) {
    conflict(slug: "musk-vs-openai") {
      id ${localized ? 'nameIn(lang: DE) { text language }' : ''}
      timeline(first: $first) { edges { node {
        __typename
        date { iso ${localized ? 'statedIn(lang: [EN, DE]) { text language isFallback } derivationIn(lang: DE) { text language }' : ''} }
        ... on Event {
          id title ${localized ? 'de: titleIn(lang: DE) { text language } en: titleIn(lang: EN) { text } descriptionIn(lang: DE) { language } placeIn(lang: DE) { text }' : ''}
          participants { actor { slug name ${localized ? 'nameIn(lang: DE) { text language }' : ''} affiliations { id ${localized ? 'titleIn(lang: EN) { text }' : ''} } } }
        }
        ... on Quote { id text ${localized ? 'wordings { text language } contextIn(lang: DE) { language } speakerGroupIn(lang: EN) { text }' : ''} speaker { slug ${localized ? 'nameIn(lang: DE) { text }' : ''} } }
        ... on Claim { id summary ${localized ? 'summaryIn(lang: DE) { text language } de: summaryIn(lang: [DE, EN]) { text }' : ''} }
      } } }
    }
  }`;

  it('adds no SQL statement, however many fields and languages are asked for, for 1 row as for 50', async () => {
    const plain = await countStatements(() => runOk(query(false), { first: 50 }));
    const many = await countStatements(() => runOk(query(true), { first: 50 }));
    const one = await countStatements(() => runOk(query(true), { first: 1 }));
    const edges = many.result.conflict.timeline.edges;
    expect(edges.length).toBeGreaterThan(20);
    expect(edges.some((e: any) => e.node.de?.language === 'de')).toBe(true);
    expect(edges.some((e: any) => e.node.__typename === 'Claim' && e.node.summaryIn?.language === 'de')).toBe(true);
    expect(one.result.conflict.timeline.edges).toHaveLength(1);
    // The conflict, then the page of its stored timeline with its entries' items and their labels
    // (see tests/timeline-plans.test.ts).
    expect(plain.statements).toHaveLength(2);
    expect(many.statements, many.statements.join('\n---\n')).toHaveLength(2);
    expect(one.statements).toHaveLength(2);
  });

  it('limits each record’s labels in SQL', async () => {
    const { statements } = await countStatements(() => runOk(`query EventTitles { events(first: 5) { edges { node { id titleIn(lang: DE) { text } } } } }`));
    // One statement: the page, then each event with its first labels in their order, picked before
    // their JSON is built.
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/FROM \(SELECT (r\d+)\.\* FROM "Label" \1 WHERE [^)]* ORDER BY [^)]* LIMIT \d+\) \1\)/);
  });

  it('rejects a language it does not offer with a validation error', async () => {
    const result = await execute(`query BadLanguage { event(slug: "xai-founding") { id titleIn(lang: FR) { text } } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('labels in the dataset file', () => {
  const { brokenCopy, loadError } = file;

  it('has German and English labels, counted by language', () => {
    const byLanguage: Record<string, number> = {};
    for (const label of planSeed(file.dataset).label) byLanguage[label.language] = (byLanguage[label.language] ?? 0) + 1;
    expect(byLanguage).toEqual({ de: 44, en: 13 });
  });

  it('declares prose languages once: English by default, the article’s wordings German, names "mul"', () => {
    expect(file.dataset.languages).toEqual({
      default: 'en',
      stated: 'de',
      fields: { 'actors.name': 'mul', 'affiliations.title': 'de', 'quotes.speakerGroup': 'de', 'sources.authorName': 'de' },
    });
  });

  it('rejects a rendering whose original changed, naming the path and line', async () => {
    const error = await loadError(await brokenCopy('stale.yaml', ['labels', 'events', 'musk-leaves-openai', 'title', 'of'], 'Elon Musk quits OpenAI'));
    expect(error.message).toMatch(/line \d+:\d+ labels\.events\.musk-leaves-openai\.title\.of: the title now reads "Elon Musk leaves OpenAI"/);
    expect(error.issues).toHaveLength(1);
  });

  it('rejects a knowledge-base rendering of quoted words', async () => {
    const error = await loadError(
      await brokenCopy('back-translation.yaml', ['labels', 'quotes', 'musk-sie-haben-nicht-wirklich-geld'], { text: { of: 'Sie haben nicht wirklich Geld', en: 'They don’t really have money' } }),
    );
    expect(error.message).toContain('labels.quotes.musk-sie-haben-nicht-wirklich-geld.text.en: the knowledge base never renders what someone said');
  });

  it('rejects labels of unknown records, fields a collection lacks, and a rendering in the original’s language', async () => {
    const unknown = await loadError(await brokenCopy('unknown.yaml', ['labels', 'events', 'no-such-event'], { title: { of: 'x', de: 'y' } }));
    expect(unknown.message).toContain('labels.events.no-such-event: unknown events record "no-such-event"');
    const field = await loadError(await brokenCopy('field.yaml', ['labels', 'events', 'xai-founding', 'name'], { of: 'x', de: 'y' }));
    expect(field.message).toMatch(/line \d+:\d+ labels\.events\.xai-founding: Unrecognized key: "name"/);
    const same = await loadError(await brokenCopy('same.yaml', ['labels', 'affiliations', 'sam-altman/openai/CEO', 'title', 'de'], 'Boss'));
    expect(same.message).toContain('labels.affiliations.sam-altman/openai/CEO.title.de: the stored title is already in "de"');
  });
});
