/**
 * Pure judgement of what a tenant's data source returned: does every series carry only this tenant's label value?
 * The shell (verify.ts) asks Grafana's data source proxy; this file only reads the Prometheus answers.
 */

/** One group of `count by (<label>) (…)`: the label's value (undefined when the series lack it) and the count. */
import { isObj } from '../shared/narrow';
export interface SeriesGroup {
  value: string | undefined;
  count: number;
}

export type Isolation =
  | { verdict: 'isolated'; series: number }
  | { verdict: 'leak'; seen: string[] }
  | { verdict: 'empty' }
  | { verdict: 'error'; message: string };

/** The PromQL the verify step sends: series per tenant label value over the last hour, every metric. */
export function isolationQuery(label: string): string {
  return `count by (${label}) (last_over_time({__name__=~".+"}[1h]))`;
}

/** Reads a Prometheus `/api/v1/query` answer into groups, or says why it cannot. */
export function parseGroups(body: unknown, label: string): SeriesGroup[] | string {
  if (!isObj(body) || body.status !== 'success' || !isObj(body.data) || !Array.isArray(body.data.result)) {
    const err = isObj(body) && typeof body.error === 'string' ? body.error : 'not a Prometheus query answer';
    return `the query failed: ${err}`;
  }
  const groups: SeriesGroup[] = [];
  for (const r of body.data.result) {
    if (!isObj(r) || !isObj(r.metric) || !Array.isArray(r.value)) {
      return 'the query answer has a malformed series';
    }
    const v = r.metric[label];
    groups.push({ value: typeof v === 'string' ? v : undefined, count: Number(r.value[1]) || 0 });
  }
  return groups;
}

/** Reads a Prometheus `/api/v1/label/<name>/values` answer. */
export function parseLabelValues(body: unknown): string[] | string {
  if (!isObj(body) || body.status !== 'success' || !Array.isArray(body.data)) {
    const err = isObj(body) && typeof body.error === 'string' ? body.error : 'not a Prometheus label values answer';
    return `the label values request failed: ${err}`;
  }
  return body.data.filter((v): v is string => typeof v === 'string');
}

/** The verdict: every group and every label value must be exactly `id`; nothing at all proves nothing. */
export function judgeIsolation(groups: SeriesGroup[], labelValues: string[], label: string, id: string): Isolation {
  const seen: string[] = [];
  for (const g of groups) {
    if (g.value !== id) {
      const what = g.value === undefined ? `without a ${label} label` : `with ${label}="${g.value}"`;
      seen.push(`${g.count} series ${what}`);
    }
  }
  for (const v of labelValues) {
    if (v !== id) {
      seen.push(`label values API lists ${label}="${v}"`);
    }
  }
  if (seen.length > 0) {
    return { verdict: 'leak', seen };
  }
  const series = groups.reduce((n, g) => n + g.count, 0);
  return series === 0 ? { verdict: 'empty' } : { verdict: 'isolated', series };
}
