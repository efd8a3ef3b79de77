import { fixtureEnd, timeline, toOpenMetrics, type MetricFamily } from '../helpers/openmetrics';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { monthOf, monthPeriod, previousMonth, type SlaPeriod, type YearMonth } from '../../src/sla/windows';
import { daysOf, type DaySpan } from '../../src/report/plan';
import { FAST, generate, SLOW, sumWindow, type Generated, type TenantFixture } from '../sla/fixture';

/**
 * 70 days of three tenants for the monthly report, written with the SLA test's generator and backfilled into a real
 * Prometheus 2.42. The report month is last month in Berlin (always complete, always inside the 70 days):
 *   acme     healthy; an error burst in the last UTC hour before the month (already the month in Berlin);
 *            no samples at all on local days 10-12 (a scrape gap); per-tenant token counters
 *   globex   breaches mid-month: a 12-hour outage, then a slow model until the month ends
 *   initech  series exist, never a request
 */
export const TZ = 'Europe/Berlin';
export const DAY = 86400;
// Ten minutes: every query here is an increase over a day or longer, and 70 days stay a quick backfill.
const STEP = 600;
export const PROMPT_TOKENS_PER_REQUEST = 500;
export const GENERATED_TOKENS_PER_REQUEST = 120;

export interface ReportFixture {
  prom: RunningPrometheus;
  gen: Generated;
  end: number;
  month: YearMonth;
  period: SlaPeriod;
  days: DaySpan[];
  /** The UTC month with the same name: its boundaries differ from Berlin's. */
  utcPeriod: SlaPeriod;
  gapDays: string[];
  burst: { from: number; to: number };
  outage: { from: number; to: number };
  /** Increments of a tenant summed over (from, to]. */
  truth: (id: string, from: number, to: number) => ReturnType<typeof sumWindow>;
  stop: () => Promise<void>;
}

function dropSamples(families: MetricFamily[], tenant: string, from: number, to: number) {
  for (const f of families) {
    for (const s of f.series) {
      if (s.labels.tenant === tenant) {
        s.samples = s.samples.filter(([t]) => t < from || t >= to);
      }
    }
  }
}

function tokenFamilies(gen: Generated, tenant: string): MetricFamily[] {
  const counter = (name: string, perRequest: number): MetricFamily => {
    let total = 0;
    const samples = gen.increments[tenant].map((x) => {
      total += x.requests * perRequest;
      return [x.t, Math.round(total)] as [number, number];
    });
    return {
      name,
      type: 'counter',
      series: [{ labels: { tenant, model_name: 'qwen3-32b' }, samples, seriesName: name }],
    };
  };
  return [
    counter('vllm:prompt_tokens_total', PROMPT_TOKENS_PER_REQUEST),
    counter('vllm:generation_tokens_total', GENERATED_TOKENS_PER_REQUEST),
  ];
}

/** Builds the data, backfills it and starts Prometheus on it. */
export async function startReportFixture(): Promise<ReportFixture> {
  const end = fixtureEnd();
  const start = end - 70 * DAY;
  const month = previousMonth(monthOf(end, TZ));
  const period = monthPeriod(month, TZ, end)!;
  const utcStart = Date.UTC(month.year, month.month - 1, 1) / 1000;
  const utcPeriod = { ...period, start: utcStart, end: Date.UTC(month.year, month.month, 1) / 1000 };
  const days = daysOf(period, month, TZ);
  const burst = { from: utcStart - 3600, to: utcStart };
  const mid = days[Math.floor(days.length / 2)].start + 10 * 3600;
  const outage = { from: mid, to: mid + 12 * 3600 };
  const tenants: TenantFixture[] = [
    {
      id: 'acme',
      profile: (t) => ({ rps: 1, errorShare: t > burst.from && t <= burst.to ? 0.5 : 0.0001, shape: FAST }),
    },
    {
      id: 'globex',
      profile: (t) => ({
        rps: 2,
        errorShare: t > outage.from && t <= outage.to ? 1 : 0.0001,
        shape: t > outage.from && t <= period.end ? SLOW : FAST,
      }),
    },
    { id: 'initech', profile: () => ({ rps: 0, errorShare: 0, shape: FAST }), noHistogram: true },
  ];
  const gen = generate(tenants, timeline(start, end, STEP));
  const gap = { from: days[9].start, to: days[12].start };
  dropSamples(gen.families, 'acme', gap.from, gap.to);
  const families = [...gen.families, ...tokenFamilies(gen, 'acme')];
  const prom = await startPrometheus({ openmetrics: toOpenMetrics(families) });
  return {
    prom,
    gen,
    end,
    month,
    period,
    days,
    utcPeriod,
    gapDays: days.slice(9, 12).map((d) => d.date),
    burst,
    outage,
    truth: (id, from, to) => sumWindow(gen.increments[id], from, to),
    stop: () => prom.stop(),
  };
}
