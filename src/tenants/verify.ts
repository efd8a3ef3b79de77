/**
 * The verify step of `tenant add`: queries the tenant's new data source through Grafana's data source proxy in the
 * tenant's org (as that org's panels would), and only then enables the app there.
 */
import { PLUGIN_ID } from '../constants';
import type { AppSettings } from '../settings';
import { GrafanaAdmin } from './grafanaAdmin';
import { isolationQuery, judgeIsolation, parseGroups, parseLabelValues, type Isolation } from './isolation';
import type { StepResult } from './steps';

/** Verification did not prove isolation; the app is disabled in the tenant org. `seen` is what came back. */
export class VerificationFailed extends Error {
  constructor(
    message: string,
    readonly seen: string[]
  ) {
    super(message);
    this.name = 'VerificationFailed';
  }
}

async function proxyGet(g: GrafanaAdmin, orgId: number, uid: string, path: string): Promise<unknown> {
  // Grafana's proxy forbids POST to Prometheus data sources (ds_proxy.go validateRequest): GET only.
  const r = await g.request({ method: 'GET', path: `/api/datasources/proxy/uid/${uid}/${path}`, orgId });
  if (r.status !== 200) {
    const msg =
      typeof r.body === 'object' && r.body !== null
        ? JSON.stringify(r.body).slice(0, 300)
        : String(r.body ?? '').slice(0, 300);
    return { status: 'error', error: `HTTP ${r.status} from Grafana's data source proxy: ${msg}` };
  }
  return r.body;
}

/** Asks the data source, through Grafana, which tenant label values its series carry. */
export async function checkIsolation(
  g: GrafanaAdmin,
  orgId: number,
  uid: string,
  label: string,
  id: string,
  now: number
): Promise<Isolation> {
  const q = new URLSearchParams({ query: isolationQuery(label), time: String(now) });
  const groups = parseGroups(await proxyGet(g, orgId, uid, `api/v1/query?${q}`), label);
  if (typeof groups === 'string') {
    return { verdict: 'error', message: groups };
  }
  const range = new URLSearchParams({ start: String(now - 3600), end: String(now) });
  const values = parseLabelValues(
    await proxyGet(g, orgId, uid, `api/v1/label/${encodeURIComponent(label)}/values?${range}`)
  );
  if (typeof values === 'string') {
    return { verdict: 'error', message: values };
  }
  return judgeIsolation(groups, values, label, id);
}

async function saveApp(g: GrafanaAdmin, orgId: number, settings: AppSettings, enabled: boolean) {
  await g.call({
    method: 'POST',
    path: `/api/plugins/${PLUGIN_ID}/settings`,
    orgId,
    body: { enabled, pinned: enabled, jsonData: settings },
  });
}

/**
 * Verifies, then enables the app (or leaves/turns it off). `enabled` is the app's state before this step.
 */
export async function verifyAndEnable(
  g: GrafanaAdmin,
  t: { orgId: number; uid: string; label: string; id: string; settings: AppSettings; enabled: boolean },
  now = Date.now() / 1000
): Promise<StepResult[]> {
  const result = await checkIsolation(g, t.orgId, t.uid, t.label, t.id, now);
  if (result.verdict === 'isolated') {
    const detail = `${result.series} series in the last hour, all ${t.label}="${t.id}" (queried through Grafana's data source proxy)`;
    if (t.enabled) {
      return [{ step: 'verify', outcome: 'unchanged', detail }];
    }
    await saveApp(g, t.orgId, t.settings, true);
    return [{ step: 'verify', outcome: 'updated', detail: `${detail}; app enabled` }];
  }
  await saveApp(g, t.orgId, t.settings, false);
  if (result.verdict === 'leak') {
    throw new VerificationFailed(
      `the data source returned series of other tenants or without a ${t.label} label; the app is disabled in this org`,
      result.seen
    );
  }
  if (result.verdict === 'empty') {
    throw new VerificationFailed(
      'the data source returned no series in the last hour, so isolation could not be shown; the app stays disabled. Run the same command again once the tenant has data.',
      []
    );
  }
  throw new VerificationFailed(`the data source could not be queried (${result.message}); the app stays disabled`, []);
}
