#!/usr/bin/env node
// An OpenAI-compatible stand-in for vLLM (facts.md §4), dependency-free, for the dev stack and for tests.
// It answers the way vLLM does, errors included, and narrates the triage facts it is sent in a fixed,
// deterministic way (it is not a model). Configuration by environment:
//   PORT (8000), HOST (0.0.0.0), MODEL (Qwen/Qwen2.5-7B-Instruct), API_KEY (unset: no auth, like vLLM),
//   MAX_MODEL_LEN (8192), LATENCY_MS (0), FAULT (none), FAULT_TIMES (unlimited), SIM_CONTROL=1 enables
//   POST /__sim/fault {"fault":"503","times":1} and GET /__sim/requests (tests only; never in the compose stack).
// Faults: 401 | 404 | 400_context | 503 | 503_once | timeout | malformed | reasoning | schema_rejected | empty |
//   flat_error (a context-length 400 in the pre-0.10.1 flat error shape) | invented_number (a monthly-report
//   summary that states a number its facts do not contain, as a model that makes things up would)
import { createServer } from 'node:http';

const env = process.env;
const PORT = Number(env.PORT ?? 8000);
const HOST = env.HOST ?? '0.0.0.0';
const MODEL = env.MODEL ?? 'Qwen/Qwen2.5-7B-Instruct';
const API_KEY = env.API_KEY ?? '';
const MAX_MODEL_LEN = Number(env.MAX_MODEL_LEN ?? 8192);
const LATENCY_MS = Number(env.LATENCY_MS ?? 0);
const CONTROL = env.SIM_CONTROL === '1';
const STARTED = Math.floor(Date.now() / 1000);

const FAULTS = new Set(['401', '404', '400_context', '503', '503_once', 'timeout', 'malformed', 'reasoning', 'flat_error', 'schema_rejected', 'empty', 'invented_number']);
let fault = { name: env.FAULT ?? '', left: env.FAULT_TIMES ? Number(env.FAULT_TIMES) : Infinity };
if (fault.name === '503_once') {
  fault = { name: '503', left: 1 };
}
const requests = [];
const hanging = new Set();

// ---- metrics state: counters only grow, gauges wander, histograms observe real and background requests ----
const LATENCY_BUCKETS = [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680];
const TOKEN_LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const m = {
  running: 0,
  waiting: 0,
  kv: 0.2,
  promptTokens: 0,
  generationTokens: 0,
  success: { stop: 0, length: 0, abort: 0 },
  preemptions: 0,
  http: new Map(),
  e2e: histogram(LATENCY_BUCKETS),
  ttft: histogram(TOKEN_LATENCY_BUCKETS),
  itl: histogram(TOKEN_LATENCY_BUCKETS),
  queue: histogram(LATENCY_BUCKETS),
};

function histogram(buckets) {
  return { buckets, counts: buckets.map(() => 0), sum: 0, count: 0 };
}
function observe(h, v) {
  h.buckets.forEach((b, i) => {
    if (v <= b) h.counts[i]++;
  });
  h.sum += v;
  h.count++;
}
function countHttp(handler, method, status) {
  const key = `${handler}|${method}|${Math.floor(status / 100)}xx`;
  m.http.set(key, (m.http.get(key) ?? 0) + 1);
}

// Background load so a dashboard shows movement: a few requests a second, sinusoidal over ten minutes.
const tick = setInterval(() => {
  const phase = (Date.now() / 600_000) * 2 * Math.PI;
  const load = 2 + 1.5 * Math.sin(phase) + Math.random();
  const n = Math.max(0, Math.round(load));
  for (let i = 0; i < n; i++) {
    const prompt = 300 + Math.floor(Math.random() * 900);
    const gen = 80 + Math.floor(Math.random() * 300);
    m.promptTokens += prompt;
    m.generationTokens += gen;
    m.success[Math.random() < 0.97 ? 'stop' : 'length']++;
    observe(m.e2e, 0.4 + gen * 0.02 + Math.random());
    observe(m.ttft, 0.05 + Math.random() * 0.2);
    observe(m.itl, 0.015 + Math.random() * 0.01);
    observe(m.queue, Math.random() * 0.3);
    countHttp('/v1/chat/completions', 'POST', 200);
  }
  m.running = n;
  m.waiting = Math.max(0, Math.round(load - 3));
  m.kv = Math.min(0.98, Math.max(0.05, m.kv + (Math.random() - 0.5) * 0.05));
  if (Math.random() < 0.01) m.preemptions++;
}, 1000);
tick.unref();

