import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/**
 * The GraphiQL explorer served on GET /graphql: what `createYoga` receives as `renderGraphiQL`
 * and `graphiql`, and the plugin serving its assets.
 *
 * Yoga's built-in page loads GraphiQL's CSS, JavaScript and editor workers from a public CDN, so
 * offline (CI, locked-down networks) it never gets past "Loading…". `@graphql-yoga/render-graphiql`
 * (same version as graphql-yoga) ships those assets in the package, but its renderer inlines all of
 * them into every page: 9 MB per visit, never cached, and only runnable with inline scripts
 * allowed. Here the page is a few KB of HTML that links to the package's assets, served by this
 * server under a versioned URL (`/graphiql-assets/<version>/…`) that browsers cache for a year
 * and that changes whenever the package or the bootstrap below changes. Nothing is inline except
 * the options (a JSON data block, which is not executed), so the page runs under a CSP without
 * 'unsafe-inline' scripts (src/plugins/browser-security.ts).
 */
const require = createRequire(import.meta.url);
const renderGraphiQLVersion = (require('@graphql-yoga/render-graphiql/package.json') as { version: string }).version;

/** URL path prefix of the assets. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql-assets';

// Runs before GraphiQL's bundle: Monaco asks this for the URL of each editor worker; they are
// served next to this script.
const prelude = `self.MonacoEnvironment = (function () {
  var base = new URL('.', document.currentScript.src);
  var files = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
  return { globalAPI: false, getWorkerUrl: function (moduleId, label) { return new URL(files[label] || files.editorWorkerService, base).href; } };
})();
`;
// Runs after it: renders GraphiQL with the options the page carries as JSON.
const bootstrap = `
YogaGraphiQL.renderYogaGraphiQL(
  document.getElementById('root'),
  JSON.parse(document.getElementById('graphiql-options').textContent)
);
`;

const assetsVersion = `${renderGraphiQLVersion}-${createHash('sha256').update(prelude).update(bootstrap).digest('hex').slice(0, 10)}`;
const assetsBase = `${GRAPHIQL_ASSETS_PATH}/${assetsVersion}`;

interface Asset {
  readonly contentType: string;
  readonly body: ArrayBuffer;
  /** gzip of the body, made once on first request (off the event loop). */
  gzipped?: Promise<ArrayBuffer>;
}

let assets: Map<string, Asset> | undefined;

/** The package's assets by file name, loaded on first use (the module is 9 MB of strings). */
async function loadAssets(): Promise<Map<string, Asset>> {
  if (assets) return assets;
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const text = (contentType: string, body: string): Asset => ({ contentType, body: toArrayBuffer(Buffer.from(body)) });
  const favicon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
  assets = new Map([
    ['graphiql.js', text('text/javascript; charset=utf-8', `${prelude}${bundle.js};${bootstrap}`)],
    ['graphiql.css', text('text/css; charset=utf-8', bundle.css)],
    ['editor.worker.js', text('text/javascript; charset=utf-8', bundle.editorWorkerService)],
    ['json.worker.js', text('text/javascript; charset=utf-8', bundle.jsonWorker)],
    ['graphql.worker.js', text('text/javascript; charset=utf-8', bundle.graphqlWorker)],
    ...(favicon ? [['favicon.ico', { contentType: favicon[1]!, body: toArrayBuffer(Buffer.from(favicon[2]!, 'base64')) }] as const] : []),
  ]);
  return assets;
}

const gzipAsync = promisify(gzip);

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

