// First: gives this file its own migrated and seeded database before the app reads its config.
import './helpers/database.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleQueries, graphiql } from '../src/graphiql.js';
import { yoga } from '../src/yoga.js';
import { listen, type ListeningServer } from './helpers/http-server.js';

/**
 * GraphiQL in a real browser against a real socket: the only way to prove the explorer renders
 * with no internet (yoga's default page silently hangs on "Loading…" offline), opens on our
 * example rather than GraphiQL's comment-only welcome text, runs it, and documents the schema.
 *
 * Browser: Debian's `chromium` driven by playwright-core (Playwright's own browser download
 * cannot run here). CHROMIUM_PATH overrides the binary.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const missingChromium = `GraphiQL browser test needs Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
if (!hasChromium && !process.env.CI) console.warn(`Skipped: ${missingChromium}`);

/** Set GRAPHIQL_SCREENSHOT=path to keep a picture of the page after the query ran (debugging). */
const screenshotPath = process.env.GRAPHIQL_SCREENSHOT;

// Known facts of the bundled knowledge base (prisma/seed/musk-openai.yaml) the result pane must show.
const CONFLICT_NAME = 'Musk vs. OpenAI';
const FOUNDING_TITLE = 'Elon Musk and Sam Altman found OpenAI as a nonprofit organisation';

const isLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  // Inline assets (the favicon, Monaco's workers) are data: and blob: URLs: no network involved.
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
};