function metricsText() {
  const l = `model_name="${MODEL}",engine="0"`;
  const out = [];
  const gauge = (name, help, v) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name}{${l}} ${v}`);
  const counter = (name, help, rows) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const [labels, v] of rows) out.push(`${name}{${l}${labels}} ${v}`);
  };
  const hist = (name, help, h) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
    h.buckets.forEach((b, i) => out.push(`${name}_bucket{${l},le="${b}"} ${h.counts[i]}`));
    out.push(`${name}_bucket{${l},le="+Inf"} ${h.count}`, `${name}_sum{${l}} ${h.sum}`, `${name}_count{${l}} ${h.count}`);
  };
  gauge('vllm:num_requests_running', 'Number of requests in model execution batches.', m.running);
  gauge('vllm:num_requests_waiting', 'Number of requests waiting to be processed.', m.waiting);
  gauge('vllm:kv_cache_usage_perc', 'KV-cache usage. 1 means 100 percent usage.', m.kv.toFixed(4));
  counter('vllm:prompt_tokens_total', 'Number of prefill tokens processed.', [['', m.promptTokens]]);
  counter('vllm:generation_tokens_total', 'Number of generation tokens processed.', [['', m.generationTokens]]);
  counter('vllm:request_success_total', 'Count of successfully processed requests.',
    Object.entries(m.success).map(([r, v]) => [`,finished_reason="${r}"`, v]));
  counter('vllm:num_preemptions_total', 'Cumulative number of preemption from the engine.', [['', m.preemptions]]);
  hist('vllm:e2e_request_latency_seconds', 'Histogram of e2e request latency in seconds.', m.e2e);
  hist('vllm:time_to_first_token_seconds', 'Histogram of time to first token in seconds.', m.ttft);
  hist('vllm:inter_token_latency_seconds', 'Histogram of inter-token latency in seconds.', m.itl);
  hist('vllm:request_queue_time_seconds', 'Histogram of time spent in WAITING phase for request.', m.queue);
  out.push('# HELP http_requests_total Total number of requests by method, status and handler.', '# TYPE http_requests_total counter');
  for (const [key, v] of m.http) {
    const [handler, method, status] = key.split('|');
    out.push(`http_requests_total{handler="${handler}",method="${method}",status="${status}"} ${v}`);
  }
  return `${out.join('\n')}\n`;
}

// ---- protocol helpers ----
function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
// vLLM ≥ 0.10.1 error shape; `flat_error` switches to the older flat one.
let flatShape = false;
function openAiError(res, status, message, type, param = null) {
  if (flatShape) {
    return send(res, status, { object: 'error', message, type, param, code: status });
  }
  return send(res, status, { error: { message, type, param, code: status } });
}
function takeFault(names) {
  if (!names.includes(fault.name) || fault.left <= 0) return false;
  fault.left--;
  if (fault.left <= 0) fault = { name: '', left: 0 };
  return true;
}
function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
// Roughly what a BPE tokenizer yields on English/JSON: about four characters a token.
const tokens = (s) => Math.ceil(s.length / 4);

function authorised(req) {
  if (!API_KEY) return true;
  return req.headers.authorization === `Bearer ${API_KEY}`;
}

/** A fixed narration of the facts block, so tests and the demo get a stable, checkable answer. */
function narrate(messages) {
  const user = [...messages].reverse().find((x) => x && x.role === 'user');
  const text = typeof user?.content === 'string' ? user.content : '';
  const match = /```json untrusted-data\n([\s\S]*?)\n```/.exec(text);
  let facts = null;
  try {
    facts = match ? JSON.parse(match[1]) : null;
  } catch {
    facts = null;
  }
  if (facts && facts.kind === 'monthly-service-report') {
    return narrateReport(facts);
  }
  if (!facts || !Array.isArray(facts.templates) || facts.templates.length === 0) {
    return {
      summary: 'The facts contain no error lines, so there is nothing to narrate.',
      likely_cause: 'insufficient facts',
      next_steps: ['Widen the time range or check that journal lines reach Loki.'],
    };
  }
  // Template rows follow `templateColumns` (count, template, first, last, units, hosts…); objects are accepted too.
  const row = facts.templates[0];
  const cols = Array.isArray(facts.templateColumns) ? facts.templateColumns : [];
  const col = (name) => (Array.isArray(row) ? row[cols.indexOf(name)] : row[name]);
  const unitList = String(col('units') ?? '').split(',').filter(Boolean);
  const top = { count: col('count'), template: col('template'), firstSeen: col('first') ?? col('firstSeen'), units: unitList };
  const units = top.units.length ? top.units.join(', ') : 'an unknown unit';
  return {
    summary: `${facts.lines} error lines in the window; the most frequent (${top.count} times, ${units}) is: ${top.template}.`,
    likely_cause: `Whatever makes ${units} log "${top.template}" since ${top.firstSeen}.`,
    next_steps: [`journalctl -u ${Array.isArray(top.units) && top.units[0] ? top.units[0] : '<unit>'} -p err -n 50`],
  };
}

/** A monthly service report's summary, from the printed facts only (every number copied from them). */
function narrateReport(f) {
  const d = f.delivered ?? {};
  const p = f.promised ?? {};
  const incidents = Array.isArray(f.incidents) ? f.incidents : [];
  const sentences = [
    `In ${f.month}, ${f.customer} was promised ${p.availabilityObjective} availability and the ${p.latency}.`,
    d.availability === 'No requests'
      ? 'No requests were made, so there is no availability to report.'
      : `Availability was ${d.availability}, with ${d.errorBudgetUsed} of the error budget used, and the latency was ${d.latency}.`,
    incidents.length
      ? `There ${incidents.length === 1 ? 'was one customer-visible incident' : 'were several customer-visible incidents'}, the first starting ${incidents[0].start} and lasting ${incidents[0].duration}.`
      : 'No customer-visible incidents were recorded.',
  ];
  if (fault.name === 'invented_number' && takeFault(['invented_number'])) {
    sentences.push('Availability next month is forecast at 99.123 %.');
  }
  return { summary: sentences.join(' ') };
}

function completion(body, narrative, extra = {}) {
  const structured = body.response_format && body.response_format.type === 'json_schema';
  const triage = Array.isArray(narrative.next_steps);
  const content = structured
    ? JSON.stringify(narrative)
    : triage
      ? `${narrative.summary} Likely cause: ${narrative.likely_cause} Next: ${narrative.next_steps.join('; ')}`
      : narrative.summary;
  const promptTokens = tokens(JSON.stringify(body.messages));
  const completionTokens = tokens(content);
  m.promptTokens += promptTokens;
  m.generationTokens += completionTokens;
  m.success.stop++;
  return {
    id: `chatcmpl-${Math.random().toString(16).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, logprobs: null, finish_reason: 'stop', stop_reason: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    prompt_logprobs: null,
  };
}

