/**
 * @jest-environment node
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_JOBS, defaultSettings } from '../../src/settings/defaults';
import { run, tempDir } from '../helpers/processes';
import { ROOT, alertRules, durationSeconds, list, listFiles, obj, readYaml, str, type AlertRule } from './files';

const RULES = listFiles('provisioning/prometheus/rules', /\.ya?ml$/);
const TESTS = listFiles('provisioning/prometheus/tests', /\.test\.ya?ml$/);
/** Rule files other features own (the SLA feature's recording rules); promtool still checks and tests them. */
const OWNED_ELSEWHERE = ['sla-recording.yml'];
/** The stack's own alerts: held to the creed and the house style of their actions below. */
const ALERTS: AlertRule[] = RULES.filter((f) => !OWNED_ELSEWHERE.includes(basename(f))).flatMap(alertRules);
const settings = defaultSettings();

/** Host names the stack's scrape config gives its targets (`instance` labels): what an action may SSH to. */
function stackHosts(): string[] {
  const cfg = obj(readYaml('provisioning/prometheus/prometheus.yml'), 'prometheus.yml');
  const hosts = new Set<string>();
  for (const job of list(cfg.scrape_configs, 'scrape_configs')) {
    for (const sc of list(obj(job, 'scrape config').static_configs ?? [], 'static_configs')) {
      const labels = obj(sc, 'static_config').labels;
      if (labels !== undefined) {
        hosts.add(str(obj(labels, 'labels').instance, 'labels.instance'));
      }
    }
  }
  return [...hosts];
}

describe('Prometheus config of the dev stack (real promtool)', () => {
  it('passes promtool check config, rule files included', async () => {
    const r = await run('promtool', ['check', 'config', 'provisioning/prometheus/prometheus.yml'], { cwd: ROOT });
    expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
    expect(r.code).toBe(0);
    // The config loads the rule files through the rules/*.yml glob; promtool names each one it checked.
    for (const f of RULES) {
      expect(r.stdout).toContain(basename(f));
    }
  });

  it('loads rules/*.yml and scrapes every job of the app settings, with a host name per target', () => {
    const cfg = obj(readYaml('provisioning/prometheus/prometheus.yml'), 'prometheus.yml');
    // The stack's rules, and the per-customer SLI recipe the dev stack runs (its gateway is Traefik).
    expect(cfg.rule_files).toEqual(['rules/*.yml', 'sli-recipes/traefik.yml']);
    const jobs = list(cfg.scrape_configs, 'scrape_configs').map((j) => str(obj(j, 'job').job_name, 'job_name'));
    expect(jobs).toEqual(expect.arrayContaining(Object.values(DEFAULT_JOBS)));
    expect(new Set(jobs).size).toBe(jobs.length);
    expect(stackHosts()).toEqual(expect.arrayContaining(['spark-host', 'mgmt-host', 'floki', 'lnd-host']));
  });

  it('has rule files and every one passes promtool check rules', async () => {
    expect(RULES.length).toBeGreaterThanOrEqual(4);
    const r = await run('promtool', ['check', 'rules', ...RULES], { cwd: ROOT });
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/FAILED/);
    expect(r.code).toBe(0);
  });

  it.each(TESTS.map((t) => [t]))('%s passes promtool test rules', async (file) => {
    const r = await run('promtool', ['test', 'rules', basename(file)], { cwd: join(ROOT, 'provisioning/prometheus/tests') });
    expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });
});

