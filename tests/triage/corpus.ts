// Where the real-world corpora live: `../shared` beside the project (CI), SOVGRID_SHARED if set, or the nearest
// ancestor's `shared/` (a git worktree nested deeper than the project's usual place).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function sharedDir(): string {
  if (process.env.SOVGRID_SHARED) {
    return process.env.SOVGRID_SHARED;
  }
  const root = resolve(__dirname, '../..');
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared/corpora'))) {
      return join(dir, 'shared');
    }
    if (dirname(dir) === dir) {
      return join(dirname(root), 'shared');
    }
  }
}

/** The loghub 2k development sets. */
export const LOGHUB_2K = join(sharedDir(), 'corpora/loghub-2k');

/**
 * Whether a corpus test can run: missing data fails in CI (CI=true) and skips with a reason elsewhere.
 * Returns false (skip) or true (run).
 */
export function corpusAvailable(path: string): boolean {
  if (existsSync(path)) {
    return true;
  }
  if (process.env.CI === 'true') {
    throw new Error(`CI=true and ${path} is missing: the test needs ../shared/corpora beside the project`);
  }
  console.warn(`skipping: ${path} is missing (../shared/corpora beside the project, or SOVGRID_SHARED)`);
  return false;
}
