/**
 * @jest-environment node
 */
import { loadCompose } from '../provisioning/compose';
import { fixtureEnd, gaugeSeries, timeline, toOpenMetrics } from '../helpers/openmetrics';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';

/**
 * Fair use of the shared store, against the real Prometheus 2.42 started with the dev stack's own `--query.*`
 * limits (read from docker-compose.yaml). A tenant's pathological queries are cut off while an operator query
 * still answers. Outcomes only: which query failed with which Prometheus error, which one succeeded.
 */
const LIMITS = ['--query.timeout', '--query.max-samples', '--query.max-concurrency'];

function composeLimits(): Record<string, string> {
  const prom = loadCompose().services.get('prometheus');
  const out: Record<string, string> = {};
  for (const arg of prom?.command ?? []) {
    const [k, v] = arg.split('=');
    if (LIMITS.includes(k)) {
      out[k] = v;
    }
  }
  return out;
}

interface Answer {
  status: string;
  errorType?: string;
  error?: string;
  data?: { result: Array<{ value: [number, string] }> };
}

async function query(p: RunningPrometheus, expr: string, time: number): Promise<Answer> {
  const res = await fetch(`${p.url}/api/v1/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: expr, time: String(time) }).toString(),
  });
  return (await res.json()) as Answer;
}

const END = fixtureEnd();
const BUCKETS = Array.from({ length: 30 }, (_, i) => String(2 ** (i - 10)));

describe('fair use: the dev stack limits against a real Prometheus', () => {
  const limits = composeLimits();
  let p: RunningPrometheus;

  beforeAll(async () => {
    // 7 days of 30 histogram-bucket series per tenant, every 5 minutes.
    const ts = timeline(END - 7 * 86400, END, 300);
    p = await startPrometheus({
      openmetrics: toOpenMetrics([
        {
          name: 'gateway_request_seconds_bucket',
          type: 'gauge',
          series: ['acme', 'globex'].flatMap((tenant) =>
            BUCKETS.map((le) => ({ labels: { tenant, le }, samples: gaugeSeries(ts, (t) => (t / 300) % 97) }))
          ),
        },
      ]),
      // The dev stack's limits exactly as docker-compose.yaml sets them.
      extraArgs: LIMITS.map((k) => `${k}=${limits[k]}`),
    });
  }, 300_000);
  afterAll(() => p?.stop());

  it('the dev stack states all three limits', () => {
    expect(limits).toEqual({
      '--query.timeout': '20s',
      '--query.max-samples': '10000000',
      '--query.max-concurrency': '4',
    });
  });

  it("a tenant's pathological queries are cut off while the operator's query answers", async () => {
    const slots = Number(limits['--query.max-concurrency']);
    // What the tenant sent through its label proxy (tenant="acme" injected): 7-day/1-second subqueries
    // over its 30 series, 18 M samples each, as many at once as leave the operator one slot (prom-label-proxy has
    // no per-tenant limit: README "Fair use" says what that leaves open).
    const huge = 'count_over_time({__name__="gateway_request_seconds_bucket",tenant="acme"}[7d:1s])';
    const tenantQueries = Array.from({ length: slots - 1 }, () => query(p, huge, END));
    // The operator's own query, sent while the tenant's are in flight.
    const operator = await query(p, 'count(gateway_request_seconds_bucket)', END);
    const tenant = await Promise.all(tenantQueries);

    expect(operator).toMatchObject({ status: 'success' });
    expect(operator.data?.result[0].value[1]).toBe('60');
    for (const r of tenant) {
      expect({ status: r.status, errorType: r.errorType }).toEqual({ status: 'error', errorType: 'execution' });
      expect(r.error).toMatch(/too many samples/);
    }
    // Positive control: the same query shape over one series (0.6 M samples) is within the limits and answers.
    const one = await query(p, 'count_over_time(gateway_request_seconds_bucket{tenant="acme",le="1"}[7d:1s])', END);
    expect(one).toMatchObject({ status: 'success' });
    // The tenant's ordinary page query still answers under the same limits.
    const normal = await query(p, 'sum(max_over_time(gateway_request_seconds_bucket{tenant="acme"}[30m]))', END);
    expect(normal.status).toBe('success');
  }, 120_000);
});
