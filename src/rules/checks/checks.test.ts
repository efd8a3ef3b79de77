import { reviewAll, reviewRules } from '../engine';
import type { NoiseEstimate, SmsBudgetReport } from '../noise/types';
import { TEST_NOW, testReview, testRule } from '../testRules';
import type { CheckId, ReviewRule } from '../types';
import { ALL_CHECKS } from '.';
import { vagueReason } from './actionVague';

type Extra = {
  noise?: Map<string, NoiseEstimate>;
  sms?: SmsBudgetReport;
  missingMetrics?: Map<string, string[]>;
  review?: typeof testReview;
};

function findingsOf(rules: ReviewRule[], extra: Extra = {}) {
  return reviewRules(rules, { review: extra.review ?? testReview, now: TEST_NOW, ...extra });
}
function checksOn(rule: ReviewRule, extra: Extra = {}, others: ReviewRule[] = []): CheckId[] {
  return findingsOf([rule, ...others], extra)[0].findings.map((f) => f.check);
}
function finding(rule: ReviewRule, id: CheckId, extra: Extra = {}, others: ReviewRule[] = []) {
  return findingsOf([rule, ...others], extra)[0].findings.find((f) => f.check === id);
}

describe('the operator rule', () => {
  it('InferenceEngineDown passes every check', () => {
    expect(checksOn(testRule())).toEqual([]);
  });
  it('with action "investigate" fails action/vague only among the action checks', () => {
    const ids = checksOn(testRule({ annotations: { action: 'investigate', reviewed: '2026-11-01' } }));
    expect(ids).toContain('action/vague');
    expect(ids).not.toContain('action/missing');
    expect(ids).not.toContain('action/runbook-only');
  });
  it('has exactly the documented check ids, each once', () => {
    expect(ALL_CHECKS.map((c) => c.id).sort()).toEqual(
      [
        'action/missing',
        'action/vague',
        'action/runbook-only',
        'routing/severity',
        'for/missing',
        'shape/not-actionable',
        'noise/episodes',
        'noise/sms-budget',
        'review/stale',
        'health/broken',
        'coverage/never-fires',
        'rule/duplicate',
        'promql/syntax',
        'template/syntax',
        'rule/invalid',
        'histogram/threshold-unreachable',
      ].sort()
    );
  });
});

describe('action/missing', () => {
  it('triggers without the annotation, naming the configured annotation', () => {
    const f = finding(testRule({ annotations: { summary: 'down' } }), 'action/missing');
    expect(f?.severity).toBe('bug');
    expect(f?.evidence).toEqual(['annotations present: summary']);
  });
  it('follows the configured annotation name', () => {
    const review = { ...testReview, actionAnnotation: 'next_step' };
    expect(checksOn(testRule(), { review })).toContain('action/missing');
    expect(
      checksOn(testRule({ annotations: { next_step: 'SSH to spark-host and restart vllm.service' } }), { review })
    ).not.toContain('action/missing');
  });
  it('does not trigger on recording rules', () => {
    expect(checksOn(testRule({ kind: 'recording', annotations: {} }))).not.toContain('action/missing');
  });
});

describe('action/vague', () => {
  it.each([
    'investigate',
    'Investigate the issue',
    'check',
    'Check logs',
    'look into it',
    'TBD',
    'todo',
    'n/a',
    'See runbook',
    '',
    '   ',
    'https://wiki/x',
    'see https://wiki/x',
    'restart',
  ])('triggers on %j', (text) => {
    expect(vagueReason(text)).toBeDefined();
  });
  it.each([
    'SSH to spark-host, run: systemctl status vllm.service && journalctl -u vllm.service -n 50',
    'Free disk on mgmt: docker system prune -af, then check df -h /',
    'Rebalance the channel with the largest outbound share (lncli updatechanpolicy)',
    'Перезапустите сервис: systemctl restart vllm',
  ])('does not trigger on a concrete step %j', (text) => {
    expect(vagueReason(text)).toBeUndefined();
  });
  it('reports the reason and quotes the text as evidence', () => {
    const f = finding(testRule({ annotations: { action: 'https://wiki.example/runbook' } }), 'action/vague');
    expect(f?.summary).toMatch(/only a link/);
    expect(f?.evidence[0]).toBe('action: "https://wiki.example/runbook"');
  });
});

