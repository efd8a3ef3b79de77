import { isObj, parseJson, type Obj } from '../shared/narrow';
import { modelsOf, type ModelInfo } from './models';
import { neutralise } from './neutralise';
import type { ChatMessage } from './prompt';
import { redactSecrets, type RedactionCounts } from './redact';
import {
  emptyFailure,
  failureFromStatus,
  malformedFailure,
  redirectFailure,
  timeoutFailure,
  unreachable,
  withoutCredentials,
  type CallSite,
  type TriageFailure,
} from './vllmErrors';

/** The minimum of a fetch response the client needs. */
export interface HttpResponseLike {
  status: number;
  text(): Promise<string>;
}

/** Injected transport: the browser passes one that goes through Grafana's proxy route, the CLI the global fetch. */
export type FetchLike = (
  url: string,
  init: {
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    /** Always `manual`: a redirect is reported, never followed, so the prompt cannot be re-posted elsewhere. */
    redirect?: 'manual';
  }
) => Promise<HttpResponseLike>;

export interface VllmClientOptions {
  /** Base URL without `/v1`: the proxy route (browser) or the server (CLI). */
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  /** Only the CLI sends a key itself; in the browser Grafana's proxy adds it server-side. */
  apiKey?: string;
  site: Omit<CallSite, 'timeoutSeconds' | 'target'>;
}

/** The three things the model is asked for. */
export interface Narrative {
  summary: string;
  likely_cause: string;
  next_steps: string[];
}

export type { ModelInfo };

export type ModelsResult = { ok: true; models: ModelInfo[] } | { ok: false; error: TriageFailure };

export interface NarrateRequest {
  model: string;
  /** Builds the messages; called again with `shrink` after a context-too-long answer. */
  messages: (shrink: boolean) => ChatMessage[];
  cacheSalt: string;
  maxCompletionTokens?: number;
  /** The answer's JSON schema; triage's narrative schema when omitted. */
  schema?: { name: string; schema: object };
}

export interface NarrateSuccess {
  ok: true;
  narrative: Narrative;
  model: string;
  seconds: number;
  /** Prompt tokens as vLLM counted them (usage), when it said. */
  promptTokens?: number;
  /** Whether the answer came in the JSON schema (false after a fallback to plain text). */
  structured: boolean;
  /** What was sent last (after any shrinking): the exact messages. */
  sent: ChatMessage[];
  /** Retries and fallbacks that happened, in words. */
  notes: string[];
}

export type NarrateResult =
  NarrateSuccess | { ok: false; error: TriageFailure; seconds: number; sent: ChatMessage[]; notes: string[] };

/** JSON schema of the answer, sent as `response_format`. */
export const NARRATIVE_SCHEMA = {
  type: 'object',
  properties: {
    summary: { type: 'string' },
    likely_cause: { type: 'string' },
    next_steps: { type: 'array', items: { type: 'string' }, maxItems: 5 },
  },
  required: ['summary', 'likely_cause', 'next_steps'],
  additionalProperties: false,
} as const;

type Outcome =
  { kind: 'response'; status: number; text: string } | { kind: 'timeout' } | { kind: 'network'; message: string };

/** An OpenAI-compatible vLLM client over an injected fetch, with a hard timeout on every call. */
export class VllmClient {
  constructor(private readonly o: VllmClientOptions) {}

