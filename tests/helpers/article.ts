import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The source article the seed is taken from, outside the repository (`../shared/sources/` next to
 * the checkout); SEED_ARTICLE_PATH points elsewhere (e.g. from a git worktree). Tests that compare
 * with it skip, saying where they looked, when it is absent (a clone elsewhere).
 */
export const ARTICLE_PATH =
  process.env.SEED_ARTICLE_PATH ?? fileURLToPath(new URL('../../../shared/sources/warum-hasst-elon-musk-sam-altman.de.txt', import.meta.url));

export const articleMissingReason = existsSync(ARTICLE_PATH)
  ? null
  : `the source article is not at ${ARTICLE_PATH} (set SEED_ARTICLE_PATH to check against it)`;

/** Slug of the article's Source record in the seed. */
export const ARTICLE_SLUG = 'article-warum-hasst-musk-altman';