describe.skipIf(!hasChromium && !process.env.CI)('GraphiQL explorer in a browser, offline', () => {
  let server: ListeningServer;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  /** Every request that tried to leave the machine (blocked), whatever started it. */
  const externalRequests = new Set<string>();
  const pageErrors: string[] = [];
  /** Console messages about blocked content: the page must run under its Content-Security-Policy. */
  const cspViolations: string[] = [];
  /** Responses from this server, by path: the page and its separately cached assets. */
  const localResponses = new Map<string, { status: number; headers: Record<string, string>; size: number }>();
  /** The later steps need the rendered page; without it they fail at once instead of timing out. */
  let rendered = false;
  const requireRendered = () => expect(rendered, 'GraphiQL did not render (see the first test)').toBe(true);

  const describeRequest = (request: Request) => `${request.method()} ${request.url()} (${request.resourceType()})`;
  const expectNoExternalRequests = () =>
    expect([...externalRequests], 'the page must not request anything outside 127.0.0.1').toEqual([]);

  beforeAll(async () => {
    // Under CI a missing browser is a broken machine setup, not a reason to skip silently.
    if (!hasChromium) throw new Error(missingChromium);
    server = await listen(yoga);
    // A fresh profile: GraphiQL keeps tabs in localStorage, so a reused one would hide the defaults.
    userDataDir = mkdtempSync(join(tmpdir(), 'graphiql-e2e-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      // Tall enough that Monaco (which renders only visible lines) shows the first timeline entries.
      viewport: { width: 1400, height: 1400 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // Block, and record, everything that is not loopback: the test must behave the same with or
    // without internet, and an attempt is a failure even when it would have been harmless.
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (isLocal(request.url())) return route.continue();
      externalRequests.add(describeRequest(request));
      return route.abort('blockedbyclient');
    });
    // Also catch what routing may not see (e.g. requests from workers).
    context.on('request', (request) => {
      if (!isLocal(request.url())) externalRequests.add(describeRequest(request));
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    context.on('response', async (response) => {
      const url = new URL(response.url());
      if (!isLocal(response.url()) || url.protocol !== 'http:') return;
      const size = Number((await response.headerValue('content-length')) ?? -1);
      localResponses.set(url.pathname, { status: response.status(), headers: response.headers(), size });
    });
    page.on('websocket', (socket) => {
      if (!isLocal(socket.url())) externalRequests.add(`WebSocket ${socket.url()}`);
    });
  }, 20_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('renders the explorer with no external request', async () => {
    const response = await page.goto(`${server.url}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');

    // Monaco's rendered lines appear only once the React app and the editor have fully started.
    await page
      .locator('.graphiql-query-editor .view-lines')
      .waitFor({ timeout: 45_000 })
      .catch(async (error: unknown) => {
        const text = (await page.locator('body').innerText()).slice(0, 200);
        throw new Error(
          `GraphiQL did not render. Page text: ${JSON.stringify(text)}. ` +
            `External requests attempted: ${[...externalRequests].join(', ') || 'none'}. Page errors: ${pageErrors.join(', ') || 'none'}.`,
          { cause: error },
        );
      });
    rendered = true;
    expect(await page.title()).toBe(graphiql.title);
    expect(await page.locator('body').innerText()).not.toContain('Loading');
    expectNoExternalRequests();
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 60_000);

  it('loads a small page and its assets from versioned, long-cached URLs, editor workers included', async () => {
    requireRendered();
    const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html.length).toBeLessThan(20_000);
    // The script, the stylesheet and Monaco's workers (the query editor starts the GraphQL one).
    const assetPaths = () => [...localResponses.keys()].filter((path) => path.startsWith('/graphiql-assets/'));
    // The workers start once the editors and the schema are ready: give a loaded machine time.
    const files = () => assetPaths().map((path) => path.split('/').at(-1));
    await expect.poll(files, { timeout: 15_000 }).toEqual(expect.arrayContaining(['graphiql.js', 'graphiql.css', 'editor.worker.js', 'graphql.worker.js']));
    for (const path of assetPaths()) {
      const response = localResponses.get(path)!;
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
    expect(cspViolations).toEqual([]);
  }, 30_000);

  it('opens on the example queries, one tab each, the timeline first', async () => {
    requireRendered();
    // GraphiQL titles each tab with its operation name.
    const tabs = page.locator('.graphiql-tab-button');
    await expect.poll(() => tabs.allInnerTexts()).toEqual(exampleQueries.map(({ name }) => name));
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toBe(exampleQueries[0]?.name);

    // GraphiQL persists its tab state; it holds the full editor text, which Monaco's DOM doesn't
    // (only visible lines are rendered).
    // It writes that state shortly after start, not synchronously: wait for it.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('graphiql:tabState'))).not.toBeNull();
    const stored = await page.evaluate(() => localStorage.getItem('graphiql:tabState'));
    const state = JSON.parse(stored ?? '{}') as { activeTabIndex?: number; tabs?: { query: string | null; variables: string | null }[] };
    expect(state.activeTabIndex).toBe(0);
    expect(state.tabs?.map((tab) => tab.query)).toEqual(exampleQueries.map(({ query }) => query));
    expect(state.tabs?.map((tab) => tab.variables ?? undefined)).toEqual(exampleQueries.map(({ variables }) => variables));
    // And the editor really shows it, not GraphiQL's comment-only welcome text.
    const editorText = await visibleEditorText(page, '.graphiql-query-editor');
    expect(editorText).toContain('query ConflictTimeline {');
    expect(editorText).toContain('conflict(slug: "musk-vs-openai")');
    expect(editorText).not.toContain('Welcome to GraphiQL');
  }, 10_000);

  it('runs the default query and shows the conflict timeline', async () => {
    requireRendered();
    const executed = page.waitForResponse(
      (response) => response.url().startsWith(`${server.url}/graphql`) && (response.request().postData() ?? '').includes('ConflictTimeline'),
    );
    await page.locator('.graphiql-execute-button').click();
    const body = (await (await executed).json()) as {
      data?: { conflict?: { name: string; timeline: { edges: { node: { __typename: string; title?: string } }[] } } };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.conflict?.name).toBe(CONFLICT_NAME);
    const eventTitles = body.data?.conflict?.timeline.edges.flatMap(({ node }) => (node.title ? [node.title] : []));
    expect(eventTitles).toContain(FOUNDING_TITLE);

    const result = page.locator('.graphiql-response');
    await expect.poll(() => visibleEditorText(page, '.graphiql-response'), { timeout: 10_000 }).toContain(`"name": "${CONFLICT_NAME}"`);
    expect(await visibleEditorText(page, '.graphiql-response')).toContain(`"title": "${FOUNDING_TITLE}"`);
    expect(await result.innerText()).not.toMatch(/"errors"/);
    if (screenshotPath) await page.screenshot({ path: screenshotPath });
    expectNoExternalRequests();
  }, 15_000);

  it('documents the root fields in the Docs pane', async () => {
    requireRendered();
    // The descriptions the schema itself declares, so the test follows the schema's wording.
    const introspection = (await (
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { queryType { fields { name description } } } }' }),
      })
    ).json()) as { data: { __schema: { queryType: { fields: { name: string; description: string | null }[] } } } };
    const rootFields = new Map(introspection.data.__schema.queryType.fields.map((field) => [field.name, field.description]));

    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Root Types').waitFor();
    await docs.locator('a.graphiql-doc-explorer-type-name', { hasText: /^Query$/ }).click();

    for (const name of ['conflict', 'people']) {
      const description = rootFields.get(name);
      expect(description, `Query.${name} needs a description`).toBeTruthy();
      const item = docs.locator('.graphiql-doc-explorer-item', {
        has: page.locator('a.graphiql-doc-explorer-field-name', { hasText: new RegExp(`^${name}$`) }),
      });
      await expect.poll(() => item.count()).toBe(1);
      // Markdown is rendered, so compare words, not markup.
      expect(plainWords(await item.innerText())).toContain(plainWords(firstParagraph(description ?? '')));
    }
    expectNoExternalRequests();
    expect(pageErrors).toEqual([]);
  }, 10_000);
});

/**
 * Text of the lines Monaco currently renders in the editor under `selector`, in line order, with
 * whitespace collapsed: the result pane wraps long lines at spaces into several rendered lines,
 * and collapsing joins them again.
 */
async function visibleEditorText(page: Page, selector: string): Promise<string> {
  const text = await page.locator(`${selector} .view-lines`).evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => line.textContent ?? '')
      .join(' '),
  );
  return text.replace(/\s+/g, ' ');
}

function firstParagraph(markdown: string): string {
  return markdown.split(/\n\s*\n/)[0] ?? '';
}

function plainWords(text: string): string {
  return text.replace(/[`*_[\]()#>]/g, ' ').replace(/\s+/g, ' ').trim();
}
