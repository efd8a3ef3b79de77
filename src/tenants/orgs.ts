/** What Grafana's orgs say about the app: which org is the operator's, which carries which tenant id. */
import { PLUGIN_ID } from '../constants';
import { parseSettings, type AppMode } from '../settings';
import { isObj } from '../shared/narrow';
import { GrafanaAdmin, GrafanaApiError, num, str } from './grafanaAdmin';
import { urlKey } from './inputs';

/** `GET /api/orgs` answers at most `perpage` orgs (SearchOrgs, default 1000). */
const ORG_PAGE = 1000;

/** One org with what the app's settings in it say. */
export interface OrgView {
  orgId: number;
  orgName: string;
  /** False when the admin cannot read the org's app settings (not a member). */
  readable: boolean;
  /** The app has a settings row with jsonData in this org. */
  configured: boolean;
  enabled: boolean;
  mode?: AppMode;
  tenantId?: string;
  tenantLabel: string;
  prometheusUid?: string;
}

/** The operator's org: Grafana's main org 1, or any org where the app runs enabled in operator mode. */
export function isOperatorOrg(o: OrgView): boolean {
  return o.orgId === 1 || (o.configured && o.enabled && o.mode === 'operator');
}

/** Every org, with the app's settings in it. Fails when the plugin is not installed at all. */
export async function readOrgs(g: GrafanaAdmin): Promise<OrgView[]> {
  const r = await g.call({ method: 'GET', path: `/api/orgs?perpage=${ORG_PAGE}` });
  const list = (Array.isArray(r.body) ? r.body : []).filter(isObj);
  if (list.length >= ORG_PAGE) {
    throw new GrafanaApiError(
      'conflict',
      `Grafana lists ${ORG_PAGE} or more organizations; tenant onboarding reads at most ${ORG_PAGE - 1}`
    );
  }
  const out: OrgView[] = [];
  for (const o of list) {
    out.push(await readOrg(g, num(o.id, 'org id'), str(o.name)));
  }
  return out;
}

async function readOrg(g: GrafanaAdmin, orgId: number, orgName: string): Promise<OrgView> {
  const view: OrgView = { orgId, orgName, readable: false, configured: false, enabled: false, tenantLabel: 'tenant' };
  const s = await g.request({ method: 'GET', path: `/api/plugins/${PLUGIN_ID}/settings`, orgId });
  if (s.status === 404) {
    throw new GrafanaApiError(
      'not-found',
      `the ${PLUGIN_ID} plugin is not installed on this Grafana server; install it first`
    );
  }
  if (s.status === 401 || s.status === 403 || !isObj(s.body)) {
    // The admin is not a member of this org: it cannot be reused, but its name still counts.
    return view;
  }
  const configured = isObj(s.body.jsonData);
  const parsed = parseSettings(configured ? s.body.jsonData : {}).settings;
  return {
    ...view,
    readable: true,
    configured,
    enabled: s.body.enabled === true,
    mode: configured ? parsed.mode : undefined,
    tenantId: configured && parsed.tenant.id ? parsed.tenant.id : undefined,
    tenantLabel: parsed.labels.tenant,
    prometheusUid: parsed.datasources.prometheusUid || undefined,
  };
}

export interface DataSourceView {
  uid: string;
  name: string;
  type: string;
  url: string;
}

/** The data sources of one org (as the admin sees them with X-Grafana-Org-Id). */
export async function orgDataSources(g: GrafanaAdmin, orgId: number): Promise<DataSourceView[]> {
  const r = await g.request({ method: 'GET', path: '/api/datasources', orgId });
  if (r.status !== 200 || !Array.isArray(r.body)) {
    return [];
  }
  return r.body.filter(isObj).map((d) => ({ uid: str(d.uid), name: str(d.name), type: str(d.type), url: str(d.url) }));
}

/** Whose data sources could clash with a tenant's: the operator's (unfiltered) and other tenants' orgs. */
function clashOwner(o: OrgView, tenantId: string): string | undefined {
  if (!o.readable) {
    return undefined;
  }
  if (isOperatorOrg(o)) {
    return `the operator's org "${o.orgName}" (id ${o.orgId}), unfiltered`;
  }
  const otherTenant = o.tenantId !== undefined && o.tenantId !== tenantId;
  return otherTenant ? `tenant "${o.tenantId}"'s org "${o.orgName}" (id ${o.orgId})` : undefined;
}

/** The basic-auth user a data source sends (only the single-data-source answer carries it, DataSourceDTO). */
async function basicAuthUser(g: GrafanaAdmin, orgId: number, uid: string): Promise<string | undefined> {
  const r = await g.request({ method: 'GET', path: `/api/datasources/uid/${encodeURIComponent(uid)}`, orgId });
  return isObj(r.body) && r.body.basicAuth === true ? str(r.body.basicAuthUser) || undefined : undefined;
}

/**
 * Data sources elsewhere that reach the same backend as `url`: the operator's unfiltered ones (any user), other
 * tenants' proxies. Behind vmauth every tenant shares the URL and the user decides the filter, so another tenant's
 * data source clashes only with the same `user`.
 */
export async function urlClashes(
  g: GrafanaAdmin,
  orgs: OrgView[],
  url: string,
  tenantId: string,
  user?: string
): Promise<string[]> {
  const key = urlKey(url);
  const clashes: string[] = [];
  for (const o of orgs) {
    const whose = clashOwner(o, tenantId);
    if (whose === undefined) {
      continue;
    }
    for (const d of await orgDataSources(g, o.orgId)) {
      if (urlKey(d.url) !== key) {
        continue;
      }
      const same = isOperatorOrg(o) || (await basicAuthUser(g, o.orgId, d.uid)) === user;
      if (same) {
        clashes.push(`data source "${d.name}" in ${whose}`);
      }
    }
  }
  return clashes;
}
