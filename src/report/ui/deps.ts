import { config, getDataSourceSrv } from '@grafana/runtime';
import { VLLM_PROXY_BASE } from '../../constants';
import { grafanaHttp } from '../../grafana/http';
import { textTransport } from '../../shared/http';
import type { AppSettings } from '../../settings';
import { loadTenantIncidents } from '../../sla/tenantIncidentsFetch';
import { VllmClient } from '../../triage/vllm';
import { narrateReport, type NarrativeOutcome } from '../narrative';
import { datasourceProxyPath, grafanaIncidentSource, prometheusReportSource } from '../sources';
import { readRetention } from '../../history/readRetention';
import type { ReportStores } from '../stores';
import type { IncidentSource, ReportDataSource, ReportModel } from '../types';

/** What the report page needs from Grafana; the page passes Grafana's, tests their own. */
export interface ReportDeps {
  /** The org's Prometheus through Grafana's data source proxy, or why there is none. */
  data: () => ReportDataSource | string;
  /** Prometheus' retention and the org's history data source (none: every window is asked of `data`). */
  stores?: () => Promise<ReportStores>;
  /** Incidents of `tenantId` as its customers see them (in the operator's preview: read in the tenant's own org). */
  incidents: (tenantId: string) => IncidentSource;
  /** Editors and admins may ask the narrator (it costs the operator's GPU); viewers read. */
  canNarrate: () => boolean;
  narrate: (model: ReportModel) => Promise<NarrativeOutcome>;
  /** Unix seconds. */
  now: () => number;
  print: (doc: HTMLElement) => void;
}

function prometheusUid(settings: AppSettings): string | undefined {
  if (settings.datasources.prometheusUid) {
    return settings.datasources.prometheusUid;
  }
  const d = getDataSourceSrv().getInstanceSettings(null);
  return d?.type === 'prometheus' ? d.uid : undefined;
}

/** The operator's preview reads the tenant's own org's annotations, never the operator org's (as the page does). */
function tenantOrgIncidents(tenantId: string): IncidentSource {
  return {
    annotations: async (tags, from, to) => {
      const r = await loadTenantIncidents(tenantId, tags, from * 1000, to * 1000);
      if (!r.ok) {
        throw new Error(r.reason);
      }
      return r.incidents;
    },
  };
}

/** The page's dependencies over Grafana's runtime. */
export function grafanaReportDeps(settings: AppSettings, print: (doc: HTMLElement) => void): ReportDeps {
  return {
    data: () => {
      const uid = prometheusUid(settings);
      if (!uid) {
        return 'This organization has no Prometheus data source for service levels; ask the operator to set one.';
      }
      return prometheusReportSource(grafanaHttp, datasourceProxyPath(uid), "the organization's Prometheus");
    },
    stores: async () => {
      const uid = prometheusUid(settings);
      const history = settings.datasources.historyUid || undefined;
      return {
        plan: {
          history: history !== undefined,
          retention: uid
            ? await readRetention(grafanaHttp, datasourceProxyPath(uid), "the organization's Prometheus")
            : { kind: 'unknown', why: 'no Prometheus data source' },
        },
        history: history
          ? prometheusReportSource(grafanaHttp, datasourceProxyPath(history), "the organization's history data source")
          : undefined,
      };
    },
    incidents: (tenantId) =>
      settings.mode === 'operator' ? tenantOrgIncidents(tenantId) : grafanaIncidentSource(grafanaHttp),
    canNarrate: () => ['Editor', 'Admin'].includes(config.bootData?.user?.orgRole ?? ''),
    narrate: async (model) => {
      const client = new VllmClient({
        baseUrl: VLLM_PROXY_BASE,
        fetch: textTransport(grafanaHttp),
        timeoutMs: settings.vllm.timeoutSeconds * 1000,
        site: { configHint: 'the app configuration page', keyHint: 'the vLLM API key in the app configuration' },
      });
      let chosen = settings.vllm.model;
      if (!chosen) {
        const listed = await client.listModels();
        if (!listed.ok) {
          return { status: 'unavailable', reason: listed.error.message };
        }
        chosen = listed.models[0]?.id ?? '';
      }
      return chosen
        ? narrateReport(model, client, chosen)
        : { status: 'unavailable', reason: 'the vLLM server serves no model' };
    },
    now: () => Date.now() / 1000,
    print,
  };
}
