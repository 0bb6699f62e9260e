import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { execute, runError } from './helpers/graphql.js';
import { sql } from '../src/db.js';
import { logger } from '../src/logger.js';

/**
 * A real internal error: the query names a column the database no longer has (renamed for the
 * duration of `work`), so Prisma fails the way a broken deployment would.
 */
async function withBrokenColumn<T>(work: () => Promise<T>): Promise<T> {
  await sql.exec(`ALTER TABLE "Conflict" RENAME COLUMN "description" TO "description_renamed_by_test"`);
  try {
    return await work();
  } finally {
    await sql.exec(`ALTER TABLE "Conflict" RENAME COLUMN "description_renamed_by_test" TO "description"`);
  }
}

const BROKEN_QUERY = `{ conflict(slug: "musk-vs-openai") { description } }`;

describe('internal errors and the log', () => {
  let spies: Record<'error' | 'warn' | 'info' | 'debug', ReturnType<typeof vi.spyOn>>;
  beforeEach(() => {
    spies = {
      error: vi.spyOn(logger, 'error'),
      warn: vi.spyOn(logger, 'warn'),
      info: vi.spyOn(logger, 'info'),
      debug: vi.spyOn(logger, 'debug'),
    };
  });
  afterEach(() => vi.restoreAllMocks());

  it('masks an internal error and logs it exactly once, at error level, with its stack', async () => {
    const result = await withBrokenColumn(() => execute(BROKEN_QUERY));
    expect(result.errors).toEqual([{ message: 'Unexpected error.', locations: expect.any(Array), path: ['conflict'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } }]);
    expect(spies.error).toHaveBeenCalledTimes(1);
    const [fields] = spies.error.mock.calls[0]! as [{ err: Error }];
    expect(fields.err.stack).toMatch(/description_renamed_by_test|description/);
    expect(fields.err.stack).toMatch(/\n\s+at /);
  });

  it('sends no details of it even with NODE_ENV=development (only EXPOSE_ERROR_DETAILS=true does)', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const result = await withBrokenColumn(() => execute(BROKEN_QUERY));
      expect(result.errors![0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      expect(JSON.stringify(result)).not.toMatch(/stack|prisma|postgres|\.ts|description/i);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it.each([
    ['a bad global ID', `{ node(id: "Rm9vOjE=") { id } }`],
    ['a crafted cursor', `{ people(after: "R1BDOlM6bm90LWEtdXVpZA==") { totalCount } }`],
    ['a variable of the wrong type', `query ($n: Int) { people(first: $n) { totalCount } }`, { n: 'three' }],
    ['an unknown field', `{ nonsense }`],
    ['a mutation', `mutation { __typename }`],
    ['a syntax error', `{ people { `],
  ])('logs a client mistake (%s) once at info, without stack, and nothing at error level', async (_case, query, variables?: Record<string, unknown>) => {
    await runError(query, variables);
    expect(spies.error).not.toHaveBeenCalled();
    expect(spies.info).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(spies.info.mock.calls)).not.toMatch(/\\n\s+at |"err"|stack/);
  });
});
