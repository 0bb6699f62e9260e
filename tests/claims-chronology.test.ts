// Must come first: this file's own migrated and seeded database, before the app reads its configuration.
import './helpers/database.js';

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runOk } from './helpers/graphql.js';
import { countStatements } from './helpers/sql-counter.js';
import { ARTICLE_PATH, ARTICLE_SLUG, articleMissingReason } from './helpers/article.js';

// Issue 7 ("Done when"): who claims what, honest chronology, nothing the source does not say —
// asked over HTTP of the seeded knowledge base.

const slugs = (connection: { edges: { node: { slug: string } }[] }) => connection.edges.map((e) => e.node.slug);

describe('claims and their relations', () => {
  it('answers what Musk claims about Altman, and who disputes it, with the citations', async () => {
    const data = await runOk(`{
      claims(claimant: "elon-musk", about: "sam-altman") {
        totalCount
        edges { node {
          slug summary claimant { slug }
          date { earliest latest precision stated }
          quotes { text }
          disputedBy { totalCount edges { kind citations { excerpt source { slug } } node { slug claimant { slug } summary } } }
          sources { slug }
        } }
      }
    }`);
    expect(data.claims.totalCount).toBe(2);
    const [money, liar] = data.claims.edges.map((e: any) => e.node);
    expect(money).toMatchObject({
      slug: 'musk-stargate-backers-lack-money',
      claimant: { slug: 'elon-musk' },
      date: { earliest: '2025-01-21', latest: '2025-01-31', precision: 'MONTH', stated: 'In den letzten Stunden' },
      quotes: [{ text: 'Sie haben nicht wirklich Geld' }],
    });
    expect(money.sources.map((s: any) => s.slug).sort()).toEqual([ARTICLE_SLUG, 'musk-x-post-kein-geld']);
    // Altman denied it; the article reports the denial, not its words.
    expect(money.disputedBy.totalCount).toBe(1);
    expect(money.disputedBy.edges[0]).toMatchObject({
      kind: 'DENIES',
      node: { slug: 'altman-denies-musk-stargate-comments', claimant: { slug: 'sam-altman' } },
      citations: [{ excerpt: 'Obwohl Sam Altman ihm schnell antwortete und seine Kommentare dementierte', source: { slug: ARTICLE_SLUG } }],
    });
    // Nobody is reported disputing the accusation of lying to Congress.
    expect(liar).toMatchObject({ slug: 'musk-altman-lied-to-congress', disputedBy: { totalCount: 0, edges: [] } });
    expect(liar.quotes[0].text).toContain('Was für ein Lügner');
  });

  it('pairs what each of two actors claims about the other with the disputes, oldest first', async () => {
    const data = await runOk(`{
      claimsBetween(a: "elon-musk", b: "sam-altman") {
        totalCount
        edges { node { slug claimant { slug } disputedBy { edges { kind node { slug claimant { slug } } } } } }
      }
    }`);
    const pairs = data.claimsBetween.edges.map((e: any) => [
      e.node.claimant.slug,
      e.node.slug,
      e.node.disputedBy.edges.map((d: any) => `${d.kind} ${d.node.slug}`),
    ]);
    expect(pairs).toEqual([
      ['elon-musk', 'musk-stargate-backers-lack-money', ['DENIES altman-denies-musk-stargate-comments']],
      ['sam-altman', 'altman-denies-musk-stargate-comments', []],
      ['elon-musk', 'musk-altman-lied-to-congress', []],
      ['sam-altman', 'altman-musk-deserves-respect', []],
    ]);
    expect(data.claimsBetween.totalCount).toBe(4);
  });

  it('lists an actor’s claims and the claims about them, as connections', async () => {
    const data = await runOk(`{
      person(slug: "sam-altman") {
        claims { totalCount edges { node { slug } } }
        claimsAbout(first: 1) { totalCount pageInfo { hasNextPage } edges { node { slug claimant { slug } } } }
      }
    }`);
    expect(slugs(data.person.claims)).toEqual(['altman-denies-musk-stargate-comments', 'altman-musk-deserves-respect']);
    // Musk's claims about him (money for Stargate, lying to Congress) and Reuters' 7 % report.
    expect(data.person.claimsAbout.totalCount).toBe(3);
    expect(data.person.claimsAbout.edges).toHaveLength(1);
    expect(data.person.claimsAbout.pageInfo.hasNextPage).toBe(true);
  });

  it('keeps the betrayal accusation a public claim, disputed by OpenAI, not a count of the August 2024 suit', async () => {
    const data = await runOk(`{
      claim(slug: "musk-openai-betrayed-him") {
        claimant { slug } date { iso }
        disputedBy { edges { kind node { slug claimant { slug } supportedBy { edges { node { slug claimant { slug } quotes { text } } } } } } }
      }
      legalAction(slug: "musk-v-openai-2024-08") { claims { text } }
      disputed: claims(disputed: true) { edges { node { slug } } }
    }`);
    expect(data.claim.claimant.slug).toBe('elon-musk');
    // The article reports it as continuing ("weiterhin"), with no date.
    expect(data.claim.date).toBeNull();
    expect(data.legalAction.claims).toEqual([]);
    const [dispute] = data.claim.disputedBy.edges;
    expect(dispute).toMatchObject({ kind: 'DISPUTES', node: { slug: 'openai-musk-understood-openness-not-required', claimant: { slug: 'openai' } } });
    // OpenAI's counter-claim rests on the e-mail exchange: Sutskever's e-mail and Musk's "Yup".
    expect(dispute.node.supportedBy.edges.map((e: any) => [e.node.claimant.slug, e.node.quotes[0].text.slice(0, 20)])).toEqual([
      ['ilya-sutskever', 'Je näher wir der Ent'],
      ['elon-musk', 'Yup'],
    ]);
    expect(slugs(data.disputed).sort()).toEqual(['musk-openai-betrayed-him', 'musk-stargate-backers-lack-money', 'openai-deploys-100-billion']);
  });

  it('records OpenAI’s account: Musk wanted control and a Tesla merger, then declared its chance of success 0', async () => {
    const data = await runOk(`{
      claims(claimant: "openai", about: "elon-musk", first: 50) { edges { node { slug date { iso stated } aboutActors { slug } quotes { text } } } }
    }`);
    const bySlug = new Map(data.claims.edges.map((e: any) => [e.node.slug, e.node]));
    expect(bySlug.get('openai-musk-wanted-control-and-tesla-merger')).toMatchObject({ date: { iso: '2024-03' } });
    expect((bySlug.get('openai-musk-wanted-control-and-tesla-merger') as any).aboutActors.map((a: any) => a.slug)).toContain('tesla');
    expect((bySlug.get('openai-musk-declared-success-chance-zero') as any).quotes).toEqual([{ text: 'Erklärung, dass unsere Erfolgswahrscheinlichkeit 0 sei' }]);
    expect(bySlug.has('openai-agi-needs-billions')).toBe(true);
  });

  it('records the accusation of lying to Congress with what Musk passed on: the Tesla Owners Silicon Valley post, relaying a Reuters report', async () => {
    const data = await runOk(`{
      claim(slug: "musk-altman-lied-to-congress") {
        slug claimant { slug } aboutActors { slug } quotes { text speaker { slug } }
        sources { slug kind }
        supportedBy { totalCount edges { citations { excerpt } node { slug claimant { slug } summary sources { slug }
          supportedBy { edges { node { slug claimant { slug } summary quotes { text } sources { slug kind } } } } } } }
      }
    }`);
    const claim = data.claim;
    expect(claim.claimant.slug).toBe('elon-musk');
    expect(claim.aboutActors.map((a: any) => a.slug)).toEqual(expect.arrayContaining(['sam-altman', 'us-congress']));
    expect(claim.sources.map((s: any) => s.slug).sort()).toEqual([ARTICLE_SLUG, 'musk-x-post-luegner']);
    expect(claim.supportedBy.totalCount).toBe(1);
    const [post] = claim.supportedBy.edges;
    expect(post.node).toMatchObject({ slug: 'tesla-owners-sv-openai-for-profit', claimant: { slug: 'tesla-owners-silicon-valley' } });
    expect(post.citations[0].excerpt).toContain('übermittelte damit eine veröffentlichte Nachricht des Tesla Owners Silicon Valley-Kontos');
    expect(post.node.sources.map((s: any) => s.slug).sort()).toEqual([ARTICLE_SLUG, 'tesla-owners-sv-x-post']);
    expect(post.node.supportedBy.edges.map((e: any) => e.node)).toEqual([
      {
        slug: 'reuters-altman-7-percent',
        claimant: { slug: 'reuters' },
        summary: 'Sam Altman is to receive 7 % of the company in a new for-profit company.',
        quotes: [{ text: 'Sam Altman erhält 7 % des Unternehmens in einem neuen gewinnorientierten Unternehmen' }],
        sources: expect.arrayContaining([{ slug: 'reuters-report-openai-for-profit', kind: 'NEWS_REPORT' }]),
      },
    ]);
  });

  it('loads an actor’s claims, the claims about them and the claims between two actors in statements that do not grow with the rows', async () => {
    const claimFields = `id summary claimant { id name } quotes { id text } citations { excerpt }
      disputedBy(first: 2) { totalCount edges { kind node { id summary } } }`;
    // Within the cost limit: 20 people × 5 claims each way.
    const perActor = (first: number) => `{
      people(first: ${first}) { edges { node { id
        claims(first: ${Math.min(first, 5)}) { totalCount edges { node { ${claimFields} } } }
        claimsAbout(first: ${Math.min(first, 5)}) { totalCount edges { node { ${claimFields} } } }
      } } }
    }`;
    const between = (first: number) => `{ claimsBetween(a: "elon-musk", b: "sam-altman", first: ${first}) { totalCount edges { node { ${claimFields} } } } }`;
    const actorsOne = await countStatements(() => runOk(perActor(1)));
    const actorsAll = await countStatements(() => runOk(perActor(20)));
    const people = actorsAll.result.people.edges.map((e: any) => e.node);
    expect(people.length).toBeGreaterThan(3);
    expect(people.reduce((n: number, p: any) => n + p.claims.edges.length + p.claimsAbout.edges.length, 0)).toBeGreaterThan(10);
    expect(actorsOne.result.people.edges).toHaveLength(1);
    // One statement per connection, batched for all its parents: the page with its rows and what is
    // nested in them. People, their claims and claimsAbout, the disputedBy of those claims. A
    // connection under an empty list sends nothing, so one person with no claims needs fewer; more
    // rows never need more.
    expect(actorsAll.statements).toHaveLength(1 + 1 + 1 + 2 * 1);
    expect(actorsOne.statements.length).toBeLessThanOrEqual(actorsAll.statements.length);

    const betweenOne = await countStatements(() => runOk(between(1)));
    const betweenAll = await countStatements(() => runOk(between(50)));
    expect(betweenOne.result.claimsBetween.edges).toHaveLength(1);
    expect(betweenAll.result.claimsBetween.edges).toHaveLength(4);
    expect(betweenAll.statements).toHaveLength(betweenOne.statements.length);
    // A conflict's claims, one row or all of them.
    const ofConflict = (first: number) => `{ conflict(slug: "musk-vs-openai") { id claims(first: ${first}) { totalCount edges { node { ${claimFields} } } } } }`;
    const conflictOne = await countStatements(() => runOk(ofConflict(1)));
    const conflictAll = await countStatements(() => runOk(ofConflict(50)));
    expect(conflictOne.result.conflict.claims.edges).toHaveLength(1);
    expect(conflictAll.result.conflict.claims.edges).toHaveLength(18);
    expect(conflictAll.statements).toHaveLength(conflictOne.statements.length);
    for (const { statements } of [actorsOne, actorsAll, betweenOne, betweenAll, conflictOne, conflictAll]) expect(statements.join('\n')).toMatch(/LIMIT/i);
  });

  it('loads claim lists with their nested relations in a number of statements that does not grow with the page', async () => {
    const query = (first: number) => `{
      claims(first: ${first}) {
        totalCount
        edges { uncertain node {
          summary claimant { name } aboutActors { slug } quotes { text } citations { excerpt source { title } }
          disputedBy(first: 5) { totalCount edges { kind citations { excerpt } node { summary claimant { name } } } }
          supportedBy(first: 5) { totalCount edges { node { summary } } }
          responses(first: 5) { totalCount edges { node { summary } } }
          relations { kind to { slug } citations { excerpt } }
          knownAfter { earlier { __typename date { iso } } citations { excerpt } }
        } }
      }
    }`;
    const one = await countStatements(() => runOk(query(1)));
    const all = await countStatements(() => runOk(query(50)));
    expect(all.result.claims.edges).toHaveLength(18);
    expect(one.result.claims.edges).toHaveLength(1);
    // Per connection, one statement picks the page (with totalCount) and builds its objects with
    // their nested lists; the nested connections (disputedBy, supportedBy, responses) are batched for
    // the whole page, disputedBy adding one for its edges' citations.
    expect(all.statements).toHaveLength(1 + 2 + 1 + 1);
    expect(one.statements).toHaveLength(all.statements.length);
    // The pages are limited in SQL, not trimmed in memory.
    expect(all.statements.filter((s) => /LIMIT/i.test(s)).length).toBeGreaterThanOrEqual(4);
  });
});

