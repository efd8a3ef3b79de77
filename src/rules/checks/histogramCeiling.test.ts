import { reviewRules } from '../engine';
import { TEST_NOW, testReview, testRule } from '../testRules';
import type { ReviewRule } from '../types';
import { ALL_CHECKS } from '.';
import { histogramThresholdCheck, histogramThresholdUnreachable } from './histogramCeiling';

const p95 = (bucket: string) => `histogram_quantile(0.95, sum by (le) (rate(${bucket}{job="x"}[5m])))`;

function findingOf(rule: ReviewRule, check = histogramThresholdUnreachable) {
  return reviewRules([rule], { review: testReview, now: TEST_NOW, checks: [check] })[0].findings[0];
}

const rule = (expr: string, over: Partial<ReviewRule> = {}) => testRule({ name: 'LatencyHigh', expr, ...over });

describe('histogram/threshold-unreachable', () => {
  it('is registered with the other checks', () => {
    expect(ALL_CHECKS).toContain(histogramThresholdUnreachable);
  });

  it('flags a threshold above a configurable default bucket as a warning (Traefik: top 5 s unless configured)', () => {
    const f = findingOf(rule(`${p95('traefik_router_request_duration_seconds_bucket')} > 5`));
    expect(f).toMatchObject({ check: 'histogram/threshold-unreachable', severity: 'warning' });
    expect(f!.summary).toBe(
      'A quantile of traefik_router_request_duration_seconds is compared > 5, but it never exceeds the largest bucket (5): the rule can never fire.'
    );
    expect(f!.evidence[1]).toBe(
      'largest finite bucket of traefik_router_request_duration_seconds: le="5" (the exporter\'s default bucket bounds (configurable: check yours))'
    );
  });

  it('does not judge a name many exporters share by one exporter’s defaults (Thanos’ and GitLab’s rules in the corpus)', () => {
    // http_request_duration_seconds: the instrumentator tops out at 1 s, Thanos and the Go client go far higher.
    const thanos =
      'histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket{job=~".*thanos-query.*", handler="query"}[5m]))) > 40';
    expect(findingOf(rule(thanos))).toBeUndefined();
    expect(findingOf(rule(`${p95('http_request_duration_seconds_bucket')} > 2.5`))).toBeUndefined();
  });

  it('is a bug for vLLM, whose bounds are fixed in its source', () => {
    expect(findingOf(rule(`${p95('vllm:time_to_first_token_seconds_bucket')} > 3000`))).toMatchObject({
      severity: 'bug',
    });
    expect(findingOf(rule(`${p95('vllm:e2e_request_latency_seconds_bucket')} > 7680`))).toMatchObject({
      severity: 'bug',
    });
  });

  it('at the largest bound: `>` never holds, `>=` does (the quantile is that bound when it lands in +Inf)', () => {
    expect(findingOf(rule(`${p95('vllm:time_to_first_token_seconds_bucket')} > 2560`))).toBeDefined();
    expect(findingOf(rule(`${p95('vllm:time_to_first_token_seconds_bucket')} >= 2560`))).toBeUndefined();
    expect(findingOf(rule(`2560 < ${p95('vllm:time_to_first_token_seconds_bucket')}`))).toBeDefined();
  });

  it('leaves reachable thresholds, other comparisons and unknown histograms alone', () => {
    for (const expr of [
      `${p95('vllm:time_to_first_token_seconds_bucket')} > 10`,
      `${p95('http_request_duration_highr_seconds_bucket')} > 2.5`,
      `${p95('vllm:e2e_request_latency_seconds_bucket')} < 10000`,
      `${p95('my_own_latency_seconds_bucket')} > 1e6`,
      // Arithmetic around the quantile changes its scale: not judged.
      `${p95('http_request_duration_seconds_bucket')} * 1000 > 2500`,
      'up == 0',
    ]) {
      expect({ expr, f: findingOf(rule(expr)) }).toEqual({ expr, f: undefined });
    }
  });

  it('reads a Grafana-managed rule’s threshold node (its query compared by the threshold)', () => {
    const g = rule('A | B', {
      language: 'grafana',
      source: { id: 'grafana', label: 'Grafana', kind: 'grafana' },
      evalExpr: `(${p95('vllm:inter_token_latency_seconds_bucket')}) > 100`,
      threshold: { op: '>', value: 100 },
    });
    expect(findingOf(g)).toMatchObject({ severity: 'bug' });
  });

  it('with bounds read from a live server: its buckets decide, both ways', () => {
    const expr = `${p95('http_request_duration_seconds_bucket')} > 2.5`;
    // The operator configured buckets up to 5 s: reachable.
    const wider = histogramThresholdCheck(new Map([['http_request_duration_seconds', [0.1, 0.5, 1, 2.5, 5]]]));
    expect(findingOf(rule(expr), wider)).toBeUndefined();
    // The live server has the defaults: now a bug, not a guess.
    const live = histogramThresholdCheck(new Map([['http_request_duration_seconds', [0.1, 0.5, 1]]]));
    expect(findingOf(rule(expr), live)).toMatchObject({ severity: 'bug' });
    expect(findingOf(rule(expr), live)!.evidence[1]).toContain('read from the data source');
  });
});
