#!/bin/sh
# Stand-in for Prisma's native schema engine where it cannot be downloaded (see prisma.config.ts).
# Migrations here go through the WebAssembly engine: npm run db:migrate / db:migration.
echo "The native Prisma schema engine is not installed here; use 'npm run db:migrate' (applies migrations) or 'npm run db:migration -- <name>' (creates one)." >&2
exit 1
