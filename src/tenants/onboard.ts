import { PLUGIN_ID } from '../constants';
import { parseSettings, type AppSettings } from '../settings';
import { isObj } from '../shared/narrow';
import { GrafanaAdmin, GrafanaApiError, num, str } from './grafanaAdmin';
import { dataSourceUid, desiredDataSources, ensureDataSources, tenantDataSourceUids } from './datasources';
import { readOrgs, type OrgView } from './orgs';
import { findTenantOrg, planAdd, Refusal, type AddPlan, type AddRequest } from './preflight';
import { orgUsers, runSteps, type StepResult } from './steps';
import { type DataWait, NO_WAIT, verifyAndEnable } from './verify';
import { ensureViewer, removeViewer } from './viewer';

export { PartialFailure, type StepOutcome, type StepResult } from './steps';

export type { AddRequest as AddOptions } from './preflight';

export { dataSourceName, dataSourceUid, historyDataSourceUid } from './datasources';

/**
 * The app's full settings for a tenant org. Settings already there (e.g. SLA targets the operator tuned for this
 * customer) are kept; mode, tenant and data source are forced. Grafana replaces jsonData on every save, so the
 * whole object is always sent.
 */
export function tenantSettings(existing: unknown, opts: AddRequest): AppSettings {
  const base = parseSettings(existing).settings;
  return {
    ...base,
    mode: 'tenant',
    tenant: { id: opts.id, name: opts.name },
    datasources: { ...tenantDataSourceUids(opts), lokiUid: '' },
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(sortKeys);
  }
  if (isObj(v)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])])
    );
  }
  return v;
}

const ADD_STEPS = ['organization', 'admin membership', 'data source', 'app settings', 'viewer', 'verify'] as const;

/**
 * Onboards (or re-checks) one tenant: refuses before any change when anything could cross tenants (preflight.ts),
 * then sets up org, data source, settings and viewer, and enables the app only once the data source is verified.
 * Every step reads before it writes, so a second run changes nothing.
 */
export async function addTenant(g: GrafanaAdmin, req: AddRequest, wait: DataWait = NO_WAIT): Promise<StepResult[]> {
  const plan = await planAdd(g, req);
  let orgId = plan.tenantOrg?.orgId ?? 0;
  let app = { settings: tenantSettings({}, req), enabled: false };
  const [orgStep, adminStep, dsStep, appStep, viewerStep, verifyStep] = ADD_STEPS;
  return runSteps([
    [
      orgStep,
      async () => {
        const r = await ensureOrg(g, plan);
        orgId = r.orgId;
        return [r.result];
      },
    ],
    [adminStep, async () => [await ensureAdminMember(g, orgId)]],
    [dsStep, async () => ensureDataSources(g, orgId, req)],
    [
      appStep,
      async () => {
        const r = await ensureAppSettings(g, orgId, req);
        app = r.app;
        return [r.result];
      },
    ],
    [viewerStep, async () => ensureViewer(g, orgId, plan)],
    [
      verifyStep,
      async () =>
        verifyAndEnable(
          g,
          {
            orgId,
            uids: desiredDataSources(req).map((d) => d.uid),
            label: app.settings.labels.tenant,
            id: req.id,
            settings: app.settings,
            enabled: app.enabled,
          },
          wait
        ),
    ],
  ]);
}

async function ensureOrg(g: GrafanaAdmin, plan: AddPlan): Promise<{ orgId: number; result: StepResult }> {
  const name = plan.request.name;
  if (plan.tenantOrg) {
    const { orgId } = plan.tenantOrg;
    return {
      orgId,
      result: {
        step: 'organization',
        outcome: 'unchanged',
        detail: `"${name}" (id ${orgId}) already belongs to tenant "${plan.request.id}"`,
      },
    };
  }
  const created = await g.call({ method: 'POST', path: '/api/orgs', body: { name } });
  if (created.status === 409) {
    throw new GrafanaApiError(
      'conflict',
      `an organization named "${name}" was created meanwhile; run the command again to see whose it is`
    );
  }
  const orgId = num(isObj(created.body) ? created.body.orgId : undefined, 'organization id');
  await claimOrg(g, orgId, plan.request);
  return {
    orgId,
    result: {
      step: 'organization',
      outcome: 'created',
      detail: `"${name}" (id ${orgId}), marked as tenant "${plan.request.id}"'s`,
    },
  };
}

/**
 * Writes the tenant id into the new org's app settings (app off) at once, so a later failure leaves an org that a
 * re-run recognises as this tenant's. If even that fails, the org made a moment ago is deleted again.
 */
