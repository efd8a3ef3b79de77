import { config } from '@grafana/runtime';
import { PLUGIN_ID } from '../constants';
import { grafanaHttp } from '../grafana/http';
import { describe, type HttpResult } from '../shared/http';
import { parseAnnotations } from '../shared/annotations';
import { incidentsQuery, parseUserOrgs, settingsBelongTo, type Incident } from './tenantIncidents';

export type TenantIncidents = { ok: true; orgName: string; incidents: Incident[] } | { ok: false; reason: string };

/**
 * Reads the incidents the picked tenant's customers see, from the tenant's own org with the operator's rights
 * there (`targetOrgId` selects the org server-side; it wins over the X-Grafana-Org-Id header Grafana's frontend
 * sets). Fails closed: any doubt about which org is the tenant's becomes a reason, never the operator org's data.
 */
export async function loadTenantIncidents(
  tenantId: string,
  tags: string[],
  from: number,
  to: number
): Promise<TenantIncidents> {
  const orgs = await grafanaHttp({ url: '/api/user/orgs', timeoutMs: 10_000 });
  if (!orgs.ok) {
    return { ok: false, reason: `cannot list your organizations: ${describe(orgs.error, { what: 'Grafana' })}` };
  }
  const current = config.bootData?.user?.orgId;
  const matches = [];
  for (const o of parseUserOrgs(orgs.data).filter((m) => m.orgId !== current)) {
    const s = await grafanaHttp({
      url: `/api/plugins/${PLUGIN_ID}/settings?targetOrgId=${o.orgId}`,
      timeoutMs: 10_000,
    });
    if (s.ok && settingsBelongTo(s.data, tenantId)) {
      matches.push(o);
    }
  }
  if (matches.length !== 1) {
    const why =
      matches.length === 0
        ? `you are not a member of an organization running the app for tenant "${tenantId}"`
        : `${matches.length} organizations claim tenant "${tenantId}"`;
    return { ok: false, reason: why };
  }
  const org = matches[0];
  const r = await grafanaHttp({
    url: `/api/annotations?${incidentsQuery(org.orgId, tags, from, to)}`,
    timeoutMs: 10_000,
  });
  return incidentsOf(org.name, r);
}

/** The annotations answer of the tenant's org as incidents, or the reason it cannot be read. */
function incidentsOf(orgName: string, r: HttpResult): TenantIncidents {
  const why = (detail: string): TenantIncidents => ({
    ok: false,
    reason: `cannot read the annotations of "${orgName}": ${detail}`,
  });
  if (!r.ok) {
    return why(describe(r.error, { what: 'Grafana' }));
  }
  try {
    return { ok: true, orgName, incidents: parseAnnotations(r.data) };
  } catch (e) {
    return why(e instanceof Error ? e.message : 'unreadable answer');
  }
}
