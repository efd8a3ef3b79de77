/**
 * The tenant org's data sources, one per label-enforcing endpoint: the `prom-label-proxy` in front of Prometheus
 * (and, when given, one in front of VictoriaMetrics for the history), or the tenant's `vmauth` user in front of
 * VictoriaMetrics, which then serves both short and long windows. Created, or brought back to what they should be;
 * never anything else in the org.
 */
import { isObj } from '../shared/narrow';
import { GrafanaAdmin, GrafanaApiError, str } from './grafanaAdmin';
import type { AddRequest } from './preflight';
import type { StepResult } from './steps';

/** Data source uid and name of a tenant (fixed by the CLI contract). */
export function dataSourceUid(id: string): string {
  return `sovgrid-prom-${id}`;
}
export function dataSourceName(id: string, boundary: AddRequest['boundary'] = 'prom-label-proxy'): string {
  return boundary === 'vmauth' ? `VictoriaMetrics (${id})` : `Prometheus (${id})`;
}
/** The separate history data source of a prom-label-proxy tenant. */
export function historyDataSourceUid(id: string): string {
  return `sovgrid-history-${id}`;
}

/** Which data source serves what in the tenant's settings (`datasources.prometheusUid` / `historyUid`). */
export function tenantDataSourceUids(req: AddRequest): { prometheusUid: string; historyUid: string } {
  const prometheusUid = dataSourceUid(req.id);
  if (req.boundary === 'vmauth') {
    return { prometheusUid, historyUid: prometheusUid };
  }
  return { prometheusUid, historyUid: req.historyUrl ? historyDataSourceUid(req.id) : '' };
}

export interface DesiredDataSource {
  uid: string;
  name: string;
  type: 'prometheus';
  access: 'proxy';
  url: string;
  isDefault: boolean;
  jsonData: { httpMethod: 'POST' };
  basicAuth: boolean;
  basicAuthUser: string;
  /** The vmauth password; Grafana keeps it encrypted and never answers it (secureJsonFields only). */
  secureJsonData?: { basicAuthPassword: string };
}

function prometheusDs(uid: string, name: string, url: string, isDefault: boolean): DesiredDataSource {
  return {
    uid,
    name,
    type: 'prometheus',
    access: 'proxy',
    url,
    isDefault,
    jsonData: { httpMethod: 'POST' },
    basicAuth: false,
    basicAuthUser: '',
  };
}

/** Every data source the tenant org should have. */
export function desiredDataSources(req: AddRequest): DesiredDataSource[] {
  const main = prometheusDs(dataSourceUid(req.id), dataSourceName(req.id, req.boundary), req.url, true);
  if (req.boundary === 'vmauth' && req.basicAuth) {
    const { user, password } = req.basicAuth;
    return [{ ...main, basicAuth: true, basicAuthUser: user, secureJsonData: { basicAuthPassword: password } }];
  }
  return req.historyUrl
    ? [main, prometheusDs(historyDataSourceUid(req.id), `History (${req.id})`, req.historyUrl, false)]
    : [main];
}

/** Whether the data source Grafana has differs from the one the tenant should have (secret values cannot be read). */
export function dataSourceDiffers(body: unknown, want: DesiredDataSource): boolean {
  const cur = isObj(body) ? body : {};
  const fields = ['name', 'type', 'url', 'access', 'isDefault'] as const;
  const httpMethod = isObj(cur.jsonData) ? cur.jsonData.httpMethod : undefined;
  const auth =
    (cur.basicAuth === true) !== want.basicAuth || (want.basicAuth && cur.basicAuthUser !== want.basicAuthUser);
  const secretMissing =
    want.basicAuth && !(isObj(cur.secureJsonFields) && cur.secureJsonFields.basicAuthPassword === true);
  return fields.some((f) => cur[f] !== want[f]) || httpMethod !== want.jsonData.httpMethod || auth || secretMissing;
}

function shown(d: DesiredDataSource): string {
  return `${d.name} → ${d.url}${d.basicAuth ? ` as ${d.basicAuthUser}` : ''}`;
}

async function ensureOne(g: GrafanaAdmin, orgId: number, want: DesiredDataSource): Promise<StepResult> {
  const got = await g.call({ method: 'GET', path: `/api/datasources/uid/${want.uid}`, orgId });
  if (got.status === 404) {
    const r = await g.call({ method: 'POST', path: '/api/datasources', orgId, body: want });
    if (r.status === 409) {
      throw new GrafanaApiError(
        'conflict',
        `a data source named "${want.name}" already exists in this org with another uid; rename or delete it, then run again`
      );
    }
    return { step: 'data source', outcome: 'created', detail: shown(want) };
  }
  if (dataSourceDiffers(got.body, want)) {
    await g.call({ method: 'PUT', path: `/api/datasources/uid/${want.uid}`, orgId, body: want });
    return { step: 'data source', outcome: 'updated', detail: shown(want) };
  }
  if (want.secureJsonData) {
    // The stored password cannot be read back: send it again so a rotated one takes effect (same one: no change).
    await g.call({ method: 'PUT', path: `/api/datasources/uid/${want.uid}`, orgId, body: want });
    return {
      step: 'data source',
      outcome: 'unchanged',
      detail: `${shown(want)} (password from VMAUTH_PASSWORD set again)`,
    };
  }
  return { step: 'data source', outcome: 'unchanged', detail: shown(want) };
}

/** Creates or corrects the tenant's data sources and warns about any other data source its viewer could query. */
export async function ensureDataSources(g: GrafanaAdmin, orgId: number, req: AddRequest): Promise<StepResult[]> {
  const wanted = desiredDataSources(req);
  const results: StepResult[] = [];
  for (const want of wanted) {
    results.push(await ensureOne(g, orgId, want));
  }
  // Inside one org a Viewer can query every data source (facts §6): anything else here is a leak to report.
  const all = await g.call({ method: 'GET', path: '/api/datasources', orgId });
  const uids = new Set(wanted.map((w) => w.uid));
  const others = (Array.isArray(all.body) ? all.body : []).filter(isObj).filter((d) => !uids.has(str(d.uid)));
  if (others.length > 0) {
    results.push({
      step: 'data source',
      outcome: 'skipped',
      detail: `WARNING: the org has other data sources its viewer can query: ${others.map((d) => `"${str(d.name)}"`).join(', ')}; remove them unless they are scoped to this tenant`,
    });
  }
  return results;
}
