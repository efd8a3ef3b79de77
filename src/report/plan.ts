import type { AppSettings } from '../settings';
import { periodQueries, type InstantQuery } from '../sla/pageQueries';
import { recordedProbeQuery, SlaQueries, tenantMatcher, type SlaSource, type TenantScope } from '../sla/queries';
import { BURN_WINDOW_SECONDS, BURN_WINDOWS } from '../sla/slo';
import type { SlaPeriod, YearMonth } from '../sla/windows';
import { localParts, startOfLocalDay } from '../sla/zoned';

/**
 * Every query of one report, built from the SLA page's own builders (`SlaQueries`, `periodQueries`) so the
 * report's numbers are the page's numbers. Pure: strings and times only.
 */

/** vLLM's token counters (facts.md §4); per tenant only where the gateway labels them with the tenant. */
export const TOKEN_COUNTERS = {
  prompt: 'vllm:prompt_tokens_total',
  generation: 'vllm:generation_tokens_total',
} as const;

export interface TimedQuery extends InstantQuery {
  /** Evaluation time, Unix seconds. */
  time: number;
  /** The oldest sample the query reads (its window's start), Unix seconds: decides Prometheus or the history. */
  from: number;
}

/** A local calendar day, cut to the period (the running month's last day ends now). */
export interface DaySpan {
  date: string;
  start: number;
  end: number;
}

/** The local days of a period in `timeZone`, each from local midnight to the next (23 or 25 hours on DST days). */
export function daysOf(period: SlaPeriod, ym: YearMonth, timeZone: string): DaySpan[] {
  const days: DaySpan[] = [];
  for (let d = 1; d <= 31; d++) {
    const start = startOfLocalDay(ym.year, ym.month, d, timeZone);
    if (start >= period.end || localParts(start, timeZone).month !== ym.month) {
      break;
    }
    const end = Math.min(startOfLocalDay(ym.year, ym.month, d + 1, timeZone), period.end);
    const date = `${ym.year}-${String(ym.month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    days.push({ date, start, end });
  }
  return days;
}

/** The probe of the recorded series at both ends of a period: only a period covered from start to end uses them. */
export function probeQueries(scope: TenantScope, period: SlaPeriod): TimedQuery[] {
  // Five minutes in, so the first recorded rate of the period exists.
  const first = Math.min(period.start + 300, period.end);
  // Both probes are routed as the period itself is, so they ask the store the period's facts come from.
  return [
    { refId: 'probe_start', expr: recordedProbeQuery(scope), time: first, from: period.start },
    { refId: 'probe_end', expr: recordedProbeQuery(scope), time: period.end, from: period.start },
  ];
}

/** The period's facts (the page's four queries), plus the burn windows while the month is running. */
export function periodPlan(q: SlaQueries, period: SlaPeriod, running: boolean): TimedQuery[] {
  const facts = periodQueries(q, period, 'month').queries.map((x) => ({ ...x, time: period.end, from: period.start }));
  const burn = running
    ? BURN_WINDOWS.map((w) => ({
        refId: `burn_${w}`,
        expr: q.errorRatio(w),
        time: period.end,
        from: period.end - BURN_WINDOW_SECONDS[w],
      }))
    : [];
  return [...facts, ...burn];
}

/** Requests, errors and the latency percentile of each day, evaluated at the day's end over the day's length. */
export function dailyPlan(
  q: SlaQueries,
  days: DaySpan[],
  facts: DailyFact[] = ['requests', 'errors', 'latency']
): TimedQuery[] {
  const expr: Record<DailyFact, (s: number) => string> = {
    requests: (s) => q.requests(s),
    errors: (s) => q.errors(s),
    latency: (s) => q.latencyQuantile(s),
  };
  return days.flatMap((d, i) =>
    facts.map((f) => ({ refId: `day${i}_${f}`, expr: expr[f](d.end - d.start), time: d.end, from: d.start }))
  );
}

export type DailyFact = 'requests' | 'errors' | 'latency';

/** Prompt and generated tokens of the tenant over the period; absent when its series carry no tenant label. */
export function usagePlan(scope: TenantScope, period: SlaPeriod): TimedQuery[] {
  const t = tenantMatcher(scope);
  const s = period.rangeSeconds;
  return [
    {
      refId: 'usage_prompt',
      expr: `sum(increase(${TOKEN_COUNTERS.prompt}{${t}}[${s}s]))`,
      time: period.end,
      from: period.start,
    },
    {
      refId: 'usage_generation',
      expr: `sum(increase(${TOKEN_COUNTERS.generation}{${t}}[${s}s]))`,
      time: period.end,
      from: period.start,
    },
  ];
}

/** The query set for one tenant and source. */
export function slaQueries(settings: AppSettings, scope: TenantScope, source: SlaSource): SlaQueries {
  return new SlaQueries(settings, scope, source);
}
