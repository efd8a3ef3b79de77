import type { FetchResult } from '../../grafana/http';
import { messageOf } from '../../grafana/messageOf';
import type { ApiGet } from '../../rules/noise/prometheusApiQuerier';
import type { GrafanaFetch } from '../sources';

export type GrafanaAuth = { kind: 'token'; token: string } | { kind: 'basic'; user: string; password: string };

/** Grafana credentials from the environment: a service account token, or a user and password. */
export function grafanaAuthFromEnv(env: NodeJS.ProcessEnv): GrafanaAuth | undefined {
  if (env.GRAFANA_TOKEN) {
    return { kind: 'token', token: env.GRAFANA_TOKEN };
  }
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) {
    return { kind: 'basic', user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD };
  }
  return undefined;
}

function headers(auth: GrafanaAuth, org?: number): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json' };
  h.Authorization =
    auth.kind === 'token'
      ? `Bearer ${auth.token}`
      : `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  if (org !== undefined) {
    h['X-Grafana-Org-Id'] = String(org);
  }
  return h;
}

/** GET on Grafana's HTTP API with the command line's credentials, as a typed result (never throws). */
export function grafanaFetch(base: string, auth: GrafanaAuth, org?: number, timeoutMs = 60_000): GrafanaFetch {
  return async (path): Promise<FetchResult<unknown>> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { headers: headers(auth, org), signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const timedOut = e instanceof Error && e.name === 'TimeoutError';
      const message = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      return {
        ok: false,
        error: timedOut
          ? { kind: 'timeout', message: `no answer within ${timeoutMs / 1000} s` }
          : { kind: 'network', message },
      };
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's HTML error page): kept as text for the message.
    }
    if (res.ok) {
      return { ok: true, status: res.status, data: body };
    }
    return { ok: false, error: { kind: 'http', status: res.status, message: messageOf(body) ?? res.statusText, body } };
  };
}

/** Prometheus' API through Grafana's data source proxy, as the review CLI's `ApiGet` shape. */
export function proxyApiGet(get: GrafanaFetch, proxyPath: string): ApiGet {
  return async (path, params) => {
    const r = await get(`${proxyPath}${path}?${new URLSearchParams(params).toString()}`);
    if (r.ok) {
      return r.data;
    }
    if (r.error.kind === 'http' && r.error.body && typeof r.error.body === 'object') {
      return r.error.body; // Prometheus' {status:"error", error}: seriesOf turns it into its message
    }
    throw new Error(r.error.kind === 'http' ? `HTTP ${r.error.status}: ${r.error.message}` : r.error.message);
  };
}
