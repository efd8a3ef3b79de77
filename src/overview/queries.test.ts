import { parser } from '@prometheus-io/lezer-promql';
import { defaultSettings } from '../settings/defaults';
import type { AppSettings } from '../settings/types';
import {
  combineSignals,
  coverageExpr,
  firstLoadRequestCount,
  hostVariableQuery,
  overviewSignals,
  NO_TRAFFIC,
  overviewTargets,
  SIGNAL_LABEL,
  type SignalId,
} from './queries';

/** Syntax errors found by Prometheus' own Lezer grammar, with their position. */
function syntaxErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (n) => {
      if (n.type.isError) {
        errors.push(`at ${n.from}: ${expr.slice(Math.max(0, n.from - 20), n.from + 20)}`);
      }
    },
  });
  return errors;
}

function custom(): AppSettings {
  const s = defaultSettings();
  return {
    ...s,
    labels: { ...s.labels, host: 'hostname' },
    jobs: {
      ...s.jobs,
      vllm: 'sglang.main',
      nodeSpark: 'node-dgx+1',
      nodeFloki: 'vps/floki',
      mcp: 'mcp@floki',
      lightning: 'lnd:mainnet',
      dcgm: 'dcgm.spark',
      expected: ['sglang.main', 'node-dgx+1', 'mcp@floki'],
    },
    metrics: { ...s.metrics, mcpLatencyHistogram: 'mcp:request_seconds', slaHttpRequests: 'api_requests_total' },
  };
}

const variants: Array<[string, AppSettings, { hostPattern?: string }]> = [
  ['default settings', defaultSettings(), {}],
  ['default settings with $host', defaultSettings(), { hostPattern: '$host' }],
  ['custom settings', custom(), {}],
  ['custom settings with $host', custom(), { hostPattern: '$host' }],
];

describe.each(variants)('overview queries for %s', (_name, settings, opts) => {
  it('every target and every stand-alone signal query parses as PromQL', () => {
    const all = [
      ...overviewTargets(settings, opts).map((t) => [t.refId, t.expr]),
      ...Object.values(overviewSignals(settings, opts)).map((s) => [s.id, s.expr]),
    ];
    for (const [id, expr] of all) {
      expect({ id, errors: syntaxErrors(expr) }).toEqual({ id, errors: [] });
    }
  });

  it('the host variable selector parses too', () => {
    const inner = /^label_values\((.*), [a-zA-Z_]+\)$/.exec(hostVariableQuery(settings))![1];
    expect(syntaxErrors(inner)).toEqual([]);
  });

  it('keeps the first load under 20 requests', () => {
    expect(firstLoadRequestCount(settings)).toBeLessThan(20);
  });
});

