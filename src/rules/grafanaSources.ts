import { describe, type Advice, type HttpFailure, type HttpResult } from '../shared/http';
import { apiBody } from './noise/fetchApiGet';
import { prometheusApiQuerier } from './noise/prometheusApiQuerier';
import type { QuerierFor } from './noise/estimate';
import type { RangeQuerier } from './noise/types';
import { GRAFANA_SOURCE, mergeGrafanaRules, rulesFromGrafanaRuler } from './sources/grafanaRuler';
import { rulesFromPrometheusApi, type RulesAnswer } from './sources/prometheusApi';
import type { ReviewRule, RuleSource } from './types';

/** A data source the org can see, as `getDataSourceSrv().getList()` describes it. */
export interface DatasourceInfo {
  uid: string;
  name: string;
  type: string;
}

/** How the page reaches Grafana; tests give a stand-in that speaks Grafana's protocol. */
export type GrafanaGet = (url: string, params?: Record<string, string>) => Promise<HttpResult>;

/** One source's outcome: its rules, or what went wrong and what to do about it. */
export interface SourceLoad {
  source: RuleSource;
  ok: boolean;
  rules: ReviewRule[];
  /** Failure, or a partial answer's caveat. */
  message?: string;
}

/** Data source types whose rules API Grafana proxies at `/api/prometheus/<uid>/api/v1/rules`. */
export const RULER_TYPES: Record<string, 'promql' | 'logql'> = { prometheus: 'promql', loki: 'logql' };

const RULES_ADVICE: Advice = {
  401: 'Reading rules needs the alert.rules:read permission (Viewer or above with alerting access).',
  403: 'Reading rules needs the alert.rules:read permission (Viewer or above with alerting access).',
  404: 'This data source has no rules API (ruler not enabled?).',
  http: 'Check the data source in Connections › Data sources, then reload.',
  timeout: 'The data source may be overloaded; reload to try again.',
  network: 'Check that Grafana can reach the data source.',
};

/** A failure in words, with the next step. */
export function explainFailure(e: HttpFailure): string {
  return describe(e, { what: 'The data source (through Grafana)', advice: RULES_ADVICE });
}

function answerOf(r: HttpResult, read: (body: unknown) => RulesAnswer): RulesAnswer {
  if (!r.ok) {
    // Prometheus-compatible APIs explain errors in their JSON body; keep Grafana's status in front.
    return { ok: false, message: explainFailure(r.error) };
  }
  return read(r.data);
}

async function loadGrafanaManaged(get: GrafanaGet, dsTypes: Record<string, string>): Promise<SourceLoad> {
  const [compat, ruler] = await Promise.all([
    get('/api/prometheus/grafana/api/v1/rules'),
    get('/api/ruler/grafana/api/v1/rules'),
  ]);
  const c = answerOf(compat, (b) => rulesFromPrometheusApi(b, GRAFANA_SOURCE));
  const r = answerOf(ruler, (b) => rulesFromGrafanaRuler(b, dsTypes));
  if (!c.ok && !r.ok) {
    return { source: GRAFANA_SOURCE, ok: false, rules: [], message: c.message };
  }
  const rules = mergeGrafanaRules(r.ok ? r.rules : [], c.ok ? c.rules : []);
  const message = !r.ok
    ? `The ruler API failed (${r.message}); "for", thresholds and change dates are unknown.`
    : !c.ok
      ? `The rules status API failed (${c.message}); health is unknown.`
      : undefined;
  return { source: GRAFANA_SOURCE, ok: true, rules, message };
}

async function loadDatasource(get: GrafanaGet, ds: DatasourceInfo): Promise<SourceLoad> {
  const source: RuleSource = { id: ds.uid, label: ds.name, kind: 'prometheus' };
  const res = await get(`/api/prometheus/${encodeURIComponent(ds.uid)}/api/v1/rules`);
  const a = answerOf(res, (b) => rulesFromPrometheusApi(b, source, RULER_TYPES[ds.type]));
  return a.ok ? { source, ok: true, rules: a.rules } : { source, ok: false, rules: [], message: a.message };
}

/**
 * Loads Grafana-managed rules and each Prometheus/Loki data source's rules, each on its own: one that fails comes
 * back with its message and the others are unaffected. Read-only: nothing here writes a rule.
 */
export async function loadRuleSources(get: GrafanaGet, datasources: DatasourceInfo[]): Promise<SourceLoad[]> {
  const dsTypes = Object.fromEntries(datasources.map((d) => [d.uid, d.type]));
  const safe = (p: Promise<SourceLoad>, source: RuleSource) =>
    p.catch((e: unknown) => ({
      source,
      ok: false,
      rules: [],
      message: `Unexpected error: ${e instanceof Error ? e.message : String(e)}`,
    }));
  return Promise.all([
    safe(loadGrafanaManaged(get, dsTypes), GRAFANA_SOURCE),
    ...datasources
      .filter((d) => RULER_TYPES[d.type])
      .map((d) => safe(loadDatasource(get, d), { id: d.uid, label: d.name, kind: 'prometheus' })),
  ]);
}

/** A `RangeQuerier` through Grafana's data source proxy (`/api/datasources/proxy/uid/<uid>/api/v1/...`). */
export function grafanaQuerier(get: GrafanaGet, dsUid: string): RangeQuerier {
  return prometheusApiQuerier(async (path, params) => {
    return apiBody(await get(`/api/datasources/proxy/uid/${encodeURIComponent(dsUid)}${path}`, params), explainFailure);
  });
}

/** Which Prometheus data source evaluates a rule: its own for data-source rules, the query's for Grafana rules. */
export function queriersByDatasource(get: GrafanaGet, datasources: DatasourceInfo[]): QuerierFor {
  const types = Object.fromEntries(datasources.map((d) => [d.uid, d.type]));
  const cache = new Map<string, RangeQuerier>();
  const querier = (uid: string) => {
    if (!cache.has(uid)) {
      cache.set(uid, grafanaQuerier(get, uid));
    }
    return cache.get(uid)!;
  };
  return (rule) => {
    const uid = rule.source.kind === 'grafana' ? rule.datasourceUid : rule.source.id;
    return uid && types[uid] === 'prometheus' ? querier(uid) : undefined;
  };
}
