/**
 * Pure part of the operator's tenant preview: which org is the picked tenant's, and the incidents (annotations)
 * its customers see there. The operator org's own annotations are never a stand-in for the customer's.
 */
import { annotationsQuery } from '../shared/annotations';
import { isObj } from '../shared/narrow';
import { parseSettings } from '../settings';

export interface OrgMembership {
  orgId: number;
  name: string;
  role: string;
}

export type { Annotation as Incident } from '../shared/annotations';

/** `GET /api/user/orgs`: the orgs the signed-in operator belongs to. */
export function parseUserOrgs(body: unknown): OrgMembership[] {
  if (!Array.isArray(body)) {
    return [];
  }
  return body
    .filter(isObj)
    .filter((o) => typeof o.orgId === 'number')
    .map((o) => ({
      orgId: o.orgId as number,
      name: typeof o.name === 'string' ? o.name : '',
      role: typeof o.role === 'string' ? o.role : '',
    }));
}

/** True when an org's app settings (`GET /api/plugins/<id>/settings` body) say: tenant mode for this tenant id. */
export function settingsBelongTo(body: unknown, tenantId: string): boolean {
  if (!isObj(body) || !isObj(body.jsonData)) {
    return false;
  }
  const s = parseSettings(body.jsonData).settings;
  return s.mode === 'tenant' && s.tenant.id === tenantId;
}

/** Query string of the customer-visible incidents of one tenant, read in the tenant's org (`targetOrgId`). */
export function incidentsQuery(orgId: number, tags: string[], from: number, to: number, limit = 100): string {
  return annotationsQuery({ orgId, tags, from, to, limit });
}
