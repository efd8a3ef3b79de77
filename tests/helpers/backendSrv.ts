import { request as httpRequest } from 'node:http';
import { setBackendSrv, type BackendSrv, type BackendSrvRequest, type FetchError, type FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';

/**
 * A stand-in for Grafana's BackendSrv (Grafana cannot run here). It follows docs/grafana-contract.md row
 * "BackendSrv.fetch": grafana/grafana public/app/core/services/backend_srv.ts (handleStreamResponse,
 * handleStreamError, processRequestError) and public/app/core/utils/fetch.ts (parseResponseBody,
 * parseInitFromOptions) — an HTTP error becomes `{status, statusText, data, config}` with `data` normalised as
 * processRequestError does; a network failure or an abort is the fetch error itself (no `status`) with
 * `data: {message: 'Unexpected error'}`. Unknown /api paths answer 404 `{"message":"Not found"}` (row "Unknown API
 * path": pkg/api/index.go NotFoundHandler).
 */
export type Handler = (req: BackendSrvRequest) =>
  | Answer
  | { network: string }
  | { hang: true }
  | Promise<Answer>;

/** `data`: a JSON body (Content-Type application/json); `text`: a raw body with its content type. */
export type Answer = { status: number; data: unknown } | { status: number; text: string; contentType?: string };

export interface BackendStandIn {
  requests: BackendSrvRequest[];
  on(methodAndPath: string, handler: Handler): void;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** parseResponseBody: JSON content types are parsed (an empty body with Content-Length 0 is `{}`); else JSON.parse is tried. */
export function parseResponseBody(text: string, contentType = ''): unknown {
  if (contentType.includes('application/json') && text === '') {
    return {};
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** processRequestError: `data` always ends up an object with a `message`. */
export function processRequestError<E extends { data?: unknown; statusText?: string }>(err: E): E {
  let data = err.data ?? { message: 'Unexpected error' };
  if (typeof data === 'string') {
    data = { message: data, error: err.statusText, response: data };
  }
  const d = data as { message?: unknown; error?: unknown };
  if (typeof d === 'object' && d !== null && !d.message && typeof d.error === 'string') {
    d.message = d.error;
  }
  return Object.assign(err, { data });
}

/** A FetchError for an HTTP answer, as handleStreamResponse + processRequestError build it. */
export function fetchErrorOf(status: number, body: unknown, config: BackendSrvRequest): FetchError {
  return processRequestError({ status, statusText: STATUS_TEXT[status] ?? '', data: body, config });
}

function networkError(message: string): Error {
  return processRequestError(Object.assign(new TypeError(message), { data: undefined as unknown }));
}

function abortError(): Error {
  const e = new Error('The user aborted a request.');
  e.name = 'AbortError';
  return processRequestError(Object.assign(e, { data: undefined as unknown }));
}

function bodyOf(out: Answer): unknown {
  return 'text' in out ? parseResponseBody(out.text, out.contentType) : out.data;
}

/** Handlers keyed by `METHOD path`; every request is recorded so tests can assert the exact calls. */
export function installBackendStandIn(): BackendStandIn {
  const handlers = new Map<string, Handler>();
  const requests: BackendSrvRequest[] = [];
  const fetch = <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable((sub) => {
      requests.push(req);
      const path = req.url.split('?')[0];
      const handler = handlers.get(`${(req.method ?? 'GET').toUpperCase()} ${path}`);
      req.abortSignal?.addEventListener('abort', () => sub.error(abortError()));
      if (!handler) {
        sub.error(fetchErrorOf(404, { message: 'Not found' }, req));
        return;
      }
      Promise.resolve(handler(req)).then((out) => {
        if ('hang' in out) {
          return;
        }
        if ('network' in out) {
          sub.error(networkError(out.network));
          return;
        }
        if (out.status >= 400) {
          sub.error(fetchErrorOf(out.status, bodyOf(out), req));
          return;
        }
        const ok = { status: out.status, statusText: STATUS_TEXT[out.status] ?? 'OK', ok: true, config: req };
        sub.next({ ...ok, data: bodyOf(out) as T } as FetchResponse<T>);
        sub.complete();
      });
    });
  setBackendSrv({ fetch } as unknown as BackendSrv);
  return { requests, on: (k, h) => handlers.set(k, h) };
}

/**
 * A BackendSrv whose fetch goes over real HTTP to `origin` (e.g. the plugin-proxy stand-in), handling the answer
 * with the same rules, and sending `headers` (a session cookie) as the browser would.
 */
export function installHttpBackendSrv(origin: string, headers: Record<string, string>): void {
  const fetch = <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable((sub) => {
      const query = req.params ? `?${new URLSearchParams(req.params as Record<string, string>)}` : '';
      const body = req.data === undefined ? undefined : JSON.stringify(req.data);
      const r = httpRequest(
        `${origin}${req.url}${query}`,
        { method: req.method ?? 'GET', headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const data = parseResponseBody(text, res.headers['content-type'] ?? '');
            if (status >= 400) {
              sub.error(fetchErrorOf(status, data, req));
              return;
            }
            sub.next({ status, statusText: res.statusMessage ?? '', ok: true, data: data as T, config: req } as FetchResponse<T>);
            sub.complete();
          });
        }
      );
      r.on('error', (e) => sub.error(networkError(e.message)));
      req.abortSignal?.addEventListener('abort', () => {
        r.destroy();
        sub.error(abortError());
      });
      r.end(body);
    });
  setBackendSrv({ fetch } as unknown as BackendSrv);
}
