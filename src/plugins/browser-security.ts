import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type CORSOptions, type Plugin } from 'graphql-yoga';
import { REQUEST_ID_HEADER } from '../request-context.js';
import { setResponseHeader } from './response-headers.js';

/**
 * What protects browsers (and the service from being used through them): CORS from
 * configuration, CSRF prevention, refusal of form posts, and security headers on every response.
 */

/** Headers that make a request "non-simple", so a browser sends a CORS preflight before it. */
export const CSRF_PREVENTION_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Yoga's `cors` option. Yoga's own default reflects any Origin together with
 * `access-control-allow-credentials: true`, so any website could read the API with a visitor's
 * cookies. Here an origin gets CORS headers only when it is listed (`*`: any origin, never with
 * credentials); other origins get none, and the browser keeps the response from the page.
 */
export function corsOptions(origins: readonly string[], credentials: boolean): (request: Request) => CORSOptions {
  const anyOrigin = origins.includes('*');
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !(anyOrigin || origins.includes(origin))) return false;
    return {
      origin: [origin],
      credentials: credentials && !anyOrigin,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'accept', REQUEST_ID_HEADER, ...CSRF_PREVENTION_HEADERS],
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    };
  };
}

/**
 * Form posts (`application/x-www-form-urlencoded`, `multipart/form-data`) are what an HTML form on
 * another site can send without a preflight; this API takes no uploads, so Yoga's parsers for them
 * are never reached: the request is refused with 415 and a code.
 */
export function useRefuseFormPosts(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const contentType = request.headers.get('content-type')?.toLowerCase() ?? '';
      if (contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('multipart/form-data')) {
        throw createGraphQLError('Form posts are not accepted: send the operation as application/json.', {
          extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } },
        });
      }
    },
  };
}

/**
 * Yoga's CSRF prevention: a request must be one a browser would have preflighted — a JSON (or
 * GraphQL) content type, or one of CSRF_PREVENTION_HEADERS (any value) — so a page on another site
 * cannot make a visitor's browser run an operation (a GET link, an image, a `text/plain` post).
 * The plugin's error gets a code here; which requests pass stays the plugin's decision.
 */
export function useCodedCSRFPrevention(): Plugin {
  const { onRequestParse } = useCSRFPrevention({ requestHeaders: CSRF_PREVENTION_HEADERS });
  return {
    onRequestParse(payload) {
      try {
        return onRequestParse?.(payload);
      } catch (error) {
        throw createGraphQLError(
          `This request could come from a form or link on another site. Send it as application/json, or with the header ${CSRF_PREVENTION_HEADERS[0]}: 1.`,
          { extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } }, originalError: error as Error },
        );
      }
    },
  };
}

/**
 * Content-Security-Policy of the GraphiQL page: its script, stylesheet and editor workers come from
 * this server (src/graphiql.ts), never inline scripts or other hosts. Styles stay 'unsafe-inline'
 * because the editor (Monaco) and GraphiQL set element styles at run time.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Everything else (JSON, metrics, scripts) is data, never a document to render. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Security headers on every response, HTML and JSON alike (what helmet sets, for a Yoga server
 * that is also called through `yoga.fetch` and so has no Express/Node middleware chain).
 * Strict-Transport-Security is left to the TLS-terminating proxy, which knows whether HTTPS is used.
 */
export function useSecurityHeaders(): Plugin {
  return {
    onResponse({ response, serverContext }) {
      const isHtml = response.headers.get('content-type')?.toLowerCase().startsWith('text/html') ?? false;
      for (const [name, value] of isHtml ? HTML_SECURITY_HEADERS : API_SECURITY_HEADERS) setResponseHeader(response, serverContext, name, value);
      // CORS headers depend on the Origin (see corsOptions): a shared cache must not hand one
      // origin's answer to another.
      const vary = response.headers.get('vary');
      if (vary === null) setResponseHeader(response, serverContext, 'vary', 'Origin');
      else if (!/\borigin\b/i.test(vary)) response.headers.append('vary', 'Origin');
    },
  };
}

const COMMON_SECURITY_HEADERS: [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['x-dns-prefetch-control', 'off'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];
const HTML_SECURITY_HEADERS: [string, string][] = [['content-security-policy', GRAPHIQL_CSP], ...COMMON_SECURITY_HEADERS];
const API_SECURITY_HEADERS: [string, string][] = [['content-security-policy', API_CSP], ...COMMON_SECURITY_HEADERS];