describe('honest chronology', () => {
  const timelineQuery = `query ($from: Date, $to: Date) {
    conflict(slug: "musk-vs-openai") {
      timeline(first: 100, from: $from, to: $to) {
        totalCount
        edges {
          uncertain
          node {
            __typename
            date { iso precision earliest latest bounded edtf stated derivation }
            ... on Event { slug knownAfter { earlier { ... on Event { slug } } citations { excerpt } } }
            ... on Quote { slug }
            ... on Claim { slug }
            ... on LegalActionStatusChange { status legalAction { slug } }
          }
        }
      }
    }
  }`;
  const key = (node: any) => node.slug ?? `${node.legalAction.slug}/${node.status}`;

  it('puts Musk’s January 2025 posts after the Stargate announcement of 21 January, and each reaction after its cause', async () => {
    const data = await runOk(timelineQuery);
    const order = data.conflict.timeline.edges.map((e: any) => key(e.node));
    const at = (slug: string) => {
      expect(order, slug).toContain(slug);
      return order.indexOf(slug);
    };
    expect(at('stargate-announcement')).toBeLessThan(at('musk-attacks-stargate-on-x'));
    expect(at('stargate-announcement')).toBeLessThan(at('musk-sie-haben-nicht-wirklich-geld'));
    expect(at('musk-attacks-stargate-on-x')).toBeLessThan(at('altman-replies-to-musk'));
    expect(at('altman-replies-to-musk')).toBeLessThan(at('musk-calls-altman-liar'));
    expect(at('musk-stargate-backers-lack-money')).toBeLessThan(at('altman-denies-musk-stargate-comments'));
    expect(at('altman-denies-musk-stargate-comments')).toBeLessThan(at('musk-altman-lied-to-congress'));
    // The first suit's withdrawal has no date: it follows the filing, before the second suit.
    expect(at('musk-v-openai-2024-02/FILED')).toBeLessThan(at('musk-v-openai-2024-02/WITHDRAWN'));
    expect(at('musk-v-openai-2024-02/WITHDRAWN')).toBeLessThan(at('musk-v-openai-2024-08/FILED'));
    // The conflict now includes ChatGPT's success (2022) and Sutskever giving up his position (2024).
    expect(at('chatgpt-success')).toBeLessThan(at('xai-founding'));
    expect(at('sutskever-leaves-openai')).toBeGreaterThan(at('gpt-4-presentation'));

    // The reaction is known to the month only, bounded by what it reacts to and by the article.
    const attack = data.conflict.timeline.edges.find((e: any) => e.node.slug === 'musk-attacks-stargate-on-x').node;
    expect(attack.date).toMatchObject({
      iso: '2025-01',
      precision: 'MONTH',
      earliest: '2025-01-21',
      latest: '2025-01-31',
      bounded: true,
      edtf: '[2025-01-21..2025-01-31]',
      stated: 'In den letzten Stunden',
    });
    expect(attack.date.derivation).toMatch(/21 January 2025/);
    expect(attack.knownAfter).toEqual([
      { earlier: { slug: 'stargate-announcement' }, citations: [{ excerpt: 'Der Grund: die Ankündigung des Stargate-Projekts' }] },
    ]);
    // Dates given outright are not "bounded".
    const announcement = data.conflict.timeline.edges.find((e: any) => e.node.slug === 'stargate-announcement').node;
    expect(announcement.date).toMatchObject({ iso: '2025-01-21', bounded: false, edtf: '2025-01-21', stated: 'am 21. Januar' });
  });

  it('leaves the reactions out of 1–20 January 2025, and flags those that only may fall inside a range', async () => {
    const early = await runOk(timelineQuery, { from: '2025-01-01', to: '2025-01-20' });
    const earlyKeys = early.conflict.timeline.edges.map((e: any) => key(e.node));
    for (const reaction of ['musk-attacks-stargate-on-x', 'altman-replies-to-musk', 'musk-calls-altman-liar', 'musk-sie-haben-nicht-wirklich-geld', 'musk-stargate-backers-lack-money']) {
      expect(earlyKeys).not.toContain(reaction);
    }
    const events = await runOk(`{ events(from: "2025-01-01", to: "2025-01-20") { totalCount edges { node { slug } } } }`);
    expect(events.events.totalCount).toBe(0);

    // 1–22 January: the announcement certainly falls inside; the reactions (21–31 January) only may.
    const around = await runOk(timelineQuery, { from: '2025-01-01', to: '2025-01-22' });
    const flags = new Map(around.conflict.timeline.edges.map((e: any) => [key(e.node), e.uncertain]));
    expect(flags.get('stargate-announcement')).toBe(false);
    expect(flags.get('musk-attacks-stargate-on-x')).toBe(true);
    expect(flags.get('musk-stargate-backers-lack-money')).toBe(true);
    // Altman's Thursday tweet cannot be before 23 January.
    expect(flags.has('altman-thursday-post')).toBe(false);
    const aroundEvents = await runOk(`{ events(from: "2025-01-01", to: "2025-01-22") { edges { uncertain node { slug } } } }`);
    expect(aroundEvents.events.edges.map((e: any) => [e.node.slug, e.uncertain])).toEqual([
      ['stargate-announcement', false],
      ['musk-attacks-stargate-on-x', true],
      ['altman-replies-to-musk', true],
      ['musk-calls-altman-liar', true],
    ]);
  });

  it('assembles the timeline with claims and chronology links in two statements', async () => {
    // The conflict; the page of the stored order with its count and its entries' items with
    // everything selected on them (see tests/timeline-plans.test.ts: the same on a large conflict).
    const { result, statements } = await countStatements(() => runOk(timelineQuery));
    expect(result.conflict.timeline.totalCount).toBeGreaterThan(50);
    expect(statements, statements.join('\n---\n')).toHaveLength(2);
  });
});

