/**
 * @jest-environment node
 */
// scripts/cli.mjs starts a command line's bundle from the code V8 compiled in an earlier run (dist-cli/.v8-cache).
// The cache may only ever make a run faster: a damaged or foreign one is refused and rewritten, and the review
// printed is the same with it, without it, and after it was refused.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCliText } from '../helpers/cli';
import { tempDir } from '../helpers/processes';
import { RULES_YAML } from '../rules/fixture';

jest.setTimeout(120_000);

const CACHE_DIR = join(ROOT, 'dist-cli', '.v8-cache');

/** The cache of the bundle as built now (older builds' caches may still lie beside it until the next write). */
function currentCache(): string {
  const { size, mtimeMs } = statSync(join(ROOT, 'dist-cli', 'review.cjs'));
  return join(CACHE_DIR, `review-${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}.bin`);
}

it('writes the cache, runs from it, and refuses and rewrites a damaged one, printing the same review each time', async () => {
  const tmp = tempDir('code-cache');
  writeFileSync(join(tmp.dir, 'rules.yml'), RULES_YAML);
  const args = [tmp.dir, '--format', 'json'];

  const first = await runCliText('review', args);
  expect(first.stdout).toContain('"findings"');
  const file = currentCache();
  expect(existsSync(file)).toBe(true);

  const fromCache = await runCliText('review', args);
  expect(fromCache).toEqual(first);

  // Same length as V8's data, other bytes: V8's own checks refuse it, and the run compiles as if there were none.
  const damaged = Buffer.alloc(statSync(file).size, 7);
  writeFileSync(file, damaged);
  const afterDamage = await runCliText('review', args);
  expect(afterDamage).toEqual(first);
  expect(readFileSync(file).equals(damaged)).toBe(false);
  tmp.remove();
});
