// Stand-in for Grafana's app plugin proxy, `/api/plugin-proxy/<pluginId>/<path>` (Grafana cannot run here). It
// follows docs/grafana-contract.md rows "Proxy route matching", "Route URL and header templates", "Proxy
// answers" and "reqRole vs reqAction" — grafana/grafana pkg/api/plugin_proxy.go (ProxyPluginRequest,
// extractProxyPath), pkg/api/pluginproxy/pluginproxy.go (HandleRequest, hasAccessToRoute, director,
// writeJSONErr), pkg/util/proxyutil/reverse_proxy.go (errorHandler) and pkg/util/url.go (JoinURLFragments) —
// errors included. Authentication is out of its scope: a test names the signed-in user by session cookie.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchRoute } from './routeTree';
import { interpolateString, TemplateError, type TemplateData } from './routeTemplate';

export type OrgRole = 'Admin' | 'Editor' | 'Viewer' | 'None';

/** A plugin.json `routes[]` entry, as far as app routes use it. */
export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  reqRole?: string;
  reqAction?: string;
  headers?: Array<{ name: string; content: string }>;
}

export interface ProxyUser {
  login: string;
  /** Org id → role in that org; the first entry is the org the session uses. */
  orgs: Record<number, OrgRole>;
}

export interface PluginProxyOptions {
  pluginId: string;
  routes: PluginRoute[];
  /** Org id → the app's settings row there; absent = never saved in that org. */
  settings: Record<number, TemplateData | undefined>;
  /** Session cookie value → user. */
  sessions: Record<string, ProxyUser>;
  /** Transport dial timeout (Grafana: 30 s, pkg/api/plugin_proxy.go). */
  dialTimeoutMs?: number;
}

export interface UpstreamCall {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface PluginProxyStandIn {
  url: string;
  /** Every request the stand-in forwarded upstream, in order. */
  upstream: UpstreamCall[];
  close(): Promise<void>;
}

// identity.RoleType precedence (pkg/apimachinery/identity/role_type.go): unknown roles rank 0.
const PRECEDENCE: Record<string, number> = { None: 10, Viewer: 20, Editor: 30, Admin: 40 };
const includes = (have: string, need: string) => (PRECEDENCE[have] ?? 0) >= (PRECEDENCE[need] ?? 0);

/** JsonApiErr / writeJSONErr: `{message}`, plus `traceID` (empty without tracing) when an error is attached. */
function jsonErr(res: ServerResponse, status: number, message: string, withErr = false): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(withErr ? { message, traceID: '' } : { message }) + '\n');
}

/** proxyutil errorHandler: 504 for a timeout, 502 for any other upstream error, no body either way. */
export function upstreamErrorStatus(err: Error & { timeout?: boolean }): number {
  return err.timeout ? 504 : 502;
}

/** util.JoinURLFragments. */
export function joinURLFragments(a: string, b: string): string {
  if (b.length === 0) {
    return a;
  }
  const aslash = a.endsWith('/');
  const bslash = b.startsWith('/');
  if (aslash && bslash) {
    return a + b.slice(1);
  }
  return !aslash && !bslash ? `${a}/${b}` : a + b;
}

/** Scheme, host and Go's URL.Path ("" when the URL has no path) of an interpolated route URL, as url.Parse gives. */
function targetOf(s: string): { scheme: string; host: string; path: string } {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(s);
  return m ? { scheme: m[1].toLowerCase(), host: m[2], path: m[3] } : { scheme: '', host: '', path: s };
}

interface Resolved {
  route: PluginRoute;
  proxyPath: string;
  data: TemplateData;
  user: ProxyUser;
}

