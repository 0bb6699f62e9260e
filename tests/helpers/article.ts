import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ARTICLE_FILE = join('shared', 'sources', 'warum-hasst-elon-musk-sam-altman.de.txt');

/**
 * Where the source article may be: `../shared/sources/` next to the checkout, or next to the main
 * checkout when this one is a git worktree elsewhere (its `..` is not the main checkout's `..`).
 */
function candidatePaths(): string[] {
  const checkout = fileURLToPath(new URL('../../', import.meta.url));
  const roots = [checkout];
  try {
    const commonDir = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: checkout,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    roots.push(dirname(commonDir));
  } catch {
    // Not a git checkout (an exported tree): only the checkout's own neighbourhood counts.
  }
  return [...new Set(roots.map((root) => join(root, '..', ARTICLE_FILE)))];
}

const candidates = process.env.SEED_ARTICLE_PATH ? [process.env.SEED_ARTICLE_PATH] : candidatePaths();

/**
 * The source article the seed is taken from, outside the repository (`../shared/sources/` next to
 * the checkout, or next to the main checkout of a git worktree); SEED_ARTICLE_PATH points
 * elsewhere. Tests that compare with it skip, saying where they looked, when it is absent (a clone
 * elsewhere).
 */
export const ARTICLE_PATH = candidates.find((path) => existsSync(path)) ?? candidates[0]!;

export const articleMissingReason = existsSync(ARTICLE_PATH)
  ? null
  : `the source article is not at ${candidates.join(' nor ')} (set SEED_ARTICLE_PATH to check against it)`;

/** Slug of the article's Source record in the seed. */
export const ARTICLE_SLUG = 'article-warum-hasst-musk-altman';