describe('only what the source says', () => {
  it('says who spoke the "Milliarden Dollar pro Jahr" quote: Sam Altman and the other co-founders', async () => {
    const data = await runOk(`{
      quotes(about: "elon-musk", first: 50) { edges { node { text speaker { slug } speakers { slug name } speakerGroup claims { slug claimant { slug } } } } }
    }`);
    const quote = data.quotes.edges.map((e: any) => e.node).find((q: any) => q.text.startsWith('Milliarden Dollar pro Jahr'));
    expect(quote).toMatchObject({
      speakerGroup: 'Sam Altman und die anderen Mitbegründer',
      speakers: [{ slug: 'sam-altman', name: 'Sam Altman' }],
      claims: [{ slug: 'openai-agi-needs-billions', claimant: { slug: 'openai' } }],
    });
  });

  it('dates nothing more precisely than the article: Altman’s Thursday tweet, the Stargate quotes', async () => {
    const data = await runOk(`{
      event(slug: "altman-thursday-post") { date { iso precision earliest latest stated derivation } }
      quotes(from: "2025-01-21", to: "2025-01-21", first: 50) { edges { uncertain node { slug date { iso precision earliest latest } } } }
    }`);
    expect(data.event.date).toMatchObject({ iso: '2025-01', precision: 'MONTH', earliest: '2025-01-23', latest: '2025-01-31', stated: 'diesen Donnerstag' });
    expect(data.event.date.derivation).not.toMatch(/README/);
    const stargateQuotes = new Map(data.quotes.edges.map((e: any) => [e.node.slug, e]));
    expect((stargateQuotes.get('trump-stargate-500-milliarden') as any).uncertain).toBe(false);
    for (const slug of ['openai-operative-verantwortung', 'openai-sofort-100-milliarden']) {
      expect(stargateQuotes.get(slug), slug).toMatchObject({
        uncertain: true,
        node: { date: { iso: '2025-01', precision: 'MONTH', earliest: '2025-01-21', latest: '2025-01-31' } },
      });
    }
  });

  it('records the reply and the announcement as the article gives them: no platform, language or press release invented', async () => {
    const data = await runOk(`{
      reply: source(slug: "altman-reply-to-musk") { kind publisher { slug } language author { slug } }
      announcement: source(slug: "white-house-stargate-announcement") { kind publisher { slug } author { slug } language publishedOn { iso stated derivation } }
      musk: person(slug: "elon-musk") { affiliations { role organization { slug } endedOn { iso } } }
    }`);
    expect(data.reply).toEqual({ kind: 'OTHER', publisher: null, language: null, author: { slug: 'sam-altman' } });
    expect(data.announcement).toMatchObject({ kind: 'ANNOUNCEMENT', publisher: null, author: { slug: 'donald-trump' }, language: null });
    expect(data.announcement.publishedOn.stated).toBe('am 21. Januar');
    const ties = data.musk.affiliations.map((a: any) => [a.organization.slug, a.role, a.endedOn]);
    expect(ties).toEqual(expect.arrayContaining([['openai', 'CO_FOUNDER', null], ['tesla', 'OTHER', null]]));
  });

  it('every quote, date wording and source-published wording cited from the article occurs verbatim in it', async (context) => {
    if (articleMissingReason) context.skip(articleMissingReason);
    const article = await readFile(ARTICLE_PATH, 'utf8');
    const date = 'stated';
    const data = await runOk(`{
      quotes(first: 100) { edges { node { slug text citations { source { slug } } wordings { text renderedBy } date { ${date} } } } }
      events(first: 100) { edges { node { slug date { ${date} } } } }
      claims(first: 100) { edges { node { slug date { ${date} } } } }
      legalActions(first: 100) { edges { node { slug filedOn { ${date} } statusHistory { id date { ${date} } } } } }
      people(first: 100) { edges { node { slug affiliations { id startedOn { ${date} } endedOn { ${date} } } } } }
      sources(first: 100) { edges { node { slug publishedOn { ${date} } } } }
    }`);
    const quotes = data.quotes.edges.map((e: any) => e.node);
    expect(quotes).toHaveLength(14);
    for (const quote of quotes) {
      expect(quote.citations.map((c: any) => c.source.slug), quote.slug).toContain(ARTICLE_SLUG);
      expect(article, quote.slug).toContain(quote.text);
      for (const wording of quote.wordings.filter((w: any) => w.renderedBy === 'SOURCE')) expect(article, quote.slug).toContain(wording.text);
    }
    // Every `stated` is the article's own wording (the seed has no other source text).
    const stated: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if (key === 'stated' && typeof child === 'string') stated.push(child);
        else walk(child);
      }
    };
    walk(data);
    expect(stated.length).toBeGreaterThan(40);
    for (const wording of stated) expect(article).toContain(wording);
  });

  it('keeps reasoning out of `stated` and in `derivation`, which names no file', async () => {
    const date = 'stated derivation';
    const data = await runOk(`{
      quotes(first: 100) { edges { node { slug date { ${date} } } } }
      events(first: 100) { edges { node { slug date { ${date} } } } }
      claims(first: 100) { edges { node { slug date { ${date} } } } }
      legalActions(first: 100) { edges { node { slug filedOn { ${date} } statusHistory { id date { ${date} } } } } }
      people(first: 100) { edges { node { slug affiliations { id startedOn { ${date} } endedOn { ${date} } } } } }
      sources(first: 100) { edges { node { slug publishedOn { ${date} } } } }
    }`);
    const dates: { stated: string | null; derivation: string | null }[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      if ('derivation' in value) dates.push(value as never);
      Object.values(value).forEach(walk);
    };
    walk(data);
    const derivations = dates.map((d) => d.derivation).filter((d): d is string => d !== null);
    expect(derivations.length).toBeGreaterThan(25);
    for (const { stated } of dates) expect(stated ?? '').not.toMatch(/[[\]()]|README|because|i\.e\./);
    for (const derivation of derivations) expect(derivation).not.toMatch(/README|\.md\b|\.txt\b|\.ya?ml\b|\/|\bfile\b|per the/i);
  });

  it('every cited excerpt of the article occurs verbatim in the article', async (context) => {
    if (articleMissingReason) context.skip(articleMissingReason);
    const article = await readFile(ARTICLE_PATH, 'utf8');
    const excerpts: string[] = [];
    let after: string | null = null;
    do {
      const data: any = await runOk(
        `query ($after: String) { source(slug: "${ARTICLE_SLUG}") { citations(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { excerpt } } } } }`,
        { after },
      );
      const page = data.source.citations;
      excerpts.push(...page.edges.map((e: any) => e.node.excerpt).filter(Boolean));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(excerpts.length).toBeGreaterThan(100);
    for (const excerpt of excerpts) for (const passage of excerpt.split(' […] ')) expect(article).toContain(passage);
  });
});
