// Maps every way a vLLM call can fail to one message that says what went wrong and what to do.
import { grafanaProxyProblem, PROXY_PROBLEM_TEXT, type GrafanaProxyProblem } from '../grafana/proxyAnswers';
import { isObj, str } from '../shared/narrow';

export type FailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'model-not-found'
  | 'not-found'
  | 'context-too-long'
  | 'schema-rejected'
  | 'bad-request'
  | 'unavailable'
  | 'timeout'
  | 'unreachable'
  | 'malformed'
  | 'empty'
  | 'server-error'
  | 'redirect';

export interface TriageFailure {
  kind: FailureKind;
  /** One or two sentences: what happened, then what to do. Plain text. */
  message: string;
  status?: number;
  /** The server's own message, if it gave one (untrusted; cut and shown as text). */
  detail?: string;
}

/** Where the call went, so messages point at the right knob (app configuration vs. command-line flags). */
export interface CallSite {
  /** e.g. "the app configuration page" or "--vllm / VLLM_API_KEY". */
  configHint: string;
  keyHint: string;
  target: string;
  timeoutSeconds: number;
  model?: string;
}

export interface ServerError {
  message?: string;
  type?: string;
  param?: string;
}

/**
 * Reads both vLLM error shapes — `{"error":{message,type,param,code}}` (v0.10.1+) and the flat
 * `{"object":"error",message,type,code}` — plus the non-OpenAI `{"error":"Unauthorized"}` and Grafana's `{message}`.
 */
export function parseServerError(text: string): ServerError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { message: text.trim().slice(0, 300) || undefined };
  }
  if (!isObj(body)) {
    return {};
  }
  if (isObj(body.error)) {
    return { message: str(body.error.message), type: str(body.error.type), param: str(body.error.param) };
  }
  if (typeof body.error === 'string') {
    return { message: body.error };
  }
  return { message: str(body.message), type: str(body.type), param: str(body.param) };
}

const CONTEXT_RE =
  /context length|context window|maximum context|max_model_len|too long|reduce the length|input tokens|prompt is too/i;
const SCHEMA_RE = /response_format|json_schema|structured|guided|grammar|xgrammar|outlines|schema/i;

function clip(t: string | undefined): string | undefined {
  // Server text is untrusted; control characters go and it is cut short before it is shown.
  return t ? withoutCredentials(t.replace(/[\u0000-\u001f\u007f]/g, ' ')).slice(0, 300) : undefined;
}

const PROXY_KIND: Record<GrafanaProxyProblem, FailureKind> = {
  'route-missing': 'not-found',
  'plugin-missing': 'not-found',
  forbidden: 'forbidden',
  'settings-missing': 'server-error',
  'url-template': 'server-error',
  unreachable: 'unreachable',
  timeout: 'unreachable',
};
type Classify = (
  status: number,
  err: ServerError,
  detail: string | undefined,
  site: CallSite
) => Omit<TriageFailure, 'status' | 'detail'> | undefined;

// Checked in order; the first that recognises the answer wins.
const CLASSIFIERS: Classify[] = [
  (status, _e, _d, site) =>
    status === 401
      ? {
          kind: 'unauthorized',
          message: `vLLM rejected the API key (401). Set ${site.keyHint} to the key vLLM was started with (--api-key).`,
        }
      : undefined,
  (status, _e, detail) =>
    status === 403
      ? {
          kind: 'forbidden',
          message: `Access to vLLM was refused (403): ${detail ?? 'forbidden'}. The vLLM route needs the Editor role; ask an admin.`,
        }
      : undefined,
  (status, err, detail, site) =>
    status === 404 && (err.type !== undefined || /model/i.test(detail ?? ''))
      ? {
          kind: 'model-not-found',
          message: `vLLM does not serve the model "${site.model ?? '?'}" (404). Set a served model in ${site.configHint}, or leave it empty to use the first one vLLM serves.`,
        }
      : undefined,
  (status, _e, _d, site) =>
    status === 404
      ? {
          kind: 'not-found',
          message: `Nothing answered at ${site.target} (404). Check the vLLM URL in ${site.configHint}: it should be the server root, e.g. http://spark-host:8000, without /v1.`,
        }
      : undefined,
  (status, _e, detail, site) =>
    status === 400 && CONTEXT_RE.test(detail ?? '')
      ? {
          kind: 'context-too-long',
          message: `The prompt is longer than the model's context even after shrinking it. Lower the prompt token budget in ${site.configHint}, or narrow the hosts, units or time range.`,
        }
      : undefined,
  (status, err, detail) =>
    status === 400 && (err.param === 'response_format' || SCHEMA_RE.test(detail ?? ''))
      ? {
          kind: 'schema-rejected',
          message: 'vLLM rejected the JSON answer format (400); the narrative was requested as plain text instead.',
        }
      : undefined,
  (status, _e, detail, site) =>
    status >= 400 && status < 500
      ? {
          kind: 'bad-request',
          message: `vLLM rejected the request (${status}${detail ? `: ${detail}` : ''}). Check the model and vLLM version in ${site.configHint}.`,
        }
      : undefined,
  (status) =>
    status === 503
      ? {
          kind: 'unavailable',
          message:
            'vLLM is unavailable (503), probably loading a model or overloaded; it was retried once. Try again in a minute, or check it: systemctl status vllm, GET /health.',
        }
      : undefined,
];

