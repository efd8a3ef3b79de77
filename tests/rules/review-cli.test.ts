/**
 * @jest-environment node
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliText } from '../helpers/cli';
import { tempDir } from '../helpers/processes';
import { ACTION } from './fixture';

jest.setTimeout(60_000);

const review = (...args: string[]) => runCliText('review', args);

const GOOD = `groups:
- name: inference
  rules:
  - alert: InferenceEngineDown
    expr: up{job="vllm_inference"} == 0
    for: 5m
    labels: {severity: critical}
    annotations:
      action: "${ACTION}"
      reviewed: "${new Date().toISOString().slice(0, 10)}"
`;
const VAGUE = GOOD.replace(ACTION, 'investigate').replace('InferenceEngineDown', 'InferenceEngineDownVague');

describe('npm run review (spawned)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir('review-cli');
    mkdirSync(join(tmp.dir, 'rules', 'nested'), { recursive: true });
    writeFileSync(join(tmp.dir, 'rules', 'good.yml'), GOOD);
    writeFileSync(join(tmp.dir, 'rules', 'nested', 'vague.yaml'), VAGUE);
    writeFileSync(join(tmp.dir, 'rules', 'notes.txt'), 'not a rule file');
    writeFileSync(join(tmp.dir, 'broken.yml'), 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: "up == 0\n');
    writeFileSync(
      join(tmp.dir, 'syntax.yml'),
      'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: rate(foo[5m] >\n'
    );
  });
  afterAll(() => tmp.remove());

  it('exits 0 on the operator rule and prints the exact JSON shape', async () => {
    const r = await review(join(tmp.dir, 'rules', 'good.yml'), '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      rules: [
        { name: 'InferenceEngineDown', group: 'inference', source: join(tmp.dir, 'rules', 'good.yml'), findings: [] },
      ],
      summary: { rules: 1, alerting: 1, withFindings: 0, bySeverity: {}, byCheck: {} },
    });
  });

  it('walks directories for .yml/.yaml and exits 1 when a finding reaches bug', async () => {
    const r = await review(join(tmp.dir, 'rules'), '--format=json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.rules.map((x: { name: string }) => x.name)).toEqual([
      'InferenceEngineDown',
      'InferenceEngineDownVague',
    ]);
    expect(json.rules[1].findings).toEqual([
      expect.objectContaining({ check: 'action/vague', severity: 'bug' }),
      // same expression and labels as the good rule
      expect.objectContaining({ check: 'rule/duplicate', severity: 'warning' }),
    ]);
  });

  it('honours --fail-on and prints text and markdown', async () => {
    const dir = join(tmp.dir, 'rules');
    expect((await review(dir, '--fail-on', 'fatal')).code).toBe(0);
    const text = await review(dir);
    expect(text.stdout).toContain('BUG     action/vague');
    expect(text.stdout.trimEnd().split('\n').pop()).toBe('All 2 alert rules have an action (1 more has a vague one).');
    const md = await review(dir, '--format', 'markdown', '--fail-on', 'fatal');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Alert rule review\n/);
    expect(md.stdout).toContain('| InferenceEngineDownVague |');
  });

  it('exits 1 with fail-on fatal on a PromQL syntax error, naming file and line', async () => {
    const r = await review(join(tmp.dir, 'syntax.yml'), '--fail-on', 'fatal');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(tmp.dir, 'syntax.yml')}:4`);
    expect(r.stdout).toContain('FATAL   promql/syntax');
  });

  it('exits 2 with file and line on malformed YAML', async () => {
    const r = await review(join(tmp.dir, 'broken.yml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^${join(tmp.dir, 'broken.yml').replace(/[/.]/g, '\\$&')}:\\d+: not valid YAML`)
    );
  });

  it.each([
    [['/nonexistent/rules.yml'], /\/nonexistent\/rules.yml: cannot read: ENOENT/],
    [[], /give rule files or directories/],
    [['x.yml', '--format', 'xml'], /--format must be one of text, json, markdown/],
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
    expect(r.stderr).toMatch(/^review: Prometheus at http:\/\/127.0.0.1:9 \(GET \/api\/v1\/rules\) could not be reached/);
    expect(r.stderr).not.toContain('usage:');
  });
});