function resolve(o: PluginProxyOptions, req: IncomingMessage, res: ServerResponse): Resolved | undefined {
  const [rawPath, query = ''] = (req.url ?? '').split(/\?(.*)/s);
  const m = /^\/api\/plugin-proxy\/([\w-]+)\//.exec(rawPath);
  const session = /(?:^|;\s*)grafana_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const user = session ? o.sessions[session] : undefined;
  if (!user) {
    throw new Error('stand-in: every request needs a known grafana_session cookie');
  }
  if (!m) {
    jsonErr(res, 404, 'Not found'); // no /api/plugin-proxy/:pluginId/* route: NotFoundHandler (pkg/api/index.go)
    return undefined;
  }
  if (m[1] !== o.pluginId) {
    jsonErr(res, 404, 'Plugin not found, no installed plugin with that id');
    return undefined;
  }
  const orgId = Number(Object.keys(user.orgs)[0]);
  const data = o.settings[orgId];
  if (!data) {
    jsonErr(res, 500, 'Failed to fetch plugin settings', true);
    return undefined;
  }
  const proxyPath = rawPath.replace(/^\/api\/plugin-proxy\/[\w-]+\/?/, '');
  for (const route of o.routes) {
    if (route.method && route.method !== '*' && route.method !== req.method) {
      continue;
    }
    const { matched, params } = matchRoute(route.path, proxyPath);
    if (!matched) {
      continue;
    }
    if (route.reqAction) {
      throw new Error('stand-in: reqAction (RBAC) routes are not modelled');
    }
    if (route.reqRole && PRECEDENCE[route.reqRole] && !includes(user.orgs[orgId], route.reqRole)) {
      jsonErr(res, 403, 'plugin proxy route access denied');
      return undefined;
    }
    const star = params['*'];
    // pluginProxyPreserveTrailingSlash is GA (pkg/services/featuremgmt): a trailing slash survives the match.
    const rest = star === undefined ? '' : proxyPath.endsWith('/') && !star.endsWith('/') ? `${star}/` : star;
    return { route, proxyPath: rest + (query ? `?${query}` : ''), data, user };
  }
  jsonErr(res, 404, 'plugin route match not found');
  return undefined;
}

function forward(o: PluginProxyOptions, r: Resolved, req: IncomingMessage, res: ServerResponse, log: UpstreamCall[]) {
  let target: ReturnType<typeof targetOf>;
  const headers: Record<string, string | string[] | undefined> = { ...req.headers };
  try {
    target = targetOf(interpolateString(r.route.url ?? '', r.data));
  } catch (e) {
    if (e instanceof TemplateError) {
      return jsonErr(res, 500, 'Could not interpolate plugin route url', true);
    }
    throw e;
  }
  delete headers.cookie;
  delete headers['set-cookie'];
  delete headers.host;
  headers['x-grafana-context'] = JSON.stringify({ Login: r.user.login });
  try {
    for (const h of r.route.headers ?? []) {
      headers[h.name.toLowerCase()] = interpolateString(h.content, r.data);
    }
  } catch (e) {
    if (e instanceof TemplateError) {
      return jsonErr(res, 500, 'Failed to render plugin headers', true);
    }
    throw e;
  }
  const [pathPart, query] = r.proxyPath.split(/\?(.*)/s);
  if (target.scheme !== 'http' && target.scheme !== 'https') {
    // The Go transport refuses the request ("unsupported protocol scheme"): errorHandler answers 502.
    res.writeHead(502).end();
    return;
  }
  const url = `http://${target.host}${encodeURI(joinURLFragments(target.path, pathPart))}${query ? `?${query}` : ''}`;
  log.push({ method: req.method ?? 'GET', url, headers });
  const up = request(url, { method: req.method, headers }, (upRes) => {
    const { 'set-cookie': _drop, ...keep } = upRes.headers;
    res.writeHead(upRes.statusCode ?? 502, keep);
    upRes.pipe(res);
  });
  const dial = setTimeout(() => up.destroy(Object.assign(new Error('dial tcp: i/o timeout'), { timeout: true })), o.dialTimeoutMs ?? 30_000);
  up.on('socket', (s) => s.once('connect', () => clearTimeout(dial)));
  up.on('response', () => clearTimeout(dial));
  up.on('error', (err) => {
    clearTimeout(dial);
    if (!res.headersSent) {
      res.writeHead(upstreamErrorStatus(err)).end();
    }
  });
  req.pipe(up);
}

/** Starts the stand-in on a free loopback port. */
export function startPluginProxy(o: PluginProxyOptions): Promise<PluginProxyStandIn> {
  const upstream: UpstreamCall[] = [];
  const server: Server = createServer((req, res) => {
    try {
      const r = resolve(o, req, res);
      if (r) {
        forward(o, r, req, res, upstream);
      }
    } catch (e) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end(e instanceof Error ? e.message : String(e));
    }
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({
        url: `http://127.0.0.1:${port}`,
        upstream,
        close: () => new Promise((c) => server.close(() => c())),
      });
    });
  });
}
