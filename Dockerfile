# syntax=docker/dockerfile:1
# conflict-graph: the GraphQL knowledge service. The app applies pending migrations and loads the
# bundled knowledge base at start (MIGRATE_ON_START, SEED_ON_START), so the image needs no
# separate migration step. Without DATABASE_URL it runs on the embedded PostgreSQL in /app/.data.

# ---- build: dependencies, the generated Prisma client, the compiled server -------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first, so editing the sources does not re-run the install.
COPY package.json package-lock.json ./
# All dependencies: TypeScript (a dev dependency) compiles the server below; the dev tools are
# pruned before the runtime stage copies node_modules.
# --ignore-scripts: no dependency needs its install script, and @prisma/engines' would try to
# download a native engine, which fails offline and is not used (migrations run on the WASM
# engine). The project's own postinstall (client generation) is run explicitly below instead,
# once the schema is in the image.
RUN npm ci --ignore-scripts && npm cache clean --force

COPY . .
# The Prisma client and Pothos types are generated, not committed (src/generated/ is ignored).
# prisma.config.ts points the CLI at a stub engine when no native one is present, so this works
# without access to Prisma's binary host. Then `npm run build` compiles src/ to dist/ (tsc), and
# the dev dependencies go.
RUN npx --no-install prisma generate \
 && npm run build \
 && npm prune --omit=dev

# ---- runtime ------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app

# What the compiled server reads at run time: its code, its dependencies, the migrations and the
# bundled knowledge base (prisma/). Code stays owned by root and read-only for the app user; only
# the embedded database directory (used when DATABASE_URL is unset) is writable.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
RUN mkdir -p /app/.data && chown node:node /app/.data

# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 4000

# Liveness: GET /healthz (not /readyz: a container cut off from its database must not be restarted);
# the slim image has no curl, so use Node's fetch.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# The compiled server, as `npm start` runs it, without npm in between: node receives `docker
# stop`'s SIGTERM itself and shuts down gracefully.
CMD ["node", "dist/server.js"]