describe('overview query builders', () => {
  const d = defaultSettings();
  const sig = overviewSignals(d);

  it('computes throughput from the token counter, never the removed gauge; an idle model says so', () => {
    expect(sig.throughput.trendExpr).toBe(
      'sum by (model_name) (rate(vllm:generation_tokens_total{job="vllm_inference"}[5m]))'
    );
    expect(sig.throughput.expr).toMatch(/^\(sum by \(model_name\) \(rate\(vllm:generation_tokens_total.* unless on \(model_name\) /);
    const everything = overviewTargets(d)
      .map((t) => t.expr)
      .join('\n');
    expect(everything).not.toContain('avg_generation_throughput');
  });

  it('reads KV cache under either metric name', () => {
    expect(sig.kvCache.expr).toBe(
      'max by (model_name) (vllm:kv_cache_usage_perc{job="vllm_inference"} or vllm:gpu_cache_usage_perc{job="vllm_inference"})'
    );
  });

  it('shares are 0 with traffic and no failures, "no traffic" (-1) when idle, never NaN', () => {
    const total = 'sum(rate(http_requests_total{job="mcp_server"}[5m]))';
    expect(sig.mcpErrorShare.expr).toBe(
      `(sum(rate(http_requests_total{job="mcp_server", status=~"5.."}[5m])) or (0 * ${total})) / (${total} > 0) or (${total} == 0) - 1`
    );
    expect(NO_TRAFFIC).toBe(-1);
    // Trends draw the plain ratio: an idle stretch is a gap, not a line at -1.
    expect(sig.mcpErrorShare.trendExpr).not.toContain('== 0');
  });

  it('counts a failure after a streamed 200 (finished_reason="error") with the 5xx, on generation handlers only', () => {
    expect(sig.failedShare.expr).toContain(
      'http_requests_total{job="vllm_inference", handler=~"/v1/chat/completions|/v1/completions|/v1/responses", status=~"5.."}'
    );
    expect(sig.failedShare.expr).toContain('vllm:request_success_total{job="vllm_inference", finished_reason="error"}');
  });

  it('estimates aborts from the 2xx that never finished, plus any vLLM counts', () => {
    expect(sig.abortShare.expr).toContain('vllm:request_success_total{job="vllm_inference", finished_reason="abort"}');
    expect(sig.abortShare.expr).toContain('clamp_min(sum(rate(http_requests_total{job="vllm_inference", handler=~');
  });

  it('reads MCP errors from the request counter (the only instrumentator metric with `status`)', () => {
    expect(sig.mcpErrorShare.expr).not.toContain('duration');
    expect(sig.mcpP95.expr).toContain('http_request_duration_highr_seconds_bucket{job="mcp_server"}');
  });

  it('counts only active channels as spendable, inactive ones apart', () => {
    const all = 'sum(lnd_channels_bandwidth_outgoing_sat{job="lightning"})';
    expect(sig.lnOutgoingSats.expr).toBe(
      `sum(lnd_channels_bandwidth_outgoing_sat{job="lightning", status="active"}) or 0 * ${all}`
    );
    expect(sig.lnInactiveSats.expr).toBe(
      `sum(lnd_channels_bandwidth_outgoing_sat{job="lightning", status="inactive"}) or 0 * ${all}`
    );
  });

  it('shows the last XID code as a code: max, never sum or rate', () => {
    expect(sig.gpuXid.expr).toBe('max by (instance) (DCGM_FI_DEV_XID_ERRORS{job="dcgm"})');
  });

  it('vLLM latency panels are per model, quantiles of vLLM histograms with the idle case', () => {
    expect(sig.ttftP95.expr).toBe(
      '(histogram_quantile(0.95, sum by (model_name, le) (rate(vllm:time_to_first_token_seconds_bucket{job="vllm_inference"}[5m]))) >= 0) or (sum by (model_name) (rate(vllm:time_to_first_token_seconds_count{job="vllm_inference"}[5m])) == 0) - 1'
    );
    // Older vLLM named ITL time_per_output_token.
    expect(sig.itlP95.expr).toContain('vllm:time_per_output_token_seconds_bucket');
    expect(sig.preemptions.expr).toBe(
      'sum by (model_name) (increase(vllm:num_preemptions_total{job="vllm_inference"}[5m]))'
    );
  });

  it('never fakes GPU memory: no vector(0) and no default on the FB_* query; reserved memory is not free', () => {
    expect(sig.gpuMemory.expr).toContain('DCGM_FI_DEV_FB_USED{job="dcgm"}');
    expect(sig.gpuMemory.expr).toContain('DCGM_FI_DEV_FB_RESERVED{job="dcgm"}');
    expect(sig.gpuMemory.expr).not.toMatch(/vector\(|or on/);
  });

  it('uses the configured histogram for MCP and the configured host label', () => {
    const c = overviewSignals(custom(), { hostPattern: '$host' });
    expect(c.mcpP95.trendExpr).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(mcp:request_seconds_bucket{job="mcp@floki", hostname=~"($host)(:[0-9]+)?"}[5m])))'
    );
    expect(c.sparkCpu.expr).toContain('avg by (hostname)');
    expect(c.failedShare.expr).toContain('api_requests_total{job="sglang.main", handler=~');
  });

  it('filters host rows only when a host pattern is given, and never the inference row', () => {
    const plain = overviewSignals(d);
    const filtered = overviewSignals(d, { hostPattern: '$host' });
    expect(plain.sparkCpu.expr).not.toContain('instance=~');
    expect(filtered.sparkCpu.expr).toContain('instance=~"($host)(:[0-9]+)?"');
    expect(filtered.throughput.expr).toBe(plain.throughput.expr);
  });

  it('builds coverage as present jobs plus one absent() per expected job, regex-escaped', () => {
    const expr = coverageExpr(custom())!;
    expect(expr).toBe(
      'min by (job) (up{job=~"sglang\\\\.main|node-dgx\\\\+1|mcp@floki"}) or -absent(up{job="sglang.main"}) or -absent(up{job="node-dgx+1"}) or -absent(up{job="mcp@floki"})'
    );
    expect(coverageExpr({ ...d, jobs: { ...d.jobs, expected: [] } })).toBeUndefined();
    expect(overviewTargets({ ...d, jobs: { ...d.jobs, expected: [] } }).map((t) => t.refId)).not.toContain('coverage');
  });

  it('keeps a hostile job name inside its string literal', () => {
    const evil = { ...d, jobs: { ...d.jobs, vllm: 'x"} or vector(1) or up{a="' } };
    expect(syntaxErrors(overviewSignals(evil).throughput.expr)).toEqual([]);
    const expr = overviewSignals(evil).throughput.trendExpr!;
    expect(syntaxErrors(expr)).toEqual([]);
    expect(expr).toContain('{job="x\\"} or vector(1) or up{a=\\""}');
    // Exactly one selector: the injected `or vector(1)` stayed text.
    const tree = parser.parse(expr);
    let selectors = 0;
    tree.iterate({ enter: (n) => void (n.name === 'VectorSelector' && selectors++) });
    expect(selectors).toBe(1);
  });

  it('tags each part of a combined query with its signal', () => {
    const combined = combineSignals([sig.running, sig.queueWaiting]);
    expect(combined).toBe(
      `(label_replace(${sig.running.expr}, "${SIGNAL_LABEL}", "running", "", "")) or (label_replace(${sig.queueWaiting.expr}, "${SIGNAL_LABEL}", "queueWaiting", "", ""))`
    );
  });

  it('every signal is sent by some target, each target mixes only instant or only range signals', () => {
    const targets = overviewTargets(d);
    const sent = new Set(targets.flatMap((t) => t.signals.map((s) => s.id)));
    expect([...sent].sort()).toEqual((Object.keys(sig) as SignalId[]).sort());
    expect(targets.filter((t) => !t.instant).map((t) => t.refId)).toEqual(['inferenceTrend', 'sparkTrend', 'mcpTrend']);
  });
});
