#!/usr/bin/env node
// An OpenAI-compatible stand-in for vLLM v0.11 (the version docker-compose.yaml runs with the gpu profile),
// dependency-free, for the dev stack and for tests. It follows vLLM's source, read and cited below: the metrics
// PrometheusStatLogger exports (names, labels, bucket bounds, when each is recorded, what is never recorded), the
// HTTP counters prometheus-fastapi-instrumentator adds, the error bodies and status codes. It is a small scheduler,
// not a model: requests queue for one of MAX_NUM_SEQS slots, "generate" a deterministic number of tokens at ITL_MS
// per token, and triage prompts get a fixed narration of the facts they carry.
//
// Environment: PORT (8000), HOST (0.0.0.0), MODEL (Qwen/Qwen2.5-7B-Instruct; the served model name), API_KEY (unset:
// no auth, like vLLM), MAX_MODEL_LEN (8192), MAX_NUM_SEQS (16), KV_CAPACITY_TOKENS (4 × MAX_MODEL_LEN),
// ITL_MS (0: instant), PREFILL_MS_PER_1K (0), LATENCY_MS (0: extra wait before answering), INCIDENT_MINUTES
// ("40-45": minutes of every hour with engine trouble) and INCIDENT_ERROR_RATE (0–1: share of requests finished with
// "error" then), FAULT, FAULT_TIMES, ERROR_SHAPE=flat (pre-0.10.1 error bodies), SIM_CONTROL=1 (tests only: POST
// /__sim/fault {"fault","times"}, GET /__sim/requests; never in the compose stack).
// Faults: 401 | 404 | 400_context | 500 | engine_dead | 503 | 503_once | timeout | malformed | reasoning |
//   schema_rejected | empty | flat_error (a context-length 400 in the pre-0.10.1 flat shape) | invented_number (a
//   monthly-report summary that states a number its facts do not contain, as a model that makes things up would)
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const env = process.env;
const num = (v, d) => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? d : Number(v));
const PORT = num(env.PORT, 8000);
const HOST = env.HOST ?? '0.0.0.0';
const MODEL = env.MODEL ?? 'Qwen/Qwen2.5-7B-Instruct';
const API_KEY = env.API_KEY ?? '';
const MAX_MODEL_LEN = num(env.MAX_MODEL_LEN, 8192);
const MAX_NUM_SEQS = Math.max(1, num(env.MAX_NUM_SEQS, 16));
const KV_CAPACITY = num(env.KV_CAPACITY_TOKENS, 4 * MAX_MODEL_LEN);
const ITL_MS = num(env.ITL_MS, 0);
const PREFILL_MS_PER_1K = num(env.PREFILL_MS_PER_1K, 0);
const LATENCY_MS = num(env.LATENCY_MS, 0);
const INCIDENT = /^(\d{1,2})-(\d{1,2})$/.exec(env.INCIDENT_MINUTES ?? '');
const INCIDENT_ERROR_RATE = num(env.INCIDENT_ERROR_RATE, 0);
const CONTROL = env.SIM_CONTROL === '1';
const STARTED = Math.floor(Date.now() / 1000);

const FAULTS = new Set(['401', '404', '400_context', '500', 'engine_dead', '503', 'timeout', 'malformed', 'reasoning', 'flat_error', 'schema_rejected', 'empty', 'invented_number']);
let fault = { name: env.FAULT ?? '', left: env.FAULT_TIMES ? Number(env.FAULT_TIMES) : Infinity };
if (fault.name === '503_once') {
  fault = { name: '503', left: 1 };
}
const requests = [];
const hanging = new Set();

// ---- metrics, as vllm/v1/metrics/loggers.py PrometheusStatLogger.__init__ defines them ----
// request_latency_buckets: e2e, queue, inference, prefill and decode time.
const REQUEST_LATENCY = [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];
const TTFT = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];
// inter_token_latency and the deprecated (0.11) time_per_output_token share these.
const ITL = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0];
// vllm/v1/engine/__init__.py FINISH_REASON_STRINGS: every reason's series exists from the start (value 0).
const FINISH_REASONS = ['stop', 'length', 'abort', 'error', 'repetition'];
// prometheus-fastapi-instrumentator metrics.py default(): lowr and highr latency buckets.
const HTTP_LOWR = [0.1, 0.5, 1];
const HTTP_HIGHR = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 7.5, 10, 30, 60];
// vllm/entrypoints/openai/api_server.py mount_metrics: handlers the instrumentator leaves out.
const EXCLUDED_HANDLERS = new Set(['/metrics', '/health', '/load', '/ping', '/version']);