describe('action/runbook-only', () => {
  it('triggers on a runbook_url without action, and action/missing stays quiet', () => {
    const ids = checksOn(testRule({ annotations: { runbook_url: 'https://wiki/vllm' } }));
    expect(ids).toContain('action/runbook-only');
    expect(ids).not.toContain('action/missing');
  });
  it('triggers on a playbook annotation when the action is empty', () => {
    expect(checksOn(testRule({ annotations: { action: '', playbook: 'https://x/y' } }))).toContain(
      'action/runbook-only'
    );
  });
  it.each(['dashboard_url', 'documentation', 'docs'])(
    'does not take a %s link for a runbook: the rule gets action/missing instead',
    (name) => {
      const ids = checksOn(testRule({ annotations: { [name]: 'https://grafana.example/d/abc' } }));
      expect(ids).toContain('action/missing');
      expect(ids).not.toContain('action/runbook-only');
    }
  );
  it('does not trigger when an action sits beside the runbook', () => {
    expect(
      checksOn(testRule({ annotations: { ...testRule().annotations, runbook_url: 'https://wiki/vllm' } }))
    ).not.toContain('action/runbook-only');
  });
});

describe('routing/severity', () => {
  it('is a bug without severity label', () => {
    expect(finding(testRule({ labels: {} }), 'routing/severity')?.severity).toBe('bug');
  });
  it('is a warning for an unrouted severity', () => {
    const f = finding(testRule({ labels: { severity: 'page' } }), 'routing/severity');
    expect(f?.severity).toBe('warning');
    expect(f?.summary).toContain('"page"');
  });
  it('does not trigger for routed severities, case-insensitively', () => {
    expect(checksOn(testRule({ labels: { severity: 'Warning' } }))).not.toContain('routing/severity');
  });
});

describe('for/missing', () => {
  it('triggers on a phone-routed rule without for or under a minute', () => {
    expect(checksOn(testRule({ forSeconds: undefined }))).toContain('for/missing');
    expect(checksOn(testRule({ forSeconds: 30 }))).toContain('for/missing');
  });
  it('does not trigger on an email rule without for, nor a phone rule with 1m', () => {
    expect(checksOn(testRule({ forSeconds: undefined, labels: { severity: 'warning' } }))).not.toContain('for/missing');
    expect(checksOn(testRule({ forSeconds: 60 }))).not.toContain('for/missing');
  });
  it('triggers on absent() without for whatever the route', () => {
    const f = finding(
      testRule({ expr: 'absent(up{job="mcp_server"})', forSeconds: undefined, labels: { severity: 'warning' } }),
      'for/missing'
    );
    expect(f?.severity).toBe('warning');
  });
});

