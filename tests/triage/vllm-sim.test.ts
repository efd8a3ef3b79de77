/** @jest-environment node */
// The simulator against the vLLM v0.11 it claims to be: metric names, labels, bucket bounds and what each request
// does to them (vllm/v1/metrics/loggers.py PrometheusStatLogger, prometheus-fastapi-instrumentator metrics.py and
// middleware.py as vLLM mounts them), error bodies and status codes (serving_engine.py, api_server.py, launcher.py),
// and, scraped by a real Prometheus, the overview's inference queries.
import { request } from 'node:http';
import { KNOWN_HISTOGRAM_BOUNDS } from '../../src/exporters/histograms';
import { overviewSignals } from '../../src/overview/queries';
import { defaultSettings } from '../../src/settings/defaults';
import { parseExposition, samplesOf, type ExpositionSample } from '../helpers/exposition';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { nodeFetch, startVllmSim, type VllmSim } from '../helpers/vllmSim';

let sim: VllmSim;

beforeAll(async () => {
  sim = await startVllmSim({ MAX_NUM_SEQS: '2', ITL_MS: '2', API_KEY: 'k' });
}, 30_000);
afterAll(async () => {
  await sim?.stop();
});

const AUTH = { Authorization: 'Bearer k' };
const get = async (path: string) => {
  const r = await nodeFetch(`${sim.url}${path}`, { method: 'GET', headers: {}, signal: new AbortController().signal });
  return { status: r.status, body: await r.text() };
};

async function metrics(): Promise<ExpositionSample[]> {
  return parseExposition(await sim.metrics()).samples;
}

/** One counter's value by labels (0 when the series does not exist yet). */
function value(samples: ExpositionSample[], name: string, labels: Record<string, string> = {}): number {
  const hit = samplesOf(samples, name).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hit.reduce((a, s) => a + s.value, 0);
}

/** What one call changes: the difference of every counter we look at. */
async function delta(action: () => Promise<unknown>) {
  const before = await metrics();
  await action();
  // The instrumentator records when the response ends: give the server's close handler a moment.
  await new Promise((r) => setTimeout(r, 50));
  const after = await metrics();
  const d = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
  const reasons = Object.fromEntries(
    ['stop', 'length', 'abort', 'error', 'repetition'].map((r) => [r, d('vllm:request_success_total', { finished_reason: r })])
  );
  return {
    reasons,
    http: {
      ok: d('http_requests_total', { handler: '/v1/chat/completions', status: '2xx' }),
      client: d('http_requests_total', { status: '4xx' }),
      server: d('http_requests_total', { status: '5xx' }),
    },
    e2e: d('vllm:e2e_request_latency_seconds_count'),
    promptTokens: d('vllm:prompt_tokens_total'),
  };
}

const chat = (body: Record<string, unknown> = {}) =>
  sim.chat({ messages: [{ role: 'user', content: 'Write a haiku about queues.' }], max_completion_tokens: 400, ...body }, AUTH);

/** A streamed request the client walks away from after the first chunk. */
function abandonStream(): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no first chunk')), 5000);
    const req = request(
      `${sim.url}/v1/chat/completions`,
      { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' } },
      (res) => {
        res.once('data', () => {
          clearTimeout(timer);
          req.destroy();
          setTimeout(resolve, 100);
        });
      }
    );
    req.on('error', () => undefined);
    req.end(
      JSON.stringify({
        model: sim.model,
        messages: [{ role: 'user', content: 'A long story, please.' }],
        max_completion_tokens: 500,
        stream: true,
      })
    );
  });
}

describe('vllm-sim metrics have vLLM 0.11 names, labels and bucket bounds', () => {
  it('pre-creates every finish reason at 0 and labels every vllm:* series with model_name and engine', async () => {
    const { samples, types } = parseExposition(await sim.metrics());
    expect(samplesOf(samples, 'vllm:request_success_total').map((s) => s.labels.finished_reason).sort()).toEqual(
      ['abort', 'error', 'length', 'repetition', 'stop']
    );
    for (const s of samples.filter((x) => x.name.startsWith('vllm:'))) {
      expect([s.name, s.labels.model_name, s.labels.engine]).toEqual([s.name, sim.model, '0']);
    }
    // prometheus_client declares counters under their _total name.
    expect(types['vllm:prompt_tokens_total']).toBe('counter');
    expect(types['vllm:e2e_request_latency_seconds']).toBe('histogram');
  });

  it.each(Object.keys(KNOWN_HISTOGRAM_BOUNDS).filter((n) => n.startsWith('vllm:') || n.startsWith('http_request_duration')))(
    '%s has the source’s bucket bounds',
    async (name) => {
      await chat();
      const les = samplesOf(await metrics(), `${name}_bucket`).map((s) => s.labels.le);
      const finite = [...new Set(les.filter((l) => l !== '+Inf'))].map(Number).sort((a, b) => a - b);
      expect(finite).toEqual([...KNOWN_HISTOGRAM_BOUNDS[name]]);
      expect(les).toContain('+Inf');
    }
  );

  it('puts `status` on http_requests_total only, grouped to Nxx, and no labels on the highr histogram', async () => {
    await chat();
    const s = await metrics();
    expect(samplesOf(s, 'http_requests_total').every((x) => /^[1-5]xx$/.test(x.labels.status))).toBe(true);
    expect(samplesOf(s, 'http_request_duration_seconds_count').every((x) => x.labels.status === undefined)).toBe(true);
    expect(samplesOf(s, 'http_request_duration_seconds_count')[0].labels).toEqual({ handler: '/v1/chat/completions', method: 'POST' });
    expect(samplesOf(s, 'http_request_duration_highr_seconds_count')[0].labels).toEqual({});
  });
});

