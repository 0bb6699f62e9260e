import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlRunner } from '../db.js';

/**
 * One database session for the generator: plain statements, and bulk loading through COPY in
 * PostgreSQL's text format (FREEZE: the tables must have been truncated in the open transaction). A PostgreSQL server is fed through `pg-copy-streams`; the embedded
 * PGlite (used by the test suite) through `COPY … FROM '/dev/blob'`.
 */
export interface SynthConnection {
  readonly description: string;
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs several statements without parameters. */
  exec(text: string): Promise<void>;
  /** Loads `lines` (each a COPY text-format row ending in a newline) into `table(columns)`. */
  copy(table: string, columns: readonly string[], lines: Iterable<string>): Promise<void>;
  /** The same session as the migration runner expects it. */
  asSqlRunner(): SqlRunner;
}

const CHUNK_CHARS = 1 << 20;

/** Groups lines into chunks of about 1 MB, so the driver sees few large writes. */
function* chunks(lines: Iterable<string>, size = CHUNK_CHARS): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const line of lines) {
    parts.push(line);
    length += line.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length) yield parts.join('');
}

const copyStatement = (table: string, columns: readonly string[]) =>
  `COPY "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN WITH (FREEZE)`;

/** A session on a connected `pg.Client`. */
export function pgConnection(client: pg.Client, description: string): SynthConnection {
  const connection: SynthConnection = {
    description,
    async query<Row>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as Row[];
    },
    async exec(text) {
      await client.query(text);
    },
    async copy(table, columns, lines) {
      const stream = client.query(copyFrom(copyStatement(table, columns)));
      await pipeline(Readable.from(chunks(lines), { objectMode: false }), stream);
    },
    asSqlRunner: () => ({
      description,
      exec: connection.exec,
      query: connection.query,
      close: async () => {},
    }),
  };
  return connection;
}

/** A session on an embedded PGlite (single connection by nature). */
export function pgliteConnection(pglite: Pick<PGlite, 'query' | 'exec'>, description: string): SynthConnection {
  const connection: SynthConnection = {
    description,
    async query<Row>(text: string, params: unknown[] = []) {
      return (await pglite.query<Row>(text, params)).rows;
    },
    async exec(text) {
      await pglite.exec(text);
    },
    async copy(table, columns, lines) {
      const statement = copyStatement(table, columns).replace('FROM STDIN', "FROM '/dev/blob'");
      // PGlite takes a whole blob per COPY; 16 MB pieces keep memory bounded at any scale.
      for (const chunk of chunks(lines, 16 * CHUNK_CHARS)) await pglite.query(statement, [], { blob: new Blob([chunk]) });
    },
    asSqlRunner: () => ({
      description,
      exec: connection.exec,
      query: connection.query,
      close: async () => {},
    }),
  };
  return connection;
}

/** One value in COPY text format: `\N` for null, backslash escapes for the separators. */
function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : value;
}

/** One COPY text-format row. */
export function copyLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let line = field(values[0]);
  for (let i = 1; i < values.length; i++) line += '\t' + field(values[i]);
  return line + '\n';
}
