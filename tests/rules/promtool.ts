import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when Debian's promtool is on the PATH. */
export function hasPromtool(): boolean {
  return spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).status === 0;
}

/** promtool's version line, e.g. "promtool, version 2.42.0+ds (…)". */
export function promtoolVersion(): string {
  const r = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  return (r.stdout + r.stderr).split('\n')[0] ?? '';
}

/**
 * Asks the real `promtool check rules` about many expressions at once: one alerting rule per expression in one
 * file (rulefmt reports every rule's error, each with its index). Returns rule index → promtool's message.
 */
export function promtoolVerdicts(
  exprs: string[],
  annotations: Array<Record<string, string>> = []
): Map<number, string> {
  const dir = mkdtempSync(join(tmpdir(), 'promtool-'));
  try {
    const file = join(dir, 'rules.yml');
    const rules = exprs.map((e, i) => {
      const ann = annotations[i];
      const annText = ann
        ? `\n    annotations:\n${Object.entries(ann)
            .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`)
            .join('\n')}`
        : '';
      return `  - alert: R${i}\n    expr: ${JSON.stringify(e)}${annText}`;
    });
    writeFileSync(file, `groups:\n- name: g\n  rules:\n${rules.join('\n')}\n`);
    const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.status !== 0 && !/rule \d+, "R\d+"/.test(out)) {
      throw new Error(`promtool failed on the generated file: ${out.slice(0, 500)}`);
    }
    const verdicts = new Map<number, string>();
    for (const line of out.split('\n')) {
      const m = /rule (\d+), "R(\d+)": (.*)$/.exec(line);
      if (m && !verdicts.has(Number(m[2]))) {
        verdicts.set(Number(m[2]), m[3]);
      }
    }
    return verdicts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
