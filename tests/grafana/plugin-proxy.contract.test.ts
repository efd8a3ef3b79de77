// jsdom (the default): @grafana/runtime, which testVllm uses, needs a window; node:http works there too.
// The vLLM route against Grafana's plugin proxy, modelled from Grafana's source (docs/grafana-contract.md rows
// "Proxy route matching", "Route URL and header templates", "Proxy answers", "reqRole vs reqAction"). The models
// are first checked against outcomes recorded by running Grafana's own tree.go and Go's text/template; then the
// real plugin.json route is served by the stand-in in front of the real vLLM simulator (which demands the key).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pluginJson from '../../src/plugin.json';
import { VLLM_PROXY_BASE, VLLM_ROUTE_PATH } from '../../src/constants';
import { testVllm } from '../../src/app/config/testVllm';
import { VllmClient, type FetchLike } from '../../src/triage/vllm';
import { installHttpBackendSrv } from '../helpers/backendSrv';
import { joinURLFragments, startPluginProxy, upstreamErrorStatus, type PluginProxyStandIn, type PluginRoute } from '../helpers/grafana/pluginProxy';
import { matchRoute, pathUnescape } from '../helpers/grafana/routeTree';
import { interpolateString, TemplateError } from '../helpers/grafana/routeTemplate';
import { freePort } from '../helpers/processes';
import { nodeFetch, startVllmSim, type VllmSim } from '../helpers/vllmSim';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../fixtures/grafana', name), 'utf8')).vectors;
const routes = pluginJson.routes as PluginRoute[];
const KEY = 'contract-key-7f3a';

describe('the Grafana models agree with Grafana itself', () => {
  it('route tree: every recorded tree.go outcome (pattern x path, params included)', () => {
    const vectors: Array<{ pattern: string; path: string; matched: boolean; params: Record<string, string> }> =
      fixture('route-tree-vectors.json');
    expect(vectors.length).toBeGreaterThan(300);
    const disagreements = vectors.filter((v) => {
      const m = matchRoute(v.pattern, v.path);
      return m.matched !== v.matched || JSON.stringify(Object.entries(m.params).sort()) !== JSON.stringify(Object.entries(v.params).sort());
    });
    expect(disagreements).toEqual([]);
  });

  it('templates: every recorded interpolateString outcome, nested jsonData keys included', () => {
    const vectors: Array<{ template: string; jsonData: Record<string, unknown> | null; secureJsonData: Record<string, string>; output: string | null; error: boolean }> =
      fixture('route-template-vectors.json');
    for (const v of vectors) {
      const run = () => interpolateString(v.template, { JsonData: v.jsonData, SecureJsonData: v.secureJsonData });
      if (v.error) {
        expect(run).toThrow(TemplateError);
      } else {
        expect(run()).toBe(v.output);
      }
    }
    // The fact that decided against flattening the settings: Go's text/template walks nested map keys.
    expect(vectors.find((v) => v.template === '{{ .JsonData.vllm.url }}' && v.output === 'http://spark-host:8000')).toBeDefined();
  });

  it('Go helpers: url.PathUnescape and util.JoinURLFragments', () => {
    expect([pathUnescape('a%20b'), pathUnescape('a+b'), pathUnescape('%zz'), pathUnescape('%E2%9C%93')]).toEqual(['a b', 'a+b', null, '✓']);
    expect([joinURLFragments('', 'v1/models'), joinURLFragments('/', 'v1/models'), joinURLFragments('/p/', '/v1'), joinURLFragments('/p', '')]).toEqual([
      '/v1/models',
      '/v1/models',
      '/p/v1',
      '/p',
    ]);
    expect([upstreamErrorStatus(new Error('connection refused')), upstreamErrorStatus(Object.assign(new Error('i/o timeout'), { timeout: true }))]).toEqual([502, 504]);
  });
});

describe('the vllm/* route as Grafana matches it', () => {
  it('takes every vllm/... sub-path and forwards the rest; the old plain "vllm" route took none', () => {
    expect(routes.map((r) => r.path)).toEqual([VLLM_ROUTE_PATH]);
    for (const [path, rest] of [
      ['vllm/v1/models', 'v1/models'],
      ['vllm/v1/chat/completions', 'v1/chat/completions'],
      ['vllm/health', 'health'],
    ]) {
      expect(matchRoute(VLLM_ROUTE_PATH, path)).toEqual({ matched: true, params: { '*': rest, '*0': rest } });
      expect(matchRoute('vllm', path).matched).toBe(false);
    }
    for (const outside of ['vllm', 'vllmx/v1/models', 'v1/models', 'api/v1/models', 'VLLM/v1/models']) {
      expect(matchRoute(VLLM_ROUTE_PATH, outside).matched).toBe(false);
    }
  });
});

