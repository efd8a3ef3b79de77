import type { DataSourceRef } from '@grafana/schema';
import type { AppSettings } from '../settings';

/** The org's Prometheus data source; without a configured uid, Grafana's default data source. */
export function prometheusRef(settings: AppSettings): DataSourceRef {
  return settings.datasources.prometheusUid
    ? { type: 'prometheus', uid: settings.datasources.prometheusUid }
    : { type: 'prometheus' };
}

/** The org's long-term history (a Prometheus-type data source on VictoriaMetrics), or undefined without one. */
export function historyRef(settings: AppSettings): DataSourceRef | undefined {
  const uid = settings.datasources.historyUid;
  return uid ? { type: 'prometheus', uid } : undefined;
}

/** Grafana's "-- Mixed --" data source: each query of a runner names its own data source. */
export const MIXED_REF: DataSourceRef = { type: 'datasource', uid: '-- Mixed --' };

/** The org's Loki data source, or undefined when none is configured. */
export function lokiRef(settings: AppSettings): DataSourceRef | undefined {
  return settings.datasources.lokiUid ? { type: 'loki', uid: settings.datasources.lokiUid } : undefined;
}