function histogram(bounds) {
  return { bounds, counts: bounds.map(() => 0), sum: 0, count: 0 };
}
function observe(h, v) {
  h.bounds.forEach((b, i) => {
    if (v <= b) h.counts[i]++;
  });
  h.sum += v;
  h.count++;
}
const m = {
  running: 0,
  waiting: 0,
  kvTokens: 0,
  promptTokens: 0,
  generationTokens: 0,
  prefixQueries: 0,
  prefixHits: 0,
  preemptions: 0,
  finished: Object.fromEntries(FINISH_REASONS.map((r) => [r, 0])),
  e2e: histogram(REQUEST_LATENCY),
  queue: histogram(REQUEST_LATENCY),
  inference: histogram(REQUEST_LATENCY),
  prefill: histogram(REQUEST_LATENCY),
  decode: histogram(REQUEST_LATENCY),
  ttft: histogram(TTFT),
  itl: histogram(ITL),
  tpot: histogram(ITL),
  http: new Map(),
  httpLowr: new Map(),
  httpHighr: histogram(HTTP_HIGHR),
};

/** prometheus_client prints bounds with Python's float repr: 1.0, 0.3, 2560.0. */
const pyFloat = (v) => (Number.isInteger(v) ? `${v}.0` : String(v));

/**
 * What the instrumentator records when a request ends (middleware.py __call__, in `finally`): status grouped to Nxx,
 * the route template as handler ("none" for unknown paths), excluded handlers skipped. vLLM's API-key check is a
 * middleware added after the instrumentator, so outside it: a 401 is never counted (order read from build_app;
 * unconfirmed).
 */
function countHttp(handler, method, status, seconds) {
  if (EXCLUDED_HANDLERS.has(handler)) return;
  const key = `${handler}|${method}|${String(status)[0]}xx`;
  m.http.set(key, (m.http.get(key) ?? 0) + 1);
  const lkey = `${handler}|${method}`;
  if (!m.httpLowr.has(lkey)) m.httpLowr.set(lkey, histogram(HTTP_LOWR));
  observe(m.httpLowr.get(lkey), seconds);
  observe(m.httpHighr, seconds);
}

