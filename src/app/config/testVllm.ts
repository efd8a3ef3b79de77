import { VLLM_PROXY_BASE } from '../../constants';
import { grafanaHttp } from '../../grafana/http';
import { grafanaProxyProblem, PROXY_PROBLEM_TEXT } from '../../grafana/proxyAnswers';
import { describe, type HttpFailure, type HttpResult } from '../../shared/http';
import { modelsOf, type ModelInfo } from '../../triage/models';

export type ServedModel = ModelInfo;

export type VllmTestResult = { ok: true; models: ServedModel[] } | { ok: false; title: string; message: string };

const WHAT = 'vLLM (through Grafana)';
const WRONG_KEY = {
  title: 'Wrong API key',
  advice: 'Reset the API key, enter the value vLLM was started with (--api-key), save, and test again.',
};
const UPSTREAM_DOWN = {
  title: 'vLLM unreachable',
  advice: 'Grafana could not reach the vLLM URL: check it is reachable from the Grafana server (not only from your browser) and that vLLM is running.',
};
/** Titles and next steps by HTTP status of the proxied answer. */
const BY_STATUS: Record<number, { title: string; advice: string }> = {
  401: WRONG_KEY,
  403: WRONG_KEY,
  404: { title: 'Not a vLLM/OpenAI server', advice: 'The server has no /v1/models. Point the URL at the OpenAI-compatible server root, without /v1.' },
  502: UPSTREAM_DOWN,
  503: UPSTREAM_DOWN,
  504: UPSTREAM_DOWN,
};
const BY_KIND = {
  timeout: 'Timed out',
  network: 'Unreachable',
  redirect: 'Redirected',
} as const;

function explainFailure(e: HttpFailure): { ok: false; title: string; message: string } {
  const advice = {
    timeout: 'Is the server overloaded or the URL behind a firewall? Raise the timeout only if the server is known to be slow.',
    network: 'Check Grafana is reachable and retry.',
  };
  if (e.kind !== 'http') {
    return { ok: false, title: BY_KIND[e.kind], message: describe(e, { what: WHAT, advice }) };
  }
  // Grafana's own proxy answers first: a 404 or 403 from Grafana says nothing about vLLM.
  const proxy = grafanaProxyProblem(e.status, e.body);
  if (proxy) {
    return { ok: false, ...PROXY_PROBLEM_TEXT[proxy] };
  }
  const known = BY_STATUS[e.status];
  return { ok: false, title: known?.title ?? `HTTP ${e.status}`, message: describe(e, { what: WHAT, advice: { http: known?.advice } }) };
}

/**
 * Explains the outcome of `GET <proxy>/v1/models` in the operator's words: which models are served, or what
 * failed and what to do about it.
 */
export function explainModelsResult(result: HttpResult): VllmTestResult {
  if (!result.ok) {
    return explainFailure(result.error);
  }
  const models = modelsOf(result.data);
  if (!models) {
    return {
      ok: false,
      title: 'Not a vLLM/OpenAI server',
      message:
        'The URL answered, but not with an OpenAI-style model list. Check that it points at the vLLM server root (e.g. http://spark-host:8000), not at a UI or another service.',
    };
  }
  if (models.length === 0) {
    return { ok: false, title: 'No models served', message: 'The server answered but serves no model. Start vLLM with --model.' };
  }
  return { ok: true, models };
}

/** Calls the saved settings' vLLM through the plugin proxy route (the key is added server-side). */
export async function testVllm(timeoutSeconds: number): Promise<VllmTestResult> {
  return explainModelsResult(await grafanaHttp({ url: `${VLLM_PROXY_BASE}/v1/models`, timeoutMs: timeoutSeconds * 1000 }));
}
