// ALERTS series carry labels only; the `action` annotation lives in the rule. This joins the two: each active
// alert from ALERTS gets the action Prometheus templated for that very alert (rules API `alerts[]`), else the
// rule's raw annotation, else an explicit "missing" — an alert without an action is itself a finding (creed 1).
// Pure: the rules response is untrusted JSON, narrowed here.

import { arr, isObj, stringMap } from '../shared/narrow';

export type AlertState = 'firing' | 'pending';

export interface ActiveAlert {
  alertname: string;
  state: AlertState;
  severity: string;
  /** Labels of the ALERTS series without `__name__`, `alertstate` and the page's own tag. */
  labels: Record<string, string>;
  /** The action text; undefined when the rule has none. */
  action?: string;
  /** Where the action came from: the templated per-alert annotation, or the rule's annotation template. */
  actionSource?: 'alert' | 'rule';
}

interface RuleAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface AlertingRule {
  name: string;
  annotations: Record<string, string>;
  alerts: RuleAlert[];
}

const DROP = new Set(['__name__', 'alertstate']);

/**
 * Alerting rules of a Prometheus `/api/v1/rules` answer (also what Grafana returns from
 * `/api/prometheus/<dsUid>/api/v1/rules`). Throws with a readable message when the body is not that shape.
 */
export function parseAlertingRules(body: unknown): AlertingRule[] {
  if (!isObj(body) || !isObj(body.data) || !Array.isArray(body.data.groups)) {
    const err = isObj(body) && typeof body.error === 'string' ? `: ${body.error}` : '';
    throw new Error(`the rules API answered without data.groups${err}`);
  }
  return body.data.groups.flatMap((g) => arr(isObj(g) ? g.rules : undefined).flatMap(alertingRule));
}

/** One alerting rule of a group, or nothing for recording rules and entries without a name. */
function alertingRule(r: unknown): AlertingRule[] {
  if (!isObj(r) || r.type !== 'alerting' || typeof r.name !== 'string') {
    return [];
  }
  const alerts = arr(r.alerts)
    .filter(isObj)
    .map((a) => ({ labels: stringMap(a.labels), annotations: stringMap(a.annotations) }));
  return [{ name: r.name, annotations: stringMap(r.annotations), alerts }];
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

function actionFor(alert: Omit<ActiveAlert, 'action'>, rules: AlertingRule[], annotation: string) {
  const candidates = rules.filter((r) => r.name === alert.alertname);
  for (const r of candidates) {
    const hit = r.alerts.find((a) => sameLabels(a.labels, alert.labels));
    const text = hit?.annotations[annotation]?.trim();
    if (text) {
      return { action: text, actionSource: 'alert' as const };
    }
  }
  const template = candidates.map((r) => r.annotations[annotation]?.trim()).find((t) => t);
  return template ? { action: template, actionSource: 'rule' as const } : {};
}

/**
 * Active alerts from ALERTS series labels, each with its action from the rules (see file comment). `dropLabels`
 * removes labels the page added to the query. Firing first, then by alert name.
 */
export function alertsWithActions(
  series: Array<Record<string, string>>,
  rules: AlertingRule[],
  actionAnnotation: string,
  dropLabels: string[] = []
): ActiveAlert[] {
  const out: ActiveAlert[] = [];
  for (const raw of series) {
    const state = raw.alertstate;
    if ((state !== 'firing' && state !== 'pending') || !raw.alertname) {
      continue;
    }
    const labels = Object.fromEntries(Object.entries(raw).filter(([k]) => !DROP.has(k) && !dropLabels.includes(k)));
    const base: ActiveAlert = { alertname: raw.alertname, state, severity: raw.severity ?? '', labels };
    out.push({ ...base, ...actionFor(base, rules, actionAnnotation) });
  }
  return out.sort((a, b) =>
    a.state === b.state ? a.alertname.localeCompare(b.alertname) : a.state === 'firing' ? -1 : 1
  );
}
