/** @jest-environment node */
// The CLI's transport is Node's fetch (undici), which follows redirects unless told not to: a vLLM URL that
// redirects must not get the prompt re-posted to the redirect target, and credentials in the URL are never echoed.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchHttp } from '../../src/shared/fetchHttp';
import { textTransport } from '../../src/shared/http';
import { VllmClient, type FetchLike } from '../../src/triage/vllm';

/** The CLI's FetchLike: global fetch with the client's init (which asks for `redirect: 'manual'`). */
const globalFetch: FetchLike = async (url, init) => {
  const r = await fetch(url, init);
  return { status: r.status, text: () => r.text() };
};

function listen(
  handler: (req: IncomingMessage, body: string) => { status: number; headers?: Record<string, string>; body?: string }
): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push(`${req.method} ${req.url} ${body}`);
      const out = handler(req, body);
      res.writeHead(out.status, out.headers ?? {});
      res.end(out.body ?? '');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })
    )
  );
}

let elsewhere: Awaited<ReturnType<typeof listen>>;
let redirecting: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  elsewhere = await listen(() => ({
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: [{ id: 'm' }] }),
  }));
  redirecting = await listen((req) => ({ status: 307, headers: { Location: `${elsewhere.url}${req.url}` } }));
});
afterAll(async () => {
  await Promise.all([elsewhere, redirecting].map((s) => new Promise((r) => s.server.close(r))));
});
beforeEach(() => {
  elsewhere.seen.length = 0;
});

const site = { configHint: '--vllm', keyHint: 'VLLM_API_KEY' };
const messages = () => [{ role: 'user' as const, content: 'PROMPT-TEXT' }];

describe('redirects are reported, never followed', () => {
  it('does not re-post the prompt to the redirect target', async () => {
    const client = new VllmClient({ baseUrl: redirecting.url, fetch: globalFetch, timeoutMs: 3000, site });
    const r = await client.narrate({ model: 'm', messages, cacheSalt: 's' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe('redirect');
    expect(!r.ok && r.error.message).toMatch(/answered with a redirect \(307\); redirects are not followed/);
    expect(elsewhere.seen).toEqual([]);
    const models = await client.listModels();
    expect(!models.ok && models.error.kind).toBe('redirect');
    expect(elsewhere.seen).toEqual([]);
  });

  it("through the command line's transport (the shared kit refuses redirects itself) the same failure comes back", async () => {
    const client = new VllmClient({
      baseUrl: redirecting.url,
      fetch: textTransport(fetchHttp()),
      timeoutMs: 3000,
      site,
    });
    const r = await client.narrate({ model: 'm', messages, cacheSalt: 's' });
    expect(!r.ok && r.error.kind).toBe('redirect');
    expect(!r.ok && r.error.message).toMatch(/answered with a redirect \(307\)/);
    expect(elsewhere.seen).toEqual([]);
  });

  it('positive control: fetch left to its default follows the redirect and the target receives the prompt', async () => {
    const following: FetchLike = async (url, init) => {
      const r = await fetch(url, { ...init, redirect: 'follow' });
      return { status: r.status, text: () => r.text() };
    };
    const client = new VllmClient({ baseUrl: redirecting.url, fetch: following, timeoutMs: 3000, site });
    await client.narrate({ model: 'm', messages, cacheSalt: 's' });
    expect(elsewhere.seen.some((s) => s.includes('PROMPT-TEXT'))).toBe(true);
  });
});

describe('credentials in the URL are never echoed', () => {
  it('names the target without user:password in every message', async () => {
    const client = new VllmClient({
      baseUrl: 'http://ops:hunter2@127.0.0.1:9',
      fetch: globalFetch,
      timeoutMs: 2000,
      site,
    });
    const r = await client.narrate({ model: 'm', messages, cacheSalt: 's' });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('hunter2');
    expect(!r.ok && r.error.message).toContain('http://127.0.0.1:9/v1/chat/completions');
  });
});