async function chat(req, res) {
  if (!authorised(req) || takeFault(['401'])) {
    return send(res, 401, { error: 'Unauthorized' });
  }
  const raw = await readBody(req);
  let body;
  try {
    body = JSON.parse(raw);
  } catch (e) {
    return openAiError(res, 400, `Invalid JSON body: ${e.message}`, 'BadRequestError');
  }
  requests.push({ path: '/v1/chat/completions', body });
  if (requests.length > 50) requests.shift();
  if (typeof body !== 'object' || body === null || !Array.isArray(body.messages)) {
    return openAiError(res, 400, "1 validation error: messages: Field required", 'BadRequestError', 'messages');
  }
  if (body.model !== MODEL || takeFault(['404'])) {
    return openAiError(res, 404, `The model \`${body.model}\` does not exist.`, 'NotFoundError', 'model');
  }
  if (takeFault(['503'])) {
    return send(res, 503, { error: { message: 'The server is currently overloaded or loading the model.', type: 'ServiceUnavailableError', param: null, code: 503 } });
  }
  if (takeFault(['timeout'])) {
    // Never answers; the client's AbortController ends it.
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    return;
  }
  const maxTokens = Number(body.max_completion_tokens ?? body.max_tokens ?? 16);
  const promptTokens = tokens(JSON.stringify(body.messages));
  if (promptTokens + maxTokens > MAX_MODEL_LEN || takeFault(['400_context', 'flat_error'])) {
    return openAiError(
      res,
      400,
      `This model's maximum context length is ${MAX_MODEL_LEN} tokens. However, you requested ${promptTokens + maxTokens} tokens (${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`,
      'BadRequestError'
    );
  }
  if (body.response_format && takeFault(['schema_rejected'])) {
    return openAiError(res, 400, 'response_format json_schema is not supported by the current structured outputs backend', 'BadRequestError', 'response_format');
  }
  if (LATENCY_MS) await new Promise((r) => setTimeout(r, LATENCY_MS));
  const started = Date.now();
  const narrative = narrate(body.messages);
  if (takeFault(['malformed'])) {
    return send(res, 200, '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis');
  }
  if (takeFault(['empty'])) {
    return send(res, 200, completion(body, { summary: '', likely_cause: '', next_steps: [] }, { content: null, reasoning: 'Thinking about the facts…' }));
  }
  const extra = takeFault(['reasoning']) ? { reasoning: 'REASONING-NOT-FOR-DISPLAY: first I look at the templates…' } : {};
  const out = completion(body, narrative, extra);
  observe(m.e2e, (Date.now() - started) / 1000);
  countHttp('/v1/chat/completions', 'POST', 200);
  return send(res, 200, out);
}

