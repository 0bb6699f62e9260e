import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads its native schema engine before `generate`, even though generating the
// client does not use it. Where that download cannot happen (offline CI, locked-down networks),
// point it at a stub that fails loudly if anything does try to use it. Machines that already have
// an engine (or set PRISMA_SCHEMA_ENGINE_BINARY themselves) keep theirs. Migrations run through
// the WebAssembly schema engine instead (src/db/migrations.ts; new ones via scripts/migration-create.ts), so they never need the native one.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeSchemaEngine()) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(
    new URL('./scripts/schema-engine-stub.sh', import.meta.url),
  );
}

function hasNativeSchemaEngine(): boolean {
  const engines = fileURLToPath(new URL('./node_modules/@prisma/engines/', import.meta.url));
  return ['schema-engine-debian-openssl-3.0.x', 'schema-engine-linux-musl-openssl-3.0.x', 'schema-engine-darwin', 'schema-engine-darwin-arm64', 'schema-engine-windows.exe']
    .some((name) => existsSync(engines + name));
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx scripts/seed.ts',
  },
});
