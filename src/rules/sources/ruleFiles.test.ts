import { parseRuleFile } from './ruleFiles';

const GOOD = `groups:
  - name: inference
    interval: 30s
    rules:
      - alert: InferenceEngineDown
        expr: up{job="vllm_inference"} == 0
        for: 5m
        labels:
          severity: critical
        annotations:
          action: "SSH to spark-host, run: systemctl status vllm.service && journalctl -u vllm.service -n 50"
      - record: job:up:sum
        expr: sum by (job) (up)
`;

describe('parseRuleFile', () => {
  it('reads a Prometheus rule file with for, interval, labels, annotations and line numbers', () => {
    const { rules, problems } = parseRuleFile(GOOD, 'rules/a.yml');
    expect(problems).toEqual([]);
    expect(rules).toHaveLength(2);
    expect(rules[0]).toMatchObject({
      name: 'InferenceEngineDown',
      kind: 'alerting',
      group: 'inference',
      forSeconds: 300,
      intervalSeconds: 30,
      labels: { severity: 'critical' },
      location: { file: 'rules/a.yml', line: 5 },
    });
    expect(rules[1]).toMatchObject({ name: 'job:up:sum', kind: 'recording', location: { line: 12 } });
  });

  it('reads the spec.groups of a PrometheusRule manifest among other documents', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\ndata: {}\n---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\nspec:\n  groups:\n    - name: k8s\n      rules:\n        - alert: A\n          expr: vector(1)\n`;
    const { rules, problems } = parseRuleFile(text, 'm.yaml');
    expect(problems).toEqual([]);
    expect(rules.map((r) => [r.name, r.group, r.location?.line])).toEqual([['A', 'k8s', 12]]);
  });

  it('reports malformed YAML with its line and keeps nothing half-read', () => {
    const { rules, problems } = parseRuleFile(
      'groups:\n  - name: x\n    rules:\n      - alert: [unclosed\n',
      'bad.yml'
    );
    expect(rules).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^not valid YAML/);
    expect(problems[0].line).toBeGreaterThanOrEqual(4);
  });

  it("keeps the readable rules when one annotation is not text, and Prometheus' refusal is on the rule", () => {
    const text = `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n      action: 42\n      summary: [1, 2]\n  - alert: B\n    expr: up == 1\n`;
    const { rules, problems } = parseRuleFile(text, 'f.yml');
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.name)).toEqual(['A', 'B']);
    // Scalars stay as written, as Prometheus decodes them into strings.
    expect(rules[0].annotations).toEqual({ action: '42' });
    expect(rules[0].invalid).toEqual([{ message: 'annotations "summary" must be text, not a list', line: 6 }]);
  });

  it('is zero rules for an empty file, an empty map and empty groups; other YAML is not a rule file', () => {
    for (const empty of ['', '{}\n', '---\n', 'groups: []\n', 'groups:\n- name: empty\n  rules: []\n- name: none\n']) {
      expect(parseRuleFile(empty, 'e.yml')).toEqual({ rules: [], problems: [] });
    }
    expect(parseRuleFile('- a\n- b\n', 'list.yml').notRules).toMatch(/not a rule file/);
    expect(parseRuleFile('foo: 1\n', 'other.yml').notRules).toMatch(/not a rule file/);
  });

  it('refuses what Prometheus refuses, each with its line: no alert/record, bad for, repeated group, unknown fields', () => {
    const text = [
      'groups:',
      '- name: g',
      '  rules:',
      '  - expr: up',
      '  - alert: A',
      '    expr: up == 0',
      '    for: five minutes',
      '    annotation: {summary: typo}',
      '    labels: {0bad: x}',
      '- name: g',
      '  rules: []',
    ].join('\n');
    const { rules, problems } = parseRuleFile(text, 'f.yml');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [4, 'group "g": a rule needs "alert" or "record" (Prometheus refuses the file)'],
      [10, 'group name "g" is repeated in the same file (Prometheus refuses the file)'],
    ]);
    expect(rules.map((r) => r.name)).toEqual(['A']);
    expect(rules[0].invalid?.map((i) => i.message)).toEqual([
      'unknown field "annotation" (a rule has record, alert, expr, for, keep_firing_for, labels, annotations)',
      'invalid label name: 0bad',
      '"for: five minutes" is not a duration',
    ]);
  });

  it('keeps unicode names and annotations intact', () => {
    const text = `groups:\n- name: ジー\n  rules:\n  - alert: Überhitzung🔥\n    expr: gpu_temp_celsius > 90\n    annotations: {action: "Lüfter prüfen: ssh spark-host sensors"}\n`;
    const { rules } = parseRuleFile(text, 'u.yml');
    expect(rules[0]).toMatchObject({
      name: 'Überhitzung🔥',
      group: 'ジー',
      annotations: { action: 'Lüfter prüfen: ssh spark-host sensors' },
    });
  });

  it('reads a 10,000-rule file', () => {
    const body = Array.from(
      { length: 10_000 },
      (_, i) => `  - alert: R${i}\n    expr: up{job="j${i}"} == 0\n    for: 5m\n`
    ).join('');
    const { rules, problems } = parseRuleFile(`groups:\n- name: big\n  rules:\n${body}`, 'big.yml');
    expect(problems).toEqual([]);
    expect(rules).toHaveLength(10_000);
    expect(rules[9_999]).toMatchObject({ name: 'R9999', location: { line: 4 + 3 * 9_999 } });
  });
});

describe('parseRuleFile: YAML as Prometheus reads it', () => {
  it('follows anchors, aliases and merge keys (labels: *lbl, <<: *ann)', () => {
    const text = [
      'x-defaults:',
      '  labels: &lbl {severity: critical, team: ops}',
      '  annotations: &ann {action: "SSH to spark-host, run: systemctl status vllm", runbook_url: "https://wiki/x"}',
      'groups:',
      '- name: g',
      '  rules:',
      '  - alert: A',
      '    expr: up == 0',
      '    labels: *lbl',
      '    annotations:',
      '      <<: *ann',
      '      summary: down',
    ].join('\n');
    const { rules, problems } = parseRuleFile(text.replace('x-defaults', 'groups_defaults'), 'a.yml');
    // Prometheus refuses unknown top-level keys, so the anchors live in a key it refuses: reported, rule still read.
    expect(problems.map((p) => p.message)).toEqual([
      'unknown top-level field "groups_defaults" (a rule file has only "groups"; Prometheus refuses the file)',
    ]);
    expect(rules[0].labels).toEqual({ severity: 'critical', team: 'ops' });
    expect(rules[0].annotations).toEqual({
      action: 'SSH to spark-host, run: systemctl status vllm',
      runbook_url: 'https://wiki/x',
      summary: 'down',
    });
  });

  it('reads anchors defined inside the groups, where Prometheus accepts them', () => {
    const text = [
      'groups:',
      '- name: g',
      '  rules:',
      '  - alert: A',
      '    expr: up == 0',
      '    labels: &lbl {severity: critical}',
      '    annotations: &ann {summary: "{{ $labels.instance }} down"}',
      '  - alert: B',
      '    expr: up == 1',
      '    labels: *lbl',
      '    annotations: {<<: *ann, description: more}',
    ].join('\n');
    const { rules, problems } = parseRuleFile(text, 'a.yml');
    expect(problems).toEqual([]);
    expect(rules[1]).toMatchObject({
      labels: { severity: 'critical' },
      annotations: { summary: '{{ $labels.instance }} down', description: 'more' },
      location: { line: 8 },
    });
  });

  it('reads CRLF line ends and a byte-order mark with the same lines', () => {
    const text = '\uFEFF' + GOOD.replace(/\n/g, '\r\n');
    const { rules, problems } = parseRuleFile(text, 'crlf.yml');
    expect(problems).toEqual([]);
    expect(rules.map((r) => [r.name, r.location?.line, r.annotations.action?.length])).toEqual([
      ['InferenceEngineDown', 5, 89],
      ['job:up:sum', 12, undefined],
    ]);
  });

  it('reads every document of a multi-document file', () => {
    const text = `${GOOD}---\ngroups:\n- name: second\n  rules:\n  - alert: C\n    expr: up == 2\n`;
    expect(parseRuleFile(text, 'm.yml').rules.map((r) => [r.name, r.group])).toEqual([
      ['InferenceEngineDown', 'inference'],
      ['job:up:sum', 'inference'],
      ['C', 'second'],
    ]);
  });

  it('names the line of a duplicated key, as Prometheus does', () => {
    const { problems } = parseRuleFile('groups:\n- name: g\n  name: h\n  rules: []\n', 'd.yml');
    expect(problems[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^not valid YAML: duplicated mapping key/),
    });
  });

  it('knows where each field is written, for findings that point at an annotation', () => {
    const { rules } = parseRuleFile(GOOD, 'a.yml');
    expect(rules[0].fieldLines).toMatchObject({
      expr: 6,
      for: 7,
      labels: 8,
      'labels.severity': 9,
      'annotations.action': 11,
    });
  });
});

describe('parseRuleFile: sovgrid-ops comments', () => {
  const text = [
    'groups:',
    '- name: g',
    '  rules:',
    '  # sovgrid-ops disable for/missing -- one-off event, a for would hide it',
    '  - alert: A',
    '    expr: up == 0',
    '  - alert: B',
    '    # sovgrid-ops snooze 2026-12-31 action/missing',
    '    expr: up == 1',
    '  - alert: C',
    '    expr: up == 2',
  ].join('\n');
  it('attaches a comment to the rule below it or the rule it sits in', () => {
    const { rules, problems } = parseRuleFile(text, 'c.yml');
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.directives)).toEqual([
      [{ kind: 'disable', check: 'for/missing', until: undefined, line: 4 }],
      [{ kind: 'snooze', check: 'action/missing', until: '2026-12-31', line: 8 }],
      undefined,
    ]);
  });
  it('reports a misspelt check or a snooze without a date, with its line', () => {
    const bad = text.replace('disable for/missing', 'disable for/mising').replace('snooze 2026-12-31', 'snooze soon');
    const { problems } = parseRuleFile(bad, 'c.yml');
    expect(problems.map((p) => [p.line, p.message.slice(0, 40)])).toEqual([
      [4, 'unknown check "for/mising" in a sovgrid-'],
      [8, 'sovgrid-ops snooze needs a date first: "'],
    ]);
  });
});
