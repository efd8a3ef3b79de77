/**
 * @jest-environment node
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliText } from '../helpers/cli';
import { requireCorpus } from '../helpers/corpora';
import { tempDir } from '../helpers/processes';
import { ACTION } from './fixture';

// Each spawn starts the CLI the way a user does (`npm run review`, compiled); on a busy machine that takes a few
// seconds. Pipes (2 MB of JSON whole, a reader that stops early) and --help are tested for every CLI in
// tests/cli/pipes.test.ts.
jest.setTimeout(90_000);

const review = (...args: string[]) => runCliText('review', args, { timeoutMs: 90_000 });

const today = new Date().toISOString().slice(0, 10);
const GOOD = `groups:
- name: inference
  rules:
  - alert: InferenceEngineDown
    expr: up{job="vllm_inference"} == 0
    for: 5m
    labels: {severity: critical}
    annotations:
      action: "${ACTION}"
      reviewed: "${today}"
`;
const VAGUE = GOOD.replace(ACTION, 'investigate')
  .replace('InferenceEngineDown', 'InferenceEngineDownVague')
  .replace('name: inference', 'name: other');

describe('npm run review (spawned)', () => {
  let tmp: ReturnType<typeof tempDir>;
  const at = (...p: string[]) => join(tmp.dir, ...p);
  beforeAll(() => {
    tmp = tempDir('review-cli');
    mkdirSync(at('rules', 'nested'), { recursive: true });
    writeFileSync(at('rules', 'good.yml'), GOOD);
    writeFileSync(at('rules', 'nested', 'vague.yaml'), VAGUE);
    writeFileSync(at('rules', 'notes.txt'), 'not a rule file');
    writeFileSync(at('rules', 'values.yaml'), 'replicaCount: 2\n');
    writeFileSync(at('rules', 'empty.yml'), '');
    writeFileSync(at('broken.yml'), 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: "up == 0\n');
    writeFileSync(at('syntax.yml'), 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: rate(foo[5m] >\n');
    mkdirSync(at('none'));
    writeFileSync(at('none', 'README.md'), '# no rules here');
    writeFileSync(at('none', 'dashboard.json'), '{"panels": []}');
  });
  afterAll(() => tmp.remove());

  it('exits 0 on the operator rule and prints the JSON report', async () => {
    const r = await review(at('rules', 'good.yml'), '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rules).toEqual([
      {
        name: 'InferenceEngineDown',
        kind: 'alerting',
        group: 'inference',
        source: at('rules', 'good.yml'),
        line: 4,
        findings: [],
      },
    ]);
    expect(json.summary).toEqual({
      rules: 1,
      alerting: 1,
      withFindings: 0,
      bySeverity: {},
      byCheck: {},
      silenced: { disabled: 0, snoozed: 0 },
    });
  });

  it('walks directories for rule files, skips other YAML with a note, and exits 1 when a finding reaches bug', async () => {
    const r = await review(at('rules'), '--format=json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `warning: ${at('rules', 'values.yaml')}: skipped, not a rule file: no "groups" (Prometheus), no PrometheusRule, no Grafana provisioning "apiVersion"\n`
    );
    const json = JSON.parse(r.stdout);
    expect(json.rules.map((x: { name: string }) => x.name)).toEqual([
      'InferenceEngineDown',
      'InferenceEngineDownVague',
    ]);
    expect(json.rules[1].findings.map((f: { check: string }) => f.check)).toEqual(['action/vague', 'rule/duplicate']);
  });

  it('opens the text report with a summary and groups findings by file; --fail-on decides the exit code', async () => {
    const text = await review(at('rules'));
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(
      'Alert rule review: 2 rules (2 alerting) in 2 files. All 2 alert rules have an action (1 more has a vague one).'
    );
    expect(lines[1]).toBe('Findings: 1 bug, 2 warning');
    expect(text.stdout).toContain(`== ${at('rules', 'nested', 'vague.yaml')} (1 rules, 2 findings)`);
    expect((await review(at('rules'), '--fail-on', 'fatal')).code).toBe(0);
    const md = await review(at('rules'), '--format', 'markdown', '--fail-on', 'fatal');
    expect(md.stdout).toMatch(/^# Alert rule review\n/);
  });

  it('prints GitHub annotations that point at the file and line', async () => {
    const r = await review(at('syntax.yml'), '--format', 'github');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `::error file=${at('syntax.yml').replace(/:/g, '%3A')},line=5,title=promql/syntax A::Prometheus refuses the expression: unexpected end of input.`
    );
  });

  it('is fatal on a PromQL error, naming file and line', async () => {
    const r = await review(at('syntax.yml'), '--fail-on', 'fatal');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${at('syntax.yml')}:5`);
    expect(r.stdout).toContain('FATAL   promql/syntax');
  });

  it('exits 2 with file and line on malformed YAML', async () => {
    const r = await review(at('broken.yml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${at('broken.yml').replace(/[/.]/g, '\\$&')}:\\d+: not valid YAML`));
  });

  it('exits 2 with a message when a path holds no rule files', async () => {
    const r = await review(at('none'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${at('none')}: no rule files here`);
  });

  it('reads an empty rule file as zero rules', async () => {
    const r = await review(at('rules', 'empty.yml'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.rules).toBe(0);
  });

  it('follows links once: two links pointing at each other end, and a file reached twice is read once', async () => {
    const d = at('links');
    mkdirSync(d);
    writeFileSync(join(d, 'a.yml'), GOOD);
    symlinkSync(join(d, 'loop-b'), join(d, 'loop-a'));
    symlinkSync(join(d, 'loop-a'), join(d, 'loop-b'));
    symlinkSync(d, join(d, 'self'));
    symlinkSync(join(d, 'a.yml'), join(d, 'again.yml'));
    const r = await review(d, '--format', 'json');
    expect(JSON.parse(r.stdout).summary.rules).toBe(1);
    expect(r.stderr).toMatch(/loop-a: skipped, cannot read: ELOOP/);
    expect(r.code).toBe(0);
  });

  it('counts findings silenced by comments in the summary', async () => {
    const file = at('silenced.yml');
    writeFileSync(
      file,
      `groups:\n- name: g\n  rules:\n  # sovgrid-ops disable action/missing\n  - alert: A\n    expr: up == 0\n    for: 5m\n    labels: {severity: warning}\n    # sovgrid-ops snooze 2999-01-01 rule/duplicate\n  - alert: B\n    expr: up == 0\n    for: 5m\n    labels: {severity: warning}\n`
    );
    const r = await review(file, '--format', 'json');
    const json = JSON.parse(r.stdout);
    expect(json.summary.silenced).toEqual({ disabled: 1, snoozed: 1 });
    expect(json.silenced.map((s: { rule: string; check: string }) => `${s.rule} ${s.check}`)).toEqual([
      'A action/missing',
      'B rule/duplicate',
    ]);
    const text = await review(file);
    expect(text.stdout.split('\n')[1]).toMatch(/; silenced by comments: 1 disabled, 1 snoozed$/);
  });

  it.each([
    [['/nonexistent/rules.yml'], /\/nonexistent\/rules.yml: cannot read: ENOENT/],
    [[], /give rule files or directories/],
    [['x.yml', '--format', 'xml'], /--format must be one of text, json, markdown, github/],
    [['x.yml', '--fail-on', 'critical'], /--fail-on must be one of info, warning, bug, fatal/],
    [['x.yml', '--prometheus', 'localhost:9090'], /must be an http\(s\) URL/],
    [['x.yml', '--bogus'], /unknown option --bogus/],
  ])('exits 2 on bad usage or input %j', async (args, message) => {
    const r = await review(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 3, not 2, when the Prometheus server cannot be reached: not a usage error, so no usage text', async () => {
    const r = await review('--prometheus', 'http://127.0.0.1:9');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^review: Prometheus at http:\/\/127.0.0.1:9 \(GET \/api\/v1\/rules\) could not be reached/
    );
    expect(r.stderr).not.toContain('usage:');
  });
});

describe('npm run review on the real corpus', () => {
  const root = requireCorpus('rules/awesome-prometheus-alerts');
  (root ? it : it.skip)('reviews every rule, exits 1 on the missing actions, and opens with the summary', async () => {
    const r = await review(root!, '--format', 'text');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const first = r.stdout.split('\n').slice(0, 3);
    expect(first[0]).toMatch(
      /^Alert rule review: 954 rules \(954 alerting\) in 11\d files\. 954 of 954 alert rules lack an action\.$/
    );
    expect(first[2]).toBe('  action/missing         954 bug');
  });
});