async function claimOrg(g: GrafanaAdmin, orgId: number, req: AddRequest) {
  try {
    await g.call({
      method: 'POST',
      path: `/api/plugins/${PLUGIN_ID}/settings`,
      orgId,
      body: { enabled: false, pinned: false, jsonData: tenantSettings({}, req) },
    });
  } catch (e) {
    const undone = await g.request({ method: 'DELETE', path: `/api/orgs/${orgId}` }).then(
      (r) => r.status === 200,
      () => false
    );
    const what = undone
      ? 'the new org was deleted again'
      : `the new org ${orgId} could not be deleted again: delete it in Grafana`;
    throw new GrafanaApiError('http', `${e instanceof Error ? e.message : String(e)}; ${what}`);
  }
}

/** Org-scoped calls need the admin to be a member of the org; Grafana adds the creator, but not to older orgs. */
async function ensureAdminMember(g: GrafanaAdmin, orgId: number): Promise<StepResult> {
  const me = await g.call({ method: 'GET', path: '/api/user' });
  const login = isObj(me.body) ? str(me.body.login) : '';
  if (!login) {
    throw new GrafanaApiError('bad-response', 'Grafana did not say who the admin user is (GET /api/user)');
  }
  const members = await orgUsers(g, orgId);
  const mine = members.find((m) => m.login === login);
  if (mine?.role === 'Admin') {
    return { step: 'admin membership', outcome: 'unchanged', detail: `${login} administers the org` };
  }
  if (mine) {
    await g.call({ method: 'PATCH', path: `/api/orgs/${orgId}/users/${mine.userId}`, body: { role: 'Admin' } });
    return { step: 'admin membership', outcome: 'updated', detail: `${login} made Admin to manage the org` };
  }
  await g.call({ method: 'POST', path: `/api/orgs/${orgId}/users`, body: { loginOrEmail: login, role: 'Admin' } });
  return { step: 'admin membership', outcome: 'created', detail: `${login} added as Admin to manage the org` };
}

/** Saves the full tenant settings; a change leaves the app disabled until the verify step has passed. */
async function ensureAppSettings(
  g: GrafanaAdmin,
  orgId: number,
  opts: AddRequest
): Promise<{ app: { settings: AppSettings; enabled: boolean }; result: StepResult }> {
  const path = `/api/plugins/${PLUGIN_ID}/settings`;
  const cur = await g.call({ method: 'GET', path, orgId });
  if (cur.status === 404) {
    throw new GrafanaApiError(
      'not-found',
      `the ${PLUGIN_ID} plugin is not installed on this Grafana server; install it first`
    );
  }
  const body = isObj(cur.body) ? cur.body : {};
  const want = tenantSettings(body.jsonData, opts);
  const enabled = body.enabled === true;
  if (sameJson(body.jsonData, want) && body.pinned === enabled) {
    return {
      app: { settings: want, enabled },
      result: { step: 'app settings', outcome: 'unchanged', detail: `tenant mode for "${opts.id}"` },
    };
  }
  await g.call({ method: 'POST', path, orgId, body: { enabled: false, pinned: false, jsonData: want } });
  const outcome = isObj(body.jsonData) ? 'updated' : 'created';
  return {
    app: { settings: want, enabled: false },
    result: {
      step: 'app settings',
      outcome,
      detail: `tenant mode for "${opts.id}" saved (full settings); app off until verified`,
    },
  };
}

/** Every org with what the app says about it (for `tenant list`). */
export async function listOrgs(g: GrafanaAdmin): Promise<OrgView[]> {
  return readOrgs(g);
}

/**
 * Removes a tenant: only the org that carries this tenant id in its app settings and holds the data source `add`
 * created, never the operator's org, and the viewer only when it is a plain Viewer of that org alone.
 */
export async function removeTenant(g: GrafanaAdmin, id: string, viewerLogin: string): Promise<StepResult[]> {
  const orgs = await readOrgs(g);
  const org = findTenantOrg(orgs, id);
  if (!org) {
    return [
      {
        step: 'organization',
        outcome: 'unchanged',
        detail: `no organization runs the app for tenant "${id}"; nothing to remove`,
      },
    ];
  }
  const uid = dataSourceUid(id);
  const ds = await g.call({ method: 'GET', path: `/api/datasources/uid/${uid}`, orgId: org.orgId });
  if (ds.status !== 200) {
    throw new Refusal(
      `organization "${org.orgName}" (id ${org.orgId}) carries tenant "${id}" but not the data source ${uid} that add creates; it was not set up by this tool: remove it by hand if it really is this tenant's`
    );
  }
  return runSteps([
    ['viewer', async () => [await removeViewer(g, org.orgId, viewerLogin)]],
    [
      'organization',
      async () => {
        await g.call({ method: 'DELETE', path: `/api/orgs/${org.orgId}` });
        return [
          {
            step: 'organization',
            outcome: 'removed',
            detail: `"${org.orgName}" (id ${org.orgId}) with its data source and app settings`,
          },
        ];
      },
    ],
  ]);
}
