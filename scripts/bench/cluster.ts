/**
 * The benchmark's own PostgreSQL cluster (initdb + pg_ctl as the `postgres` user, in tmp/bench-pg,
 * on a free loopback port): pg_stat_statements and auto_explain need to be preloaded, which the
 * shared server cannot be restarted for, and every backend of this cluster serves the bench, so
 * its CPU time can be read from /proc. The data directory is kept between runs (the synthetic
 * databases take minutes to build at 1M quotes).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface Cluster {
  readonly port: number;
  readonly dataDir: string;
  readonly logFile: string;
  url(database: string): string;
  /** CPU time of every process of the cluster (including backends that ended), in clock ticks. */
  cpuTicks(): number;
  stop(): void;
}

function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(base, version, 'bin', 'pg_ctl'))) return join(base, version, 'bin');
  throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

const asPostgres = (command: string, args: string[]) => {
  const result = spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
};

/** CPU time of a process in clock ticks; with `reaped`, also that of its ended, waited-for children. */
export function ticks(pid: number, reaped = false): number {
  try {
    // Fields after the command name (which may contain spaces): utime, stime, cutime, cstime are the 14th to 17th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
  } catch {
    return 0;
  }
}

export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

export async function startCluster(root = resolve('tmp/bench-pg')): Promise<Cluster> {
  const bin = postgresBin();
  const dataDir = join(root, 'data');
  const logFile = join(root, 'postgres.log');
  mkdirSync(root, { recursive: true });
  const { uid, gid } = Object.fromEntries(
    ['uid', 'gid'].map((flag) => [flag, Number(execFileSync('id', [`-${flag[0]}`, 'postgres'], { encoding: 'utf8' }).trim())]),
  ) as { uid: number; gid: number };
  chownSync(root, uid, gid);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    asPostgres(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  }
  const port = await freePort();
  // Settings for a throwaway benchmark cluster: durability off (the data can always be rebuilt) and
  // WAL minimal, which makes COPY into freshly truncated tables skip the WAL. Planner settings stay
  // at their defaults, as on the shared server.
  writeFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      `shared_preload_libraries = 'pg_stat_statements,auto_explain'`,
      `pg_stat_statements.max = 5000`,
      `pg_stat_statements.track = 'all'`,
      `compute_query_id = on`,
      `shared_buffers = '512MB'`,
      `max_connections = 200`,
      `fsync = off`,
      `synchronous_commit = off`,
      `full_page_writes = off`,
      `wal_level = minimal`,
      `max_wal_senders = 0`,
      `max_wal_size = '4GB'`,
      `log_line_prefix = '@@ '`,
      `auto_explain.log_analyze = on`,
      `auto_explain.log_buffers = on`,
      `auto_explain.log_timing = on`,
      `auto_explain.log_format = 'json'`,
      `auto_explain.log_min_duration = -1`,
      '',
    ].join('\n'),
  );
  chownSync(join(dataDir, 'postgresql.auto.conf'), uid, gid);
  asPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    port,
    dataDir,
    logFile,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    cpuTicks: () => childrenOf(postmaster).reduce((sum, pid) => sum + ticks(pid), ticks(postmaster, true)),
    stop: () => {
      asPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
  };
}