describe('through the plugin-proxy stand-in to the vLLM simulator', () => {
  let sim: VllmSim;
  let proxy: PluginProxyStandIn;
  let oldRouteProxy: PluginProxyStandIn;
  const sessions = {
    editor: { login: 'op', orgs: { 1: 'Editor' as const } },
    viewer: { login: 'acme-viewer', orgs: { 1: 'Viewer' as const } },
    fresh: { login: 'admin-of-new-org', orgs: { 3: 'Admin' as const } },
    nourl: { login: 'admin-of-org-4', orgs: { 4: 'Admin' as const } },
    down: { login: 'admin-of-org-5', orgs: { 5: 'Admin' as const } },
  };
  let deadPort: number;

  beforeAll(async () => {
    [sim, deadPort] = await Promise.all([startVllmSim({ API_KEY: KEY, MODEL: 'qwen3-32b' }), freePort()]);
    const settings = {
      1: { JsonData: { mode: 'operator', vllm: { url: sim.url } }, SecureJsonData: { vllmApiKey: KEY } },
      4: { JsonData: { mode: 'operator' }, SecureJsonData: {} },
      5: { JsonData: { mode: 'operator', vllm: { url: `http://127.0.0.1:${deadPort}` } }, SecureJsonData: { vllmApiKey: KEY } },
    };
    const common = { pluginId: pluginJson.id, settings, sessions };
    [proxy, oldRouteProxy] = await Promise.all([
      startPluginProxy({ ...common, routes }),
      startPluginProxy({ ...common, routes: routes.map((r) => ({ ...r, path: 'vllm' })) }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([sim?.stop(), proxy?.close(), oldRouteProxy?.close()]);
  });
  beforeEach(() => {
    proxy.upstream.length = 0;
  });

  const get = async (p: PluginProxyStandIn, path: string, session: keyof typeof sessions) => {
    const ctl = new AbortController();
    const res = await nodeFetch(`${p.url}${path}`, { method: 'GET', headers: { Cookie: `grafana_session=${session}` }, signal: ctl.signal });
    return { status: res.status, text: await res.text() };
  };
  const asSession = (session: string): FetchLike => (url, init) =>
    nodeFetch(url, { ...init, headers: { ...init.headers, Cookie: `grafana_session=${session}` } });

  it('a vllm/... sub-path reaches vLLM with the Bearer key from secureJsonData; the sub-path is forwarded as is', async () => {
    const r = await get(proxy, `${VLLM_PROXY_BASE}/v1/models`, 'editor');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).data.map((m: { id: string }) => m.id)).toEqual(['qwen3-32b']);
    expect(proxy.upstream).toEqual([
      expect.objectContaining({ method: 'GET', url: `${sim.url}/v1/models`, headers: expect.objectContaining({ authorization: `Bearer ${KEY}` }) }),
    ]);
    expect(proxy.upstream[0].headers.cookie).toBeUndefined();
  });

  it('a request outside the route never leaves Grafana, so no key goes anywhere', async () => {
    for (const path of [`/api/plugin-proxy/${pluginJson.id}/v1/models`, VLLM_PROXY_BASE, `/api/plugin-proxy/${pluginJson.id}/vllmx/v1/models`]) {
      expect(await get(proxy, path, 'editor')).toEqual({ status: 404, text: '{"message":"plugin route match not found"}\n' });
    }
    expect(proxy.upstream).toEqual([]);
  });

  it('with the plain "vllm" route of the last release every triage call was a 404 and nothing reached vLLM', async () => {
    oldRouteProxy.upstream.length = 0;
    expect((await get(oldRouteProxy, `${VLLM_PROXY_BASE}/v1/models`, 'editor')).status).toBe(404);
    expect(oldRouteProxy.upstream).toEqual([]);
  });

  it("the app's own vLLM client lists models and gets a narrative through the route", async () => {
    const client = new VllmClient({
      baseUrl: `${proxy.url}${VLLM_PROXY_BASE}`,
      fetch: asSession('editor'),
      timeoutMs: 5000,
      site: { configHint: 'the app configuration page', keyHint: 'the API key' },
    });
    expect(await client.listModels()).toEqual({ ok: true, models: [{ id: 'qwen3-32b', maxModelLen: 8192 }] });
    const r = await client.narrate({
      model: 'qwen3-32b',
      cacheSalt: 'sovgrid-ops:operator',
      messages: () => [
        { role: 'system', content: 'Narrate the facts.' },
        { role: 'user', content: '{"lines":3,"templates":[{"template":"CUDA out of memory","count":3}]}' },
      ],
    });
    expect(r.ok).toBe(true);
    expect(proxy.upstream.map((u) => u.url)).toEqual([`${sim.url}/v1/models`, `${sim.url}/v1/chat/completions`]);
  });

  it('"Test vLLM" on the config page lists the model through BackendSrv and the route', async () => {
    installHttpBackendSrv(proxy.url, { Cookie: 'grafana_session=editor' });
    expect(await testVllm(5)).toEqual({ ok: true, models: [{ id: 'qwen3-32b', maxModelLen: 8192 }] });
  });

  it.each([
    ['a Viewer (reqRole Editor) gets 403', 'viewer', 403, '{"message":"plugin proxy route access denied"}\n', /Your role cannot use the vLLM route/],
    ['an org whose settings were never saved gets 500', 'fresh', 500, '{"message":"Failed to fetch plugin settings","traceID":""}\n', /not set up in this organization/],
    ['saved settings without vllm.url ("<no value>" is no URL) get a bare 502', 'nourl', 502, '', /vLLM unreachable from Grafana/],
    ['vLLM down gives a bare 502', 'down', 502, '', /vLLM unreachable from Grafana/],
  ] as const)('%s, and the app says what to do', async (_name, session, status, body, explained) => {
    expect(await get(proxy, `${VLLM_PROXY_BASE}/v1/models`, session)).toEqual({ status, text: body });
    installHttpBackendSrv(proxy.url, { Cookie: `grafana_session=${session}` });
    const t = await testVllm(5);
    expect(t.ok).toBe(false);
    expect(t.ok ? '' : `${t.title}: ${t.message}`).toMatch(explained);
    if (session === 'viewer' || session === 'fresh') {
      expect(proxy.upstream).toEqual([]);
    }
  });

  it('a wrong key is vLLM\'s own 401, passed through unchanged', async () => {
    await sim.fault('401', 1);
    const r = await get(proxy, `${VLLM_PROXY_BASE}/v1/models`, 'editor');
    expect(r).toEqual({ status: 401, text: expect.stringContaining('Unauthorized') });
  });
});