describe('what each request does to the counters, as vLLM records it', () => {
  it('a finished answer: one finish reason, one 2xx, one e2e observation', async () => {
    const d = await delta(() => chat());
    expect(d.http).toEqual({ ok: 1, client: 0, server: 0 });
    expect(d.reasons.stop + d.reasons.length).toBe(1);
    expect(d.e2e).toBe(1);
  });

  it('an answer cut at max_tokens finishes with "length"', async () => {
    const d = await delta(() => chat({ max_completion_tokens: 3 }));
    expect(d.reasons.length).toBe(1);
  });

  it('an engine error: a 500 InternalServerError and finished_reason "error"', async () => {
    await sim.fault('500', 1);
    let r = { status: 0, text: '' };
    const d = await delta(async () => (r = await chat()));
    expect(r.status).toBe(500);
    expect(JSON.parse(r.text)).toEqual({ error: { message: 'Internal server error', type: 'InternalServerError', param: null, code: 500 } });
    expect(d.reasons.error).toBe(1);
    expect(d.http).toEqual({ ok: 0, client: 0, server: 1 });
  });

  it('the same error in a stream: a 200, an error event, finished_reason "error" — invisible to the HTTP counter', async () => {
    await sim.fault('500', 1);
    let r = { status: 0, text: '' };
    const d = await delta(async () => (r = await chat({ stream: true })));
    expect(r.status).toBe(200);
    const events = r.text.split('\n\n').filter(Boolean);
    expect(JSON.parse(events[events.length - 2].slice('data: '.length))).toMatchObject({ error: { type: 'InternalServerError', code: 500 } });
    expect(events[events.length - 1]).toBe('data: [DONE]');
    expect(d.reasons.error).toBe(1);
    expect(d.http).toEqual({ ok: 1, client: 0, server: 0 });
  });

  it('a client abort is a 2xx that never finishes (vLLM issue #31503): no finish reason, no e2e, prompt tokens counted', async () => {
    const d = await delta(() => abandonStream());
    expect(d.http.ok).toBe(1);
    expect(d.reasons).toEqual({ stop: 0, length: 0, abort: 0, error: 0, repetition: 0 });
    expect(d.e2e).toBe(0);
    expect(d.promptTokens).toBeGreaterThan(0);
  });

  it('a 401 is not counted (the key check sits outside the instrumentator); an unknown model is a counted 4xx', async () => {
    const unauth = await delta(() => sim.chat({ messages: [] }, { Authorization: 'Bearer wrong' }));
    expect(unauth.http).toEqual({ ok: 0, client: 0, server: 0 });
    const unknown = await delta(() => chat({ model: 'nope' }));
    expect(unknown.http.client).toBe(1);
    expect(unknown.e2e).toBe(0);
  });

  it('queues beyond max_num_seqs: waiting requests show in the gauge and in queue time', async () => {
    const before = value(await metrics(), 'vllm:request_queue_time_seconds_sum');
    const slow = Array.from({ length: 4 }, () => chat({ max_completion_tokens: 60 }));
    await new Promise((r) => setTimeout(r, 30));
    const during = await metrics();
    expect(value(during, 'vllm:num_requests_running')).toBe(2);
    expect(value(during, 'vllm:num_requests_waiting')).toBe(2);
    await Promise.all(slow);
    const after = await metrics();
    expect(value(after, 'vllm:num_requests_waiting')).toBe(0);
    // Two of the four waited about one generation each (60 tokens at 2 ms a token).
    expect(value(after, 'vllm:request_queue_time_seconds_sum') - before).toBeGreaterThan(0.1);
  });

  it('a repeated system prompt is served from the prefix cache', async () => {
    const messages = [
      { role: 'system', content: 'You are the support bot of Acme. '.repeat(20) },
      { role: 'user', content: 'Hello?' },
    ];
    const before = await metrics();
    await chat({ messages });
    await chat({ messages });
    const after = await metrics();
    const hits = value(after, 'vllm:prefix_cache_hits_total') - value(before, 'vllm:prefix_cache_hits_total');
    expect(hits).toBeGreaterThan(100);
  });
});

