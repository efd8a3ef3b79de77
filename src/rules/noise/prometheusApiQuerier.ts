import { arr, isObj, str } from '../../shared/narrow';
import type { RangeQuerier, Series } from './types';

/**
 * Fetches a Prometheus API path with form parameters and returns the parsed body (any status; Prometheus puts
 * its error in the body). Throws only when there is no answer at all.
 */
export type ApiGet = (path: string, params: Record<string, string>) => Promise<unknown>;

/** Turns a Prometheus query answer into series; throws Prometheus' own error text. */
export function seriesOf(body: unknown): Series[] {
  if (!isObj(body)) {
    throw new Error('the answer is not a Prometheus API object');
  }
  if (body.status !== 'success' || !isObj(body.data)) {
    throw new Error(`${str(body.errorType) ?? 'error'}: ${str(body.error) ?? str(body.message) ?? 'no message'}`);
  }
  const { resultType, result } = body.data;
  if (resultType === 'scalar') {
    return [];
  }
  return arr(result)
    .filter(isObj)
    .map((r) => {
      const labels: Record<string, string> = {};
      if (isObj(r.metric)) {
        for (const [k, v] of Object.entries(r.metric)) {
          labels[k] = String(v);
        }
      }
      const raw = resultType === 'vector' ? [r.value] : arr(r.values);
      const points: Array<[number, number]> = [];
      for (const p of raw) {
        if (Array.isArray(p) && typeof p[0] === 'number') {
          points.push([p[0], Number(p[1])]);
        }
      }
      return { labels, points };
    });
}

/** A `RangeQuerier` over any transport that reaches a Prometheus-compatible `/api/v1/...`. */
export function prometheusApiQuerier(get: ApiGet): RangeQuerier {
  return {
    instant: async (expr, time) => seriesOf(await get('/api/v1/query', { query: expr, time: String(time) })),
    range: async (expr, start, end, step) =>
      seriesOf(
        await get('/api/v1/query_range', { query: expr, start: String(start), end: String(end), step: String(step) })
      ),
    metricNames: async (start, end) => {
      const body = await get('/api/v1/label/__name__/values', { start: String(start), end: String(end) });
      if (!isObj(body) || body.status !== 'success') {
        throw new Error(
          isObj(body)
            ? `${str(body.errorType) ?? 'error'}: ${str(body.error) ?? 'no message'}`
            : 'not a Prometheus answer'
        );
      }
      return arr(body.data).filter((x): x is string => typeof x === 'string');
    },
  };
}
