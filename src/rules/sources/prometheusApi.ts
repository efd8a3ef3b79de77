import { parseDuration } from '../duration';
import type { ExprLanguage, ReviewRule, RuleHealth, RuleSource } from '../types';
import { arr, isObj, num, str, textMap, type Obj } from '../../shared/narrow';

/** The rules of an answer, or why the answer cannot be read. */
export type RulesAnswer = { ok: true; rules: ReviewRule[] } | { ok: false; message: string };

/**
 * Reads a Prometheus-compatible `GET /api/v1/rules` answer (Prometheus, Mimir, Loki, or Grafana's
 * `/api/prometheus/grafana/...`): `{status, data: {groups: [{name, file, interval, rules: [...]}]}}`.
 */
export function rulesFromPrometheusApi(
  body: unknown,
  source: RuleSource,
  language: ExprLanguage = 'promql'
): RulesAnswer {
  if (!isObj(body)) {
    return { ok: false, message: 'the answer is not a JSON object' };
  }
  if (body.status === 'error') {
    return { ok: false, message: `${str(body.errorType) ?? 'error'}: ${str(body.error) ?? 'no message'}` };
  }
  if (!isObj(body.data) || !Array.isArray(body.data.groups)) {
    return { ok: false, message: 'the answer has no data.groups: is this a rules API?' };
  }
  const rules: ReviewRule[] = [];
  body.data.groups.forEach((g, gi) => {
    if (!isObj(g)) {
      return;
    }
    const group = str(g.name) ?? '';
    const folder = str(g.file) ?? '';
    const intervalSeconds = num(g.interval);
    arr(g.rules).forEach((r, ri) => {
      if (isObj(r)) {
        rules.push(ruleOf(r, { source, group, folder, intervalSeconds, key: `${source.id}#${gi}/${ri}`, language }));
      }
    });
  });
  return { ok: true, rules };
}

interface Ctx {
  source: RuleSource;
  group: string;
  folder: string;
  intervalSeconds?: number;
  key: string;
  language: ExprLanguage;
}

function ruleOf(r: Obj, c: Ctx): ReviewRule {
  const duration = num(r.duration);
  const grafana = c.source.kind === 'grafana';
  return {
    key: c.key,
    name: str(r.name) ?? '(unnamed)',
    kind: r.type === 'recording' ? 'recording' : 'alerting',
    group: c.group,
    folder: c.folder,
    source: c.source,
    expr: str(r.query) ?? '',
    language: grafana ? 'grafana' : c.language,
    // Prometheus reports `duration` in seconds; 0 means no `for`.
    forSeconds: duration && duration > 0 ? duration : undefined,
    intervalSeconds: c.intervalSeconds,
    labels: textMap(r.labels),
    annotations: textMap(r.annotations),
    health: healthOf(r.health),
    lastError: str(r.lastError) || undefined,
    isPaused: r.isPaused === true ? true : undefined,
    grafanaUid: grafana ? str(r.uid) : undefined,
  };
}

/** Prometheus says `err`, Grafana says `error`; `nodata` is Grafana's. */
export function healthOf(v: unknown): RuleHealth | undefined {
  switch (v) {
    case 'ok':
      return 'ok';
    case 'err':
    case 'error':
      return 'err';
    case 'nodata':
      return 'nodata';
    case 'unknown':
      return 'unknown';
    default:
      return undefined;
  }
}

/** `for` given as text in ruler answers (`5m`); undefined when absent or zero. */
export function forFromText(v: unknown): number | undefined {
  const s = str(v);
  const secs = s ? parseDuration(s) : undefined;
  return secs && secs > 0 ? secs : undefined;
}
