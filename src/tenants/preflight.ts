/**
 * Everything `tenant add` checks before it changes anything. Reads only; any finding that could let one tenant see
 * another's (or the operator's) data becomes a `Refusal`, so "refused" always means "nothing was changed".
 */
import { isObj } from '../shared/narrow';
import { GrafanaAdmin, num, str } from './grafanaAdmin';
import { sameOrgName } from './inputs';
import { isOperatorOrg, readOrgs, urlClashes, type OrgView } from './orgs';
import { userOrgs } from './steps';

/** A reason not to start; nothing was changed. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

export interface AddRequest {
  id: string;
  name: string;
  /**
   * The label-enforcing proxy in front of the tenant's data: `prom-label-proxy` (default) or the tenant's `vmauth`
   * user in front of VictoriaMetrics (README "Tenant boundary").
   */
  boundary?: 'prom-label-proxy' | 'vmauth';
  /** The tenant's proxy URL (prom-label-proxy, or vmauth), already checked by `checkUrlPattern` / `urlOption`. */
  url: string;
  /** prom-label-proxy only: the tenant's proxy in front of the long-term history (VictoriaMetrics). */
  historyUrl?: string;
  /** vmauth only: the tenant's vmauth user (the tenant id) and its password. */
  basicAuth?: { user: string; password: string };
  viewerLogin: string;
  /** Creates the viewer with this password; without it the viewer is invited by email. */
  viewerPassword?: string;
}

export type ViewerPlan =
  { kind: 'existing'; userId: number; inTenantOrg: boolean } | { kind: 'create' } | { kind: 'invite' };

export interface AddPlan {
  request: AddRequest;
  /** The org already carrying this tenant's id, if any (reused; everything else is refused). */
  tenantOrg?: OrgView;
  viewer: ViewerPlan;
  /** Label that carries the tenant id in the metrics (from the tenant org's settings, else the default). */
  tenantLabel: string;
}

const describe = (o: OrgView) => `"${o.orgName}" (id ${o.orgId})`;

function owner(o: OrgView): string {
  if (isOperatorOrg(o)) {
    return "the operator's org";
  }
  if (o.tenantId) {
    return `tenant "${o.tenantId}"'s org`;
  }
  return o.readable ? 'an org not set up by this tool' : 'an org the admin cannot read';
}

/** The one org carrying this tenant's id, refusing when it is the operator's or when several carry it. */
export function findTenantOrg(orgs: OrgView[], id: string): OrgView | undefined {
  const carrying = orgs.filter((o) => o.tenantId === id && o.mode === 'tenant');
  if (carrying.length > 1) {
    throw new Refusal(
      `several organizations carry tenant "${id}" in their app settings: ${carrying.map(describe).join(', ')}; an org belongs to one tenant: fix this in Grafana first`
    );
  }
  const org = carrying[0];
  if (org && isOperatorOrg(org)) {
    throw new Refusal(
      `organization ${describe(org)} is the operator's org but its app settings say tenant "${id}" (an earlier onboarding slip). ` +
        'This tool never changes the operator org: in Grafana, set the app back to operator mode there, remove tenant users from that org, then run add again.'
    );
  }
  return org;
}

function checkNames(orgs: OrgView[], name: string, id: string, tenantOrg: OrgView | undefined) {
  const clash = orgs.find((o) => o !== tenantOrg && sameOrgName(o.orgName, name));
  if (clash) {
    throw new Refusal(
      `an organization named ${describe(clash)} already exists and is ${owner(clash)}; tenant "${id}" gets its own org: pick another --name`
    );
  }
  if (tenantOrg && tenantOrg.orgName !== name) {
    throw new Refusal(
      `tenant "${id}" already has organization ${describe(tenantOrg)}; run add with --name "${tenantOrg.orgName}" (or rename that org in Grafana first)`
    );
  }
}

async function planViewer(g: GrafanaAdmin, req: AddRequest, tenantOrg: OrgView | undefined): Promise<ViewerPlan> {
  const login = req.viewerLogin;
  const found = await g.call({ method: 'GET', path: `/api/users/lookup?loginOrEmail=${encodeURIComponent(login)}` });
  if (found.status === 404 || !isObj(found.body)) {
    if (req.viewerPassword) {
      return { kind: 'create' };
    }
    if (!login.includes('@')) {
      throw new Refusal(
        `user "${login}" does not exist: set TENANT_VIEWER_PASSWORD to create it, or pass --viewer-login <email> to invite someone`
      );
    }
    return { kind: 'invite' };
  }
  const userId = num(found.body.id, 'user id');
  if (found.body.isGrafanaAdmin === true) {
    throw new Refusal(
      `"${login}" is a Grafana server admin; a tenant viewer must be an ordinary user. Pass another --viewer-login.`
    );
  }
  const orgs = await userOrgs(g, userId);
  const elsewhere = orgs.filter((o) => o.orgId !== tenantOrg?.orgId || o.role !== 'Viewer');
  if (elsewhere.length > 0) {
    const where = elsewhere.map((o) => `"${o.name}" (id ${o.orgId}) as ${o.role}`).join(', ');
    throw new Refusal(
      `user "${login}" (${str(found.body.login)}) already exists and is a member of ${where}; a tenant viewer must be a plain Viewer of this tenant's org only. Pass another --viewer-login, or remove those memberships in Grafana first.`
    );
  }
  return { kind: 'existing', userId, inTenantOrg: orgs.length > 0 };
}

/** Refuses when a tenant endpoint is also the operator's data source or another tenant's (same URL and user). */
async function refuseClashes(g: GrafanaAdmin, orgs: OrgView[], req: AddRequest) {
  const endpoints = [
    {
      url: req.url,
      user: req.basicAuth?.user,
      fix: req.boundary === 'vmauth' ? '--vmauth-url' : '--prometheus-url-pattern',
    },
    ...(req.historyUrl ? [{ url: req.historyUrl, user: undefined, fix: '--history-url-pattern' }] : []),
  ];
  for (const e of endpoints) {
    const clashes = await urlClashes(g, orgs, e.url, req.id, e.user);
    if (clashes.length > 0) {
      const as = e.user ? ` with user "${e.user}"` : '';
      throw new Refusal(
        `the proxy URL ${e.url}${as} is also the URL of ${clashes.join('; ')}. A tenant's data sources must be its own label-enforcing proxy: fix ${e.fix}`
      );
    }
  }
}

/** Reads Grafana and decides what `add` may do; throws `Refusal` before any change. */
export async function planAdd(g: GrafanaAdmin, req: AddRequest): Promise<AddPlan> {
  const orgs = await readOrgs(g);
  const tenantOrg = findTenantOrg(orgs, req.id);
  checkNames(orgs, req.name, req.id, tenantOrg);
  await refuseClashes(g, orgs, req);
  const viewer = await planViewer(g, req, tenantOrg);
  return { request: req, tenantOrg, viewer, tenantLabel: tenantOrg?.tenantLabel ?? 'tenant' };
}
