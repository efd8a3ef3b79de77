import { isObj, num, objects } from '../shared/narrow';

/** A model an OpenAI-compatible server serves, with its context length when it says (vLLM does). */
export interface ModelInfo {
  id: string;
  maxModelLen?: number;
}

/** Narrows a `GET /v1/models` body, `{object?: "list", data: [{id, max_model_len?}]}`; undefined when it is not one. */
export function modelsOf(body: unknown): ModelInfo[] | undefined {
  if (!isObj(body) || !Array.isArray(body.data)) {
    return undefined;
  }
  return objects(body.data).flatMap((m) => (typeof m.id === 'string' ? [{ id: m.id, maxModelLen: num(m.max_model_len) }] : []));
}
