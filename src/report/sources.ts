import type { FetchResult } from '../grafana/http';
import { seriesOf, type ApiGet } from '../rules/noise/prometheusApiQuerier';
import { arr, isObj, num, str } from '../rules/sources/narrow';
import type { InstantSample } from '../sla/facts';
import type { IncidentAnnotation, IncidentSource, ReportDataSource } from './types';

/**
 * The report's two data interfaces over HTTP transports. Pure: the transport is injected (the page's goes through
 * Grafana's backend, the command line's is `fetch` to Prometheus or Grafana), so tests run them against real servers.
 */

/** Instant queries over Prometheus' HTTP API (`/api/v1/query`), directly or through Grafana's data source proxy. */
export function prometheusReportSource(get: ApiGet): ReportDataSource {
  return {
    instant: async (expr, time): Promise<InstantSample[]> =>
      seriesOf(await get('/api/v1/query', { query: expr, time: String(time) })).map((s) => ({
        labels: s.labels,
        value: s.points.length ? s.points[s.points.length - 1][1] : NaN,
      })),
  };
}

/** How a Grafana shell fetches a path (with query parameters) and gets a typed result. */
export type GrafanaFetch = (url: string) => Promise<FetchResult<unknown>>;

/** Grafana's data source proxy path of a Prometheus data source (the same route the alert-rule review uses). */
export function datasourceProxyPath(uid: string): string {
  return `/api/datasources/proxy/uid/${encodeURIComponent(uid)}`;
}

/** Grafana's annotation list, narrowed (times in ms; region annotations carry `timeEnd`). */
export function parseAnnotations(body: unknown): IncidentAnnotation[] {
  if (!Array.isArray(body)) {
    throw new Error('the annotations answer is not a list');
  }
  return arr(body)
    .filter(isObj)
    .flatMap((a) => {
      const time = num(a.time);
      if (time === undefined) {
        return [];
      }
      return [
        {
          time,
          timeEnd: num(a.timeEnd),
          text: str(a.text) ?? '',
          tags: arr(a.tags).filter((t): t is string => typeof t === 'string'),
        },
      ];
    });
}

/** Most annotations read per report; a month with more incidents than this has bigger problems than a report. */
export const MAX_ANNOTATIONS = 500;

/** The annotations URL: every tag must match (`matchAny=false`), user annotations only (not alert state changes). */
export function annotationsUrl(tags: string[], from: number, to: number): string {
  const q = new URLSearchParams();
  for (const t of tags) {
    q.append('tags', t);
  }
  q.set('matchAny', 'false');
  q.set('type', 'annotation');
  q.set('from', String(Math.floor(from * 1000)));
  q.set('to', String(Math.ceil(to * 1000)));
  q.set('limit', String(MAX_ANNOTATIONS));
  return `/api/annotations?${q.toString()}`;
}

/** Customer-visible incidents from Grafana's `GET /api/annotations` in the current org. */
export function grafanaIncidentSource(fetch: GrafanaFetch): IncidentSource {
  return {
    annotations: async (tags, from, to) => {
      const r = await fetch(annotationsUrl(tags, from, to));
      if (!r.ok) {
        const e = r.error;
        throw new Error(e.kind === 'http' ? `HTTP ${e.status}: ${e.message}` : e.message);
      }
      return parseAnnotations(r.data);
    },
  };
}
