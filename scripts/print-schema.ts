// Writes schema.graphql from the code-first schema. `--check` fails instead when the committed file
// is stale (CI and a test run it), so the printed schema never drifts from the code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';

process.env.EMBEDDED_DB_DIR ??= 'memory://';
const { schema } = await import('../src/graphql/schema.js');
const path = new URL('../schema.graphql', import.meta.url);
const printed = `${printSchema(schema)}\n`;

if (process.argv.includes('--check')) {
  const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (committed !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  writeFileSync(path, printed);
  console.log('wrote schema.graphql');
}
process.exit(0);
