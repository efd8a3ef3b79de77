import { request } from 'node:http';
import { join } from 'node:path';
import type { FetchLike } from '../../src/triage/vllm';
import { freePort, startDaemon } from './processes';

/**
 * A FetchLike over node:http, usable in jsdom suites too (jsdom has no fetch). Honours AbortSignal like fetch.
 */
export const nodeFetch: FetchLike = (url, init) =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers, signal: init.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, text: async () => body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });

export interface VllmSim {
  url: string;
  model: string;
  /** POSTs a chat completion (the model filled in); resolves with status and raw body text. */
  chat(body: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** GET /metrics as text. */
  metrics(): Promise<string>;
  /** Sets a fault for the next `times` requests (all when omitted); '' clears it. Also clears the request log. */
  fault(name: string, times?: number): Promise<void>;
  /** Chat-completion request bodies the simulator received since the last `fault` call. */
  requests(): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

const SERVER = join(__dirname, '../../provisioning/vllm-sim/server.mjs');

async function call(url: string, method: 'GET' | 'POST', body?: unknown): Promise<unknown> {
  const ctl = new AbortController();
  const r = await nodeFetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: ctl.signal,
  });
  return JSON.parse(await r.text());
}

/** Starts provisioning/vllm-sim/server.mjs on a free loopback port with the test control endpoint enabled. */
export async function startVllmSim(env: Record<string, string> = {}): Promise<VllmSim> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const model = env.MODEL ?? 'Qwen/Qwen2.5-7B-Instruct';
  const daemon = await startDaemon(
    'env',
    [`PORT=${port}`, 'HOST=127.0.0.1', 'SIM_CONTROL=1', `MODEL=${model}`, ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, SERVER],
    async () => {
      const c = new AbortController();
      const r = await nodeFetch(`${url}/health`, { method: 'GET', headers: {}, signal: c.signal });
      return r.status === 200;
    },
    { name: 'vllm-sim', timeoutMs: 15_000 }
  );
  const get = async (path: string) => {
    const r = await nodeFetch(`${url}${path}`, { method: 'GET', headers: {}, signal: new AbortController().signal });
    return r.text();
  };
  return {
    url,
    model,
    chat: async (body, headers = {}) => {
      const r = await nodeFetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ model, ...body }),
        signal: new AbortController().signal,
      });
      return { status: r.status, text: await r.text() };
    },
    metrics: () => get('/metrics'),
    fault: async (name, times) => {
      await call(`${url}/__sim/fault`, 'POST', { fault: name, times });
    },
    requests: async () => ((await call(`${url}/__sim/requests`, 'GET')) as { requests: Array<{ body: Record<string, unknown> }> }).requests.map((r) => r.body),
    stop: daemon.stop,
  };
}
