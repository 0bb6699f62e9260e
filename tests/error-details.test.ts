import { describe, expect, it } from 'vitest';

// Set before the app's configuration is read (the helpers import it).
process.env.EXPOSE_ERROR_DETAILS = 'true';
const { execute } = await import('./helpers/graphql.js');
const { sql } = await import('../src/db.js');

describe('EXPOSE_ERROR_DETAILS=true', () => {
  it('sends the internal error’s message and stack in extensions.originalError, for local debugging', async () => {
    await sql.exec(`ALTER TABLE "Conflict" RENAME COLUMN "description" TO "description_renamed_by_test"`);
    try {
      const result = await execute(`{ conflict(slug: "musk-vs-openai") { description } }`);
      expect(result.errors![0]).toMatchObject({
        message: 'Unexpected error.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', originalError: { message: expect.stringContaining('description'), stack: expect.stringMatching(/\n\s+at /) } },
      });
    } finally {
      await sql.exec(`ALTER TABLE "Conflict" RENAME COLUMN "description_renamed_by_test" TO "description"`);
    }
  });
});
