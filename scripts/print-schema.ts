// Writes schema.graphql and possible-types.json from the code-first schema. `--check` fails instead
// when a committed file is stale (CI and a test run it), so neither drifts from the code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';

process.env.EMBEDDED_DB_DIR ??= 'memory://';
const { schema } = await import('../src/graphql/schema.js');
const { printPossibleTypes } = await import('../src/graphql/possible-types.js');

const outputs = [
  { name: 'schema.graphql', text: `${printSchema(schema)}\n` },
  { name: 'possible-types.json', text: printPossibleTypes(schema) },
];

const stale: string[] = [];
for (const { name, text } of outputs) {
  const path = new URL(`../${name}`, import.meta.url);
  if (process.argv.includes('--check')) {
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (committed !== text) stale.push(name);
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${name}`);
  }
}
if (stale.length > 0) {
  console.error(`${stale.join(' and ')} ${stale.length > 1 ? 'are' : 'is'} stale: run \`npm run schema:print\` and commit.`);
  process.exit(1);
}
if (process.argv.includes('--check')) console.log('schema.graphql and possible-types.json are up to date.');
process.exit(0);
