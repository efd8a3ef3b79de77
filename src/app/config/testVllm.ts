import { VLLM_PROXY_BASE } from '../../constants';
import { fetchGrafana, messageOf, type FetchResult } from '../../grafana/http';
import { grafanaProxyProblem, PROXY_PROBLEM_TEXT } from '../../grafana/proxyAnswers';

export interface ServedModel {
  id: string;
  maxModelLen?: number;
}

export type VllmTestResult = { ok: true; models: ServedModel[] } | { ok: false; title: string; message: string };

/** Narrows a `/v1/models` body: `{object?: "list", data: [{id, max_model_len?}]}`. */
function readModels(body: unknown): ServedModel[] | undefined {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { data?: unknown }).data)) {
    return undefined;
  }
  const models: ServedModel[] = [];
  for (const m of (body as { data: unknown[] }).data) {
    if (typeof m !== 'object' || m === null || typeof (m as { id?: unknown }).id !== 'string') {
      return undefined;
    }
    const len = (m as { max_model_len?: unknown }).max_model_len;
    models.push({ id: (m as { id: string }).id, maxModelLen: typeof len === 'number' ? len : undefined });
  }
  return models;
}

/**
 * Explains the outcome of `GET <proxy>/v1/models` in the operator's words: which models are served, or what
 * failed and what to do about it.
 */
export function explainModelsResult(result: FetchResult<unknown>, timeoutSeconds: number): VllmTestResult {
  if (result.ok) {
    const models = readModels(result.data);
    if (!models) {
      return {
        ok: false,
        title: 'Not a vLLM/OpenAI server',
        message:
          'The URL answered, but not with an OpenAI-style model list. Check that it points at the vLLM server root (e.g. http://spark-host:8000), not at a UI or another service.',
      };
    }
    if (models.length === 0) {
      return {
        ok: false,
        title: 'No models served',
        message: 'The server answered but serves no model. Start vLLM with --model.',
      };
    }
    return { ok: true, models };
  }
  const e = result.error;
  if (e.kind === 'timeout') {
    return {
      ok: false,
      title: 'Timed out',
      message: `No answer within ${timeoutSeconds} s. Is the server overloaded or the URL behind a firewall? Raise the timeout only if the server is known to be slow.`,
    };
  }
  if (e.kind === 'network') {
    return {
      ok: false,
      title: 'Unreachable',
      message: `The request did not complete (${e.message}). Check Grafana is reachable and retry.`,
    };
  }
  // Grafana's own proxy answers first: a 404 or 403 from Grafana says nothing about vLLM.
  const proxy = grafanaProxyProblem(e.status, e.body);
  if (proxy) {
    return { ok: false, ...PROXY_PROBLEM_TEXT[proxy] };
  }
  if (e.status === 401 || e.status === 403) {
    return {
      ok: false,
      title: 'Wrong API key',
      message: `vLLM refused the key (${e.status}${messageOf(e.body) ? `: ${messageOf(e.body)}` : ''}). Reset the API key, enter the value vLLM was started with (--api-key), save, and test again.`,
    };
  }
  if (e.status === 502 || e.status === 503 || e.status === 504) {
    return {
      ok: false,
      title: 'vLLM unreachable',
      message: `Grafana could not reach the vLLM URL (${e.status}). Check the URL is reachable from the Grafana server (not only from your browser) and that vLLM is running.`,
    };
  }
  if (e.status === 404) {
    return {
      ok: false,
      title: 'Not a vLLM/OpenAI server',
      message: 'The server has no /v1/models. Point the URL at the OpenAI-compatible server root, without /v1.',
    };
  }
  return { ok: false, title: `HTTP ${e.status}`, message: e.message };
}

/** Calls the saved settings' vLLM through the plugin proxy route (the key is added server-side). */
export async function testVllm(timeoutSeconds: number): Promise<VllmTestResult> {
  const result = await fetchGrafana({ url: `${VLLM_PROXY_BASE}/v1/models`, timeoutMs: timeoutSeconds * 1000 });
  return explainModelsResult(result, timeoutSeconds);
}
