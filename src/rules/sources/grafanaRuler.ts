import { parseDuration } from '../duration';
import type { ReviewRule, RuleSource } from '../types';
import { grafanaCondition } from './grafanaQuery';
import { arr, isObj, str, textMap, type Obj } from '../../shared/narrow';
import { forFromText, type RulesAnswer } from './prometheusApi';

/** The Grafana-managed source: one id for every folder. */
export const GRAFANA_SOURCE: RuleSource = { id: 'grafana', label: 'Grafana-managed', kind: 'grafana' };

/**
 * Reads Grafana's ruler answer (`GET /api/ruler/grafana/api/v1/rules`: folder → groups → rules with
 * `grafana_alert`). `datasourceTypes` (uid → type) tells which queries are PromQL, so noise can be estimated.
 */
export function rulesFromGrafanaRuler(body: unknown, datasourceTypes: Record<string, string> = {}): RulesAnswer {
  if (!isObj(body)) {
    return { ok: false, message: 'the ruler answer is not a JSON object of folders' };
  }
  const rules: ReviewRule[] = [];
  for (const [folder, groups] of Object.entries(body)) {
    arr(groups).forEach((g, gi) => {
      if (!isObj(g)) {
        return;
      }
      const intervalSeconds = parseDuration(str(g.interval) ?? '');
      arr(g.rules).forEach((r, ri) => {
        if (isObj(r) && isObj(r.grafana_alert)) {
          rules.push(
            ruleOf(
              r,
              r.grafana_alert,
              { folder, group: str(g.name) ?? '', intervalSeconds, key: `grafana#${folder}/${gi}/${ri}` },
              datasourceTypes
            )
          );
        }
      });
    });
  }
  return { ok: true, rules };
}

function ruleOf(
  r: Obj,
  ga: Obj,
  c: { folder: string; group: string; intervalSeconds?: number; key: string },
  dsTypes: Record<string, string>
): ReviewRule {
  const cond = grafanaCondition(arr(ga.data).filter(isObj), str(ga.condition), (q) => {
    return dsTypes[str(q.datasourceUid) ?? ''] === 'prometheus';
  });
  return {
    key: c.key,
    name: str(ga.title) ?? '(untitled)',
    kind: 'alerting',
    group: c.group,
    folder: c.folder,
    source: GRAFANA_SOURCE,
    expr: cond.expr,
    language: 'grafana',
    forSeconds: forFromText(r.for),
    intervalSeconds: c.intervalSeconds,
    labels: textMap(r.labels),
    annotations: textMap(r.annotations),
    updated: str(ga.updated),
    isPaused: ga.is_paused === true ? true : undefined,
    threshold: cond.threshold,
    grafanaUid: str(ga.uid),
    datasourceUid: cond.datasourceUid,
    // A single PromQL query compared by the threshold node can be evaluated over history like any PromQL rule.
    evalExpr: cond.evalExpr,
  };
}

/**
 * Joins the two Grafana answers: the ruler form knows `for`, `updated` and thresholds; the Prometheus-compatible
 * form knows health and the last error. Rules are matched by uid; a rule in only one answer is kept as it is.
 */
export function mergeGrafanaRules(ruler: ReviewRule[], promCompat: ReviewRule[]): ReviewRule[] {
  const byUid = new Map(promCompat.filter((r) => r.grafanaUid).map((r) => [r.grafanaUid!, r]));
  const merged = ruler.map((r) => {
    const p = r.grafanaUid ? byUid.get(r.grafanaUid) : undefined;
    if (!p) {
      return r;
    }
    byUid.delete(r.grafanaUid!);
    return { ...r, health: p.health, lastError: p.lastError, isPaused: r.isPaused ?? p.isPaused };
  });
  return [...merged, ...promCompat.filter((r) => !r.grafanaUid || byUid.has(r.grafanaUid))];
}
