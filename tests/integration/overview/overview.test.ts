/**
 * @jest-environment node
 */
// The overview's queries against a real Prometheus 2.42 holding 14 days of fixture data per scenario: every
// query the page sends must evaluate, and every headline must show the value and colour the fixture implies.
import { overviewRows } from '../../../src/overview/panels';
import {
  COVERAGE,
  hostVariableJobs,
  overviewSignals,
  overviewTargets,
  SIGNAL_LABEL,
  TARGETS,
  type QueryTarget,
} from '../../../src/overview/queries';
import { regexAlternatives } from '../../../src/overview/promql';
import { displayColour } from '../../../src/overview/thresholds';
import { defaultSettings } from '../../../src/settings/defaults';
import {
  overviewFixture,
  type OverviewFixture,
  type Scenario,
  MODELS,
  INSTANCES,
} from '../../fixtures/overview/generate';
import { startPrometheus, type PromVectorSample, type RunningPrometheus } from '../../helpers/prometheus';
import { close, EXPECTED, REL_TOLERANCE } from './expectations';
import { matrixOf, valuesByName, vectorOf } from './results';

const settings = defaultSettings();
// What Grafana sends when the host variable is "All" (its allValue is `.+`).
const ALL_HOSTS = { hostPattern: '.+' };
const targets = overviewTargets(settings, ALL_HOSTS);
const signals = overviewSignals(settings, ALL_HOSTS);
const headlines = overviewRows(settings)
  .flatMap((r) => r.headlines)
  .filter((h) => h.target !== TARGETS.alerts);
const RANGE = 24 * 3600;
const STEP = 60;

async function runInstant(prom: RunningPrometheus, list: QueryTarget[], time: number) {
  const out = new Map<string, PromVectorSample[]>();
  for (const t of list.filter((x) => x.instant)) {
    out.set(t.refId, vectorOf(await prom.query(t.expr, time)));
  }
  return out;
}

