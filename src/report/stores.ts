import { route, type StorePlan } from '../history/routing';
import type { SlaPeriod } from '../sla/windows';
import type { ReportDataSource } from './types';

/**
 * The report's two stores: the org's Prometheus and, when configured, its long-term history. Each query goes where
 * the Service levels page would send the same window (src/history/routing.ts): windows of 14 days or more and
 * windows older than Prometheus keeps to the history.
 */
export interface ReportStores {
  plan: StorePlan;
  history?: ReportDataSource;
}

/** A data source that routes each query by its window; without a history, a window Prometheus lacks is refused. */
export function routedReportSource(prometheus: ReportDataSource, stores: ReportStores, now: number): ReportDataSource {
  return {
    instant: (expr, time, from = time) => {
      const r = route(stores.plan, from, time, now);
      if (!r.ok) {
        return Promise.reject(new Error(r.reason));
      }
      return (r.store === 'history' && stores.history ? stores.history : prometheus).instant(expr, time, from);
    },
  };
}

/** Why a period cannot be reported from these stores, or undefined when it can. */
export function periodUnavailable(
  stores: ReportStores | undefined,
  period: SlaPeriod,
  now: number
): string | undefined {
  if (!stores) {
    return undefined;
  }
  const r = route(stores.plan, period.start, period.end, now);
  return r.ok ? undefined : r.reason;
}