/** Serves GET `/graphiql-assets/<version>/<file>` with a year-long, immutable cache lifetime. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ url, request, fetchAPI, endResponse }) {
      if (!url.pathname.startsWith(`${GRAPHIQL_ASSETS_PATH}/`)) return;
      const [version, file, ...rest] = url.pathname.slice(GRAPHIQL_ASSETS_PATH.length + 1).split('/');
      const notFound = () => endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
      if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
      // An old version's URL is not served from the current files: a cached page would mix versions.
      if (version !== assetsVersion || !file || rest.length) return notFound();
      return loadAssets().then(async (loaded) => {
        const asset = loaded.get(file);
        if (!asset) return notFound();
        const headers: Record<string, string> = {
          'content-type': asset.contentType,
          'cache-control': 'public, max-age=31536000, immutable',
          vary: 'accept-encoding',
        };
        let body = asset.body;
        if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
          asset.gzipped ??= gzipAsync(asset.body, { level: 9 }).then(toArrayBuffer);
          body = await asset.gzipped;
          headers['content-encoding'] = 'gzip';
        }
        headers['content-length'] = String(body.byteLength);
        endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
      });
    },
  };
}

/** The page: a few KB of HTML linking the cached assets, with the options as a JSON data block. */
export function renderGraphiQL(options?: GraphiQLOptions): string {
  const title = escapeHtml(options?.title ?? 'GraphiQL');
  // `<` escaped so no value can close the data block (`</script>`).
  const json = JSON.stringify(options ?? {}).replaceAll('<', '\\u003c');
  const base = assetsBase;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="${base}/favicon.ico" />
    <link rel="stylesheet" href="${base}/graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${json}</script>
    <script src="${base}/graphiql.js"></script>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export interface ExampleQuery {
  /** Short label, also the operation name, so GraphiQL titles the tab with it. */
  readonly name: string;
  /** What the query shows about the API, one sentence (README, docs). */
  readonly description: string;
  readonly query: string;
  /** JSON text for GraphiQL's variables editor, when the query takes variables. */
  readonly variables?: string;
}

/**
 * Example queries over the seeded knowledge base: the first one opens in GraphiQL, the others
 * in tabs beside it. The README and tests reuse them, and a test runs each one against the
 * schema, so an example that stops matching the schema fails CI instead of greeting users with
 * an error.
 */
export const exampleQueries: readonly ExampleQuery[] = [
  {
    name: 'ConflictTimeline',
    description:
      'The Musk vs. OpenAI conflict in chronological order: events, quotes and court status changes, each with the sources that support it.',
    query: /* GraphQL */ `# The conflict's timeline, oldest first: events,
# quotes and court steps, each with its sources.
# Run it with Ctrl-Enter or the ▶ button. More
# examples are in the other tabs; the book icon
# opens the documentation.
query ConflictTimeline {
  conflict(slug: "musk-vs-openai") {
    id
    name
    description
    parties {
      id
      __typename
      name
    }
    timeline(first: 50) {
      totalCount
      edges {
        node {
          id
          __typename
          ... on Event {
            title
            kind
            date {
              iso
              precision
              stated
            }
            sources {
              id
              title
            }
          }
          ... on Quote {
            text
            speaker {
              id
              name
            }
            date {
              iso
              precision
            }
            sources {
              id
              title
            }
          }
          ... on LegalActionStatusChange {
            status
            date {
              iso
            }
            legalAction {
              id
              title
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    name: 'ClaimsBetweenRivals',
    description:
      'What Elon Musk and Sam Altman each claim about the other, oldest first, with the claims that dispute or deny each one and the passages that report them.',
    query: /* GraphQL */ `# Who claims what about whom, and who disputes it.
# Change the slugs (e.g. a: "elon-musk", b: "openai").
query ClaimsBetweenRivals {
  claimsBetween(a: "elon-musk", b: "sam-altman") {
    totalCount
    edges {
      node {
        id
        summary
        claimant {
          id
          name
        }
        date {
          iso
          earliest
          latest
          stated
        }
        quotes {
          id
          text
        }
        disputedBy {
          totalCount
          edges {
            kind
            citations {
              excerpt
            }
            node {
              id
              summary
              claimant {
                id
                name
              }
            }
          }
        }
        sources {
          id
          title
        }
      }
    }
  }
}
`,
  },
  {
    name: 'TimelineBounds',
    description:
      'January 2025 of the conflict in order, each date with its bounds and derivation, what each item is known to come after, and which items only may fall inside the range.',
    query: /* GraphQL */ `# Dates with bounds: "In den letzten Stunden" is
# January 2025, not before the 21 January
# announcement it reacts to. In 1-22 January the
# reactions may fall inside: edges say "uncertain".
query TimelineBounds {
  conflict(slug: "musk-vs-openai") {
    id
    timeline(from: "2025-01-01", to: "2025-01-22", first: 30) {
      totalCount
      edges {
        uncertain
        node {
          __typename
          id
          date {
            iso
            precision
            earliest
            latest
            edtf
            stated
            derivation
          }
          ... on Event {
            title
            knownAfter {
              earlier {
                __typename
                id
              }
              citations {
                excerpt
              }
            }
          }
          ... on Quote {
            text
          }
          ... on Claim {
            summary
          }
        }
      }
    }
  }
}
`,
  },
  {
    name: 'PersonProfile',
    description:
      "One person's profile: affiliations over time, what they said, what others said about them, and their lawsuits as plaintiff.",
    query: /* GraphQL */ `# A person's affiliations, quotes, quotes about them
# and lawsuits they filed. Change the slug in the
# variables below (e.g. "sam-altman").
query PersonProfile($slug: String!) {
  person(slug: $slug) {
    id
    name
    description
    affiliations {
      id
      role
      title
      organization {
        id
        name
      }
      startedOn {
        iso
        precision
      }
      endedOn {
        iso
        precision
      }
      sources {
        id
        title
      }
    }
    quotes(first: 10) {
      totalCount
      edges {
        node {
          id
          text
          isTranslation
          date {
            iso
          }
        }
      }
    }
    quotesAbout(first: 10) {
      edges {
        node {
          id
          text
          speaker {
            id
            name
          }
        }
      }
    }
    legalActions(side: PLAINTIFF) {
      edges {
        node {
          id
          title
          status
        }
      }
    }
  }
}
`,
    variables: JSON.stringify({ slug: 'elon-musk' }, null, 2),
  },
  {
    name: 'QuotesBetweenRivals',
    description:
      'Quotes filtered by speaker and subject, oldest first, with their wording as published, original language and citations.',
    query: /* GraphQL */ `# What Elon Musk said about Sam Altman, oldest first,
# with the passage of each source that reports it.
query QuotesBetweenRivals {
  quotes(speaker: "elon-musk", about: "sam-altman", orderBy: DATE_ASC, first: 20) {
    totalCount
    edges {
      node {
        id
        text
        language
        originalLanguage
        isTranslation
        context
        date {
          iso
          precision
          stated
        }
        citations {
          excerpt
          source {
            id
            title
          }
        }
      }
    }
  }
}
`,
  },
  {
    name: 'LegalActions',
    description:
      'Lawsuits with a given party: court, parties, claims, status history and sources.',
    query: /* GraphQL */ `# Every legal action Elon Musk is a party to, with its
# status history.
query LegalActions {
  legalActions(party: "elon-musk", first: 10) {
    totalCount
    edges {
      node {
        id
        title
        summary
        court
        filedOn {
          iso
          precision
          stated
        }
        status
        statusHistory {
          id
          status
          date {
            iso
          }
          note
        }
        plaintiffs {
          id
          name
        }
        defendants {
          id
          name
        }
        claims {
          id
          text
        }
        sources {
          id
          title
        }
      }
    }
  }
}
`,
  },
  {
    name: 'EventsByKind',
    description:
      'Events filtered by kind and date range, with participants (people and organisations through the Actor interface).',
    query: /* GraphQL */ `# Foundings and status changes, oldest first, with who
# took part in what role.
query EventsByKind {
  events(kinds: [FOUNDING, STATUS_CHANGE], orderBy: DATE_ASC, first: 20) {
    totalCount
    edges {
      node {
        id
        title
        kind
        date {
          iso
          precision
          stated
        }
        participants {
          role
          actor {
            id
            __typename
            name
            slug
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
  },
  {
    name: 'SourceProvenance',
    description:
      'Where the knowledge comes from: each source with its publisher, date and the upstream sources it cites.',
    query: /* GraphQL */ `# Each source, how precisely its date is known, and
# which sources it relies on.
query SourceProvenance {
  sources(first: 20) {
    totalCount
    edges {
      node {
        id
        title
        kind
        publisherName
        authorName
        language
        url
        publishedOn {
          iso
          precision
          stated
        }
        cites {
          id
          title
          kind
        }
      }
    }
  }
}
`,
  },
];

const [defaultExample] = exampleQueries;
if (!defaultExample) throw new Error('exampleQueries must not be empty: its first entry is GraphiQL’s default query');

/**
 * GraphiQL options. `defaultTabs` opens every example in its own tab on a first visit (GraphiQL
 * keeps the user's own tabs in localStorage afterwards); `defaultQuery` is what a new tab starts
 * with: without it GraphiQL opens on a comment-only text whose run is a syntax error.
 */
export const graphiql = {
  title: 'conflict-graph',
  defaultQuery: defaultExample.query,
  defaultTabs: exampleQueries.map(({ query, variables }) => ({ query, variables: variables ?? null })),
} satisfies GraphiQLOptions;