function metricsText() {
  const l = `model_name="${MODEL}",engine="0"`;
  const out = [];
  const family = (name, type, help) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  const gauge = (name, help, v) => {
    family(name, 'gauge', help);
    out.push(`${name}{${l}} ${v}`);
  };
  // prometheus_client prints a Counter's HELP/TYPE and samples under `<name>_total`.
  const counter = (name, help, v) => {
    family(`${name}_total`, 'counter', help);
    out.push(`${name}_total{${l}} ${v}`);
  };
  const hist = (name, help, h, labels = l) => {
    family(name, 'histogram', help);
    histLines(name, h, labels);
  };
  const histLines = (name, h, labels) => {
    const sep = labels ? ',' : '';
    h.bounds.forEach((b, i) => out.push(`${name}_bucket{${labels}${sep}le="${pyFloat(b)}"} ${h.counts[i]}`));
    out.push(`${name}_bucket{${labels}${sep}le="+Inf"} ${h.count}`, `${name}_count${labels ? `{${labels}}` : ''} ${h.count}`, `${name}_sum${labels ? `{${labels}}` : ''} ${h.sum}`);
  };
  gauge('vllm:num_requests_running', 'Number of requests in model execution batches.', m.running);
  gauge('vllm:num_requests_waiting', 'Number of requests waiting to be processed.', m.waiting);
  gauge('vllm:kv_cache_usage_perc', 'KV-cache usage. 1 means 100 percent usage.', Math.min(1, m.kvTokens / KV_CAPACITY).toFixed(4));
  counter('vllm:prefix_cache_queries', 'Prefix cache queries, in terms of number of queried tokens.', m.prefixQueries);
  counter('vllm:prefix_cache_hits', 'Prefix cache hits, in terms of number of cached tokens.', m.prefixHits);
  counter('vllm:num_preemptions', 'Cumulative number of preemption from the engine.', m.preemptions);
  counter('vllm:prompt_tokens', 'Number of prefill tokens processed.', m.promptTokens);
  counter('vllm:generation_tokens', 'Number of generation tokens processed.', m.generationTokens);
  family('vllm:request_success_total', 'counter', 'Count of successfully processed requests.');
  for (const r of FINISH_REASONS) out.push(`vllm:request_success_total{${l},finished_reason="${r}"} ${m.finished[r]}`);
  hist('vllm:time_to_first_token_seconds', 'Histogram of time to first token in seconds.', m.ttft);
  hist('vllm:time_per_output_token_seconds', 'Histogram of time per output token in seconds.DEPRECATED: Use vllm:inter_token_latency_seconds instead.', m.tpot);
  hist('vllm:inter_token_latency_seconds', 'Histogram of inter-token latency in seconds.', m.itl);
  hist('vllm:e2e_request_latency_seconds', 'Histogram of e2e request latency in seconds.', m.e2e);
  hist('vllm:request_queue_time_seconds', 'Histogram of time spent in WAITING phase for request.', m.queue);
  hist('vllm:request_inference_time_seconds', 'Histogram of time spent in RUNNING phase for request.', m.inference);
  hist('vllm:request_prefill_time_seconds', 'Histogram of time spent in PREFILL phase for request.', m.prefill);
  hist('vllm:request_decode_time_seconds', 'Histogram of time spent in DECODE phase for request.', m.decode);
  family('http_requests_total', 'counter', 'Total number of requests by method, status and handler.');
  for (const [key, v] of m.http) {
    const [handler, method, status] = key.split('|');
    out.push(`http_requests_total{handler="${handler}",method="${method}",status="${status}"} ${v}`);
  }
  family('http_request_duration_highr_seconds', 'histogram', 'Latency with many buckets but no API specific labels. Made for more accurate percentile calculations. ');
  histLines('http_request_duration_highr_seconds', m.httpHighr, '');
  family('http_request_duration_seconds', 'histogram', 'Latency with only few buckets by handler. Made to be only used if aggregation by handler is important. ');
  for (const [key, h] of m.httpLowr) {
    const [handler, method] = key.split('|');
    histLines('http_request_duration_seconds', h, `handler="${handler}",method="${method}"`);
  }
  return `${out.join('\n')}\n`;
}

