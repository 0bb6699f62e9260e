import './helpers/database.js';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { graphiql, renderGraphiQL } from '../src/graphiql.js';
import { yoga } from '../src/yoga.js';

/**
 * GraphiQL over HTTP: a small page, and its 9 MB of scripts and styles as separate assets that a
 * browser downloads once per version. (In a real browser, offline: graphiql.e2e.test.ts.)
 */
const send = async (path: string, init: RequestInit = {}) => yoga.fetch(`http://yoga${path}`, init);

async function page(): Promise<string> {
  const response = await send('/graphql', { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  return response.text();
}

function linkedAssets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/graphiql-assets\/[^"]+)"/g)].map((match) => match[1]!);
}

describe('GraphiQL page', () => {
  it('is a few KB of HTML that links its script, stylesheet and icon under one versioned path', async () => {
    const html = await page();
    expect(html.length).toBeLessThan(20_000);
    const assets = linkedAssets(html);
    expect(assets.map((path) => path.split('/').at(-1)).sort()).toEqual(['favicon.ico', 'graphiql.css', 'graphiql.js']);
    const versions = new Set(assets.map((path) => path.split('/')[2]));
    expect(versions.size).toBe(1);
    expect([...versions][0]).toMatch(/^\d+\.\d+\.\d+-[0-9a-f]{10}$/);
    // No inline script: the only <script> without src is the options data block.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toEqual(['<script type="application/json" id="graphiql-options">']);
  });

  it('carries the explorer options (title, example tabs) as JSON that no value can break out of', () => {
    const hostile = { ...graphiql, title: '<b>"x"</b>', defaultQuery: '# </script><script>alert(1)</script>\n{ __typename }' };
    const html = renderGraphiQL(hostile);
    expect(html).toContain('<title>&#60;b&#62;&#34;x&#34;&#60;/b&#62;</title>');
    const scripts = html.match(/<script\b/g) ?? [];
    expect(scripts).toHaveLength(2);
    const json = /<script type="application\/json" id="graphiql-options">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(hostile);
  });
});

describe('GraphiQL assets', () => {
  it('are served with their type and a year-long immutable cache lifetime', async () => {
    const types: Record<string, RegExp> = { 'graphiql.js': /^text\/javascript/, 'graphiql.css': /^text\/css/, 'favicon.ico': /^image\// };
    for (const path of linkedAssets(await page())) {
      const response = await send(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(types[path.split('/').at(-1)!]!);
      expect(response.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
      expect(Number(response.headers.get('content-length')), path).toBe((await response.arrayBuffer()).byteLength);
    }
  });

  it('include the editor workers the script asks for, next to it', async () => {
    const base = linkedAssets(await page()).find((path) => path.endsWith('/graphiql.js'))!.replace(/graphiql\.js$/, '');
    const script = await (await send(`${base}graphiql.js`)).text();
    for (const worker of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
      expect(script).toContain(`'${worker}'`);
      const response = await send(`${base}${worker}`);
      expect(response.status, worker).toBe(200);
      expect((await response.text()).length, worker).toBeGreaterThan(100_000);
    }
  });

  it('are gzipped for clients that accept it, to the same bytes', async () => {
    const path = linkedAssets(await page()).find((asset) => asset.endsWith('/graphiql.js'))!;
    const plain = Buffer.from(await (await send(path)).arrayBuffer());
    const zipped = await send(path, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const body = Buffer.from(await zipped.arrayBuffer());
    expect(body.byteLength).toBeLessThan(plain.byteLength / 3);
    expect(gunzipSync(body).equals(plain)).toBe(true);
  });

  it('answer 404 for another version, an unknown file or a write', async () => {
    const path = linkedAssets(await page()).find((asset) => asset.endsWith('/graphiql.js'))!;
    const otherVersion = path.replace(/\/graphiql-assets\/[^/]+\//, '/graphiql-assets/0.0.0-0000000000/');
    for (const [url, init] of [
      [otherVersion, {}],
      [path.replace('graphiql.js', 'secrets.js'), {}],
      [path.replace('graphiql.js', '../../package.json'), {}],
      [path, { method: 'POST', body: 'x' }],
    ] as const) {
      expect((await send(url, init)).status, `${init.method ?? 'GET'} ${url}`).toBe(404);
    }
  });
});
