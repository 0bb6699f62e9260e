import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.js';

/**
 * The container setup cannot be run here (no Docker engine), so its wiring is checked statically:
 * a typo in a service name, a password changed on one side only or a port that does not match
 * EXPOSE would otherwise surface only on someone's first `docker compose up`.
 */
const root = resolve(import.meta.dirname, '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

describe('docker-compose.yml', () => {
  it('is consistent as written', () => {
    checkComposeStack(parse(composeText) as Compose);
  });

  it('is accepted by docker compose, and stays consistent once normalised', (ctx) => {
    // `docker compose config` validates against the Compose Specification and interpolates,
    // without needing a Docker engine. The compose plugin is optional on developer machines.
    const cli = findComposeCli();
    if (!cli) return ctx.skip('the docker compose plugin is not installed: checked the file as written only');
    const [command, ...prefix] = cli;
    const result = spawnSync(command, [...prefix, '--file', 'docker-compose.yml', 'config'], { cwd: root, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    checkComposeStack(parse(result.stdout) as Compose);
  });
});

describe('Dockerfile', () => {
  const { stages } = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const runtime = stages.at(-1) ?? [];

  it('builds on Node 20 in several stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0]?.args).toMatch(/^node:20[.-][\w.-]*bookworm-slim\b/);
  });

  it('runs the final stage as a non-root user', () => {
    const users = runtime.filter(({ instruction }) => instruction === 'USER').map(({ args }) => args);
    expect(users.length, 'the final stage needs a USER instruction').toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('exposes the port the compose file publishes and the app listens on', () => {
    const exposed = runtime.filter(({ instruction }) => instruction === 'EXPOSE').flatMap(({ args }) => args.split(/\s+/));
    expect(exposed).toEqual(['4000']);
    expect(loadConfig({}).PORT).toBe(4000);
  });

  it('keeps dependencies, secrets, local data and host builds out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules/', '.env', '.data/', '.git/', 'src/generated/', 'dist/']) expect(ignored).toContain(entry);
  });

  it('compiles the server in a build stage and runs the compiled JavaScript with node, as `npm start` does', () => {
    const build = stages.slice(0, -1).flat();
    const runs = build.filter(({ instruction }) => instruction === 'RUN').map(({ args }) => args);
    expect(runs.some((run) => /\bnpm run build\b/.test(run)), 'a build stage runs `npm run build`').toBe(true);
    expect(runs.some((run) => /\bprisma generate\b/.test(run)), 'the Prisma client is generated before the build').toBe(true);

    // Where `npm run build` writes, and the entry point it compiles.
    const buildConfig = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: { rootDir: string; outDir: string } };
    const { rootDir, outDir } = buildConfig.compilerOptions;
    expect(existsSync(join(root, rootDir, 'server.ts'))).toBe(true);
    const entry = `${outDir}/server.js`;
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toMatch(/^tsc -p tsconfig\.build\.json$/);
    expect(scripts.prestart).toMatch(/\bnpm run build\b/);
    expect(scripts.start).toBe(`exec node ${entry}`);

    // The final stage: exec form (node is PID 1's child under `init: true` and gets SIGTERM
    // itself), the compiled entry point, no TypeScript loader.
    const command = runtime.filter(({ instruction }) => instruction === 'CMD').at(-1)?.args ?? '';
    expect(JSON.parse(command)).toEqual(['node', entry]);
    expect(runtime.some(({ instruction }) => instruction === 'ENTRYPOINT')).toBe(false);
    expect(runtime.map(({ args }) => args).join('\n')).not.toMatch(/\btsx\b/);
    const copiedFromBuild = runtime
      .filter(({ instruction, args }) => instruction === 'COPY' && args.startsWith('--from=build'))
      .map(({ args }) => args.split(/\s+/)[1]);
    for (const path of [`/app/${outDir}`, '/app/node_modules', '/app/prisma', '/app/package.json']) expect(copiedFromBuild).toContain(path);
    expect(runtime.find(({ instruction }) => instruction === 'ENV')?.args).toMatch(/\bNODE_ENV=production\b/);
  });
});

// ---- compose --------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  ports?: (string | number | { target: number | string; published?: number | string })[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  restart?: string;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
}

