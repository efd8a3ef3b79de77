import { config, getBackendSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import * as kernel from '../shared/http';
import type { Http, HttpFailure, HttpRequest, HttpResult } from '../shared/http';
import { own, str } from '../shared/narrow';

/** Grafana's FetchError (backend_srv.ts `handleStreamError` → `processRequestError`) as the shared failure. */
function fromFetchError(e: unknown, url: string): HttpFailure {
  if (isFetchError(e)) {
    if (!e.status || e.status <= 0) {
      return { kind: 'network', message: e.statusText || 'the server could not be reached', url };
    }
    return kernel.statusFailure(e.status, e.data, url, e.statusText);
  }
  return { kind: 'network', message: str(own(e, 'message')) ?? 'unknown error', url };
}

async function viaBackendSrv(req: HttpRequest, signal: AbortSignal): Promise<HttpResult> {
  const res = await lastValueFrom(
    getBackendSrv().fetch<unknown>({
      url: req.url,
      method: req.method ?? 'GET',
      data: req.body,
      params: req.params,
      headers: req.headers,
      showErrorAlert: false,
      showSuccessAlert: false,
      abortSignal: signal,
    })
  );
  return { ok: true, status: res.status, data: res.data };
}

/**
 * Through the browser's fetch with redirects not followed: for what goes to a proxy route (to vLLM, to a data
 * source) carrying a prompt or credentials, where the server behind Grafana could answer 307 to another host and
 * `getBackendSrv` (which cannot be told not to follow) would send the body there. Same origin, so the session
 * cookie goes along; the org header pins the org as getBackendSrv would.
 */
async function viaFetch(req: HttpRequest, signal: AbortSignal): Promise<HttpResult> {
  const url = kernel.urlWithParams(req.url, req.params);
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (req.body !== undefined && typeof req.body !== 'string') {
    headers['Content-Type'] = 'application/json';
  }
  headers['X-Grafana-Org-Id'] = String(config.bootData?.user?.orgId ?? '');
  const res = await fetch(url, { method: req.method ?? 'GET', headers, body: kernel.encodeBody(req.body), signal, credentials: 'same-origin', redirect: 'manual' });
  return kernel.resultOf(res, url);
}

const PROXY_ROUTE = /^\/(?:.*\/)?api\/(plugin-proxy|datasources\/proxy)\//;

/** Whether the URL's path is one of Grafana's proxy routes (relative, absolute, or under a sub-path). */
function isProxyRoute(url: string): boolean {
  return PROXY_ROUTE.test(new URL(url, 'http://grafana.invalid/').pathname);
}

/**
 * The browser `Http`: Grafana's backend service (its session, org header and token refresh), never showing
 * Grafana's own error toast; every outcome is a result. The body comes back as `unknown`: callers narrow it.
 */
export const grafanaHttp: Http = async (req) => {
  const d = kernel.deadline(req);
  try {
    return kernel.mustNotRedirect(req) && isProxyRoute(req.url) ? await viaFetch(req, d.signal) : await viaBackendSrv(req, d.signal);
  } catch (e) {
    const failure = fromFetchError(e, req.url);
    return { ok: false, error: failure.kind === 'network' ? kernel.noAnswer(req, d.state.timedOut, failure.message) : failure };
  } finally {
    d.done();
  }
};
