/**
 * `Http` over the global `fetch`, for Node (command lines, tests, bench). Never throws: every outcome is a result.
 * The browser goes through Grafana instead (src/grafana/http.ts), so that Grafana adds the session and org.
 */
import { deadline, encodeBody, mustNotRedirect, noAnswer, resultOf, urlWithParams, type Http, type HttpRequest } from './http';
import { isObj } from './narrow';

/**
 * Why a fetch failed, as Node reports it: undici puts the system error (ECONNREFUSED, ENOTFOUND) in `cause`.
 * Read by shape, not `instanceof`: errors may come from another realm (Jest's sandbox, a worker).
 */
export function networkReason(e: unknown): string {
  const { message, cause } = isObj(e) ? e : {};
  const c = isObj(cause) ? cause : {};
  return [c.code, c.message, message].find((x): x is string => typeof x === 'string' && x !== '') ?? String(e);
}

function headersOf(req: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (req.body !== undefined && typeof req.body !== 'string' && !hasType) {
    headers['Content-Type'] = 'application/json';
  }
  return headers;
}

/**
 * Calls `req` with `fetch`. A body or an Authorization header means redirects are refused (reported, not
 * followed) unless the request says otherwise; `timeoutMs` aborts the call, body included.
 */
export function fetchHttp(fetchImpl: typeof fetch = fetch): Http {
  return async (req) => {
    const url = urlWithParams(req.url, req.params);
    const d = deadline(req);
    try {
      const res = await fetchImpl(url, {
        method: req.method ?? 'GET',
        headers: headersOf(req),
        body: encodeBody(req.body),
        redirect: mustNotRedirect(req) ? 'manual' : 'follow',
        signal: d.signal,
      });
      return await resultOf(res, url);
    } catch (e) {
      return { ok: false, error: noAnswer(req, d.state.timedOut, networkReason(e), url) };
    } finally {
      d.done();
    }
  };
}