interface Compose {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** The checks, written to accept both the file as written and `docker compose config`'s output. */
function checkComposeStack(compose: Compose): void {
  const services = compose.services ?? {};
  expect(Object.keys(services).sort()).toEqual(['app', 'postgres']);
  const postgres = services.postgres!;
  const app = services.app!;

  // PostgreSQL: a pinned major version, data in a named volume, a real readiness check.
  expect(postgres.image).toMatch(/^postgres:1[6-7](\.\d+)*(-alpine)?$/);
  const dataVolume = (postgres.volumes ?? [])
    .map((volume) => (typeof volume === 'string' ? { source: volume.split(':')[0], target: volume.split(':')[1] } : volume))
    .find((volume) => volume.target === '/var/lib/postgresql/data');
  expect(dataVolume?.source, 'PostgreSQL data must live in a named volume').toBeTruthy();
  expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume?.source);
  const healthTest = [postgres.healthcheck?.test ?? []].flat().join(' ');
  expect(healthTest).toContain('pg_isready');
  const pgEnv = environmentOf(postgres);
  for (const name of ['POSTGRES_DB', 'POSTGRES_USER', 'POSTGRES_PASSWORD']) expect(pgEnv[name], name).toBeTruthy();

  // The app: built from this repository's Dockerfile, waiting for a healthy database.
  const build = typeof app.build === 'string' ? { context: app.build } : app.build;
  expect(build?.context, 'app must be built from this repository').toBeTruthy();
  expect(existsSync(resolve(root, build!.context!, build!.dockerfile ?? 'Dockerfile'))).toBe(true);
  const dependsOn = Array.isArray(app.depends_on) ? {} : (app.depends_on ?? {});
  expect(dependsOn.postgres?.condition).toBe('service_healthy');
  expect(app.restart).toMatch(/^(always|unless-stopped|on-failure(:\d+)?)$/);
  expect(portsOf(app)).toContainEqual({ published: '4000', target: '4000' });

  // DATABASE_URL reaches the postgres service by its name, with its database and credentials,
  // and is a value the app's own configuration accepts.
  const appEnv = environmentOf(app);
  const url = new URL(appEnv.DATABASE_URL ?? '');
  expect(url.protocol).toMatch(/^postgres(ql)?:$/);
  expect(url.hostname, 'DATABASE_URL host = the postgres service').toBe('postgres');
  expect(url.port || '5432', 'DATABASE_URL port').toBe('5432');
  expect(decodeURIComponent(url.username), 'DATABASE_URL user = POSTGRES_USER').toBe(pgEnv.POSTGRES_USER);
  expect(decodeURIComponent(url.password), 'DATABASE_URL password = POSTGRES_PASSWORD').toBe(pgEnv.POSTGRES_PASSWORD);
  expect(decodeURIComponent(url.pathname.slice(1)), 'DATABASE_URL database = POSTGRES_DB').toBe(pgEnv.POSTGRES_DB);
  const appConfig = loadConfig(appEnv);
  expect(appConfig.DATABASE_URL).toBe(appEnv.DATABASE_URL);
  expect(String(appConfig.PORT)).toBe('4000');
}

function environmentOf(service: ComposeService): Record<string, string | undefined> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)] as const)
    : Object.entries(env).map(([key, value]) => [key, value == null ? undefined : String(value)] as const);
  return Object.fromEntries(entries);
}

/** Ports as `{ published, target }` from the short ("8080:80", "127.0.0.1:8080:80") or long syntax. */
function portsOf(service: ComposeService): { published: string; target: string }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return { published: String(port.published ?? ''), target: String(port.target) };
    const parts = String(port).replace(/\/(tcp|udp)$/, '').split(':');
    const target = parts.at(-1) ?? '';
    return { published: parts.length > 1 ? (parts.at(-2) ?? '') : '', target };
  });
}

/** `docker compose` (plugin) or a standalone `docker-compose` of version 2+, or undefined. */
function findComposeCli(): [string, ...string[]] | undefined {
  for (const cli of [['docker', 'compose'], ['docker-compose']] as const) {
    const [command, ...prefix] = cli;
    const probe = spawnSync(command, [...prefix, 'version', '--short'], { encoding: 'utf8' });
    // Compose v1 predates the Compose Specification's newer keys (`name`) and rejects them.
    if (probe.status === 0 && /^v?[2-9]\./.test(probe.stdout.trim())) return [...cli];
  }
  return undefined;
}

// ---- Dockerfile -----------------------------------------------------------------------------

interface Instruction {
  instruction: string;
  args: string;
}

/** Instructions grouped by build stage (each stage starts with its FROM). */
function parseDockerfile(text: string): { stages: Instruction[][] } {
  const logicalLines = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Instruction[][] = [];
  for (const line of logicalLines) {
    const [, instruction = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const entry = { instruction: instruction.toUpperCase(), args };
    if (entry.instruction === 'FROM') stages.push([entry]);
    else stages.at(-1)?.push(entry);
  }
  return { stages };
}
