import { retentionDays, type Retention } from './retention';

/**
 * Which store answers a query over a time window: the operator's Prometheus (short retention, fresh data) or the
 * long-term history (VictoriaMetrics). Pure: the page, the monthly report and the tests route with the same rules.
 */

/** Windows this long or longer are read from the history when there is one (the issue's ≥ 14 days). */
export const HISTORY_MIN_WINDOW_SECONDS = 14 * 86400;

/**
 * How far back Prometheus is trusted when its retention cannot be read (a tenant's label proxy hides the status API,
 * or the retention is by size only): the stack's design minimum, 14 days.
 */
export const PROMETHEUS_TRUSTED_SECONDS = 14 * 86400;

export interface StorePlan {
  /** A history data source (VictoriaMetrics) is configured. */
  history: boolean;
  /** Prometheus' retention as read from its status API. */
  retention: Retention;
}

export type Store = 'prometheus' | 'history';

export type Routed = { ok: true; store: Store } | { ok: false; reason: string };

/** How far back Prometheus' data reaches, seconds. */
export function prometheusReach(retention: Retention): number {
  return retention.kind === 'time' ? retention.seconds : PROMETHEUS_TRUSTED_SECONDS;
}

/** Why Prometheus cannot answer a window reaching `reachBack` seconds into the past, for people. */
export function tooLongReason(plan: StorePlan): string {
  if (plan.retention.kind === 'time') {
    return `Prometheus keeps ${retentionDays(plan.retention.seconds)} of data here, and no history data source is configured`;
  }
  return `Prometheus' retention could not be read (${plan.retention.why}) and no history data source is configured, so only the last ${retentionDays(PROMETHEUS_TRUSTED_SECONDS)} are trusted`;
}

/**
 * The store for a query whose window runs from `start` to `end` (Unix seconds) when asked at `now`. With a history:
 * windows of 14 days or more, and windows older than Prometheus reaches, go to the history. Without one, a window
 * Prometheus cannot cover whole is refused rather than answered from partial data.
 */
export function route(plan: StorePlan, start: number, end: number, now: number): Routed {
  const reach = prometheusReach(plan.retention);
  const covered = start >= now - reach;
  if (plan.history) {
    const long = end - start >= HISTORY_MIN_WINDOW_SECONDS || start < now - Math.min(reach, HISTORY_MIN_WINDOW_SECONDS);
    return { ok: true, store: long ? 'history' : 'prometheus' };
  }
  return covered ? { ok: true, store: 'prometheus' } : { ok: false, reason: tooLongReason(plan) };
}
