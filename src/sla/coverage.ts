import { prometheusReach, route, type Routed, type StorePlan, type Store } from '../history/routing';
import { retentionDays } from '../history/retention';
import type { AppSettings } from '../settings';
import { BURN_WINDOW_SECONDS } from './slo';
import { calendarMonth } from './windows';

/**
 * Which store answers each part of the Service levels page, and what cannot be shown at all. Pure: the page builds
 * its runners from it and the tests check it without Grafana. A part Prometheus cannot cover whole, with no history
 * to read it from, is not drawn from partial data: the page says what is missing and why.
 */

const DAY = 86400;
/** The daily availability bars: the last 90 days. */
export const DAILY_BARS = 90;

export type PartRoute = Routed & {
  /** Set when the part is shown over less than its usual range: the range's start (Unix seconds). */
  from?: number;
};

export interface PageCoverage {
  rolling: Routed;
  month: Routed;
  burn: Routed;
  /** The budget burn-down: each point reads a whole rolling window back. */
  budget: PartRoute;
  /** The daily bars: how many of the 90 days can be shown. */
  daily: PartRoute & { days: number };
  /** The latency percentile over the page's time range (1-hour windows). */
  latency: PartRoute;
}

/** A part Prometheus covers only in its most recent `reach − lookback` seconds, or not at all. */
function limited(plan: StorePlan, lookback: number, full: number, now: number): PartRoute {
  const whole = route(plan, now - full - lookback, now, now);
  if (whole.ok) {
    return whole;
  }
  const shown = prometheusReach(plan.retention) - lookback;
  return shown > 0 ? { ok: true, store: 'prometheus', from: now - shown } : whole;
}

/** Where each part of the page for the window `settings.sla.windowDays`, at `now`, is read from. */
export function pageCoverage(settings: AppSettings, plan: StorePlan, now: number): PageCoverage {
  const window = settings.sla.windowDays * DAY;
  const month = calendarMonth(now, settings.sla.timeZone);
  const daily = limited(plan, DAY, (DAILY_BARS - 1) * DAY, now);
  const days = daily.ok && daily.from !== undefined ? Math.floor((now - daily.from) / DAY) + 1 : DAILY_BARS;
  return {
    rolling: route(plan, now - window, now, now),
    month: route(plan, month.start, now, now),
    burn: route(plan, now - BURN_WINDOW_SECONDS['3d'], now, now),
    budget: limited(plan, window, window, now),
    daily: { ...daily, days: daily.ok ? Math.min(DAILY_BARS, days) : 0 },
    latency: limited(plan, 3600, window, now),
  };
}

/** The stores the page's queries use: the Prometheus data source, the history one, or both. */
export function storesUsed(c: PageCoverage): Set<Store> {
  return new Set([c.rolling, c.month, c.burn, c.budget, c.daily, c.latency].flatMap((r) => (r.ok ? [r.store] : [])));
}

/** What the page says about a part it cannot show, for the customer or for the operator. */
export function unavailableText(what: string, reason: string, mode: AppSettings['mode']): string {
  const next =
    mode === 'tenant'
      ? 'Ask your provider for the long-term history.'
      : 'Configure a history data source (VictoriaMetrics) in the app configuration, under Data sources.';
  return `${what} cannot be shown: ${reason}. ${next}`;
}

/** The note under a part shown over fewer days than usual. */
export function shortenedText(what: string, from: number, plan: StorePlan): string {
  const kept = plan.retention.kind === 'time' ? retentionDays(plan.retention.seconds) : 'its trusted 14 days';
  const since = new Date(from * 1000).toISOString().slice(0, 10);
  return `${what}: shown from ${since} only, since Prometheus keeps ${kept} here and no history data source is configured.`;
}
