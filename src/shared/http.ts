/**
 * One way to make an HTTP call: an `Http` function takes a request and always resolves to a result, never throws.
 * Implementations: `grafanaHttp` (browser, through Grafana's backend service, src/grafana/http.ts) and `fetchHttp`
 * (Node: command lines, tests, bench, src/shared/fetchHttp.ts). `describe()` turns any failure into the sentence a
 * user reads. Pure: no Grafana, React or Node imports.
 */
import { isObj, parseJson } from './narrow';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  url: string;
  method?: HttpMethod;
  /** Appended to the URL as a query string. */
  params?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** Sent as JSON, or as is when it is text (set the Content-Type header then). */
  body?: unknown;
  /** No answer within this many milliseconds is a `timeout` failure. */
  timeoutMs?: number;
  /** The caller's own cancellation (a newer request replaced this one). */
  signal?: AbortSignal;
  /**
   * Whether a 3xx answer is followed. Where credentials or a prompt are sent, a redirect could hand them to
   * another host, so the default there ('refuse') reports it as a failure instead; elsewhere it is 'follow'.
   */
  redirect?: 'follow' | 'refuse';
}

/** What went wrong, in one shape for every implementation. `message` is short and plain; `describe()` adds context. */
export type HttpFailure =
  /** The server answered with a status >= 400. `body` is its JSON, or its text; `message` its own words. */
  | { kind: 'http'; status: number; message: string; body: unknown; url?: string }
  /** A 3xx answer that was not followed (see `HttpRequest.redirect`). */
  | { kind: 'redirect'; status: number; message: string; location?: string; url?: string }
  /** No answer within `timeoutMs`. */
  | { kind: 'timeout'; message: string; url?: string }
  /** No answer at all: refused, DNS, TLS, offline, cancelled. */
  | { kind: 'network'; message: string; url?: string };

/** The outcome of a call. `data` is the body as JSON when it parses, else its text. */
export type HttpResult<T = unknown> = { ok: true; status: number; data: T } | { ok: false; error: HttpFailure };

export type Http = (req: HttpRequest) => Promise<HttpResult>;

/** Thrown only where an interface must throw (e.g. a querier the engine awaits); carries the failure. */
export class HttpError extends Error {
  constructor(
    readonly failure: HttpFailure,
    sentence = describe(failure)
  ) {
    super(sentence);
    this.name = 'HttpError';
  }
}

/** The request's URL with its query parameters. */
export function urlWithParams(url: string, params?: Record<string, string | number>): string {
  if (!params || Object.keys(params).length === 0) {
    return url;
  }
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return `${url}${url.includes('?') ? '&' : '?'}${qs}`;
}

/** Whether a request carries something a redirect must not carry elsewhere: a body or credentials. */
export function mustNotRedirect(req: HttpRequest): boolean {
  if (req.redirect) {
    return req.redirect === 'refuse';
  }
  const auth = Object.keys(req.headers ?? {}).some((h) => h.toLowerCase() === 'authorization');
  return auth || req.body !== undefined;
}

/** A body as the request sends it: text as is, anything else as JSON. */
export function encodeBody(body: unknown): string | undefined {
  return body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
}

/** An answer's body: its JSON when it parses, else its text (a proxy's HTML page, a plain-text error). */
export function decodeBody(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  const parsed = parseJson(text);
  return parsed === undefined ? text : parsed;
}

/**
 * The request's timer and the caller's signal joined into one signal to pass on; `state.timedOut` tells the two
 * apart afterwards, `done()` clears both.
 */
export function deadline(req: HttpRequest) {
  const controller = new AbortController();
  const state = { timedOut: false };
  const onAbort = () => controller.abort();
  req.signal?.addEventListener('abort', onAbort);
  const timer =
    req.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          state.timedOut = true;
          controller.abort();
        }, req.timeoutMs);
  const done = () => {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  };
  return { signal: controller.signal, state, done };
}

/** The failure of a call that ended without an answer: out of time, cancelled by the caller, or `reason`. */
export function noAnswer(req: HttpRequest, timedOut: boolean, reason: string, url = req.url): HttpFailure {
  if (timedOut) {
    return { kind: 'timeout', message: `no answer within ${(req.timeoutMs ?? 0) / 1000} s`, url };
  }
  return { kind: 'network', message: req.signal?.aborted ? 'the request was cancelled' : reason, url };
}

