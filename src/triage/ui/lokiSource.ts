import { grafanaHttp } from '../../grafana/http';
import { describe } from '../../shared/http';
import { lokiRef } from '../../grafana/datasources';
import type { AppSettings } from '../../settings';
import { buildLogQuery, framesOfQueryResponse, parseLokiFrames } from '../loki';
import type { LogLine } from '../types';

export type LokiLinesResult =
  | { ok: true; lines: LogLine[]; problems: string[]; truncatedAt?: number; query: string }
  | { ok: false; message: string };

/**
 * Error-and-above journal lines for the chosen hosts, units and range, through Grafana's query API (the Loki data
 * source of this org), newest first and capped at `triage.maxLines`.
 */
export async function fetchLokiLines(
  settings: AppSettings,
  sel: { hosts: string[]; units: string[]; from: number; to: number }
): Promise<LokiLinesResult> {
  const ds = lokiRef(settings);
  if (!ds) {
    return {
      ok: false,
      message: 'No Loki data source is set for this org. Choose one on the app configuration page, or paste journalctl -o json output below.',
    };
  }
  const query = buildLogQuery({ labels: settings.labels, hosts: sel.hosts, units: sel.units });
  const maxLines = settings.triage.maxLines;
  const r = await grafanaHttp({
    url: '/api/ds/query',
    method: 'POST',
    timeoutMs: 30_000,
    body: {
      queries: [{ refId: 'A', datasource: ds, expr: query, queryType: 'range', maxLines, direction: 'backward' }],
      from: String(sel.from),
      to: String(sel.to),
    },
  });
  if (!r.ok) {
    const why = describe(r.error, { what: 'The Loki query (through Grafana)' });
    return { ok: false, message: `${why} Check the Loki data source and the label names (host, unit, level) on the app configuration page. Query: ${query}` };
  }
  const frames = framesOfQueryResponse(r.data);
  if ('error' in frames) {
    return { ok: false, message: `Loki rejected the query: ${frames.error}. Check the label names on the app configuration page. Query: ${query}` };
  }
  const parsed = parseLokiFrames(frames.frames, settings.labels);
  return {
    ok: true,
    lines: parsed.lines,
    problems: parsed.problems,
    truncatedAt: parsed.lines.length >= maxLines ? maxLines : undefined,
    query,
  };
}
