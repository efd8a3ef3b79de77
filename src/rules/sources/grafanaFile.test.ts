import { reviewAll } from '../engine';
import { TEST_NOW, testReview } from '../testRules';
import { parseRuleFile } from './ruleFiles';

// Shaped like Grafana's own provisioning test data (pkg/services/provisioning/alerting/testdata/alert_rules/
// correct-properties/rules.yml and common/supported-filetypes/rules.json) and its export (AlertingFileExport).
const YAML = `apiVersion: 1
groups:
  - orgId: 1
    name: inference
    folder: Ops
    interval: 1m
    rules:
      - uid: gpu-hot
        title: GPU hot
        condition: C
        for: 2m
        labels: {severity: critical}
        annotations:
          summary: GPU {{ $labels.gpu }} at {{ $values.B }}
        data:
          - refId: A
            relativeTimeRange: {from: 600, to: 0}
            datasourceUid: prom
            model: {expr: 'DCGM_FI_DEV_GPU_TEMP', refId: A, datasource: {type: prometheus, uid: prom}}
          - refId: B
            datasourceUid: __expr__
            model: {type: reduce, expression: A, reducer: last, refId: B}
          - refId: C
            datasourceUid: __expr__
            model:
              type: threshold
              expression: B
              refId: C
              conditions:
                - evaluator: {type: gt, params: [80]}
      - uid: mem-classic
        title: Memory high
        condition: B
        for: 5m
        labels: {severity: warning}
        data:
          - refId: A
            datasourceUid: prom
            model: {expr: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', refId: A}
          - refId: B
            datasourceUid: __expr__
            model:
              type: classic_conditions
              conditions:
                - evaluator: {type: lt, params: [0.3]}
                  operator: {type: and}
                  query: {params: [A]}
                  reducer: {type: last, params: []}
                  type: query
      - uid: errors-math
        title: Errors
        condition: B
        data:
          - refId: A
            datasourceUid: prom
            model: {expr: 'sum(rate(http_requests_total{code=~"5.."}[5m]))', refId: A}
          - refId: B
            datasourceUid: __expr__
            model: {type: math, expression: '$A > 0.5', refId: B}
      - uid: lat-mean
        title: Latency (mean over 10m)
        condition: C
        data:
          - {refId: A, datasourceUid: prom, model: {expr: 'histogram_quantile(0.9, rate(x_seconds_bucket[5m]))'}}
          - {refId: B, datasourceUid: __expr__, model: {type: reduce, expression: A, reducer: mean}}
          - {refId: C, datasourceUid: __expr__, model: {type: threshold, expression: B, conditions: [{evaluator: {type: gt, params: [2]}}]}}
      - title: No uid
        condition: A
        data: []
`;

describe('Grafana provisioning/export files', () => {
  const { rules, problems } = parseRuleFile(YAML, 'grafana/rules.yaml');

  it('reads every rule with folder, group, for, labels and its line', () => {
    expect(problems).toEqual([]);
    expect(rules.map((r) => [r.name, r.folder, r.group, r.forSeconds, r.location?.line])).toEqual([
      ['GPU hot', 'Ops', 'inference', 120, 8],
      ['Memory high', 'Ops', 'inference', 300, 31],
      ['Errors', 'Ops', 'inference', undefined, 50],
      ['Latency (mean over 10m)', 'Ops', 'inference', undefined, 60],
      ['No uid', 'Ops', 'inference', undefined, 67],
    ]);
    expect(rules.every((r) => r.language === 'grafana' && r.kind === 'alerting')).toBe(true);
  });

  it('takes the threshold from a threshold, classic-condition or math node, following reduce nodes', () => {
    expect(rules.map((r) => [r.threshold, r.evalExpr])).toEqual([
      [{ op: '>', value: 80 }, '(DCGM_FI_DEV_GPU_TEMP) > 80'],
      [{ op: '<', value: 0.3 }, '(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) < 0.3'],
      [{ op: '>', value: 0.5 }, '(sum(rate(http_requests_total{code=~"5.."}[5m]))) > 0.5'],
      // A mean over the query's range is not the instant query: no PromQL equivalent, the checks stay silent.
      [{ op: '>', value: 2 }, undefined],
      [undefined, undefined],
    ]);
  });

  it('refuses what Grafana refuses when it provisions the file', () => {
    expect(rules[4].invalid?.map((i) => i.message)).toEqual([
      'Grafana refuses the rule: no UID set',
      'Grafana refuses the rule: no data set',
    ]);
  });

  it('is reviewed by the same checks as Grafana rules on the page', () => {
    const out = reviewAll(rules, { review: testReview, now: TEST_NOW });
    const checks = (name: string) => out.reviews.find((r) => r.rule.name === name)!.findings.map((f) => f.check);
    expect(checks('Memory high')).toContain('shape/not-actionable');
    // The threshold node's comparison is judged like a PromQL one: a GPU temperature held for 2 minutes.
    expect(checks('GPU hot')).toEqual(['action/missing', 'shape/not-actionable']);
    expect(checks('No uid')).toContain('rule/invalid');
    // Grafana's template functions differ from Prometheus': `$values` is Grafana's, not a syntax error.
    expect(out.reviews.flatMap((r) => r.findings.filter((f) => f.check === 'template/syntax'))).toEqual([]);
  });

  it('reads the same rules from the JSON export', () => {
    const json = JSON.stringify(
      {
        apiVersion: 1,
        groups: [
          {
            orgId: 1,
            name: 'inference',
            folder: 'Ops',
            interval: '1m',
            rules: [
              {
                uid: 'gpu-hot',
                title: 'GPU hot',
                condition: 'C',
                data: [
                  {
                    refId: 'A',
                    datasourceUid: 'prom',
                    model: { expr: 'DCGM_FI_DEV_GPU_TEMP', datasource: { type: 'prometheus' } },
                  },
                  {
                    refId: 'C',
                    datasourceUid: '__expr__',
                    model: {
                      type: 'threshold',
                      expression: 'A',
                      conditions: [{ evaluator: { type: 'gt', params: [80] } }],
                    },
                  },
                ],
                for: '0s',
                isPaused: false,
              },
            ],
          },
        ],
      },
      null,
      2
    );
    const parsed = parseRuleFile(json, 'export.json');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rules.map((r) => [r.name, r.threshold, r.evalExpr, r.location?.line])).toEqual([
      ['GPU hot', { op: '>', value: 80 }, '(DCGM_FI_DEV_GPU_TEMP) > 80', 10],
    ]);
  });
});
