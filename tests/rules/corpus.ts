import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseRuleFile } from '../../src/rules/sources/ruleFiles';
import type { LoadProblem, ReviewRule } from '../../src/rules/types';

/** Every rule file under a corpus folder, read as the command line reads them; paths relative to the folder. */
export function readCorpus(root: string): { rules: ReviewRule[]; problems: LoadProblem[]; files: number } {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        walk(p);
      } else if (/\.(ya?ml|json)$/.test(name)) {
        files.push(p);
      }
    }
  };
  walk(root);
  const rules: ReviewRule[] = [];
  const problems: LoadProblem[] = [];
  for (const f of files) {
    const parsed = parseRuleFile(readFileSync(f, 'utf8'), relative(root, f));
    rules.push(...parsed.rules);
    problems.push(...parsed.problems);
  }
  return { rules, problems, files: files.length };
}
