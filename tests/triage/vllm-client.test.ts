/** @jest-environment node */
import { computeFacts } from '../../src/triage/facts';
import { buildPrompt } from '../../src/triage/prompt';
import type { LogLine } from '../../src/triage/types';
import { VllmClient, type NarrateRequest } from '../../src/triage/vllm';
import { nodeFetch, startVllmSim, type VllmSim } from '../helpers/vllmSim';

// The client against provisioning/vllm-sim/server.mjs, which follows vLLM's protocol (facts.md §4), errors included.
let sim: VllmSim;
let authSim: VllmSim;

beforeAll(async () => {
  [sim, authSim] = await Promise.all([startVllmSim({ MAX_MODEL_LEN: '4096' }), startVllmSim({ API_KEY: 'right-key' })]);
});
afterAll(async () => {
  await Promise.all([sim?.stop(), authSim?.stop()]);
});
beforeEach(async () => {
  await sim.fault('');
});

const site = { configHint: 'the test config', keyHint: 'the test key' };
const client = (over: Partial<ConstructorParameters<typeof VllmClient>[0]> = {}) =>
  new VllmClient({ baseUrl: sim.url, fetch: nodeFetch, timeoutMs: 1500, site, ...over });

const lines: LogLine[] = Array.from({ length: 40 }, (_, i) => ({
  time: Date.UTC(2026, 10, 23, 8) + i * 1000,
  host: 'spark-host',
  unit: 'vllm.service',
  priority: 3,
  message: `CUDA out of memory. Tried to allocate ${100 + i} MiB`,
}));
const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters: 50 });
const request = (over: Partial<NarrateRequest> = {}): NarrateRequest => ({
  model: sim.model,
  messages: (shrink) => buildPrompt(facts, { tenant: 'operator', budgetTokens: 3000, shrink }).messages,
  cacheSalt: 'sovgrid-ops:operator',
  ...over,
});

describe('VllmClient against the simulator', () => {
  it('lists models with max_model_len', async () => {
    expect(await client().listModels()).toEqual({ ok: true, models: [{ id: sim.model, maxModelLen: 4096 }] });
  });

  it('gets a structured narrative, sending the json_schema format, cache_salt and no stream', async () => {
    const r = await client().narrate(request());
    expect(r.ok).toBe(true);
    if (!r.ok) {
      return;
    }
    expect(r.structured).toBe(true);
    expect(r.narrative.summary).toMatch(/^40 error lines in the window; the most frequent \(40 times, vllm.service\)/);
    expect(r.narrative.next_steps).toEqual(['journalctl -u vllm.service -p err -n 50']);
    expect(r.promptTokens).toBeGreaterThan(100);
    const [body] = await sim.requests();
    expect(body).toMatchObject({
      model: sim.model,
      stream: false,
      cache_salt: 'sovgrid-ops:operator',
      max_completion_tokens: 512,
    });
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'triage_narrative', strict: true },
    });
  });

  it('never shows reasoning', async () => {
    await sim.fault('reasoning', 1);
    const r = await client().narrate(request());
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain('REASONING-NOT-FOR-DISPLAY');
  });

  it('maps the non-OpenAI 401 to a key message', async () => {
    const c = client({ baseUrl: authSim.url, apiKey: 'wrong' });
    const r = await c.narrate(request());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ kind: 'unauthorized', status: 401, detail: 'Unauthorized' });
    expect(!r.ok && r.error.message).toMatch(/Set the test key/);
    const ok = await client({ baseUrl: authSim.url, apiKey: 'right-key' }).narrate(request());
    expect(ok.ok).toBe(true);
  });

  it('maps 404 (unknown model, new error shape) to a model message', async () => {
    const r = await client().narrate(request({ model: 'no-such-model' }));
    expect(!r.ok && r.error).toMatchObject({
      kind: 'model-not-found',
      status: 404,
      detail: 'The model `no-such-model` does not exist.',
    });
  });

  it('shrinks the prompt once on a context-too-long 400 and succeeds', async () => {
    await sim.fault('400_context', 1);
    const r = await client().narrate(request());
    expect(r.ok).toBe(true);
    expect(r.notes).toEqual(['prompt was too long for the model; retried with fewer templates and no examples']);
    const [first, second] = await sim.requests();
    expect(JSON.stringify(second.messages).length).toBeLessThan(JSON.stringify(first.messages).length);
  });

  it('reads the old flat error shape (context too long twice → gives up with a message)', async () => {
    await sim.fault('flat_error');
    const r = await client().narrate(request());
    expect(!r.ok && r.error).toMatchObject({ kind: 'context-too-long', status: 400 });
    expect(!r.ok && r.error.detail).toMatch(/maximum context length is 4096 tokens/);
    expect(await sim.requests()).toHaveLength(2);
  });

  it('falls back to plain text when the server rejects the JSON schema', async () => {
    await sim.fault('schema_rejected', 1);
    const r = await client().narrate(request());
    expect(r.ok && r.structured).toBe(false);
    expect(r.ok && r.narrative.summary).toMatch(/Likely cause:/);
    const [first, second] = await sim.requests();
    expect(first.response_format).toBeDefined();
    expect(second.response_format).toBeUndefined();
  });

  it('retries once on 503 and succeeds', async () => {
    await sim.fault('503', 1);
    const r = await client().narrate(request());
    expect(r.ok).toBe(true);
    expect(r.notes).toEqual(['retried once after 503']);
  });

  it('gives up after a second 503 with a what-to-do message', async () => {
    await sim.fault('503');
    const r = await client().narrate(request());
    expect(!r.ok && r.error).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(await sim.requests()).toHaveLength(2);
  });

  it('aborts on timeout, retries once, then reports it', async () => {
    await sim.fault('timeout');
    const c = client({ timeoutMs: 300 });
    const t0 = Date.now();
    const r = await c.narrate(request());
    expect(!r.ok && r.error.kind).toBe('timeout');
    expect(!r.ok && r.error.message).toMatch(/did not answer within 0.3 s \(tried twice\)/);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await sim.requests()).toHaveLength(2);
  });

  it('reports malformed JSON as not an OpenAI chat completion', async () => {
    await sim.fault('malformed', 1);
    const r = await client().narrate(request());
    expect(!r.ok && r.error.kind).toBe('malformed');
  });

  it('reports an answer with only reasoning as empty', async () => {
    await sim.fault('empty', 1);
    const r = await client().narrate(request());
    expect(!r.ok && r.error.kind).toBe('empty');
  });

  it('reports a server that is not there as unreachable', async () => {
    const r = await client({ baseUrl: 'http://127.0.0.1:9' }).narrate(request());
    expect(!r.ok && r.error.kind).toBe('unreachable');
  });

  it('reports a wrong path (FastAPI 404 {detail}) as a URL problem, not a model problem', async () => {
    const r = await client({ baseUrl: `${sim.url}/v1` }).narrate(request());
    expect(!r.ok && r.error.kind).toBe('not-found');
  });
});
