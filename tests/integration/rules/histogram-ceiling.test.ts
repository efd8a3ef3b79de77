/**
 * @jest-environment node
 */
// The histogram/threshold-unreachable check against a live Prometheus 2.42: the bucket bounds the series really
// have decide, not the exporter's defaults. An MCP server whose instrumentator was given buckets up to 5 s can turn a
// 2.5-second p95 alert red; one left on the defaults (1 s) cannot.
import { liveBucketBounds } from '../../../src/exporters/histograms';
import { histogramThresholdCheck } from '../../../src/rules/checks/histogramCeiling';
import { reviewRules } from '../../../src/rules/engine';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleFile } from '../../../src/rules/sources/ruleFiles';
import { TEST_NOW, testReview, testRule } from '../../../src/rules/testRules';
import { bucketShares, pythonLe } from '../../helpers/histogram';
import { counterSeries, fixtureEnd, type MetricFamily, timeline, toOpenMetrics } from '../../helpers/openmetrics';
import { startPrometheus, type RunningPrometheus } from '../../helpers/prometheus';

const end = fixtureEnd();
const ts = timeline(end - 3600, end, 60);

function histogram(job: string, bounds: number[]): MetricFamily {
  const labels = { job, handler: '/mcp', method: 'POST' };
  const shares = bucketShares(bounds, [
    [0.5, 0.5],
    [3, 1],
  ]);
  return {
    name: 'http_request_duration_seconds',
    type: 'histogram',
    series: [...bounds, Infinity].map((b, k) => ({
      labels: { ...labels, le: b === Infinity ? '+Inf' : pythonLe(b) },
      samples: counterSeries(ts, () => 10 * shares[k]),
      seriesName: 'http_request_duration_seconds_bucket',
    })),
  };
}

const P95_RED = 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="JOB"}[5m]))) > 2.5';

describe('histogram/threshold-unreachable with bounds read from a live Prometheus', () => {
  let wide: RunningPrometheus;
  let defaults: RunningPrometheus;

  beforeAll(async () => {
    [wide, defaults] = await Promise.all([
      startPrometheus({ openmetrics: toOpenMetrics([histogram('mcp_server', [0.1, 0.5, 1, 2.5, 5])]) }),
      startPrometheus({ openmetrics: toOpenMetrics([histogram('mcp_server', [0.1, 0.5, 1])]) }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([wide?.stop(), defaults?.stop()]);
  });

  const boundsOf = (prom: RunningPrometheus) =>
    liveBucketBounds(['http_request_duration_seconds_bucket', 'no_such_histogram'], async (expr) => {
      const d = await prom.query(expr, end);
      return d.resultType === 'vector' ? d.result.map((r) => ({ labels: r.metric })) : [];
    });

  it('reads each histogram’s finite bounds and skips histograms without series', async () => {
    expect([...(await boundsOf(wide)).entries()]).toEqual([['http_request_duration_seconds', [0.1, 0.5, 1, 2.5, 5]]]);
    expect([...(await boundsOf(defaults)).entries()]).toEqual([['http_request_duration_seconds', [0.1, 0.5, 1]]]);
  });

  it('judges the rule by the live bounds: reachable with buckets to 5 s, a bug with the defaults', async () => {
    const rule = testRule({ name: 'McpSlow', expr: P95_RED.replace('JOB', 'mcp_server') });
    const review = async (prom: RunningPrometheus) =>
      reviewRules([rule], { review: testReview, now: TEST_NOW, checks: [histogramThresholdCheck(await boundsOf(prom))] })[0].findings;
    expect(await review(wide)).toEqual([]);
    const [f] = await review(defaults);
    expect(f).toMatchObject({ check: 'histogram/threshold-unreachable', severity: 'bug' });
    // The live answer agrees: the quantile never goes past 1 s although a third of the requests take longer.
    const q = await defaults.query(P95_RED.replace('JOB', 'mcp_server').replace(' > 2.5', ''), end);
    expect(q.resultType === 'vector' && Number(q.result[0].value[1])).toBe(1);
  });

  it('finds nothing in the stack’s own rule files', () => {
    const root = join(__dirname, '../../../provisioning/prometheus');
    const rules = ['rules', 'sli-recipes'].flatMap((dir) =>
      readdirSync(join(root, dir)).flatMap((f) => parseRuleFile(readFileSync(join(root, dir, f), 'utf8'), `${dir}/${f}`).rules)
    );
    const findings = reviewRules(rules, { review: testReview, now: TEST_NOW, checks: [histogramThresholdCheck()] });
    expect(rules.length).toBeGreaterThan(20);
    expect(findings.flatMap((r) => r.findings)).toEqual([]);
  });
});
