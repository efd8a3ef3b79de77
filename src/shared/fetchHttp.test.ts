/**
 * @jest-environment node
 */
// fetchHttp against a real HTTP server on loopback: what Node's fetch (undici) really does with statuses,
// redirects, slow answers and refused connections.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchHttp } from './fetchHttp';
import { describe as describeFailure } from './http';

type Route = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let base = '';
const routes = new Map<string, Route>();
const slowAnswers: NodeJS.Timeout[] = [];
const seen: Array<{ method?: string; url?: string; body: string; auth?: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, body, auth: req.headers.authorization });
      const route = routes.get(req.url?.split('?')[0] ?? '');
      route ? route(req, body, res) : res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.set('/json', (req, body, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ got: req.url, body })));
  routes.set('/error', (_q, _b, res) => res.writeHead(422, { 'Content-Type': 'application/json' }).end('{"status":"error","error":"bad query"}'));
  routes.set('/html', (_q, _b, res) => res.writeHead(502).end('<html>Bad Gateway</html>'));
  routes.set('/moved', (_q, _b, res) => res.writeHead(307, { Location: '/json' }).end());
  routes.set('/slow', (_q, _b, res) => slowAnswers.push(setTimeout(() => res.writeHead(200).end('{}'), 2_000)));
});
// The slow answers the client gave up on are never sent: nothing keeps the worker alive after the suite.
afterAll(() => {
  slowAnswers.forEach(clearTimeout);
  server.closeAllConnections();
  return new Promise((r) => server.close(r));
});
beforeEach(() => (seen.length = 0));

const http = fetchHttp();

it('sends params and a JSON body, and parses a JSON answer', async () => {
  const r = await http({ url: `${base}/json`, method: 'POST', params: { q: 'up == 0' }, body: { a: 1 } });
  expect(r).toEqual({ ok: true, status: 200, data: { got: '/json?q=up+%3D%3D+0', body: '{"a":1}' } });
});

it('an error status becomes an http failure carrying the server body and its own words', async () => {
  const r = await http({ url: `${base}/error` });
  expect(r).toEqual({
    ok: false,
    error: { kind: 'http', status: 422, message: 'bad query', body: { status: 'error', error: 'bad query' }, url: `${base}/error` },
  });
  const html = await http({ url: `${base}/html` });
  expect(!html.ok && html.error).toMatchObject({ kind: 'http', status: 502, body: '<html>Bad Gateway</html>' });
});

it('follows a redirect for a plain GET', async () => {
  const r = await http({ url: `${base}/moved` });
  expect(r.ok && r.data).toEqual({ got: '/json', body: '' });
});

it('refuses a redirect where credentials or a body are sent: nothing reaches the new address', async () => {
  const withKey = await http({ url: `${base}/moved`, headers: { Authorization: 'Bearer secret' } });
  expect(withKey).toEqual({ ok: false, error: { kind: 'redirect', status: 307, message: 'redirect to /json (not followed)', location: '/json', url: `${base}/moved` } });
  const withPrompt = await http({ url: `${base}/moved`, method: 'POST', body: { prompt: 'p' } });
  expect(!withPrompt.ok && withPrompt.error.kind).toBe('redirect');
  expect(seen.map((s) => s.url)).toEqual(['/moved', '/moved']);
  expect(describeFailure(!withKey.ok ? withKey.error : { kind: 'network', message: '' }, { what: 'vLLM' })).toBe(
    'vLLM answered with a redirect (HTTP 307) to /json; it was not followed, so nothing was sent there. Use /json as the address.'
  );
});

it('gives up after timeoutMs with a timeout failure', async () => {
  const r = await http({ url: `${base}/slow`, timeoutMs: 100 });
  expect(r).toEqual({ ok: false, error: { kind: 'timeout', message: 'no answer within 0.1 s', url: `${base}/slow` } });
});

it("the caller's signal cancels: a network failure that says so", async () => {
  const c = new AbortController();
  const p = http({ url: `${base}/slow`, signal: c.signal, timeoutMs: 5_000 });
  c.abort();
  expect(await p).toEqual({ ok: false, error: { kind: 'network', message: 'the request was cancelled', url: `${base}/slow` } });
});

it('a refused connection is a network failure with the system reason', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  const r = await http({ url: `http://127.0.0.1:${port}/` });
  expect(r).toEqual({ ok: false, error: { kind: 'network', message: 'ECONNREFUSED', url: `http://127.0.0.1:${port}/` } });
});
