import { parseDuration } from '../duration';
import type { ReviewRule } from '../types';
import { declaredType, grafanaCondition } from './grafanaQuery';
import { arr, isObj, type Obj } from '../../shared/narrow';
import { groupList, withMerges, type GroupContext } from './yamlDoc';

// Grafana-managed alert rules in Grafana's file-provisioning format, which is also what Grafana's export writes
// (YAML or JSON): `apiVersion: 1`, `groups[]` with `name`, `folder`, `interval`, `rules[]`, each rule with `uid`,
// `title`, `condition`, `data[]` (refId, datasourceUid, relativeTimeRange, model), `for`, `labels`, `annotations`,
// `isPaused`, `record` (grafana/grafana pkg/services/provisioning/alerting/rules_types.go AlertRuleGroupV1 and
// AlertRuleV1; export: pkg/services/ngalert/api/tooling/definitions/provisioning_alert_rules.go
// AlertingFileExport). Grafana reads these with gopkg.in/yaml.v3 (config_reader.go), so keys are case-sensitive.

/** What the group reader needs from the file around it. */
export type GrafanaFileContext = GroupContext;

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function textMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) {
    for (const [k, val] of Object.entries(withMerges(v))) {
      out[k] = typeof val === 'string' ? val : val === null ? '' : JSON.stringify(val);
    }
  }
  return out;
}

// A query whose model does not say its data source type is taken for PromQL when it has an `expr`; the checks
// that read PromQL stay silent on an expression they cannot parse.
function isPromQL(query: Obj): boolean {
  const type = declaredType(query);
  return type === undefined ? isObj(query.model) && typeof query.model.expr === 'string' : type === 'prometheus';
}

/** mapToModel's refusals (rules_types.go): what makes Grafana refuse the provisioning file. */
function refusals(r: Obj, data: Obj[], line: number | undefined): Array<{ message: string; line?: number }> {
  const out: string[] = [];
  if (!scalar(r.title)) {
    out.push('rule has no title set');
  }
  if (!scalar(r.uid)) {
    out.push('no UID set');
  }
  if (data.length === 0) {
    out.push('no data set');
  }
  if (!scalar(r.condition) && !isObj(r.record)) {
    out.push('no condition set');
  }
  const forText = scalar(r.for);
  if (forText && parseDuration(forText) === undefined) {
    out.push(`"for: ${forText}" is not a duration`);
  }
  return out.map((message) => ({ message: `Grafana refuses the rule: ${message}`, line }));
}

function readRule(
  raw: unknown,
  group: { name: string; folder: string; interval?: number },
  key: string,
  c: GrafanaFileContext
): ReviewRule | undefined {
  const line = c.lineOf(raw);
  if (!isObj(raw)) {
    c.problem(`group "${group.name}": a rule must be a map`, line);
    return undefined;
  }
  const r = withMerges(raw);
  const data = arr(r.data).filter(isObj);
  const cond = grafanaCondition(data, scalar(r.condition), isPromQL);
  const invalid = refusals(r, data, line);
  const forText = scalar(r.for);
  return {
    key: `${c.source.id}#${key}`,
    name: scalar(r.title) ?? '(untitled)',
    kind: isObj(r.record) ? 'recording' : 'alerting',
    group: group.name,
    folder: group.folder,
    source: c.source,
    expr: cond.expr,
    language: 'grafana',
    forSeconds: forText ? parseDuration(forText) || undefined : undefined,
    intervalSeconds: group.interval,
    labels: textMap(r.labels),
    annotations: textMap(r.annotations),
    isPaused: scalar(r.isPaused) === 'true' ? true : undefined,
    threshold: cond.threshold,
    grafanaUid: scalar(r.uid),
    datasourceUid: cond.datasourceUid,
    evalExpr: cond.evalExpr,
    location: line === undefined ? undefined : { file: c.source.id, line },
    invalid: invalid.length ? invalid : undefined,
  };
}

function readGroup(raw: unknown, index: number, c: GrafanaFileContext): ReviewRule[] {
  const line = c.lineOf(raw);
  if (!isObj(raw)) {
    c.problem('a group must be a map with "name", "folder" and "rules"', line);
    return [];
  }
  const g = withMerges(raw);
  const name = scalar(g.name) ?? '';
  const folder = scalar(g.folder) ?? '';
  if (name.trim() === '' || folder.trim() === '') {
    c.problem(`a Grafana rule group needs a name and a folder (Grafana refuses the file)`, line);
  }
  const intervalText = scalar(g.interval);
  const interval = intervalText ? parseDuration(intervalText) : undefined;
  if (intervalText && interval === undefined) {
    c.problem(`group "${name}": interval "${intervalText}" is not a duration`, line);
  }
  return arr(g.rules)
    .map((r, ri) => readRule(r, { name, folder, interval }, `${c.keyPrefix}.${index}/${ri}`, c))
    .filter((r): r is ReviewRule => r !== undefined);
}

/** The rules of a Grafana provisioning or export file's `groups`. */
export function readGrafanaGroups(groups: unknown, c: GrafanaFileContext): ReviewRule[] {
  return groupList(groups, c).flatMap((g, i) => readGroup(g, i, c));
}

/** True when a document is Grafana's provisioning or export format rather than a Prometheus rule file. */
export function isGrafanaDocument(doc: Obj): boolean {
  if (doc.apiVersion === undefined || doc.kind !== undefined) {
    return false;
  }
  const first = arr(doc.groups).find(isObj);
  const rule = first ? arr(withMerges(first).rules).find(isObj) : undefined;
  // `apiVersion` alone says provisioning file; a rule with Grafana's fields confirms it.
  return !rule || 'title' in rule || 'data' in rule || 'uid' in rule || 'condition' in rule;
}