  private site(path: string): CallSite {
    // Messages name the target without any user:password@ the URL may carry.
    return {
      ...this.o.site,
      target: withoutCredentials(`${this.o.baseUrl}${path}`),
      timeoutSeconds: this.o.timeoutMs / 1000,
    };
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Outcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.o.timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (this.o.apiKey) {
      headers.Authorization = `Bearer ${this.o.apiKey}`;
    }
    try {
      const res = await this.o.fetch(`${this.o.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        redirect: 'manual',
      });
      const text = await res.text();
      return { kind: 'response', status: res.status, text };
    } catch (e) {
      if (controller.signal.aborted) {
        return { kind: 'timeout' };
      }
      // A transport that refuses redirects itself (the command line's) reports one as an error: keep its status.
      const redirect = redirectStatusOf(e);
      return redirect === undefined
        ? { kind: 'network', message: e instanceof Error ? e.message : String(e) }
        : { kind: 'response', status: redirect, text: '' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** `GET /v1/models`: the served models and their `max_model_len`. */
  async listModels(): Promise<ModelsResult> {
    const site = this.site('/v1/models');
    const r = await this.call('GET', '/v1/models');
    if (r.kind === 'timeout') {
      return { ok: false, error: timeoutFailure(site) };
    }
    if (r.kind === 'network') {
      return { ok: false, error: unreachable(site, r.message) };
    }
    if (r.status !== 200) {
      return {
        ok: false,
        error: isRedirect(r.status) ? redirectFailure(site, r.status) : failureFromStatus(r.status, r.text, site),
      };
    }
    const models = parseModels(r.text);
    return models ? { ok: true, models } : { ok: false, error: malformedFailure(site, r.text.slice(0, 200)) };
  }

  /**
   * `POST /v1/chat/completions` with the JSON-schema answer format. One retry on 503 or timeout; a context-too-long
   * 400 rebuilds the prompt shrunk and retries once; a rejected schema falls back to plain text.
   */
  async narrate(req: NarrateRequest, counts: RedactionCounts = {}): Promise<NarrateResult> {
    const started = Date.now();
    const site = { ...this.site('/v1/chat/completions'), model: req.model };
    const state: AttemptState = {
      structured: true,
      shrink: false,
      retried: false,
      sent: req.messages(false),
      notes: [],
    };
    const elapsed = () => (Date.now() - started) / 1000;
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = await this.call('POST', '/v1/chat/completions', requestBody(req, state.sent, state.structured));
      const answer = answerOf(r, site, counts);
      if (answer.ok) {
        return {
          ok: true,
          ...answer.value,
          seconds: elapsed(),
          structured: state.structured,
          sent: state.sent,
          notes: state.notes,
        };
      }
      if (!recover(answer.failure, state, req)) {
        return { ok: false, error: answer.failure, seconds: elapsed(), sent: state.sent, notes: state.notes };
      }
    }
    return { ok: false, error: timeoutFailure(site), seconds: elapsed(), sent: state.sent, notes: state.notes };
  }
}

interface AttemptState {
  structured: boolean;
  shrink: boolean;
  retried: boolean;
  sent: ChatMessage[];
  notes: string[];
}

/** The status of a refused redirect carried by a transport's error (`HttpError` of src/shared/http.ts), read by shape. */
function redirectStatusOf(e: unknown): number | undefined {
  const failure = isObj(e) && isObj(e.failure) ? e.failure : undefined;
  return failure?.kind === 'redirect' && typeof failure.status === 'number' ? failure.status : undefined;
}

const isRedirect = (status: number) => status === 0 || (status >= 300 && status < 400);

type Parsed = { narrative: Narrative; model: string; promptTokens?: number };

/** One attempt's outcome as an answer or a failure. */
function answerOf(
  r: Outcome,
  site: CallSite,
  counts: RedactionCounts
): { ok: true; value: Parsed } | { ok: false; failure: TriageFailure } {
  if (r.kind !== 'response') {
    return { ok: false, failure: r.kind === 'timeout' ? timeoutFailure(site) : unreachable(site, r.message) };
  }
  if (r.status !== 200) {
    return {
      ok: false,
      failure: isRedirect(r.status) ? redirectFailure(site, r.status) : failureFromStatus(r.status, r.text, site),
    };
  }
  const parsed = parseCompletion(r.text, counts);
  if (typeof parsed === 'string') {
    return { ok: false, failure: parsed === 'empty' ? emptyFailure() : malformedFailure(site, r.text.slice(0, 200)) };
  }
  return { ok: true, value: parsed };
}

/** Whether a failure is worth one more attempt, adjusting what is sent; notes say what happened. */
function recover(failure: TriageFailure, state: AttemptState, req: NarrateRequest): boolean {
  if ((failure.kind === 'unavailable' || failure.kind === 'timeout') && !state.retried) {
    state.retried = true;
    state.notes.push(failure.kind === 'timeout' ? 'retried once after a timeout' : 'retried once after 503');
    return true;
  }
  if (failure.kind === 'context-too-long' && !state.shrink) {
    state.shrink = true;
    state.sent = req.messages(true);
    state.notes.push('prompt was too long for the model; retried with fewer templates and no examples');
    return true;
  }
  if (failure.kind === 'schema-rejected' && state.structured) {
    state.structured = false;
    state.notes.push('the server rejected the JSON answer format; asked for plain text');
    return true;
  }
  return false;
}

function requestBody(req: NarrateRequest, messages: ChatMessage[], structured: boolean): Obj {
  const body: Obj = {
    model: req.model,
    messages,
    max_completion_tokens: req.maxCompletionTokens ?? 512,
    temperature: 0.2,
    stream: false,
    cache_salt: req.cacheSalt,
  };
  if (structured) {
    const s = req.schema ?? { name: 'triage_narrative', schema: NARRATIVE_SCHEMA };
    body.response_format = { type: 'json_schema', json_schema: { name: s.name, schema: s.schema, strict: true } };
  }
  return body;
}

/** `/v1/models` body → models, or undefined when it is not that shape. */
export function parseModels(text: string): ModelInfo[] | undefined {
  return modelsOf(parseJson(text));
}

const MAX_FIELD = 1200;

function cleanText(v: string, counts: RedactionCounts): string {
  // Model output is untrusted too: invisible and bidi characters out, markers defused, redacted again, cut; the UI
  // renders it as text only.
  return redactSecrets(neutralise(v), counts).trim().slice(0, MAX_FIELD);
}

/** Turns the content into a narrative: the schema's JSON when asked for it, else the text as the summary. */
export function narrativeFromContent(content: string, counts: RedactionCounts): Narrative {
  const unfenced = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  try {
    const j: unknown = JSON.parse(unfenced);
    if (isObj(j) && typeof j.summary === 'string') {
      const steps = Array.isArray(j.next_steps) ? j.next_steps.filter((x): x is string => typeof x === 'string') : [];
      return {
        summary: cleanText(j.summary, counts),
        likely_cause: typeof j.likely_cause === 'string' ? cleanText(j.likely_cause, counts) : '',
        next_steps: steps.slice(0, 5).map((x) => cleanText(x, counts)),
      };
    }
  } catch {
    // Not JSON: plain text narrative (fallback mode, or a model that ignored the schema).
  }
  return { summary: cleanText(content, counts), likely_cause: '', next_steps: [] };
}

function parseCompletion(
  text: string,
  counts: RedactionCounts
): { narrative: Narrative; model: string; promptTokens?: number } | 'malformed' | 'empty' {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  if (!isObj(body) || !Array.isArray(body.choices) || !isObj(body.choices[0]) || !isObj(body.choices[0].message)) {
    return 'malformed';
  }
  // `reasoning` (and `reasoning_content`) is deliberately never read: only the answer is shown.
  const content = body.choices[0].message.content;
  if (typeof content !== 'string' || content.trim() === '') {
    return content === null || content === undefined || typeof content === 'string' ? 'empty' : 'malformed';
  }
  const usage =
    isObj(body.usage) && typeof body.usage.prompt_tokens === 'number' ? body.usage.prompt_tokens : undefined;
  return {
    narrative: narrativeFromContent(content, counts),
    model: typeof body.model === 'string' ? body.model : '',
    promptTokens: usage,
  };
}
