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

/**
 * Blanks credentials an upstream echoes: vmauth 1.79.5 answers an unknown user with
 * `cannot find the provided auth token "Basic <base64 user:password>" in config` (app/vmauth/main.go requestHandler).
 */
export function redactCredentials(text: string): string {
  return text.replace(/\b(Basic|Bearer|Token)\s+[A-Za-z0-9+/=._~-]+/g, '$1 [redacted]');
}

async function proxyGet(g: GrafanaAdmin, orgId: number, uid: string, path: string): Promise<unknown> {
  // Grafana's proxy forbids POST to Prometheus data sources (ds_proxy.go validateRequest): GET only.
  const r = await g.request({ method: 'GET', path: `/api/datasources/proxy/uid/${uid}/${path}`, orgId });
  if (r.status !== 200) {
    const msg = redactCredentials(
      typeof r.body === 'object' && r.body !== null ? JSON.stringify(r.body) : String(r.body ?? '')
    ).slice(0, 300);
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
  t: { orgId: number; uids: string[]; label: string; id: string; settings: AppSettings; enabled: boolean },
  wait: DataWait = NO_WAIT
): Promise<StepResult[]> {
  const details: string[] = [];
  for (const uid of t.uids) {
    const result = await isolationOnceData(g, t, uid, wait);
    if (result.verdict !== 'isolated') {
      await saveApp(g, t.orgId, t.settings, false);
      return refuse(result, t.label, t.uids.length > 1 ? uid : undefined);
    }
    details.push(
      `${t.uids.length > 1 ? `${uid}: ` : ''}${result.series} series in the last hour, all ${t.label}="${t.id}"`
    );
  }
  const detail = `${details.join('; ')} (queried through Grafana's data source proxy)`;
  if (t.enabled) {
    return [{ step: 'verify', outcome: 'unchanged', detail }];
  }
  await saveApp(g, t.orgId, t.settings, true);
  return [{ step: 'verify', outcome: 'updated', detail: `${detail}; app enabled` }];
}

/** How long to keep asking while a data source has no series yet (a fresh stack), and how to wait between asks. */
export interface DataWait {
  seconds: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** Ask every 10 s: a scrape interval or two, so a new tenant's first series are seen soon after they arrive. */
export const DATA_POLL_MS = 10_000;

export const NO_WAIT: DataWait = {
  seconds: 0,
  now: () => Date.now() / 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The isolation verdict of one data source, asking again while it is "empty" until `wait.seconds` have passed.
 * Only the absence of data is waited out: a leak or an error is final at once.
 */
async function isolationOnceData(
  g: GrafanaAdmin,
  t: { orgId: number; label: string; id: string },
  uid: string,
  wait: DataWait
): Promise<Isolation> {
  const deadline = wait.now() + wait.seconds;
  for (;;) {
    const result = await checkIsolation(g, t.orgId, uid, t.label, t.id, wait.now());
    const left = deadline - wait.now();
    if (result.verdict !== 'empty' || left <= 0) {
      return result;
    }
    await wait.sleep(Math.min(DATA_POLL_MS, left * 1000));
  }
}

/** Throws what a failed isolation check means; `which` names the data source when the org has several. */
function refuse(result: Exclude<Isolation, { verdict: 'isolated' }>, label: string, which?: string): never {
  const ds = which ? `the data source ${which}` : 'the data source';
  if (result.verdict === 'leak') {
    throw new VerificationFailed(
      `${ds} returned series of other tenants or without a ${label} label; the app is disabled in this org`,
      result.seen
    );
  }
  if (result.verdict === 'empty') {
    throw new VerificationFailed(
      `${ds} returned no series in the last hour, so isolation could not be shown; the app stays disabled. Run the same command again once the tenant has data (or add --wait-for-data SECONDS).`,
      []
    );
  }
  throw new VerificationFailed(`${ds} could not be queried (${result.message}); the app stays disabled`, []);
}
