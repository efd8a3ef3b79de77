// grafanaHttp: Grafana's backend service for Grafana's own API (a stand-in that follows backend_srv.ts), and the
// browser's fetch with redirects not followed for prompts and credentials sent to a proxy route.
import { config } from '@grafana/runtime';
import { installBackendStandIn, type BackendStandIn } from '../../tests/helpers/backendSrv';
import { grafanaHttp } from './http';

let backend: BackendStandIn;
beforeEach(() => {
  backend = installBackendStandIn();
});

describe('through getBackendSrv', () => {
  it('passes method, params, body and timeout on, never with Grafana’s own error toast', async () => {
    backend.on('POST /api/ds/query', (req) => ({ status: 200, data: { echoed: req.data } }));
    const r = await grafanaHttp({ url: '/api/ds/query', method: 'POST', body: { q: 1 }, params: { ds: 'x' }, timeoutMs: 5_000 });
    expect(r).toEqual({ ok: true, status: 200, data: { echoed: { q: 1 } } });
    expect(backend.requests[0]).toMatchObject({ url: '/api/ds/query', method: 'POST', params: { ds: 'x' }, showErrorAlert: false, showSuccessAlert: false });
  });

  it('an error status carries the body and the server’s words; a status of 0 or less is a network failure', async () => {
    backend.on('GET /api/annotations', () => ({ status: 403, data: { message: 'Permission denied' } }));
    expect(await grafanaHttp({ url: '/api/annotations' })).toEqual({
      ok: false,
      error: { kind: 'http', status: 403, message: 'Permission denied', body: { message: 'Permission denied' }, url: '/api/annotations' },
    });
    backend.on('GET /api/user', () => ({ network: 'Failed to fetch' }));
    expect(await grafanaHttp({ url: '/api/user' })).toEqual({ ok: false, error: { kind: 'network', message: 'Failed to fetch', url: '/api/user' } });
  });

  it('a hanging request times out; a cancelled one says so', async () => {
    backend.on('GET /slow', () => ({ hang: true }));
    expect(await grafanaHttp({ url: '/slow', timeoutMs: 50 })).toEqual({ ok: false, error: { kind: 'timeout', message: 'no answer within 0.05 s', url: '/slow' } });
    const c = new AbortController();
    const p = grafanaHttp({ url: '/slow', signal: c.signal });
    c.abort();
    expect(await p).toEqual({ ok: false, error: { kind: 'network', message: 'the request was cancelled', url: '/slow' } });
  });

  it('a body to Grafana’s own API still goes through the backend service (its session and token refresh)', async () => {
    backend.on('POST /api/plugins/x/settings', () => ({ status: 200, data: {} }));
    expect((await grafanaHttp({ url: '/api/plugins/x/settings', method: 'POST', body: { secureJsonData: { k: 'v' } } })).ok).toBe(true);
    expect(backend.requests).toHaveLength(1);
  });
});

/**
 * The browser's fetch as the Fetch standard defines it (fetch.spec.whatwg.org, "HTTP-redirect fetch" and
 * "opaque-redirect filtered response"): with `redirect: "manual"` a 3xx answer is not followed and comes back as a
 * response of type "opaqueredirect", status 0, no headers, empty body. jsdom has no fetch, so this stands in.
 */
function browserFetch(answer: { status: number; body?: string; location?: string }) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const redirect = answer.status >= 300 && answer.status < 400;
    if (redirect && init.redirect === 'manual') {
      return { type: 'opaqueredirect', status: 0, ok: false, statusText: '', headers: { get: () => null }, text: async () => '' };
    }
    return {
      type: 'basic',
      status: answer.status,
      ok: answer.status >= 200 && answer.status < 300,
      statusText: '',
      headers: { get: () => null },
      text: async () => answer.body ?? '',
    };
  };
  return { fn, calls };
}

describe('a prompt or credentials to a proxy route: fetch, redirects not followed', () => {
  const original = globalThis.fetch;
  beforeAll(() => {
    config.bootData = { ...config.bootData, user: { ...config.bootData?.user, orgId: 7 } } as typeof config.bootData;
  });
  afterEach(() => {
    globalThis.fetch = original;
  });
  const url = '/api/plugin-proxy/sovgrid-ops-app/vllm/v1/chat/completions';

  it('sends the prompt same-origin with the org header, redirects not followed, not through the backend service', async () => {
    const f = browserFetch({ status: 200, body: '{"choices":[]}' });
    globalThis.fetch = f.fn as unknown as typeof fetch;
    const r = await grafanaHttp({ url, method: 'POST', body: { prompt: 'p' } });
    expect(r).toEqual({ ok: true, status: 200, data: { choices: [] } });
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0].init).toMatchObject({
      method: 'POST',
      body: '{"prompt":"p"}',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json', 'X-Grafana-Org-Id': '7' },
    });
    expect(backend.requests).toEqual([]);
  });

  it('a redirect is reported as such, not followed: the prompt goes nowhere else', async () => {
    const f = browserFetch({ status: 307, location: 'http://elsewhere.example/steal' });
    globalThis.fetch = f.fn as unknown as typeof fetch;
    const r = await grafanaHttp({ url, method: 'POST', body: { prompt: 'secret prompt' } });
    expect(r).toEqual({ ok: false, error: { kind: 'redirect', status: 0, message: 'redirect to ? (not followed)', location: undefined, url } });
    expect(f.calls).toHaveLength(1);
  });

  it('an error status is an http failure with the server’s words', async () => {
    globalThis.fetch = browserFetch({ status: 401, body: '{"error":"Unauthorized"}' }).fn as unknown as typeof fetch;
    const r = await grafanaHttp({ url, method: 'POST', body: '{}' });
    expect(!r.ok && r.error).toMatchObject({ kind: 'http', status: 401, message: 'Unauthorized' });
  });

  it('a GET without credentials to a proxy route stays with the backend service', async () => {
    backend.on('GET /api/datasources/proxy/uid/p/api/v1/query_range', () => ({ status: 200, data: { status: 'success' } }));
    expect((await grafanaHttp({ url: '/api/datasources/proxy/uid/p/api/v1/query_range' })).ok).toBe(true);
    expect(backend.requests).toHaveLength(1);
  });
});
