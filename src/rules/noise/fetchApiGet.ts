import { fetchHttp } from '../../shared/fetchHttp';
import { describe, HttpError, type Http, type HttpFailure, type HttpResult } from '../../shared/http';
import { isObj } from '../../shared/narrow';
import type { ApiGet } from './prometheusApiQuerier';

/**
 * The body an `ApiGet` hands the querier: the answer, or Prometheus' own `{status: "error", error}` body of an error
 * status (the querier turns it into its message); with no such body, the failure is thrown as an `HttpError`.
 */
export function apiBody(r: HttpResult, explain: (f: HttpFailure) => string = (f) => describe(f)): unknown {
  if (r.ok) {
    return r.data;
  }
  if (r.error.kind === 'http' && isObj(r.error.body)) {
    return r.error.body;
  }
  throw new HttpError(r.error, explain(r.error));
}

/**
 * An `ApiGet` to a Prometheus base URL over an `Http` (Node's fetch by default: command line, tests, bench). Queries
 * go as POST to keep long expressions out of the URL; other endpoints (label values) accept GET only.
 */
export function fetchApiGet(base: string, timeoutMs = 60_000, http: Http = fetchHttp()): ApiGet {
  const what = `Prometheus at ${base}`;
  return async (path, params) => {
    const post = path.startsWith('/api/v1/query');
    const r = await http(
      post
        ? {
            url: `${base}${path}`,
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(params).toString(),
            redirect: 'follow',
            timeoutMs,
          }
        : { url: `${base}${path}`, params, timeoutMs }
    );
    return apiBody(r, (f) => describe(f, { what }));
  };
}
