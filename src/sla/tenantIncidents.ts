/**
 * Pure part of the operator's tenant preview: which org is the picked tenant's, and the incidents (annotations)
 * its customers see there. The operator org's own annotations are never a stand-in for the customer's.
 */
import { isObj } from '../shared/narrow';
import { parseSettings } from '../settings';

export interface OrgMembership {
  orgId: number;
  name: string;
  role: string;
}

export interface Incident {
  id: number;
  time: number;
  timeEnd: number;
  text: string;
  tags: string[];
}

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

/** `GET /api/annotations`: keeps only well-formed entries; text stays plain text. */
export function parseIncidents(body: unknown): Incident[] {
  if (!Array.isArray(body)) {
    return [];
  }
  return body
    .filter(isObj)
    .filter((a) => typeof a.time === 'number')
    .map((a) => ({
      id: typeof a.id === 'number' ? a.id : 0,
      time: a.time as number,
      timeEnd: typeof a.timeEnd === 'number' ? a.timeEnd : (a.time as number),
      text: typeof a.text === 'string' ? a.text : '',
      tags: Array.isArray(a.tags) ? a.tags.filter((t): t is string => typeof t === 'string') : [],
    }))
    .sort((a, b) => b.time - a.time);
}

/** Query string of the customer-visible incidents of one tenant, read in the tenant's org (`targetOrgId`). */
export function incidentsQuery(orgId: number, tags: string[], from: number, to: number, limit = 100): string {
  const q = new URLSearchParams({
    targetOrgId: String(orgId),
    type: 'annotation',
    matchAny: 'false',
    from: String(from),
    to: String(to),
    limit: String(limit),
  });
  for (const t of tags) {
    q.append('tags', t);
  }
  return q.toString();
}