/** Classifies an HTTP error answer from vLLM (or from Grafana's proxy in front of it). */
export function failureFromStatus(status: number, text: string, site: CallSite): TriageFailure {
  // Only calls through Grafana's plugin proxy can get Grafana's own answers (the CLI talks to vLLM directly).
  const proxy = site.target.includes('/api/plugin-proxy/') ? grafanaProxyProblem(status, text) : undefined;
  if (proxy) {
    return { kind: PROXY_KIND[proxy], status, message: PROXY_PROBLEM_TEXT[proxy].message };
  }
  const err = parseServerError(text);
  const detail = clip(err.message);
  if (status === 502 || status === 504) {
    return unreachable(site, detail, status);
  }
  for (const classify of CLASSIFIERS) {
    const hit = classify(status, err, detail, site);
    if (hit) {
      return { ...hit, status, detail };
    }
  }
  return {
    status,
    detail,
    kind: 'server-error',
    message: `vLLM failed (${status}${detail ? `: ${detail}` : ''}). Check its log: journalctl -u vllm -n 50.`,
  };
}

/** A URL with any `user:password@` taken out, for messages: credentials are never echoed. */
export function withoutCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

/** vLLM (or something in front of it) answered with a redirect; it is not followed, so the prompt stays put. */
export function redirectFailure(site: CallSite, status: number): TriageFailure {
  return {
    kind: 'redirect',
    status,
    message: `${site.target} answered with a redirect (${status || 'opaque'}); redirects are not followed, so the prompt is never sent anywhere else. Set the final vLLM URL in ${site.configHint}.`,
  };
}

/** The server could not be reached at all (refused, DNS, proxy 502). */
export function unreachable(site: CallSite, detail?: string, status?: number): TriageFailure {
  return {
    kind: 'unreachable',
    status,
    detail: clip(detail),
    message: `vLLM could not be reached at ${site.target}. Check that it is running (systemctl status vllm) and that the URL in ${site.configHint} is right.`,
  };
}

/** No answer within the client's timeout, even after the one retry. */
export function timeoutFailure(site: CallSite): TriageFailure {
  return {
    kind: 'timeout',
    message: `vLLM did not answer within ${site.timeoutSeconds} s (tried twice). It may be busy or still loading: check its queue (vllm:num_requests_waiting), or raise the timeout in ${site.configHint}.`,
  };
}

/** A 200 whose body is not an OpenAI chat completion (wrong server, or a cut-off answer). */
export function malformedFailure(site: CallSite, detail: string): TriageFailure {
  return {
    kind: 'malformed',
    detail: clip(detail),
    message: `The answer from ${site.target} is not an OpenAI chat completion. Check that the URL in ${site.configHint} points at vLLM's OpenAI-compatible server.`,
  };
}

/** A completion without answer text (reasoning only, or null content). */
export function emptyFailure(): TriageFailure {
  return {
    kind: 'empty',
    message:
      'The model returned no answer text (only reasoning, or nothing). Use a non-reasoning model or raise its token limit; the facts above stand on their own.',
  };
}
