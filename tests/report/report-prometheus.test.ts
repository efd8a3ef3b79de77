/**
 * @jest-environment node
 */
import { defaultSettings, type AppSettings } from '../../src/settings';
import { fetchApiGet } from '../../src/rules/noise/fetchApiGet';
import { collectReport } from '../../src/report/collect';
import { prometheusReportSource } from '../../src/report/sources';
import type { ReportModel } from '../../src/report/types';
import { factsFromAnswers, type InstantSample, type PeriodAnswers } from '../../src/sla/facts';
import { buildHeadline } from '../../src/sla/headline';
import { buildSlaPageQueries, parseRefId } from '../../src/sla/pageQueries';
import type { BurnWindow } from '../../src/sla/slo';
import { monthOf } from '../../src/sla/windows';
import { expectedQuantile } from '../sla/fixture';
import { DAY, GENERATED_TOKENS_PER_REQUEST, PROMPT_TOKENS_PER_REQUEST, startReportFixture, TZ, type ReportFixture } from './fixture';

let fx: ReportFixture;

beforeAll(async () => {
  fx = await startReportFixture();
}, 300_000);

afterAll(async () => {
  await fx?.stop();
});

function settingsFor(id: string, name = id): AppSettings {
  const d = defaultSettings();
  return { ...d, mode: 'tenant', tenant: { id, name }, sla: { ...d.sla, timeZone: TZ } };
}

const source = () => prometheusReportSource(fetchApiGet(fx.prom.url));

function report(id: string, month = fx.month, now = fx.end): Promise<ReportModel> {
  return collectReport({ settings: settingsFor(id), scope: { label: 'tenant', id }, month, now }, source());
}

function rel(actual: number | undefined, expected: number, tolerance: number) {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected) / Math.max(Math.abs(expected), 1e-12)).toBeLessThanOrEqual(tolerance);
}

describe('monthly report model against real Prometheus 2.42 (70 days, two tenants, Europe/Berlin)', () => {
  it('the month runs from Berlin midnight to Berlin midnight, and its numbers are what happened then', async () => {
    const m = await report('acme');
    expect(m.current.start).toBe(fx.period.start);
    expect(m.current.end).toBe(fx.period.end);
    expect(m.current.start).not.toBe(fx.utcPeriod.start);
    expect(m.current.complete).toBe(true);
    expect(m.days.map((d) => d.date)).toEqual(fx.days.map((d) => d.date));
    const berlin = fx.truth('acme', fx.period.start, fx.period.end);
    const utc = fx.truth('acme', fx.utcPeriod.start, fx.utcPeriod.end);
    // The error burst of the last UTC hour before the month is already this month in Berlin.
    expect(berlin.errors).toBeGreaterThan(utc.errors * 2);
    rel(m.current.requests, berlin.requests, 2e-3);
    rel(m.current.errors, berlin.errors, 2e-2);
    rel(m.current.latencySeconds, expectedQuantile(0.95, berlin.buckets), 2e-2);
    rel(m.current.availability, 1 - berlin.errors / berlin.requests, 1e-4);
    rel(m.usage.promptTokens, berlin.requests * PROMPT_TOKENS_PER_REQUEST, 2e-3);
    rel(m.usage.generationTokens, berlin.requests * GENERATED_TOKENS_PER_REQUEST, 2e-3);
  });

  it('a month with a data gap: the gap days say "no data", the others have their own numbers', async () => {
    const m = await report('acme');
    expect(m.days.filter((d) => d.state === 'no-data').map((d) => d.date)).toEqual(fx.gapDays);
    for (const d of m.days.filter((x) => x.state === 'ok')) {
      const t = fx.truth('acme', d.start, d.end);
      rel(d.requests, t.requests, 5e-3);
      rel(d.availability, 1 - t.errors / t.requests, 1e-3);
    }
    // The 25-hour day when clocks go back, where the month has one.
    const lengths = new Set(m.days.map((d) => d.end - d.start));
    expect([...lengths].every((s) => [23 * 3600, DAY, 25 * 3600].includes(s))).toBe(true);
  });

  it('globex breaches mid-month: the outage day is below the objective, the budget is exhausted', async () => {
    const m = await report('globex');
    const t = fx.truth('globex', fx.period.start, fx.period.end);
    rel(m.current.errors, t.errors, 2e-2);
    expect(m.current.headline.status).toBe('breaching');
    expect(m.current.budget!.exhausted).toBe(true);
    expect(m.current.headline.availabilityStatus).toBe('breaching');
    const outageDays = m.days.filter((d) => d.start < fx.outage.to && d.end > fx.outage.from);
    expect(outageDays.length).toBeGreaterThan(0);
    expect(outageDays.every((d) => d.availability! < 0.999)).toBe(true);
    expect(m.days.filter((d) => d.end <= fx.outage.from).every((d) => d.availability! > 0.999)).toBe(true);
    // Its series have no token counters: not measured, never zero.
    expect(m.usage.promptTokens).toBeUndefined();
    // The month before had only part of its days in the data: still compared, with its own numbers.
    expect(m.previous).toBeDefined();
    rel(m.previous!.requests, fx.truth('globex', m.previous!.start, m.previous!.end).requests, 5e-3);
  });

  it('a month with no traffic says "no requests", never 100 %', async () => {
    const m = await report('initech');
    expect(m.current.headline.sentences).toEqual(['No requests in this period.']);
    expect(m.current.availability).toBeUndefined();
    expect(m.current.budget).toBeUndefined();
    expect(m.days.every((d) => d.state === 'no-requests')).toBe(true);
  });

  it("the running month's numbers equal the Service levels page's for the same month", async () => {
    for (const id of ['acme', 'globex']) {
      const m = await report(id, monthOf(fx.end, TZ), fx.end);
      // The page's own path: its query set at the same instant, reduced by the SLA core.
      const q = buildSlaPageQueries(settingsFor(id), { label: 'tenant', id }, 'raw', fx.end);
      const answers: PeriodAnswers = {};
      for (const x of q.month.queries) {
        const ref = parseRefId(x.refId);
        const data = await fx.prom.query(x.expr, fx.end);
        if (ref?.kind === 'period' && data.resultType === 'vector') {
          answers[ref.fact] = data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
        }
      }
      const burn: Partial<Record<BurnWindow, InstantSample[]>> = {};
      for (const b of q.burn) {
        const ref = parseRefId(b.refId);
        const data = await fx.prom.query(b.expr, fx.end);
        if (ref?.kind === 'burn' && data.resultType === 'vector') {
          burn[ref.window] = data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
        }
      }
      const s = settingsFor(id).sla;
      const facts = factsFromAnswers(answers, burn, s.latencyTargetSeconds);
      const page = buildHeadline(facts, { objective: s.availabilityObjective, latencyTargetSeconds: s.latencyTargetSeconds, latencyPercentile: s.latencyPercentile }, q.month.period.label);
      expect(q.month.period.start).toBe(m.current.start);
      expect(m.current.requests).toBe(facts.requests);
      expect(m.current.errors).toBe(facts.errors);
      expect(m.current.latencySeconds).toBe(facts.latencySeconds);
      expect(m.current.headline).toEqual(page);
    }
  });

  it('every query is scoped to the tenant: a tenant with no series gets nothing of another', async () => {
    const m = await report('hooli');
    expect(m.current.requests).toBeUndefined();
    expect(m.days.every((d) => d.state === 'no-data')).toBe(true);
    expect(m.usage.promptTokens).toBeUndefined();
  });
});