describe('shape/not-actionable', () => {
  const shape = (expr: string, forSeconds = 300) => finding(testRule({ expr, forSeconds }), 'shape/not-actionable');
  it.each([
    ['100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > 75', /memory at 75 %/],
    ['node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.25', /memory at 75 %/],
    ['1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.8', /CPU at 80 %/],
    ['avg(rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100 < 30', /CPU at 70 %/],
  ])('triggers on %s', (expr, why) => {
    expect(shape(expr)?.summary).toMatch(why);
  });
  it('judges a Grafana rule by its query and threshold node, once', () => {
    const r = testRule({
      language: 'grafana',
      expr: 'avg(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)',
      threshold: { op: '<', value: 0.3 },
      evalExpr: '(avg(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) < 0.3',
    });
    const f = finding(r, 'shape/not-actionable');
    expect(f?.summary).toMatch(/memory at 70 %/);
    expect(f?.evidence[0]).toBe('fires when (avg(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) < 0.3');
  });
  it('triggers on a brief temperature spike, not on a smoothed one', () => {
    expect(shape('node_hwmon_temp_celsius > 80', 0)?.summary).toMatch(/temperature spike/);
    expect(shape('avg_over_time(node_hwmon_temp_celsius[10m]) > 80', 0)).toBeUndefined();
    expect(shape('node_hwmon_temp_celsius > 80', 600)).toBeUndefined();
  });
  it('triggers on a 15 % relative latency change', () => {
    const expr =
      'histogram_quantile(0.95, rate(vllm:e2e_request_latency_seconds_bucket[5m])) / histogram_quantile(0.95, rate(vllm:e2e_request_latency_seconds_bucket[5m] offset 1d)) > 1.15';
    expect(shape(expr)?.summary).toMatch(/15 %/);
  });
  it.each([
    'up{job="vllm_inference"} == 0',
    '100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > 95',
    'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.05',
    'vllm:gpu_cache_usage_perc > 0.9',
  ])('does not trigger on %s', (expr) => {
    expect(shape(expr)).toBeUndefined();
  });
});

describe('noise/episodes', () => {
  const est = (episodes: number, method: NoiseEstimate['method'] = 'alerts-for-state'): Map<string, NoiseEstimate> =>
    new Map([
      [
        testRule().key,
        {
          method,
          episodes,
          fireTimes: Array.from({ length: episodes }, (_, i) => 1_700_000_000 + i * 3600),
          windowStart: 1_700_000_000 - 7 * 86400 + 1,
          windowEnd: 1_700_000_000 + 1,
        },
      ],
    ]);
  it('reports the count and method; more than one a day on the phone is a bug', () => {
    const f = finding(testRule(), 'noise/episodes', { noise: est(12) });
    expect(f?.summary).toBe('Fired 12 times in the last 7 days (each one an SMS).');
    expect(f?.severity).toBe('bug');
    expect(f?.evidence[0]).toMatch(/ALERTS_FOR_STATE/);
  });
  it('is info for a few episodes and says "would have" for estimates', () => {
    const f = finding(testRule(), 'noise/episodes', { noise: est(2, 'expression') });
    expect(f?.severity).toBe('info');
    expect(f?.summary).toMatch(/^Would have fired 2 times/);
  });
  it('does not trigger with zero episodes or without data', () => {
    expect(finding(testRule(), 'noise/episodes', { noise: est(0) })).toBeUndefined();
    expect(finding(testRule(), 'noise/episodes')).toBeUndefined();
  });
});

describe('noise/sms-budget', () => {
  const r = testRule();
  const sms: SmsBudgetReport = {
    budgetPerHour: 4,
    totalPages: 9,
    overHours: [{ hour: 1_700_000_000 - (1_700_000_000 % 3600), pages: 6, byRule: { [r.key]: 5, other: 1 } }],
  };
  it('reports the hours over budget and the rule share', () => {
    const f = finding(r, 'noise/sms-budget', { sms });
    expect(f?.summary).toBe(
      "Would have exceeded the 4-per-hour SMS budget in 1 hour last week; 5 of the 6 pages in those hours were this rule's."
    );
  });
  it('does not trigger for a rule without pages in those hours, nor an email rule', () => {
    expect(finding(testRule({ key: 'x' }), 'noise/sms-budget', { sms })).toBeUndefined();
    expect(finding({ ...r, labels: { severity: 'warning' } }, 'noise/sms-budget', { sms })).toBeUndefined();
  });
});

