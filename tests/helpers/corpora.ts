// The real-world development corpora live beside the project (`../shared/corpora`, see the brief); a test that
// needs one fails in CI when it is missing and skips with a message elsewhere. SOVGRID_CORPORA points at
// another copy (a git worktree is not beside `shared/`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** The corpus folder, or undefined (outside CI) when it is missing; throws in CI. */
export function corpus(name: string): string | undefined {
  const base = process.env.SOVGRID_CORPORA || join(ROOT, '../shared/corpora');
  const dir = join(base, name);
  if (existsSync(dir)) {
    return dir;
  }
  const msg = `corpus ${name} not found at ${dir}: place ../shared/corpora beside the project or set SOVGRID_CORPORA`;
  if (process.env.CI === 'true') {
    throw new Error(msg);
  }
  process.stderr.write(`skipping: ${msg}\n`);
  return undefined;
}
