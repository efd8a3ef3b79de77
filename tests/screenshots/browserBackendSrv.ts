import { setBackendSrv, type BackendSrv, type BackendSrvRequest, type FetchError, type FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';

/**
 * Grafana's BackendSrv.fetch over the browser's fetch, for the screenshot harness (no Grafana server runs here).
 * It follows the same rows of docs/grafana-contract.md as tests/helpers/backendSrv.ts: public/app/core/services/
 * backend_srv.ts handleStreamResponse/processRequestError and public/app/core/utils/fetch.ts parseResponseBody —
 * an HTTP error becomes `{status, statusText, data, config}` with `data.message` always set; a network failure is
 * the error itself with `data: {message: 'Unexpected error'}`.
 */
function parseBody(text: string, contentType: string): unknown {
  if (contentType.includes('application/json') && text === '') {
    return {};
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorData(data: unknown, statusText: string): Record<string, unknown> {
  if (data === undefined || data === null || data === '') {
    return { message: 'Unexpected error' };
  }
  if (typeof data === 'string') {
    return { message: data, error: statusText, response: data };
  }
  const d: Record<string, unknown> = typeof data === 'object' ? { ...(data as Record<string, unknown>) } : { message: String(data) };
  if (!d.message && typeof d.error === 'string') {
    d.message = d.error;
  }
  return d;
}

function query(params: BackendSrvRequest['params']): string {
  if (!params) {
    return '';
  }
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null) {
      q.append(k, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Installs the fetch-based BackendSrv as Grafana's runtime service. */
export function installBrowserBackendSrv(): void {
  const fetchObs = <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable((sub) => {
      const body = req.data === undefined ? undefined : JSON.stringify(req.data);
      fetch(`${req.url}${query(req.params)}`, {
        method: req.method ?? 'GET',
        headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...req.headers },
        body,
        signal: req.abortSignal,
      }).then(
        async (res) => {
          const data = parseBody(await res.text(), res.headers.get('content-type') ?? '');
          if (!res.ok) {
            const err: FetchError = { status: res.status, statusText: res.statusText, data: errorData(data, res.statusText), config: req };
            sub.error(err);
            return;
          }
          sub.next({ status: res.status, statusText: res.statusText, ok: true, data: data as T, config: req, headers: res.headers, redirected: res.redirected, type: res.type, url: res.url });
          sub.complete();
        },
        (e: unknown) => sub.error(Object.assign(e instanceof Error ? e : new Error(String(e)), { data: { message: 'Unexpected error' } }))
      );
    });
  setBackendSrv({ fetch: fetchObs } as unknown as BackendSrv);
}