describe.each<Scenario>(['healthy', 'degraded', 'idle'])('overview queries on the %s fixture', (scenario) => {
  let prom: RunningPrometheus;
  let fixture: OverviewFixture;
  let atEnd: Map<string, PromVectorSample[]>;

  beforeAll(async () => {
    fixture = overviewFixture(scenario);
    prom = await startPrometheus({ openmetrics: fixture.openmetrics });
    atEnd = await runInstant(prom, targets, fixture.end);
  }, 120_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it('evaluates every query target of the page (instant at the end, trends over 24 h)', async () => {
    expect(targets.length).toBeGreaterThanOrEqual(10);
    for (const t of targets) {
      if (t.instant) {
        expect(atEnd.get(t.refId)).toBeDefined();
      } else {
        const series = matrixOf(await prom.queryRange(t.expr, fixture.end - RANGE, fixture.end, STEP));
        expect(series.length).toBeGreaterThan(0);
      }
    }
  });

  it.each(headlines.map((h) => [h.signal, h] as const))(
    `%s shows the fixture's value (±${REL_TOLERANCE * 100} %) in the fixture's colour`,
    (_id, h) => {
      const expected = EXPECTED[scenario][h.signal];
      expect(expected).toBeDefined();
      const actual = valuesByName(atEnd.get(h.target) ?? [], signals[h.signal]);
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected!).sort());
      for (const [name, want] of Object.entries(expected!)) {
        const got = actual[name];
        if (!close(got, want.value)) {
          throw new Error(`${h.signal}/${name}: got ${got}, expected ${want.value}`);
        }
        expect([name, displayColour(got, h.seriesSteps[name] ?? h.steps, h.mappings)]).toEqual([name, want.colour]);
      }
    }
  );

  it('each panel’s Explore query returns the same series as its slice of the combined query', async () => {
    for (const h of headlines) {
      const alone = vectorOf(await prom.query(signals[h.signal].expr, fixture.end));
      expect(alone.every((s) => s.metric[SIGNAL_LABEL] === undefined)).toBe(true);
      expect(valuesByName(alone, signals[h.signal])).toEqual(valuesByName(atEnd.get(h.target)!, signals[h.signal]));
    }
  });

  it('shows the scenario on the 24 h trends: healthy throughout, or the drop (or the silence) 6 h before the end', async () => {
    const t = targets.find((x) => x.refId === TARGETS.inferenceTrend)!;
    const series = matrixOf(await prom.queryRange(t.expr, fixture.end - RANGE, fixture.end, STEP));
    const big = series.find((s) => s.metric[SIGNAL_LABEL] === 'throughput' && s.metric.model_name === MODELS.big)!;
    expect(Number(big.values[0][1])).toBeCloseTo(60, 3);
    expect(Number(big.values[big.values.length - 1][1])).toBeCloseTo(fixture.params.throughput, 3);
    // The old cache metric name still yields a KV-cache trend for the small model.
    const kvSmall = series.find((s) => s.metric[SIGNAL_LABEL] === 'kvCache' && s.metric.model_name === MODELS.small)!;
    expect(kvSmall.values.length).toBeGreaterThanOrEqual(RANGE / STEP);
  });

  it('lists hosts for the host variable and narrows the host rows to the chosen one', async () => {
    const match = `up{job=~"${regexAlternatives(hostVariableJobs(settings))}"}`;
    const r = await prom.get(
      `/api/v1/label/instance/values?match[]=${encodeURIComponent(match)}&start=${fixture.end - RANGE}&end=${fixture.end}`
    );
    const body = r.body as { data: string[] };
    const hosts = [...new Set(body.data.map((v) => /^([^:]+)/.exec(v)![1]))].sort();
    expect(hosts).toEqual(['floki', 'lnd', 'spark']);
    const onlyFloki = await runInstant(prom, overviewTargets(settings, { hostPattern: 'floki' }), fixture.end);
    expect(onlyFloki.get(TARGETS.spark)).toEqual([]);
    expect(valuesByName(onlyFloki.get(TARGETS.vps)!, signals.vpsUp)).toEqual({ [INSTANCES.flokiNode]: 1 });
    expect(onlyFloki.get(TARGETS.lightning)).toEqual([]);
  });

  it('accepts the queries built from unusual custom settings (escaped job names, custom histogram and label)', async () => {
    const d = defaultSettings();
    const odd = {
      ...d,
      labels: { ...d.labels, host: 'hostname' },
      jobs: {
        ...d.jobs,
        vllm: 'sglang.main',
        nodeSpark: 'node-dgx+1',
        mcp: 'mcp@floki',
        expected: ['sglang.main', 'a/b'],
      },
      metrics: { ...d.metrics, mcpLatencyHistogram: 'mcp:request_seconds' },
    };
    for (const t of overviewTargets(odd, ALL_HOSTS)) {
      const data = t.instant
        ? await prom.query(t.expr, fixture.end)
        : await prom.queryRange(t.expr, fixture.end - 3600, fixture.end, STEP);
      expect(['vector', 'matrix']).toContain(data.resultType);
    }
    const cov = vectorOf(
      await prom.query(overviewTargets(odd).find((t) => t.refId === TARGETS.coverage)!.expr, fixture.end)
    );
    expect(valuesByName(cov, signals.coverage)).toEqual({
      'sglang.main': COVERAGE.notScraped,
      'a/b': COVERAGE.notScraped,
    });
  });

  it('tells not scraped, down and up apart in the coverage query', () => {
    const byJob = valuesByName(atEnd.get(TARGETS.coverage)!, signals.coverage);
    const states = new Set(Object.values(byJob));
    if (scenario !== 'degraded') {
      expect(states).toEqual(new Set([COVERAGE.up]));
    } else {
      expect(states).toEqual(new Set([COVERAGE.up, COVERAGE.down, COVERAGE.notScraped]));
    }
  });
});
