// Who may open which page, checked by the app itself on every address of a page: Grafana guards a page's
// `includes[].role` only on its exact path (docs/grafana-contract.md, "Page roles"), so /a/<id>/overview/x would
// otherwise reach the overview as a Viewer. Pure.
import { ROUTES, type RouteSlug } from '../constants';
import type { AppMode } from '../settings';

export type OrgRole = 'Admin' | 'Editor' | 'Viewer' | 'None';

/** The same roles as plugin.json `includes[].role` (pinned by access.test.ts), and the modes a page belongs to. */
export const PAGE_ACCESS: Record<RouteSlug, { role: OrgRole; modes: AppMode[] }> = {
  [ROUTES.Overview]: { role: 'Editor', modes: ['operator'] },
  [ROUTES.Sla]: { role: 'Viewer', modes: ['operator', 'tenant'] },
  [ROUTES.Rules]: { role: 'Editor', modes: ['operator'] },
  [ROUTES.Triage]: { role: 'Editor', modes: ['operator'] },
};

// Grafana's identity.RoleType precedence (pkg/apimachinery/identity/role_type.go); anything else ranks lowest.
const PRECEDENCE: Record<string, number> = { None: 10, Viewer: 20, Editor: 30, Admin: 40 };

/** RoleType.Includes: whether `have` is at least `need`. Unknown or missing roles include nothing. */
export function roleIncludes(have: string | undefined, need: OrgRole): boolean {
  return (PRECEDENCE[have ?? ''] ?? 0) >= PRECEDENCE[need];
}

export type PageRefusal = { reason: 'mode' } | { reason: 'role'; need: OrgRole; have: string };

/** Why this org and user may not open a page, or undefined when they may. The org's mode is checked first. */
export function pageRefusal(slug: RouteSlug, mode: AppMode, orgRole: string | undefined): PageRefusal | undefined {
  const rule = PAGE_ACCESS[slug];
  if (!rule.modes.includes(mode)) {
    return { reason: 'mode' };
  }
  if (!roleIncludes(orgRole, rule.role)) {
    return { reason: 'role', need: rule.role, have: orgRole || 'no role' };
  }
  return undefined;
}