describe('the stack alert rules follow the creed', () => {
  const hosts = stackHosts();
  const expected = [
    'InferenceEngineDown',
    'InferenceKvCacheNearFull',
    'InferenceQueueSaturated',
    'InferenceHostDiskAlmostFull',
    'NodeDown',
    'McpServerDown',
    'McpServerErroring',
    'LightningChainNotSynced',
    'LightningOutboundBelowRebalanceThreshold',
    'PhoneNotificationsFailing',
    'EmailNotificationsFailing',
    'ExpectedScrapeJobMissing',
  ];

  it('covers every failure the issue names, each alert name once', () => {
    const names = ALERTS.map((a) => a.alert);
    expect(names).toEqual(expect.arrayContaining(expected));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(ALERTS.map((a) => [a.alert, a]))('%s has a concrete action on a named host', (_n, a) => {
    const action = a.annotations[settings.review.actionAnnotation] ?? '';
    const m = /^(?:SSH to|From) ([a-z0-9-]+), run: (.+)$/.exec(action);
    expect(m).not.toBeNull();
    expect(hosts).toContain(m![1]);
    // A real command, not a placeholder or a bare link.
    expect(m![2]).toMatch(/\b(systemctl|journalctl|curl|lncli|df|ping|promtool|amtool)\b/);
    expect(action).not.toMatch(/\b(investigate|TBD|todo|look into)\b/i);
  });

  it.each(ALERTS.map((a) => [a.alert, a]))('%s has a routed severity, a for, a summary and a reviewed date', (_n, a) => {
    const routed = [...settings.review.phoneSeverities, ...settings.review.emailSeverities];
    expect(routed).toContain(a.labels.severity);
    const forSeconds = durationSeconds(a.for ?? '');
    // At least a minute everywhere; phone-routed rules at least five: a page must not be a blip.
    expect(forSeconds).toBeGreaterThanOrEqual(settings.review.phoneSeverities.includes(a.labels.severity) ? 300 : 60);
    expect(a.annotations.summary?.length ?? 0).toBeGreaterThan(20);
    const reviewed = a.annotations.reviewed ?? '';
    expect(reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${reviewed}T00:00:00Z`).toISOString().slice(0, 10)).toBe(reviewed);
  });

  it('thresholds match the app settings defaults (saturation, not below it)', () => {
    const byName = new Map(ALERTS.map((a) => [a.alert, a]));
    expect(byName.get('InferenceKvCacheNearFull')!.expr).toContain(`> ${settings.thresholds.kvCacheCritical}`);
    expect(byName.get('InferenceHostDiskAlmostFull')!.expr).toContain(`> ${settings.thresholds.diskCritical}`);
    expect(byName.get('LightningOutboundBelowRebalanceThreshold')!.expr).toContain(
      `< ${settings.thresholds.lightningRebalanceSats}`
    );
  });

  it('the scrape-coverage rule checks exactly the expected jobs of the settings', () => {
    const expr = ALERTS.find((a) => a.alert === 'ExpectedScrapeJobMissing')!.expr;
    const jobs = [...expr.matchAll(/absent\(up\{job="([^"]+)"\}\)/g)].map((m) => m[1]);
    expect(jobs.sort()).toEqual([...settings.jobs.expected].sort());
  });
});

interface RuleTestCase {
  file: string;
  ruleFiles: string[];
  alertname: string;
  fires: boolean;
}

function ruleTestCases(): RuleTestCase[] {
  const out: RuleTestCase[] = [];
  for (const file of TESTS) {
    const doc = obj(readYaml(file), file);
    const ruleFiles = list(doc.rule_files, `${file} rule_files`).map((f) => basename(str(f, 'rule_files[]')));
    for (const t of list(doc.tests, `${file} tests`)) {
      for (const c of list(obj(t, 'test').alert_rule_test ?? [], 'alert_rule_test')) {
        const art = obj(c, 'alert_rule_test');
        const exp = list(art.exp_alerts ?? [], 'exp_alerts');
        out.push({ file, ruleFiles, alertname: str(art.alertname, 'alertname'), fires: exp.length > 0 });
      }
    }
  }
  return out;
}

describe('promtool tests cover every alert, firing and not firing', () => {
  const cases = ruleTestCases();

  it.each(ALERTS.map((a) => [a.alert, a]))('%s has a firing and a not-firing case', (_n, a) => {
    const mine = cases.filter((c) => c.alertname === a.alert && c.ruleFiles.includes(basename(a.file)));
    expect(mine.some((c) => c.fires)).toBe(true);
    expect(mine.some((c) => !c.fires)).toBe(true);
  });

  // Mutation check: the tests must notice when a rule always fires or never fires. Each alert's expression is
  // replaced in a temporary copy and promtool must then fail on that alert's own cases.
  const mutations: Array<[string, string, RegExp]> = [
    ['always fires', 'vector(1)', /exp:\s*\[\]/],
    ['never fires', 'vector(1) == 2', /got:\s*\[\]/],
  ];
  const grid = ALERTS.flatMap((a) => mutations.map(([label, expr, proof]) => [a.alert, label, a, expr, proof] as const));

  it.each(grid)('%s: promtool notices when it %s', async (_n, _label, a, expr, proof) => {
    const tmp = tempDir('rulemut');
    try {
      mkdirSync(join(tmp.dir, 'rules'));
      mkdirSync(join(tmp.dir, 'tests'));
      const doc = obj(parse(readFileSafe(a.file)), a.file);
      for (const g of list(doc.groups, 'groups')) {
        for (const r of list(obj(g, 'group').rules, 'rules')) {
          const rule = obj(r, 'rule');
          if (rule.alert === a.alert) {
            rule.expr = expr;
          }
        }
      }
      writeFileSync(join(tmp.dir, 'rules', basename(a.file)), stringify(doc));
      const testFiles = TESTS.filter((t) => cases.some((c) => c.file === t && c.alertname === a.alert));
      for (const t of testFiles) {
        copyFileSync(join(ROOT, t), join(tmp.dir, 'tests', basename(t)));
      }
      const r = await run('promtool', ['test', 'rules', ...testFiles.map((t) => basename(t))], {
        cwd: join(tmp.dir, 'tests'),
      });
      const out = `${r.stdout}${r.stderr}`;
      expect(r.code).not.toBe(0);
      // promtool prints one block per failed case; one of this alert's blocks must show the expected miss.
      const failures = out.split(/\n\s*(?=name:)/).filter((block) => block.includes(`alertname: ${a.alert},`));
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.some((block) => proof.test(block))).toBe(true);
    } finally {
      tmp.remove();
    }
  });
});

function readFileSafe(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}
