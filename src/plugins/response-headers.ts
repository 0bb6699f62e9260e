import type { ServerResponse } from 'node:http';

/**
 * Sets a header of the response Yoga is about to send (from an `onResponse` hook), as
 * `response.headers.set` does. On a Node server it goes on the Node response instead, unless the
 * Fetch response already has that header: Yoga's adapter writes a Fetch response's own headers in
 * one `writeHead` as long as nobody set one on it, and otherwise builds a header map and copies it
 * header by header (with the security headers, about 2% of the CPU profile of page 1 of all quotes). Node
 * sends the headers set on its response together with those. In-process (`yoga.fetch`) there is
 * only the Fetch response.
 */
export function setResponseHeader(response: Response, serverContext: unknown, name: string, value: string): void {
  const node = (serverContext as { res?: ServerResponse } | undefined)?.res;
  if (node && typeof node.setHeader === 'function' && !node.headersSent && !response.headers.has(name)) node.setHeader(name, value);
  else response.headers.set(name, value);
}