describe('vllm-sim error bodies follow vLLM 0.11', () => {
  it('unknown model: 404 NotFoundError with param null', async () => {
    const r = await chat({ model: 'no-such-model' });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.text)).toEqual({ error: { message: 'The model `no-such-model` does not exist.', type: 'NotFoundError', param: null, code: 404 } });
  });

  it('request validation: 400 "Bad Request" (api_server.py validation_exception_handler), param null', async () => {
    const r = await sim.chat({ messages: 'not a list' }, AUTH);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ error: { type: 'Bad Request', param: null, code: 400 } });
    const bad = await nodeFetch(`${sim.url}/v1/chat/completions`, { method: 'POST', headers: AUTH, body: '{', signal: new AbortController().signal });
    expect(JSON.parse(await bad.text())).toMatchObject({ error: { type: 'Bad Request', code: 400 } });
  });

  it('context too long: the 0.10.1+ max_tokens wording, BadRequestError, param null', async () => {
    const r = await chat({ max_completion_tokens: 10_000 });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.text) as { error: { message: string; type: string; param: null } };
    expect(body.error.message).toMatch(
      /^'max_tokens' or 'max_completion_tokens' is too large: 10000\. This model's maximum context length is 8192 tokens and your request has \d+ input tokens \(10000 > 8192 - \d+\)\.$/
    );
    expect(body.error).toMatchObject({ type: 'BadRequestError', param: null });
  });

  it('a dead engine answers an empty 500 and /health 503 (launcher.py runtime handlers)', async () => {
    await sim.fault('engine_dead', 1);
    const r = await chat();
    expect([r.status, r.text]).toEqual([500, '']);
    expect((await get('/health')).status).toBe(503);
    await sim.fault('');
    expect(await get('/health')).toEqual({ status: 200, body: '' });
  });

  it('503 is what the gateway answers while vLLM is away (Traefik: "no available server"), /health too', async () => {
    await sim.fault('503', 1);
    const r = await chat();
    expect([r.status, r.text]).toEqual([503, 'no available server\n']);
    await sim.fault('');
  });

  it('unknown paths get FastAPI’s 404', async () => {
    expect(await get('/v2/nothing')).toEqual({ status: 404, body: '{"detail":"Not Found"}' });
  });

  it('takes faults from the environment too (FAULT, FAULT_TIMES), as the compose stack would', async () => {
    const faulty = await startVllmSim({ FAULT: '404', FAULT_TIMES: '1' });
    try {
      const post = () => faulty.chat({ messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 5 });
      expect((await post()).status).toBe(404);
      expect((await post()).status).toBe(200);
    } finally {
      await faulty.stop();
    }
  });
});

describe('vllm-sim scraped by a real Prometheus, read by the overview’s queries', () => {
  let prom: RunningPrometheus;
  const settings = defaultSettings();
  const sig = overviewSignals(settings);

  beforeAll(async () => {
    const target = sim.url.replace('http://', '');
    prom = await startPrometheus({
      scrapeInterval: '1s',
      scrapeConfigsYaml: `  - job_name: ${settings.jobs.vllm}\n    authorization: { credentials: k }\n    static_configs:\n      - targets: ['${target}']`,
    });
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
  });

  async function eventually<T>(f: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await f().catch(() => undefined);
      if (v !== undefined) {
        return v;
      }
      if (Date.now() > end) {
        throw new Error('condition not met in time');
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it('every inference headline evaluates to a real number for the served model', async () => {
    // Traffic spread over a few scrapes so rates exist: answers, a cut one, an engine error.
    await eventually(async () => {
      const up = await prom.query(`up{job="${settings.jobs.vllm}"} == 1`);
      return up.resultType === 'vector' && up.result.length ? true : undefined;
    });
    for (let i = 0; i < 8; i++) {
      await chat({ max_completion_tokens: i === 0 ? 3 : 200 });
      await new Promise((r) => setTimeout(r, 400));
    }
    await sim.fault('500', 1);
    await chat();
    await new Promise((r) => setTimeout(r, 1500));
    const thr = await eventually(async () => {
      const d = await prom.query(sig.throughput.expr);
      return d.resultType === 'vector' && d.result.length && Number(d.result[0].value[1]) > 0 ? d.result : undefined;
    });
    expect(thr[0].metric).toEqual({ model_name: sim.model });
    for (const id of ['failedShare', 'lengthShare', 'ttftP95', 'itlP95', 'queueP95', 'prefixCacheHit', 'kvCache'] as const) {
      const d = await prom.query(sig[id].expr);
      const v = d.resultType === 'vector' ? d.result.map((r) => Number(r.value[1])) : [];
      expect({ id, n: v.length, finite: v.every((x) => Number.isFinite(x) && x >= 0) }).toEqual({ id, n: 1, finite: true });
    }
    const failed = await prom.query(sig.failedShare.expr);
    expect(failed.resultType === 'vector' && Number(failed.result[0].value[1])).toBeGreaterThan(0);
  }, 60_000);
});