describe('review/stale', () => {
  it('warns when the reviewed date is older than the interval', () => {
    const f = finding(testRule({ annotations: { ...testRule().annotations, reviewed: '2026-08-01' } }), 'review/stale');
    expect(f?.severity).toBe('warning');
    expect(f?.summary).toBe('Not reviewed for 16 weeks (interval: 6).');
  });
  it('uses Grafana updated when there is no reviewed annotation', () => {
    const r = testRule({ annotations: { action: testRule().annotations.action }, updated: '2026-01-05T10:00:00Z' });
    expect(finding(r, 'review/stale')?.evidence[0]).toBe('last changed in Grafana: 2026-01-05');
    expect(finding({ ...r, updated: '2026-11-20T10:00:00Z' }, 'review/stale')).toBeUndefined();
  });
  it('stays silent per rule without a date, warning when the date is not ISO', () => {
    expect(
      finding(testRule({ annotations: { action: 'SSH to spark-host and restart vllm' } }), 'review/stale')
    ).toBeUndefined();
    expect(
      finding(testRule({ annotations: { ...testRule().annotations, reviewed: 'last week' } }), 'review/stale')?.summary
    ).toMatch(/not an ISO date/);
  });
});

describe('health/broken', () => {
  it('reports the last error', () => {
    const f = finding(testRule({ health: 'err', lastError: 'many-to-many matching not allowed' }), 'health/broken');
    expect(f?.severity).toBe('bug');
    expect(f?.evidence[0]).toContain('many-to-many');
  });
  it('warns on nodata and stays quiet when ok', () => {
    expect(finding(testRule({ health: 'nodata' }), 'health/broken')?.severity).toBe('warning');
    expect(finding(testRule({ health: 'ok' }), 'health/broken')).toBeUndefined();
  });
});

describe('coverage/never-fires', () => {
  it('names the missing metrics', () => {
    const r = testRule();
    const f = finding(r, 'coverage/never-fires', { missingMetrics: new Map([[r.key, ['vllm_gone_total']]]) });
    expect(f?.summary).toBe('Metric vllm_gone_total has no series in the data source: the rule can never fire.');
  });
  it('does not trigger without missing metrics', () => {
    expect(finding(testRule(), 'coverage/never-fires', { missingMetrics: new Map() })).toBeUndefined();
  });
});

describe('rule/duplicate', () => {
  it('calls the same name and labels with another expression an ambiguous name (info), on both rules', () => {
    const a = testRule({ key: 'a' });
    const b = testRule({ key: 'b', expr: 'up{job="vllm_inference"} < 1' });
    const reviews = findingsOf([a, b]);
    expect(reviews.map((r) => r.findings.map((f) => [f.check, f.severity]))).toEqual([
      [['rule/duplicate', 'info']],
      [['rule/duplicate', 'info']],
    ]);
    expect(reviews[0].findings[0].summary).toMatch(/^Ambiguous name/);
  });
  it('triggers on the same expression under another name, whitespace ignored', () => {
    const b = testRule({ key: 'b', name: 'VllmDown', expr: 'up{job="vllm_inference"}==0' });
    expect(finding(testRule({ key: 'a' }), 'rule/duplicate', {}, [b])?.evidence[0]).toMatch(
      /identical expression and labels: "VllmDown"/
    );
  });
  it('does not pair a rule file with the server that loaded it, nor different severities', () => {
    const served = testRule({ key: 's', source: { id: 'http://p', label: 'http://p', kind: 'prometheus' } });
    expect(finding(testRule({ key: 'a' }), 'rule/duplicate', {}, [served])).toBeUndefined();
    expect(
      finding(testRule({ key: 'a' }), 'rule/duplicate', {}, [testRule({ key: 'w', labels: { severity: 'warning' } })])
    ).toBeUndefined();
  });
});

