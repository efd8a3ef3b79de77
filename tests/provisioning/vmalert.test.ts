/**
 * @jest-environment node
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { run, tempDir } from '../helpers/processes';
import { vmToolsAvailable } from '../helpers/victoriametrics';
import { loadCompose } from './compose';
import { ROOT } from './files';

// Every rule file a vmalert of the dev stack loads, validated by the real vmalert 1.79.5 (`-dryRun`: parsed,
// expressions checked as MetricsQL, templates checked), and the history's copy of the 30-day group kept equal to
// Prometheus' own.
const { services } = loadCompose();

/** Host paths of the rule files each vmalert service loads (its -rule flags against its mounts). */
function ruleFilesOf(name: string): string[] {
  const s = services.get(name)!;
  return s.command
    .filter((c) => c.startsWith('-rule='))
    .flatMap((c) => {
      const target = c.slice('-rule='.length);
      const mount = s.mounts.find((m) => target.startsWith(`${m.target}/`))!;
      const rest = target.slice(mount.target.length + 1);
      const dir = join(ROOT, mount.source);
      return rest.includes('*')
        ? readdirSync(dir)
            .filter((f) => new RegExp(`^${rest.replace('.', '\\.').replace('*', '.*')}$`).test(f))
            .map((f) => join(dir, f))
        : [join(dir, rest)];
    });
}

async function dryRun(file: string) {
  return run('vmalert', [
    '-dryRun',
    `-rule=${file}`,
    '-rule.validateExpressions',
    '-rule.validateTemplates',
    '-loggerLevel=ERROR',
  ]);
}

describe('vmalert rule files of the dev stack', () => {
  const files = [...ruleFilesOf('vmalert'), ...ruleFilesOf('vmalert-stack')];

  it('mounts files that exist: the history rules and the stack alert rules', () => {
    expect(files.map((f) => f.replace(`${ROOT}/`, '')).sort()).toEqual([
      'provisioning/prometheus/rules/hosts.yml',
      'provisioning/prometheus/rules/inference.yml',
      'provisioning/prometheus/rules/monitoring.yml',
      'provisioning/prometheus/rules/services.yml',
      'provisioning/victoriametrics/rules/sla-history.yml',
    ]);
  });

  it('each passes vmalert -dryRun; a broken one does not (positive control)', async () => {
    if (!(await vmToolsAvailable(['vmalert']))) {
      return;
    }
    for (const f of files) {
      const r = await dryRun(f);
      expect([f, r.code, r.stderr.split('\n').filter((l) => /error|fatal/.test(l))]).toEqual([f, 0, []]);
    }
    const tmp = tempDir('vmalert-bad');
    try {
      const bad = join(tmp.dir, 'bad.yml');
      writeFileSync(bad, 'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: rate(up[5m] > 1\n');
      const r = await dryRun(bad);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/invalid expression/);
    } finally {
      tmp.remove();
    }
  }, 60_000);

  it("the always-on vmalert has recording rules only (it has no notifier); its 30-day group equals Prometheus'", () => {
    const history = parse(readFileSync(join(ROOT, 'provisioning/victoriametrics/rules/sla-history.yml'), 'utf8')) as {
      groups: Array<{ name: string; rules: Array<{ record?: string; alert?: string; expr: string }> }>;
    };
    expect(history.groups.flatMap((g) => g.rules).every((r) => r.record && !r.alert)).toBe(true);
    expect(services.get('vmalert')!.command.some((c) => c.startsWith('-notifier.url'))).toBe(false);
    const prom = parse(
      readFileSync(join(ROOT, 'provisioning/prometheus/rules/sla-recording.yml'), 'utf8')
    ) as typeof history;
    for (const g of history.groups) {
      expect(prom.groups.find((p) => p.name === g.name)).toEqual(g);
    }
  });
});
