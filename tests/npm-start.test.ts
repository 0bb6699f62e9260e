import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, freePort, isListening, isRunning, waitFor } from './helpers/processes.js';

/**
 * The README's `npm start`, run as a user runs it: it compiles the app (prestart → `npm run
 * build`) and runs the compiled server with node, and stopping npm stops the server — SIGTERM from
 * a process manager, or Ctrl-C in a terminal (SIGINT to npm and the server alike) — leaving no
 * orphan listening on the port. The database is an empty in-memory one: this is about processes.
 */
const root = resolve(import.meta.dirname, '..');

interface Started {
  readonly npmPid: number;
  readonly port: number;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Started[] = [];

async function npmStart(): Promise<Started> {
  const port = await freePort();
  const child = spawn('npm', ['start'], {
    cwd: root,
    // Its own process group, as in a terminal: Ctrl-C signals the whole group.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      EMBEDDED_DB_DIR: 'memory://',
      MIGRATE_ON_START: 'false',
      SEED_ON_START: 'never',
      LOG_LEVEL: 'info',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const app = { npmPid: child.pid!, port, output: () => output, exited };
  started.push(app);
  // The first start compiles the whole app.
  const up = await waitFor(() => isListening(port), 90_000);
  expect(up, `npm start did not listen on ${port}:\n${output}`).toBe(true);
  return app;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

afterEach(() => {
  // Whatever a failed test left behind.
  for (const app of started.splice(0)) {
    for (const pid of [app.npmPid, ...descendantsOf(app.npmPid)]) {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  }
});

// Runs once, in the embedded run: the started app always uses an in-memory embedded database, so the
// suite's run against a PostgreSQL server (TEST_DATABASE_URL) would only repeat it.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('npm start', () => {
  it('runs the compiled server with node, and SIGTERM to npm stops it without leaving an orphan', async () => {
    const app = await npmStart();
    const children = descendantsOf(app.npmPid);
    // npm's shell execs node: one process, the compiled server, no tsx, no shell in between.
    expect(children.map(commandLine)).toEqual(['node dist/server.js']);
    const response = await fetch(`http://127.0.0.1:${app.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });

    process.kill(app.npmPid, 'SIGTERM');
    const exit = await app.exited;
    expect(exit.signal ?? exit.code, app.output()).not.toBeUndefined();
    expect(await waitFor(() => children.every((pid) => !isRunning(pid)), 15_000), `left running: ${children.filter(isRunning)}`).toBe(true);
    expect(await isListening(app.port)).toBe(false);
    expect(app.output()).toMatch(/"signal":"SIGTERM"[^\n]*"msg":"shutting down/);
  }, 120_000);

  it('stops cleanly on Ctrl-C, which reaches the server twice (from the terminal and from npm)', async () => {
    const app = await npmStart();
    const children = descendantsOf(app.npmPid);
    expect(children).toHaveLength(1);

    process.kill(-app.npmPid, 'SIGINT');
    await app.exited;
    expect(await waitFor(() => children.every((pid) => !isRunning(pid)), 15_000), `left running: ${children.filter(isRunning)}`).toBe(true);
    expect(await isListening(app.port)).toBe(false);
    // One orderly shutdown, and the server was not killed by the second signal half-way through.
    expect(app.output().match(/"msg":"shutting down/g)).toHaveLength(1);
    expect(app.output()).not.toMatch(/signal SIGINT|command failed/);
  }, 120_000);
});
