import { isObj } from '../shared/narrow';
import { GrafanaAdmin, GrafanaApiError, num, str } from './grafanaAdmin';
import type { AddPlan } from './preflight';
import { orgUsers, userOrgs, type StepResult } from './steps';

/**
 * The tenant's Viewer, as the preflight planned it: an existing plain Viewer of this org only (checked before any
 * change), a new user created with TENANT_VIEWER_PASSWORD, or an email invitation. Never a stronger role.
 */
export async function ensureViewer(g: GrafanaAdmin, orgId: number, plan: AddPlan): Promise<StepResult[]> {
  const v = plan.viewer;
  if (v.kind === 'create') {
    return [await createViewer(g, orgId, plan)];
  }
  if (v.kind === 'invite') {
    return [await inviteViewer(g, orgId, plan)];
  }
  const login = plan.request.viewerLogin;
  const note = plan.request.viewerPassword
    ? '; TENANT_VIEWER_PASSWORD not applied: the user exists and keeps its password'
    : '';
  if (v.inTenantOrg) {
    return [{ step: 'viewer', outcome: 'unchanged', detail: `${login} is a Viewer of this org only${note}` }];
  }
  await g.call({ method: 'POST', path: `/api/orgs/${orgId}/users`, body: { loginOrEmail: login, role: 'Viewer' } });
  return [{ step: 'viewer', outcome: 'created', detail: `${login} added as Viewer${note}` }];
}

async function createViewer(g: GrafanaAdmin, orgId: number, plan: AddPlan): Promise<StepResult> {
  const { viewerLogin: login, viewerPassword, name } = plan.request;
  const r = await g.call({
    method: 'POST',
    path: '/api/admin/users',
    body: {
      name: `${name} viewer`,
      login,
      email: login.includes('@') ? login : '',
      password: viewerPassword,
      OrgId: orgId,
    },
  });
  const userId = num(isObj(r.body) ? r.body.id : undefined, 'user id');
  // With auto_assign_org=false Grafana ignores OrgId and gives the new user an org of its own (as Admin).
  const elsewhere = (await userOrgs(g, userId)).filter((o) => o.orgId !== orgId);
  if (elsewhere.length > 0) {
    await g.call({ method: 'DELETE', path: `/api/admin/users/${userId}` });
    throw new GrafanaApiError(
      'conflict',
      `Grafana put the new user ${login} into ${elsewhere.map((o) => `"${o.name}" (id ${o.orgId}) as ${o.role}`).join(', ')} instead of only this org ` +
        '(is [users] auto_assign_org = false?). The user was deleted again; set auto_assign_org = true, delete that org if Grafana created it for the user, and run again.'
    );
  }
  const member = (await orgUsers(g, orgId)).find((m) => m.userId === userId);
  if (!member) {
    await g.call({ method: 'POST', path: `/api/orgs/${orgId}/users`, body: { loginOrEmail: login, role: 'Viewer' } });
  } else if (member.role !== 'Viewer') {
    // auto_assign_org_role may be Editor or Admin: a tenant user never keeps more than Viewer.
    await g.call({ method: 'PATCH', path: `/api/orgs/${orgId}/users/${userId}`, body: { role: 'Viewer' } });
  }
  return { step: 'viewer', outcome: 'created', detail: `${login} created as Viewer of this org only` };
}

async function inviteViewer(g: GrafanaAdmin, orgId: number, plan: AddPlan): Promise<StepResult> {
  const email = plan.request.viewerLogin;
  const pending = await g.call({ method: 'GET', path: '/api/org/invites', orgId });
  const already = (Array.isArray(pending.body) ? pending.body : [])
    .filter(isObj)
    .some((i) => str(i.email).toLowerCase() === email.toLowerCase());
  if (already) {
    return { step: 'viewer', outcome: 'unchanged', detail: `${email} already invited as Viewer` };
  }
  await g.call({
    method: 'POST',
    path: '/api/org/invites',
    orgId,
    body: { loginOrEmail: email, name: `${plan.request.name} viewer`, role: 'Viewer', sendEmail: true },
  });
  return { step: 'viewer', outcome: 'created', detail: `${email} invited as Viewer (email sent)` };
}

/** Deletes the tenant's viewer only when it is a plain Viewer of this org and of no other. */
export async function removeViewer(g: GrafanaAdmin, orgId: number, login: string): Promise<StepResult> {
  const found = await g.call({ method: 'GET', path: `/api/users/lookup?loginOrEmail=${encodeURIComponent(login)}` });
  if (found.status === 404 || !isObj(found.body)) {
    return { step: 'viewer', outcome: 'unchanged', detail: `no user "${login}"` };
  }
  const userId = num(found.body.id, 'user id');
  const orgs = await userOrgs(g, userId);
  const onlyHere = orgs.length === 1 && orgs[0].orgId === orgId && orgs[0].role === 'Viewer';
  if (found.body.isGrafanaAdmin === true || !onlyHere) {
    return { step: 'viewer', outcome: 'skipped', detail: `${login} kept: it is not a plain Viewer of this org alone` };
  }
  await g.call({ method: 'DELETE', path: `/api/admin/users/${userId}` });
  return { step: 'viewer', outcome: 'removed', detail: `${login} deleted` };
}