describe('promql/syntax', () => {
  it('is fatal for a file rule that does not parse', () => {
    const f = finding(testRule({ expr: 'rate(foo[5m] >', location: { file: 'r.yml', line: 7 } }), 'promql/syntax');
    expect(f?.severity).toBe('fatal');
    expect(f?.evidence).toContain('r.yml:7');
  });
  it('does not judge rules served by an API nor LogQL', () => {
    expect(
      finding(
        testRule({ expr: 'rate(foo[5m] >', source: { id: 'p', label: 'p', kind: 'prometheus' } }),
        'promql/syntax'
      )
    ).toBeUndefined();
    expect(
      finding(testRule({ expr: 'sum(rate({job="x"} |= "error" [5m])) > 1', language: 'logql' }), 'promql/syntax')
    ).toBeUndefined();
  });
});

// The false positives and misses issue 11 measured on real rule sets, one case each.
describe('issue 11: judged on structure, not on text', () => {
  const shape = (expr: string, forSeconds = 300, over: Partial<ReviewRule> = {}) =>
    finding(testRule({ expr, forSeconds, ...over }), 'shape/not-actionable');
  it.each([
    'increase(prometheus_template_text_expansion_failures_total[3m]) > 0',
    'max by (job) (tempo_ring_members{state="Unhealthy", name="distributor"}) > 0',
    'sum by (datname) (pg_stat_activity_count{datname!~"template.*|postgres"}) < 5',
    'sum by (tenant) (tempodb_blocklist_tenant_index_builder) == 0',
  ])('no temperature spike on a name that only contains "temp": %s', (expr) => {
    expect(shape(expr, 0)).toBeUndefined();
  });
  it('reads the comparison that decides firing, not an inner filter (a 90 % rule is not "memory at 0 %")', () => {
    const expr =
      '(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 > 90 and node_memory_MemTotal_bytes > 0';
    expect(shape(expr)).toBeUndefined();
  });
  it('does not read an overcommit ratio as CPU use', () => {
    expect(
      shape(
        'sum(kube_resourcequota{resource="requests.cpu",type="hard"}) / sum(kube_node_status_allocatable{resource="cpu"}) > 1.5'
      )
    ).toBeUndefined();
  });
  it('does not read replication lag in seconds as memory', () => {
    expect(shape('mysql_slave_status_seconds_behind_master - mysql_slave_status_sql_delay > 30')).toBeUndefined();
  });
  it('judges a disk or UPS temperature as slow, a chip temperature as spiky', () => {
    expect(shape('smartctl_device_temperature > 60', 0)).toBeUndefined();
    expect(shape('DCGM_FI_DEV_GPU_TEMP > 85', 60)?.summary).toMatch(/brief temperature spike/);
  });
  it('states the firing condition and what it measures as evidence', () => {
    const f = shape('1 - avg without (cpu) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > .80');
    expect(f?.evidence).toEqual([
      'fires when 1 - avg without (cpu) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.8',
      'CPU measured as the used share of node_cpu_seconds_total',
      'alerts at 80 % in use (saturation starts around 90 %)',
    ]);
  });
  it('stays silent on a mode it cannot place (iowait is not CPU use)', () => {
    expect(shape('avg(rate(node_cpu_seconds_total{mode="iowait"}[5m])) > 0.1')).toBeUndefined();
  });
});

