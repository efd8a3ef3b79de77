import type { AppSettings } from '../settings';
import { SlaQueries, type SlaSource, type TenantScope } from './queries';
import { BURN_WINDOWS, type BurnWindow } from './slo';
import { calendarMonth, rollingWindow, type SlaPeriod } from './windows';

/** One instant query of a period's facts; `refId` encodes what it answers (see `parseRefId`). */
export interface InstantQuery {
  refId: string;
  expr: string;
}

export interface PeriodQueries {
  period: SlaPeriod;
  queries: InstantQuery[];
}

/** Every query the service-level page runs, for one tenant. The scene and the isolation test both use this. */
export interface SlaPageQueries {
  rolling: PeriodQueries;
  month: PeriodQueries;
  /** Burn-window error ratios, evaluated now. */
  burn: InstantQuery[];
  budgetRemaining: string;
  dailyAvailability: string;
  latencyOverTime: string;
}

export type FactKind = 'requests' | 'errors' | 'latency' | 'buckets';

/** The four instant queries of one period's facts, evaluated at `period.end` (the page's and the monthly report's). */
export function periodQueries(q: SlaQueries, period: SlaPeriod, prefix: 'rolling' | 'month'): PeriodQueries {
  const s = period.rangeSeconds;
  return {
    period,
    queries: [
      { refId: `${prefix}_requests`, expr: q.requests(s) },
      { refId: `${prefix}_errors`, expr: q.errors(s) },
      { refId: `${prefix}_latency`, expr: q.latencyQuantile(s) },
      { refId: `${prefix}_buckets`, expr: q.latencyBuckets(s) },
    ],
  };
}

/** Builds the page's queries for `scope` at `now` (Unix seconds). */
export function buildSlaPageQueries(
  settings: AppSettings,
  scope: TenantScope,
  source: SlaSource,
  now: number
): SlaPageQueries {
  const q = new SlaQueries(settings, scope, source);
  return {
    rolling: periodQueries(q, rollingWindow(now, settings.sla.windowDays), 'rolling'),
    month: periodQueries(q, calendarMonth(now, settings.sla.timeZone), 'month'),
    burn: BURN_WINDOWS.map((w) => ({ refId: `burn_${w}`, expr: q.errorRatio(w) })),
    budgetRemaining: q.budgetRemaining(settings.sla.windowDays),
    dailyAvailability: q.dailyAvailability(),
    latencyOverTime: q.latencyOverTime(),
  };
}

/** Every PromQL string of a page, flat (for checks that must hold for all of them). */
export function allExpressions(p: SlaPageQueries): string[] {
  return [
    ...p.rolling.queries.map((x) => x.expr),
    ...p.month.queries.map((x) => x.expr),
    ...p.burn.map((x) => x.expr),
    p.budgetRemaining,
    p.dailyAvailability,
    p.latencyOverTime,
  ];
}

/** Reads back what a refId answers: `rolling_requests` → period rolling, fact requests; `burn_1h` → burn window. */
export function parseRefId(
  refId: string
): { kind: 'period'; period: 'rolling' | 'month'; fact: FactKind } | { kind: 'burn'; window: BurnWindow } | undefined {
  const [a, b] = refId.split('_');
  if ((a === 'rolling' || a === 'month') && ['requests', 'errors', 'latency', 'buckets'].includes(b)) {
    return { kind: 'period', period: a, fact: b as FactKind };
  }
  if (a === 'burn' && (BURN_WINDOWS as readonly string[]).includes(b)) {
    return { kind: 'burn', window: b as BurnWindow };
  }
  return undefined;
}