async function control(req, res, url) {
  if (url.pathname === '/__sim/fault' && req.method === 'POST') {
    let b;
    try {
      b = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { error: 'body must be JSON {"fault","times"}' });
    }
    const name = b.fault === '503_once' ? '503' : String(b.fault ?? '');
    if (name && !FAULTS.has(name)) return send(res, 400, { error: `unknown fault ${name}` });
    fault = { name, left: b.fault === '503_once' ? 1 : Number(b.times ?? Infinity) };
    requests.length = 0;
    return send(res, 200, { fault: fault.name });
  }
  if (url.pathname === '/__sim/requests') {
    return send(res, 200, { requests });
  }
  return send(res, 404, { detail: 'Not Found' });
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://sim');
  // Older vLLM (< 0.10.1) answered errors in a flat shape; the `flat_error` fault (or ERROR_SHAPE=flat) uses it.
  flatShape = fault.name === 'flat_error' || env.ERROR_SHAPE === 'flat';
  try {
    if (CONTROL && url.pathname.startsWith('/__sim/')) return await control(req, res, url);
    if (url.pathname === '/health' && req.method === 'GET') {
      return fault.name === '503' ? send(res, 503, '', 'text/plain') : send(res, 200, '', 'text/plain');
    }
    if (url.pathname === '/metrics' && req.method === 'GET') {
      return send(res, 200, metricsText(), 'text/plain; version=0.0.4; charset=utf-8');
    }
    if (url.pathname === '/v1/models' && req.method === 'GET') {
      if (!authorised(req) || (fault.name === '401' && fault.left > 0)) return send(res, 401, { error: 'Unauthorized' });
      countHttp('/v1/models', 'GET', 200);
      return send(res, 200, {
        object: 'list',
        data: [{ id: MODEL, object: 'model', created: STARTED, owned_by: 'vllm', root: MODEL, parent: null, max_model_len: MAX_MODEL_LEN, permission: [] }],
      });
    }
    if (url.pathname === '/v1/chat/completions' && req.method === 'POST') return await chat(req, res);
    // FastAPI's answer for unknown paths, as vLLM gives it.
    return send(res, 404, { detail: 'Not Found' });
  } catch (e) {
    return openAiError(res, 500, String(e?.message ?? e), 'InternalServerError');
  }
});

server.listen(PORT, HOST, () => {
  process.stdout.write(`vllm-sim serving ${MODEL} on http://${HOST}:${PORT} (max_model_len ${MAX_MODEL_LEN})\n`);
});

function shutdown() {
  for (const res of hanging) res.destroy();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
