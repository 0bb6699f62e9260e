import { describe, expect, it } from 'vitest';
import { runOk } from './helpers/graphql.js';

// The questions the knowledge base must answer from a fresh start, with citations and dates at
// the precision the article gives (issue #2, "Done when").
describe('the Musk–OpenAI knowledge base', () => {
  it('says who co-founded OpenAI, as a non-profit, in 2015 (year precision), citing the article', async () => {
    const data = await runOk(`{
      organization(slug: "openai") {
        name
        members(role: CO_FOUNDER) { totalCount edges { node { member { slug name } startedOn { iso precision month day } sources { title } } } }
      }
    }`);
    const founders = data.organization.members.edges.map((e: any) => e.node);
    expect(data.organization.members.totalCount).toBe(founders.length);
    expect(founders.map((m: any) => m.member.slug)).toEqual(expect.arrayContaining(['elon-musk', 'sam-altman']));
    for (const slug of ['elon-musk', 'sam-altman']) {
      const founder = founders.find((m: any) => m.member.slug === slug);
      expect(founder.startedOn).toEqual({ iso: '2015', precision: 'YEAR', month: null, day: null });
      expect(founder.sources.map((s: any) => s.title)).toContain('Warum hasst Elon Musk Sam Altman so sehr?');
    }
  });

  it('lists everything Elon Musk is quoted saying, with dates only as precise as stated', async () => {
    const data = await runOk(`{
      person(slug: "elon-musk") {
        quotes(first: 50) { totalCount edges { node { text language isTranslation date { iso precision } sources { title } } } }
      }
    }`);
    const quotes = data.person.quotes.edges.map((e: any) => e.node);
    expect(data.person.quotes.totalCount).toBe(quotes.length);
    const texts = quotes.map((q: any) => q.text);
    expect(texts).toContain('Sie haben nicht wirklich Geld');
    expect(texts.some((t: string) => t.startsWith('Yup'))).toBe(true);
    expect(texts.some((t: string) => t.includes('Was für ein Lügner'))).toBe(true);
    for (const quote of quotes) {
      // The article renders Musk's English words in German — except "Yup", which it prints as said.
      expect(quote.language).toBe(quote.text.startsWith('Yup') ? 'en' : 'de');
      expect(quote.isTranslation).toBe(quote.language === 'de');
      expect(quote.sources.length).toBeGreaterThan(0);
      if (quote.date) expect(quote.date.iso).toHaveLength(quote.date.precision === 'YEAR' ? 4 : quote.date.precision === 'MONTH' ? 7 : 10);
    }
    // The article does not date the "Yup" reply to Sutskever's e-mail: no date is invented.
    expect(quotes.find((q: any) => q.text.startsWith('Yup')).date).toBeNull();
  });

  it('answers both of Musk’s lawsuits with parties, month-precision filing dates and status history', async () => {
    const data = await runOk(`{
      person(slug: "elon-musk") {
        legalActions(side: PLAINTIFF) {
          totalCount
          edges { side node {
            slug status filedOn { iso precision stated } court caseNumber
            plaintiffs { slug } defendants { slug }
            statusHistory { status date { iso } }
            sources { title }
          } }
        }
      }
    }`);
    const actions = data.person.legalActions;
    expect(actions.totalCount).toBe(2);
    const [first, second] = actions.edges.map((e: any) => e.node);
    expect(first).toMatchObject({
      slug: 'musk-v-openai-2024-02',
      status: 'WITHDRAWN',
      filedOn: { iso: '2024-02', precision: 'MONTH' },
      court: null,
      caseNumber: null,
      plaintiffs: [{ slug: 'elon-musk' }],
      defendants: [{ slug: 'openai' }],
    });
    expect(first.statusHistory.map((s: any) => s.status)).toEqual(['FILED', 'WITHDRAWN']);
    expect(second).toMatchObject({
      slug: 'musk-v-openai-2024-08',
      status: 'FILED',
      filedOn: { iso: '2024-08', precision: 'MONTH' },
      plaintiffs: [{ slug: 'elon-musk' }],
      defendants: [{ slug: 'openai' }],
    });
    expect(actions.edges.every((e: any) => e.side === 'PLAINTIFF')).toBe(true);
    expect(second.sources.length).toBeGreaterThan(0);
  });

  it('shows the Stargate announcement of 21 January 2025 with its participants and the amounts quoted', async () => {
    const data = await runOk(`{
      events(kinds: [ANNOUNCEMENT], from: "2025-01-21", to: "2025-01-21") {
        edges { node {
          slug title place date { iso precision }
          participants { role actor { __typename slug } }
          quotes { totalCount edges { node { text speaker { slug } } } }
          sources { title }
        } }
      }
    }`);
    const stargate = data.events.edges.map((e: any) => e.node).find((e: any) => e.slug === 'stargate-announcement');
    expect(stargate.date).toEqual({ iso: '2025-01-21', precision: 'DAY' });
    const participants = stargate.participants.map((p: any) => p.actor.slug);
    expect(participants).toEqual(expect.arrayContaining(['openai', 'oracle', 'softbank', 'donald-trump']));
    const quoted = stargate.quotes.edges.map((e: any) => e.node.text).join(' | ');
    expect(quoted).toContain('mindestens 500 Milliarden US-Dollar');
    expect(quoted).toContain('100 Milliarden US-Dollar');
    expect(stargate.sources.map((s: any) => s.title)).toContain('Warum hasst Elon Musk Sam Altman so sehr?');
  });

  it('traces OpenAI’s changes of legal status: founded as a non-profit in 2015, capped-profit in 2019', async () => {
    const data = await runOk(`{
      events(actor: "openai", kinds: [FOUNDING, STATUS_CHANGE]) { edges { node { slug kind date { iso precision } sources { title } } } }
    }`);
    const events = data.events.edges.map((e: any) => e.node);
    expect(events.map((e: any) => [e.kind, e.date?.iso])).toEqual(
      expect.arrayContaining([
        ['FOUNDING', '2015'],
        ['STATUS_CHANGE', '2019'],
      ]),
    );
    for (const event of events) expect(event.sources.length).toBeGreaterThan(0);
  });

  it('models the article as a source of unknown publisher, author and URL, citing its upstream sources', async () => {
    const data = await runOk(`{
      sources(kind: ARTICLE) { edges { node { title publisherName authorName url language publishedOn { iso precision } cites { kind title } } } }
    }`);
    const article = data.sources.edges[0].node;
    expect(article).toMatchObject({
      title: 'Warum hasst Elon Musk Sam Altman so sehr?',
      publisherName: null,
      authorName: null,
      url: null,
      language: 'de',
      publishedOn: { iso: '2025-01', precision: 'MONTH' },
    });
    expect(article.cites.map((s: any) => s.kind)).toEqual(expect.arrayContaining(['SOCIAL_MEDIA_POST', 'NEWS_REPORT', 'BLOG_POST', 'ANNOUNCEMENT']));
  });
});
