import { getDataSourceSrv } from '@grafana/runtime';
import { grafanaHttp } from '../grafana/http';
import { readRetention } from '../history/readRetention';
import type { StorePlan } from '../history/routing';
import { datasourceProxyPath } from '../report/sources';
import type { AppSettings } from '../settings';

/**
 * The Service levels page's store plan, read through Grafana: Prometheus' retention from its status API (through the
 * data source proxy, as the monthly report does) and whether a history data source is configured.
 */
export async function grafanaStorePlan(settings: AppSettings): Promise<StorePlan> {
  const uid = settings.datasources.prometheusUid || defaultPrometheusUid();
  return {
    history: Boolean(settings.datasources.historyUid),
    retention: uid
      ? await readRetention(grafanaHttp, datasourceProxyPath(uid), "the organization's Prometheus")
      : { kind: 'unknown', why: 'no Prometheus data source is configured' },
  };
}

function defaultPrometheusUid(): string | undefined {
  const d = getDataSourceSrv().getInstanceSettings(null);
  return d?.type === 'prometheus' ? d.uid : undefined;
}
