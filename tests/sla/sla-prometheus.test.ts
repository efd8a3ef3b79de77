/**
 * @jest-environment node
 */
import { defaultSettings, type AppSettings } from '../../src/settings';
import { buildSlaPageQueries } from '../../src/sla/pageQueries';
import type { SlaSource } from '../../src/sla/queries';
import type { BurnWindow } from '../../src/sla/slo';
import { fixtureEnd } from '../helpers/openmetrics';
import { expectedQuantile, FAST, SLOW, sumWindow, VLLM_TENANT_LABEL as SHAPE, type TenantFixture } from './fixture';
import { page as pageAt, recipeStack, rel, samples, value } from './harness';
import type { BlockPrometheus } from './promBlocks';

// The "tenant-label" recipe (one vLLM per customer, tenant label added at scrape time), from series shaped as vLLM
// and its instrumentator emit them, over 40 days: the rolling 30 days, the month, a restart and an outage.
const DAY = 86400;
// Every 300 s: Prometheus 2.x ranges include both ends, so each 5-minute rate window holds two samples, and 40 days
// of vLLM's full histograms (21 bounds) for three tenants stay about a million samples.
const STEP = 300;
const end = fixtureEnd();
const start = end - 40 * DAY;
const monthStart = (() => {
  const d = new Date(end * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
})();
// Globex breaks in the middle of the month so far: a full outage of up to 12 h, then a slow model for the rest.
const incidentStart = Math.min(monthStart + Math.floor((end - monthStart) / 2 / 3600) * 3600, end - 3600);
const incidentEnd = Math.min(incidentStart + 12 * 3600, end);
const acmeReset = end - 10 * DAY;

const TENANTS: TenantFixture[] = [
  { id: 'acme', profile: () => ({ rps: 1, errorShare: 0.0001, shape: FAST }), resets: [acmeReset] },
  {
    id: 'globex',
    profile: (t) => ({
      rps: 2,
      errorShare: t > incidentStart && t <= incidentEnd ? 1 : 0.0001,
      shape: t > incidentStart ? SLOW : FAST,
    }),
  },
  { id: 'initech', profile: () => ({ rps: 0, errorShare: 0, shape: FAST }) },
];

function settingsFor(id: string): AppSettings {
  return { ...SHAPE.settings(defaultSettings()), mode: 'tenant', tenant: { id, name: id } };
}

const page = (prom: BlockPrometheus, id: string, source: SlaSource) => pageAt(prom, settingsFor(id), id, source, end);

describe('service levels against real Prometheus 2.42 (40 days backfilled, recording rules evaluated)', () => {
  let prom: BlockPrometheus;
  let inc: Awaited<ReturnType<typeof recipeStack>>['inc'];

  beforeAll(async () => {
    // Rates every 10 minutes over all 40 days (production evaluates every minute; sampling every other window keeps
    // averages exact for this hour-aligned fixture), ratios hourly (enough for the instants and daily bars read here).
    ({ prom, inc } = await recipeStack(SHAPE, TENANTS, { start, end, step: STEP, rateStep: 600 }));
  }, 480_000);

  afterAll(async () => {
    await prom?.stop();
  });

  const expectedFor = (id: string, from: number) => {
    const w = sumWindow(SHAPE, inc[id], from, end);
    return { ...w, p95: expectedQuantile(SHAPE, 0.95, w.buckets) };
  };

  it.each<SlaSource>(['raw', 'recorded'])('acme meets its SLA (%s series)', async (source) => {
    const r = await page(prom, 'acme', source);
    const exp = expectedFor('acme', end - 30 * DAY);
    // increase() across the vLLM restart ten days ago: no traffic lost, none invented.
    rel(value(r.answers.rolling.requests), exp.requests, 2e-3);
    rel(value(r.answers.rolling.errors), exp.errors, 2e-2);
    rel(value(r.answers.rolling.latency), exp.p95, 2e-2);
    expect(r.rolling.status).toBe('meeting');
    expect(r.rolling.budget!.remaining).toBeCloseTo(0.9, 1);
    expect(r.rolling.burn.status).toBe('ok');
    const [latency, avail] = r.rolling.sentences;
    const m = /^Your workload completed in (\S+) s \(95th percentile, last 30 days\), well within the 5-second SLA\.$/.exec(latency);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeCloseTo(exp.p95, 1);
    const a =
      /^Availability was (\S+) % \(([\d,]+) requests, last 30 days\), meeting the 99\.9 % objective; (\d+) % of the error budget remains\.$/.exec(
        avail
      );
    expect(a).not.toBeNull();
    // Two decimals, never rounded up (an availability is not promised higher than it was).
    expect(Math.abs(Number(a![1]) - 100 * (1 - exp.errors / exp.requests))).toBeLessThanOrEqual(0.011);
    expect(Number(a![2].replace(/,/g, ''))).toBeCloseTo(exp.requests, -2);
    expect(Number(a![3])).toBeGreaterThanOrEqual(89);
    expect(r.month.status).toBe('meeting');
  });

  it.each<SlaSource>(['raw', 'recorded'])('globex breaches mid-month (%s series)', async (source) => {
    const r = await page(prom, 'globex', source);
    const rolling = expectedFor('globex', end - 30 * DAY);
    const month = expectedFor('globex', monthStart);
    rel(value(r.answers.rolling.errors), rolling.errors, 2e-2);
    rel(value(r.answers.month.requests), month.requests, 2e-3);
    rel(value(r.answers.month.latency), month.p95, 3e-2);
    expect(r.rolling.availabilityStatus).toBe('breaching');
    expect(r.rolling.budget!.exhausted).toBe(true);
    expect(r.rolling.budget!.remaining).toBeCloseTo((1 - rolling.errors / rolling.requests - 0.999) / 0.001, 0);
    expect(r.rolling.sentences[r.rolling.sentences.length - 1]).toMatch(
      /^Availability was \d+\.\d+ % \([\d,]+ requests, last 30 days\), below the 99\.9 % objective: the error budget is exhausted \(overspent by [\d,]+ %\)\.$/
    );
    // Half the month on the slow model: the month's 95th percentile is above the 5-second target.
    expect(month.p95).toBeGreaterThan(5);
    expect(r.month.latencyStatus).toBe('breaching');
    const monthName = new Date(end * 1000).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    const lat = new RegExp(
      `^Your workload took (\\S+) s \\(95th percentile, ${monthName} \\d{4} so far\\), above the 5-second SLA\\.$`
    ).exec(r.month.sentences[0]);
    expect(lat).not.toBeNull();
    expect(Number(lat![1])).toBeCloseTo(month.p95, 0);
    expect(r.month.sentences[1]).toMatch(/^\d+(\.\d)? % of requests finished within 5 s\.$/);
    const share = month.buckets[SHAPE.bounds.indexOf(5)] / month.buckets[month.buckets.length - 1];
    expect(Number(r.month.sentences[1].split(' ')[0])).toBeCloseTo(share * 100, 0);
    expect(r.month.status).toBe('breaching');
  });

  it('initech has no traffic: "No requests in this period", never 100 %', async () => {
    for (const source of ['raw', 'recorded'] as const) {
      const r = await page(prom, 'initech', source);
      expect(r.rolling.sentences).toEqual(['No requests in this period.']);
      expect(r.rolling.availability).toBeUndefined();
    }
  });

  it('recorded and raw series agree on every burn window', async () => {
    for (const id of ['acme', 'globex']) {
      const raw = await page(prom, id, 'raw');
      const rec = await page(prom, id, 'recorded');
      for (const w of Object.keys(raw.burn) as BurnWindow[]) {
        const a = value(raw.burn[w]);
        const b = value(rec.burn[w]);
        expect(b).toBeDefined();
        expect(Math.abs(a! - b!)).toBeLessThan(1e-6 + Math.abs(a!) * 1e-3);
      }
    }
  });

  it('daily bars: the outage day is below the objective, acme never is, days without data stay empty', async () => {
    for (const source of ['raw', 'recorded'] as const) {
      const q = (id: string) => buildSlaPageQueries(settingsFor(id), { label: 'tenant', id }, source, end);
      const range = async (id: string) => {
        const d = await prom.queryRange(q(id).dailyAvailability, end - 90 * DAY, end, DAY);
        if (d.resultType !== 'matrix') {
          throw new Error('expected a matrix');
        }
        return d.result.flatMap((s) => s.values.map(([t, v]) => [t, Number(v)] as const));
      };
      const acme = await range('acme');
      expect(acme.length).toBeGreaterThanOrEqual(39);
      expect(acme.length).toBeLessThanOrEqual(41);
      expect(acme.every(([, v]) => v > 0.9998)).toBe(true);
      const globex = await range('globex');
      const outage = globex.filter(([t]) => t > incidentStart && t - DAY < incidentEnd);
      expect(outage.length).toBeGreaterThan(0);
      expect(outage.every(([, v]) => v < 0.999)).toBe(true);
      expect(await range('initech')).toEqual([]);
    }
  });

  it('budget burn-down: exhausted for globex, mostly left for acme (raw and recorded)', async () => {
    for (const source of ['raw', 'recorded'] as const) {
      const at = async (id: string) =>
        value(samples(await prom.query(buildSlaPageQueries(settingsFor(id), { label: 'tenant', id }, source, end).budgetRemaining, end)));
      expect(await at('globex')).toBeLessThan(0);
      rel(await at('acme'), 0.9, 2e-2);
    }
  });
});