describe('issue 11: deliberate patterns', () => {
  const watchdog = (over: Partial<ReviewRule> = {}) =>
    testRule({ name: 'Watchdog', expr: 'vector(1)', forSeconds: undefined, labels: { severity: 'none' }, ...over });
  it('leaves severity "none" alone (Watchdog, InfoInhibitor)', () => {
    const inhibitor = testRule({
      name: 'InfoInhibitor',
      expr: 'ALERTS{severity = "info"} == 1 unless on(namespace) ALERTS{alertname != "InfoInhibitor", severity =~ "warning|critical", alertstate="firing"} == 1',
      forSeconds: undefined,
      labels: { severity: 'none' },
    });
    for (const r of [watchdog(), inhibitor]) {
      const ids = checksOn(r);
      expect(ids).not.toContain('routing/severity');
      expect(ids).not.toContain('for/missing');
    }
  });
  it('calls a vector(1) heartbeat routed to the phone a bug, not "add for: 5m"', () => {
    const r = watchdog({ labels: { severity: 'critical' } });
    expect(finding(r, 'routing/severity')?.severity).toBe('bug');
    expect(finding(r, 'routing/severity')?.summary).toMatch(/heartbeat/);
    expect(checksOn(r)).not.toContain('for/missing');
  });
  it.each([
    'increase(kube_pod_container_status_restarts_total[5m]) > 0',
    'changes(process_start_time_seconds[15m]) > 2',
    'time() - pg_postmaster_start_time_seconds < 60',
    'sum(rate(http_requests_total{code=~"5.."}[5m])) > 1',
    'min_over_time(up[5m]) == 0',
  ])('does not ask for "for" on a paging rule that already spans a window or reads the clock: %s', (expr) => {
    expect(finding(testRule({ expr, forSeconds: undefined }), 'for/missing')).toBeUndefined();
  });
  it('still asks for "for" on an instant paging condition', () => {
    const f = finding(testRule({ expr: 'up{job="vllm"} == 0', forSeconds: undefined }), 'for/missing');
    expect(f?.severity).toBe('bug');
  });
  it('asks for "for" on absent() only where it decides firing', () => {
    const warn = { forSeconds: undefined, labels: { severity: 'warning' } };
    expect(finding(testRule({ expr: 'absent(up{job="x"})', ...warn }), 'for/missing')?.severity).toBe('warning');
    expect(
      finding(
        testRule({ expr: 'kube_job_status_start_time > 0 and absent(kube_job_status_completion_time)', ...warn }),
        'for/missing'
      )
    ).toBeUndefined();
    expect(finding(testRule({ expr: 'absent_over_time(up{job="x"}[10m])', ...warn }), 'for/missing')).toBeUndefined();
  });
});

describe('issue 11: identical versus same-named rules', () => {
  const rec = (key: string, code: string) =>
    testRule({
      key,
      kind: 'recording',
      name: 'code_verb:apiserver_request_total:increase1h',
      expr: `sum by (cluster, code, verb) (increase(apiserver_request_total{job="apiserver",code=~"${code}"}[1h]))`,
      labels: {},
      annotations: {},
    });
  it('leaves split recording rules of one name alone', () => {
    const reviews = findingsOf([rec('a', '2..'), rec('b', '3..'), rec('c', '4..'), rec('d', '5..')]);
    expect(reviews.flatMap((r) => r.findings.map((f) => f.check))).toEqual([]);
  });
  it('finds identical rules however they are spelled (spacing, matcher order, number spelling)', () => {
    const a = testRule({ key: 'a', name: 'A', expr: 'rate(x_total{a="1",b="2"}[5m]) > .10' });
    const b = testRule({ key: 'b', name: 'B', expr: 'rate( x_total{ b="2", a="1" }[5m] )  >  0.1' });
    expect(finding(a, 'rule/duplicate', {}, [b])?.severity).toBe('warning');
  });
});

describe('issue 11: staleness once, not per rule', () => {
  it('gives one finding for a set without review dates', () => {
    const rules = [testRule({ key: 'a', annotations: {} }), testRule({ key: 'b', name: 'B', annotations: {} })];
    const out = reviewAll(rules, { review: testReview, now: TEST_NOW });
    expect(out.reviews.flatMap((r) => r.findings.filter((f) => f.check === 'review/stale'))).toEqual([]);
    expect(out.general).toEqual([
      expect.objectContaining({
        check: 'review/stale',
        severity: 'info',
        summary: expect.stringMatching(/^No alert rule carries a review date \(2 rules\)/),
      }),
    ]);
  });
  it('names the undated rules when some are dated, and reports per rule only the stale ones', () => {
    const dated = testRule({ key: 'a', annotations: { reviewed: '2026-01-01' } });
    const undated = testRule({ key: 'b', name: 'Undated', annotations: {} });
    const out = reviewAll([dated, undated], { review: testReview, now: TEST_NOW });
    expect(out.general[0].summary).toBe('1 of 2 alert rules carry no review date.');
    expect(out.general[0].evidence[0]).toMatch(/Undated/);
    expect(out.reviews[0].findings.map((f) => f.check)).toContain('review/stale');
    expect(out.reviews[1].findings.map((f) => f.check)).not.toContain('review/stale');
  });
});

