import { seriesOf } from '../rules/noise/prometheusApiQuerier';
import { describe, HttpError, type Http } from '../shared/http';
import { annotationsQuery, parseAnnotations } from '../shared/annotations';
import { isObj } from '../shared/narrow';
import type { InstantSample } from '../sla/facts';
import type { IncidentSource, ReportDataSource } from './types';

/**
 * The report's two data interfaces over the shared `Http`. Pure: the page passes Grafana's (session and org), the
 * command line `fetch` (to Prometheus, or to Grafana with its credentials), so tests run them against real servers.
 */

/** Longest wait for one instant query. */
const QUERY_TIMEOUT_MS = 60_000;

/**
 * Instant queries over Prometheus' HTTP API (`GET <base>/api/v1/query`): `base` is Prometheus itself or Grafana's
 * data source proxy path. Prometheus' own error (bad_data …) is its message; anything else is described.
 */
export function prometheusReportSource(http: Http, base: string, what = `Prometheus at ${base}`): ReportDataSource {
  return {
    instant: async (expr, time): Promise<InstantSample[]> => {
      const r = await http({
        url: `${base}/api/v1/query`,
        params: { query: expr, time: String(time) },
        timeoutMs: QUERY_TIMEOUT_MS,
      });
      const body = r.ok
        ? r.data
        : r.error.kind === 'http' && isObj(r.error.body) && r.error.body.status === 'error'
          ? r.error.body
          : undefined;
      if (!r.ok && body === undefined) {
        throw new HttpError(r.error, describe(r.error, { what }));
      }
      return seriesOf(body).map((s) => ({
        labels: s.labels,
        value: s.points.length ? s.points[s.points.length - 1][1] : NaN,
      }));
    },
  };
}

/** Grafana's data source proxy path of a Prometheus data source (the same route the alert-rule review uses). */
export function datasourceProxyPath(uid: string): string {
  return `/api/datasources/proxy/uid/${encodeURIComponent(uid)}`;
}

/** Most annotations read per report; a month with more incidents than this has bigger problems than a report. */
export const MAX_ANNOTATIONS = 500;

/** The annotations URL of a report (from/to in Unix seconds): every tag must match, user annotations only. */
export function annotationsUrl(tags: string[], from: number, to: number): string {
  return `/api/annotations?${annotationsQuery({ tags, from: from * 1000, to: to * 1000, limit: MAX_ANNOTATIONS })}`;
}

/** Customer-visible incidents from Grafana's `GET /api/annotations` in the org of the request (`base` = Grafana's root). */
export function grafanaIncidentSource(http: Http, base = ''): IncidentSource {
  return {
    annotations: async (tags, from, to) => {
      const r = await http({ url: `${base}${annotationsUrl(tags, from, to)}`, timeoutMs: QUERY_TIMEOUT_MS });
      if (!r.ok) {
        throw new HttpError(r.error, describe(r.error, { what: 'Grafana (annotations)' }));
      }
      return parseAnnotations(r.data);
    },
  };
}
