/**
 * @jest-environment node
 */
import { retentionDays } from '../../src/history/retention';
import { expectedQuantile, sumWindow } from '../sla/fixture';
import { vmToolsAvailable } from '../helpers/victoriametrics';
import { buildSlaPageQueries } from '../../src/sla/pageQueries';
import {
  dailyBars,
  DAY,
  pageFigures,
  settingsFor,
  startHistoryWorld,
  type HistoryWorld,
  type PageFigures,
} from './slaHistory';

/**
 * Issue 14's parity test: the SLA core's 30-day, calendar-month and 90-day figures computed from a real
 * VictoriaMetrics 1.79.5 holding 400 days agree with the same figures from a real Prometheus 2.42 holding the last
 * 40 days of the same samples. Tolerances are README "One query language for both": MetricsQL's `increase` does not
 * extrapolate to the window's edges (app/vmselect/promql/rollup.go rollupDelta), Prometheus' does
 * (promql/functions.go extrapolatedRate), so request and error counts differ by at most one scrape step's share.
 */

/** Relative difference allowed between the two stores on counts (requests, errors) and on quantiles. */
export const COUNT_TOLERANCE = 1e-3;
/** Absolute difference allowed on an availability ratio (0.001 percentage points). */
export const AVAILABILITY_TOLERANCE = 1e-5;

let world: HistoryWorld | undefined;
let available = false;

beforeAll(async () => {
  available = await vmToolsAvailable(['victoria-metrics']);
  if (available) {
    world = await startHistoryWorld();
  }
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

const relDiff = (a: number | undefined, b: number | undefined) => {
  expect(a).toBeDefined();
  expect(b).toBeDefined();
  return Math.abs(a! - b!) / Math.max(Math.abs(b!), 1e-12);
};
const first = (xs: Array<{ value: number }> | undefined) => xs?.[0]?.value;

function compare(vm: PageFigures, prom: PageFigures, period: 'rolling' | 'month') {
  const diffs = Object.fromEntries(
    (['requests', 'errors', 'latency'] as const).map((f) => [
      f,
      relDiff(first(vm.answers[period][f]), first(prom.answers[period][f])),
    ])
  );
  if (process.env.SLA_PARITY_PRINT) {
    console.log(period, diffs, vm[period].availability, prom[period].availability);
  }
  expect(Object.values(diffs).every((d) => d <= COUNT_TOLERANCE) ? 'within' : diffs).toBe('within');
  expect(Math.abs(vm[period].availability! - prom[period].availability!)).toBeLessThanOrEqual(AVAILABILITY_TOLERANCE);
  expect(vm[period].status).toBe(prom[period].status);
  expect(vm[period].availabilityStatus).toBe(prom[period].availabilityStatus);
  expect(vm[period].latencyStatus).toBe(prom[period].latencyStatus);
}

const live = (name: string, fn: () => Promise<void>) => it(name, async () => (available ? fn() : undefined), 120_000);

describe('SLA figures: VictoriaMetrics 1.79.5 (400 days) against Prometheus 2.42 (the same last 40 days)', () => {
  live('the stores hold what the test put there: 400 days in VictoriaMetrics, 40 in Prometheus', async () => {
    const w = world!;
    const count = async (q: (e: string, t: number) => Promise<{ resultType: string; result: unknown }>, t: number) => {
      const d = await q('count(http_requests_total{tenant="acme"})', t);
      return (d.result as unknown[]).length;
    };
    // 395 days back: only VictoriaMetrics (13 months = 403 days of retention) answers.
    expect(await count(w.vm.query, w.end - 395 * DAY)).toBe(1);
    expect(await count(w.prom.query, w.end - 395 * DAY)).toBe(0);
    expect(await count(w.prom.query, w.end - 39 * DAY)).toBe(1);
    expect(retentionDays(403 * DAY)).toBe('403 days');
  });

  // On a scrape (the fixture's steps) and between two: there Prometheus extrapolates to the window's edges and
  // VictoriaMetrics counts from the sample before the window, so the two answer slightly different questions.
  it.each([
    ['acme', 0],
    ['globex', 0],
    ['acme', 67],
    ['globex', 67],
  ])(
    '%s, %i s after a scrape: 30-day and calendar-month figures agree',
    async (id, offset) => {
      if (!available) {
        return;
      }
      const w = world!;
      const at = w.end - 150 + Number(offset);
      const vm = await pageFigures(w.vm.query, String(id), at);
      const prom = await pageFigures(w.prom.query, String(id), at);
      compare(vm, prom, 'rolling');
      compare(vm, prom, 'month');
      const exp = sumWindow(w.gen.increments[String(id)], at - 30 * DAY, at);
      // Both match what was generated (the fixture's own sums), not only each other.
      expect(relDiff(first(vm.answers.rolling.requests), exp.requests)).toBeLessThanOrEqual(2e-3);
      expect(relDiff(first(vm.answers.rolling.latency), expectedQuantile(0.95, exp.buckets))).toBeLessThanOrEqual(2e-2);
    },
    120_000
  );

  live('globex breaches on both stores; acme meets on both (positive and negative control)', async () => {
    const w = world!;
    expect((await pageFigures(w.vm.query, 'globex', w.end)).rolling.availabilityStatus).toBe('breaching');
    expect((await pageFigures(w.vm.query, 'acme', w.end)).rolling.availabilityStatus).toBe('meeting');
  });

  live('90-day bars: 90 values from VictoriaMetrics, equal to Prometheus on every day both hold', async () => {
    const w = world!;
    for (const id of ['acme', 'globex']) {
      const vm = await dailyBars(w.vm.queryRange, id, w.end);
      const prom = new Map(await dailyBars(w.prom.queryRange, id, w.end));
      expect([id, vm.length]).toEqual([id, 90]);
      // Prometheus holds 40 days: the bars whose whole day it has (39 or 40 of them), not 90.
      expect(prom.size).toBeGreaterThanOrEqual(38);
      expect(prom.size).toBeLessThanOrEqual(40);
      let compared = 0;
      for (const [t, v] of vm) {
        const p = prom.get(t);
        if (p !== undefined && t - DAY >= w.overlapStart) {
          expect([id, t, Math.abs(v - p) <= AVAILABILITY_TOLERANCE]).toEqual([id, t, true]);
          compared++;
        }
      }
      expect(compared).toBeGreaterThanOrEqual(38);
    }
    // Globex's outage 200 days ago is in the history only: a year of bars is not needed for it to count.
    const daily = buildSlaPageQueries(settingsFor('globex'), { label: 'tenant', id: 'globex' }, 'raw', w.end);
    const old = await w.vm.query(daily.dailyAvailability, w.end - 199 * DAY);
    expect(old.resultType === 'vector' && Number(old.result[0].value[1])).toBeLessThan(0.9);
  });
});