describe('issue 11: vague actions and templates Prometheus refuses', () => {
  it.each([
    'No action needed',
    'No action required.',
    'Acknowledge and wait',
    'Look at {{ $labels }}',
    '{{ $labels.instance }}',
    '{{ $labels.instance }}: {{ $value }}',
    'Contact the on-call team',
  ])('calls %j vague', (text) => {
    expect(vagueReason(text)).toBeDefined();
  });
  it.each([
    'SSH to {{ $labels.instance }}, run: systemctl restart vllm.service',
    'Check logs with journalctl -u vllm.service -n 100 on {{ $labels.instance }}',
  ])('accepts a concrete step with template values: %j', (text) => {
    expect(vagueReason(text)).toBeUndefined();
  });
  it('is fatal for an annotation whose template does not parse, with the annotation and the line', () => {
    const r = testRule({
      annotations: { ...testRule().annotations, summary: 'Host {{ $labels.instance down' },
      location: { file: 'r.yml', line: 4 },
      fieldLines: { 'annotations.summary': 9 },
    });
    const f = finding(r, 'template/syntax');
    expect(f?.severity).toBe('fatal');
    expect(f?.summary).toMatch(/annotation "summary"/);
    expect(f?.evidence[0]).toMatch(/\(r\.yml:9\)$/);
    expect(f?.line).toBe(9);
  });
  it('is quiet for templates Prometheus accepts, and for rules a server already loaded', () => {
    const ok = { summary: '{{ $labels.instance }} at {{ $value | humanizePercentage }}' };
    expect(finding(testRule({ annotations: { ...testRule().annotations, ...ok } }), 'template/syntax')).toBeUndefined();
    const served = testRule({
      annotations: { summary: '{{ broken' },
      source: { id: 'p', label: 'p', kind: 'prometheus' },
    });
    expect(finding(served, 'template/syntax')).toBeUndefined();
  });
});

describe('rule/invalid', () => {
  it('is fatal with each refusal and its line', () => {
    const f = finding(
      testRule({ invalid: [{ message: 'invalid label name: 0bad', line: 7 }], location: { file: 'r.yml', line: 4 } }),
      'rule/invalid'
    );
    expect(f?.severity).toBe('fatal');
    expect(f?.evidence).toEqual(['invalid label name: 0bad (r.yml:7)']);
  });
});

describe('silencing comments', () => {
  it('moves a disabled finding out of the rule, and a snooze only until its day', () => {
    const rule = (directives: ReviewRule['directives']) => testRule({ annotations: { summary: 'x' }, directives });
    const disabled = reviewAll([rule([{ kind: 'disable', check: 'action/missing', line: 3 }])], {
      review: testReview,
      now: TEST_NOW,
    });
    expect(disabled.reviews[0].findings.map((f) => f.check)).not.toContain('action/missing');
    expect(disabled.silenced.map((s) => [s.finding.check, s.directive.kind])).toEqual([['action/missing', 'disable']]);
    const live = rule([{ kind: 'snooze', check: 'action/missing', until: '2026-12-01', line: 3 }]);
    const expired = rule([{ kind: 'snooze', check: 'action/missing', until: '2026-11-21', line: 3 }]);
    expect(reviewAll([live], { review: testReview, now: TEST_NOW }).silenced).toHaveLength(1);
    expect(
      reviewAll([expired], { review: testReview, now: TEST_NOW }).reviews[0].findings.map((f) => f.check)
    ).toContain('action/missing');
  });
});
