// The real-world development corpora live beside the project (`../shared/corpora`, see the brief); a test that
// needs one fails in CI when it is missing and skips with a message elsewhere. SOVGRID_CORPORA points at
// another copy; a git worktree, which is not beside `shared/`, also finds the one beside its main clone.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '../..');

function bases(): string[] {
  const out = [process.env.SOVGRID_CORPORA || join(ROOT, '../shared/corpora')];
  try {
    const common = execFileSync('git', ['rev-parse', '--git-common-dir'], { cwd: ROOT, encoding: 'utf8' }).trim();
    out.push(join(dirname(resolve(ROOT, common)), '..', 'shared', 'corpora'));
  } catch {
    // not a git checkout: only the folder beside the project
  }
  return out;
}

/** The corpus folder if it can be found, without failing (benchmarks print "skipped" instead). */
export function corpusPath(name: string): string | undefined {
  return bases()
    .map((b) => join(b, name))
    .find((dir) => existsSync(dir));
}

/** The corpus folder, or undefined (outside CI) when it is missing; throws in CI. */
export function corpus(name: string): string | undefined {
  const dir = corpusPath(name);
  if (dir) {
    return dir;
  }
  const msg = `corpus ${name} not found at ${join(bases()[0], name)}: place ../shared/corpora beside the project or set SOVGRID_CORPORA`;
  if (process.env.CI === 'true') {
    throw new Error(msg);
  }
  process.stderr.write(`skipping: ${msg}\n`);
  return undefined;
}

/** Same as `corpus`. */
export const requireCorpus = corpus;
