/**
 * Import FIRST (before ./graphql.js) in a test file about deadlines: a short request deadline and a
 * statement timeout far beyond it, so the deadline is what ends a slow request.
 */
export const REQUEST_TIMEOUT_MS = 700;

process.env.REQUEST_TIMEOUT_MS = String(REQUEST_TIMEOUT_MS);
process.env.DB_STATEMENT_TIMEOUT_MS = '30000';