// ---- protocol helpers ----
function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
// vLLM ≥ 0.10.1 nests errors ({"error": {...}}); before that they were flat. `flat_error` or ERROR_SHAPE=flat.
let flatShape = false;
function errorBody(message, type, code, param = null) {
  return flatShape ? { object: 'error', message, type, param, code } : { error: { message, type, param, code } };
}
function openAiError(res, status, message, type, param = null) {
  return send(res, status, errorBody(message, type, status, param));
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
const sleep = (ms) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
// Roughly what a BPE tokenizer yields on English/JSON: about four characters a token.
const tokens = (s) => Math.ceil(s.length / 4);
function authorised(req) {
  return !API_KEY || req.headers.authorization === `Bearer ${API_KEY}`;
}

/** vllm/entrypoints/openai/api_server.py build_app validation_exception_handler: 400 "Bad Request", param null. */
function validationError(res, detail) {
  return openAiError(res, 400, `[${detail}]`, 'Bad Request');
}

/**
 * vLLM 0.11 serving_engine.py _validate_input: both limits are ValueErrors turned into 400 BadRequestError by
 * create_error_response (param null).
 */
function contextError(promptTokens, maxTokens) {
  if (promptTokens > MAX_MODEL_LEN) {
    return `This model's maximum context length is ${MAX_MODEL_LEN} tokens. However, your request has ${promptTokens} input tokens. Please reduce the length of the input messages.`;
  }
  return `'max_tokens' or 'max_completion_tokens' is too large: ${maxTokens}. This model's maximum context length is ${MAX_MODEL_LEN} tokens and your request has ${promptTokens} input tokens (${maxTokens} > ${MAX_MODEL_LEN} - ${promptTokens}).`;
}

/** A fixed narration of the triage facts block, so tests and the demo get a stable, checkable answer. */
function narrate(messages) {
  const user = [...messages].reverse().find((x) => x && x.role === 'user');
  const text = typeof user?.content === 'string' ? user.content : '';
  // The report sends its facts as JSON; triage as a plain-text block (src/triage/prompt.ts).
  const json = /```json untrusted-data\n([\s\S]*?)\n```/.exec(text);
  if (json) {
    let facts = null;
    try {
      facts = JSON.parse(json[1]);
    } catch {
      facts = null;
    }
    return facts && facts.kind === 'monthly-service-report' ? narrateReport(facts) : NOTHING_TO_NARRATE;
  }
  const block = /```untrusted-data\n([\s\S]*?)\n```/.exec(text);
  return block ? narrateTriage(block[1]) : undefined;
}

const NOTHING_TO_NARRATE = {
  summary: 'The facts contain no error lines, so there is nothing to narrate.',
  likely_cause: 'insufficient facts',
  next_steps: ['Widen the time range or check that journal lines reach Loki.'],
};

/** A triage narrative from the plain-text facts block: its line count and its most frequent template. */
function narrateTriage(block) {
  const lines = /^lines: (\d+)/m.exec(block)?.[1];
  // Template rows: `1. count | seen | units | hosts[ | callers] | text`.
  const row = /^1\. (\d+) \| ([^|]*) \| ([^|]*) \| [^|]* \| (?:[^|]* \| )?(.*)$/m.exec(block);
  if (!lines || !row) {
    return NOTHING_TO_NARRATE;
  }
  const [, count, seen, unitField, template] = row;
  const unitList = unitField === '-' ? [] : unitField.split(/,| \+/).filter(Boolean);
  const units = unitList.length ? unitList.join(', ') : 'an unknown unit';
  return {
    summary: `${lines} error lines in the window; the most frequent (${count} times, ${units}) is: ${template}.`,
    likely_cause: `Whatever makes ${units} log "${template}" since ${seen.split('-')[0]}.`,
    next_steps: [`journalctl -u ${unitList[0] ?? '<unit>'} -p err -n 50`],
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

/** The answer a request gets: triage prompts their narration, anything else a deterministic length of filler. */
function plan(body, promptText, maxTokens) {
  const narrative = narrate(body.messages ?? []);
  if (narrative) {
    const structured = body.response_format && body.response_format.type === 'json_schema';
    // A triage narrative has a cause and steps; a report summary is its sentences.
    const triage = Array.isArray(narrative.next_steps);
    const plain = triage ? `${narrative.summary} Likely cause: ${narrative.likely_cause} Next: ${narrative.next_steps.join('; ')}` : narrative.summary;
    const content = structured ? JSON.stringify(narrative) : plain;
    return { content, count: Math.min(tokens(content), maxTokens), natural: tokens(content) };
  }
  const natural = 20 + (createHash('sha256').update(promptText).digest().readUInt16BE(0) % 580);
  const count = Math.min(natural, maxTokens);
  return { content: 'lorem '.repeat(count).trim(), count, natural };
}

function inIncident(now = new Date()) {
  if (!INCIDENT || INCIDENT_ERROR_RATE <= 0) return false;
  const minute = now.getUTCMinutes();
  return minute >= Number(INCIDENT[1]) && minute < Number(INCIDENT[2]) && Math.random() < INCIDENT_ERROR_RATE;
}

// ---- the scheduler: MAX_NUM_SEQS running, the rest waiting, first come first served ----
const queue = [];
function acquire() {
  if (m.running < MAX_NUM_SEQS) {
    m.running++;
    return Promise.resolve();
  }
  m.waiting++;
  return new Promise((resolve) => queue.push(resolve));
}
function release() {
  const next = queue.shift();
  if (next) {
    m.waiting--;
    next();
  } else {
    m.running--;
  }
}

const seenPrefixes = new Set();
/** Prefix caching: the first message (a shared system prompt) is a hit once any earlier request sent it. */
function prefixHits(messages, promptTokens) {
  const first = typeof messages?.[0]?.content === 'string' ? messages[0].content : '';
  const key = createHash('sha256').update(first).digest('hex');
  const hit = first && seenPrefixes.has(key) ? Math.min(tokens(first), promptTokens) : 0;
  if (seenPrefixes.size < 10_000) seenPrefixes.add(key);
  return hit;
}

/**
 * Runs one request through the engine and records what PrometheusStatLogger.record records for a finished request
 * (success counter by reason, e2e/queue/prefill/decode/inference time, TTFT, one ITL sample per token gap). An
 * aborted request records none of these (vLLM issue #31503: the abort path bypasses them) but its prompt tokens.
 */
async function generate(g, onToken) {
  const arrived = Date.now();
  await acquire();
  const scheduled = Date.now();
  m.promptTokens += g.promptTokens;
  m.prefixQueries += g.promptTokens;
  m.prefixHits += g.hits;
  const need = g.promptTokens + g.count;
  if (m.kvTokens + need > KV_CAPACITY) m.preemptions++;
  m.kvTokens += need;
  try {
    await sleep(((g.promptTokens - g.hits) / 1000) * PREFILL_MS_PER_1K);
    const firstToken = Date.now();
    let last = firstToken;
    const gaps = [];
    for (let i = 0; i < g.count; i++) {
      if (i > 0) {
        await sleep(ITL_MS);
        const now = Date.now();
        gaps.push((now - last) / 1000);
        last = now;
      }
      if (g.aborted()) return { aborted: true };
      m.generationTokens++;
      await onToken(i);
    }
    if (g.aborted()) return { aborted: true };
    const end = Date.now();
    m.finished[g.reason]++;
    observe(m.e2e, (end - arrived) / 1000);
    observe(m.queue, (scheduled - arrived) / 1000);
    observe(m.prefill, (firstToken - scheduled) / 1000);
    observe(m.decode, (end - firstToken) / 1000);
    observe(m.inference, (end - scheduled) / 1000);
    observe(m.ttft, (firstToken - arrived) / 1000);
    for (const gap of gaps) {
      observe(m.itl, gap);
      observe(m.tpot, gap);
    }
    return { aborted: false };
  } finally {
    m.kvTokens -= need;
    release();
  }
}

function completionBody(body, content, reason, promptTokens, completionTokens, extra = {}) {
  return {
    id: `chatcmpl-${Math.random().toString(16).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, logprobs: null, finish_reason: reason, stop_reason: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    prompt_logprobs: null,
  };
}

/** vLLM 0.11 serving_chat.py: an engine "error" finish becomes a 500 InternalServerError (wording unconfirmed). */
const ENGINE_ERROR = ['Internal server error', 'InternalServerError', 500];

async function stream(res, body, g) {
  const id = `chatcmpl-${Math.random().toString(16).slice(2)}`;
  const chunk = (delta, finish = null) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8' });
  res.write(chunk({ role: 'assistant', content: '' }));
  const words = g.content.split(' ');
  const outcome = await generate(g, async (i) => {
    if (!res.destroyed) res.write(chunk({ content: i === 0 ? words[0] ?? '' : ` ${words[i] ?? ''}` }));
  });
  if (!outcome.aborted) {
    // serving_chat.py chat_completion_stream_generator: after the 200, a failure is one error event, then [DONE].
    res.write(g.reason === 'error' ? `data: ${JSON.stringify(errorBody(...ENGINE_ERROR))}\n\n` : chunk({}, g.reason));
    res.write('data: [DONE]\n\n');
  }
  res.end();
}

async function chat(req, res) {
  if (!authorised(req) || takeFault(['401'])) {
    return send(res, 401, { error: 'Unauthorized' });
  }
  const raw = await readBody(req);
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    return validationError(res, "{'type': 'json_invalid', 'loc': ('body', 0), 'msg': 'JSON decode error', 'input': {}, 'ctx': {'error': 'Expecting value'}}");
  }
  requests.push({ path: '/v1/chat/completions', body });
  if (requests.length > 50) requests.shift();
  if (typeof body !== 'object' || body === null || !Array.isArray(body.messages)) {
    return validationError(res, "{'type': 'missing', 'loc': ('body', 'messages'), 'msg': 'Field required', 'input': {}}");
  }
  // serving_engine.py _check_model: 404 NotFoundError, param null.
  if (body.model !== MODEL || takeFault(['404'])) {
    return openAiError(res, 404, `The model \`${body.model}\` does not exist.`, 'NotFoundError');
  }
  if (takeFault(['503'])) {
    // Not vLLM's answer: what the gateway in front says while vLLM restarts (Traefik wrr.go: no available server).
    return send(res, 503, 'no available server\n', 'text/plain; charset=utf-8');
  }
  if (takeFault(['engine_dead'])) {
    // launcher.py _add_shutdown_handlers: EngineDeadError → an empty 500.
    fault = { name: 'engine_dead', left: Infinity };
    return send(res, 500, '', 'text/plain');
  }
  if (takeFault(['timeout'])) {
    // Never answers; the client's AbortController ends it.
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    return undefined;
  }
  const promptText = JSON.stringify(body.messages);
  const promptTokens = tokens(promptText);
  // Without max_tokens vLLM allows what the context has left.
  const maxTokens = Number(body.max_completion_tokens ?? body.max_tokens ?? Math.max(1, MAX_MODEL_LEN - promptTokens));
  if (promptTokens + maxTokens > MAX_MODEL_LEN || takeFault(['400_context', 'flat_error'])) {
    return openAiError(res, 400, contextError(promptTokens, Math.max(maxTokens, MAX_MODEL_LEN - promptTokens + 1)), 'BadRequestError');
  }
  if (body.response_format && takeFault(['schema_rejected'])) {
    return openAiError(res, 400, 'response_format json_schema is not supported by the current structured outputs backend', 'BadRequestError', 'response_format');
  }
  await sleep(LATENCY_MS);
  if (takeFault(['malformed'])) {
    return send(res, 200, '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis');
  }
  const p = plan(body, promptText, maxTokens);
  const engineError = takeFault(['500']) || inIncident();
  let closed = false;
  res.on('close', () => {
    closed = !res.writableFinished;
  });
  const g = {
    promptTokens,
    hits: prefixHits(body.messages, promptTokens),
    count: p.count,
    content: p.content,
    reason: engineError ? 'error' : p.natural > p.count ? 'length' : 'stop',
    aborted: () => closed,
  };
  if (body.stream === true) {
    return stream(res, body, g);
  }
  const outcome = await generate(g, async () => undefined);
  if (outcome.aborted) {
    // with_cancellation (vllm/entrypoints/utils.py) returns None: the instrumentator still records a 200.
    return undefined;
  }
  if (g.reason === 'error') {
    return openAiError(res, 500, ENGINE_ERROR[0], ENGINE_ERROR[1]);
  }
  if (takeFault(['empty'])) {
    return send(res, 200, completionBody(body, null, g.reason, promptTokens, 0, { reasoning: 'Thinking about the facts…' }));
  }
  const extra = takeFault(['reasoning']) ? { reasoning: 'REASONING-NOT-FOR-DISPLAY: first I look at the templates…' } : {};
  return send(res, 200, completionBody(body, p.content, g.reason, promptTokens, p.count, extra));
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

const ROUTES = new Set(['/v1/models', '/v1/chat/completions', '/health', '/metrics']);

async function route(req, res, url) {
  if (url.pathname === '/health' && req.method === 'GET') {
    const down = fault.name === '503' || fault.name === 'engine_dead';
    return send(res, down ? 503 : 200, '', 'text/plain');
  }
  if (url.pathname === '/metrics' && req.method === 'GET') {
    return send(res, 200, metricsText(), 'text/plain; version=0.0.4; charset=utf-8');
  }
  if (url.pathname === '/v1/models' && req.method === 'GET') {
    if (!authorised(req) || (fault.name === '401' && fault.left > 0)) return send(res, 401, { error: 'Unauthorized' });
    return send(res, 200, {
      object: 'list',
      data: [{ id: MODEL, object: 'model', created: STARTED, owned_by: 'vllm', root: MODEL, parent: null, max_model_len: MAX_MODEL_LEN, permission: [] }],
    });
  }
  if (url.pathname === '/v1/chat/completions' && req.method === 'POST') return chat(req, res);
  // FastAPI's answer for unknown paths, as vLLM gives it.
  return send(res, 404, { detail: 'Not Found' });
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://sim');
  const started = Date.now();
  flatShape = fault.name === 'flat_error' || env.ERROR_SHAPE === 'flat';
  if (CONTROL && url.pathname.startsWith('/__sim/')) return control(req, res, url);
  // The instrumentator's view of every request, recorded when it ends (an abandoned one too).
  const handler = ROUTES.has(url.pathname) ? url.pathname : 'none';
  res.on('close', () => {
    if (res.statusCode !== 401 && !hanging.has(res)) countHttp(handler, req.method ?? 'GET', res.statusCode, (Date.now() - started) / 1000);
  });
  try {
    await route(req, res, url);
  } catch (e) {
    if (!res.headersSent) openAiError(res, 500, String(e?.message ?? e), 'InternalServerError');
  }
  return undefined;
});

server.listen(PORT, HOST, () => {
  process.stdout.write(`vllm-sim serving ${MODEL} on http://${HOST}:${PORT} (max_model_len ${MAX_MODEL_LEN}, ${MAX_NUM_SEQS} seqs)\n`);
});

function shutdown() {
  for (const res of hanging) res.destroy();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