/** The parts of a fetch `Response` an answer is read from (Node's and the browser's alike). */
export interface ResponseLike {
  status: number;
  ok: boolean;
  statusText: string;
  type?: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * A fetch answer as a result: a redirect that was not followed (3xx, or the browser's "opaqueredirect" with status
 * 0) is a `redirect` failure, a status >= 400 an `http` failure carrying the body, anything else the body.
 */
export async function resultOf(res: ResponseLike, url: string): Promise<HttpResult> {
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    const location = res.headers.get('location') ?? undefined;
    return { ok: false, error: { kind: 'redirect', status: res.status, message: `redirect to ${location ?? '?'} (not followed)`, location, url } };
  }
  const body = decodeBody(await res.text());
  return res.ok ? { ok: true, status: res.status, data: body } : { ok: false, error: statusFailure(res.status, body, url, res.statusText) };
}

/** Control characters out, cut short: server text is untrusted and goes into sentences shown as text. */
export function clipText(t: string, max = 300): string {
  return t.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, max);
}

/**
 * The server's own words in an error body: Grafana `{message}`, OpenAI/vLLM `{error:{message}}`, Prometheus and
 * vLLM 401 `{error}`, or a plain-text body.
 */
export function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    return clipText(body) || undefined;
  }
  if (!isObj(body)) {
    return undefined;
  }
  const text = [body.message, body.error, isObj(body.error) ? body.error.message : undefined].find(
    (m): m is string => typeof m === 'string' && m !== ''
  );
  return text === undefined ? undefined : clipText(text);
}

/** The failure of an HTTP status, with the server's words when it gave any. */
export function statusFailure(status: number, body: unknown, url?: string, statusText = ''): HttpFailure {
  const message = serverMessage(body) ?? (statusText || `HTTP ${status}`);
  return { kind: 'http', status, message, body, url };
}

/** Next steps after a failure, by status (401, 404 …) or by kind; the first that applies is used. */
export type Advice = Partial<Record<number | 'http' | 'redirect' | 'timeout' | 'network', string>>;

export interface DescribeContext {
  /** Who was called, as the user knows it: "Grafana", "Prometheus at http://…", "the rules API". */
  what?: string;
  advice?: Advice;
}

function adviceFor(f: HttpFailure, advice: Advice = {}): string | undefined {
  if (f.kind === 'http' || f.kind === 'redirect') {
    return advice[f.status] ?? advice[f.kind] ?? (f.kind === 'redirect' ? advice.http : undefined);
  }
  return advice[f.kind];
}

function headline(f: HttpFailure, what: string): string {
  switch (f.kind) {
    case 'http':
      return `${what} answered HTTP ${f.status}${f.message && f.message !== `HTTP ${f.status}` ? `: ${f.message}` : ''}.`;
    case 'redirect':
      return `${what} answered with a redirect${f.status > 0 ? ` (HTTP ${f.status})` : ''} to ${f.location ?? 'another address'}; it was not followed, so nothing was sent there.`;
    case 'timeout':
      return `${what} did not answer in time (${f.message}).`;
    case 'network':
      return `${what} could not be reached (${f.message}).`;
  }
}

/**
 * A failure as the sentence a user reads: what happened (who answered what), then what to do. The default next
 * step for a redirect is to use the address it points to; for the others the context's advice.
 */
export function describe(f: HttpFailure, ctx: DescribeContext = {}): string {
  const what = ctx.what ?? (f.url ? f.url.split('?')[0] : 'The server');
  const next =
    adviceFor(f, ctx.advice) ?? (f.kind === 'redirect' && f.location ? `Use ${f.location} as the address.` : undefined);
  return next ? `${headline(f, what)} ${next}` : headline(f, what);
}

/** The minimal transport a client that reads status and text itself takes (the vLLM client): `fetch`'s shape. */
export type TextTransport = (
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal: AbortSignal }
) => Promise<{ status: number; text(): Promise<string> }>;

function bodyText(body: unknown): string {
  return body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * An `Http` as a `TextTransport`: every HTTP status comes back as an answer; no answer at all (or a redirect,
 * refused because a prompt is posted) throws, as `fetch` would.
 */
export function textTransport(http: Http): TextTransport {
  return async (url, init) => {
    const r = await http({ url, method: init.method, headers: init.headers, body: init.body, signal: init.signal, redirect: 'refuse' });
    if (r.ok) {
      return { status: r.status, text: async () => bodyText(r.data) };
    }
    const e = r.error;
    if (e.kind === 'http') {
      return { status: e.status, text: async () => bodyText(e.body) };
    }
    throw new HttpError(e);
  };
}
