import { parseDuration } from '../duration';
import type { ReviewRule } from '../types';
import { isObj, type Obj } from '../../shared/narrow';
import { groupList, withMerges, type GroupContext } from './yamlDoc';

// The groups of a Prometheus rule file (or a PrometheusRule's spec), checked as Prometheus 2.42's rulefmt checks
// them (model/rulefmt/rulefmt.go: Parse with KnownFields, RuleGroups.Validate, RuleNode.Validate). What makes
// Prometheus refuse a group is a load problem; what makes it refuse a rule is kept on the rule (`invalid`) so the
// rule is still reviewed and the refusal is reported as a finding with its line.

const GROUP_FIELDS = new Set(['name', 'interval', 'limit', 'rules']);
const RULE_FIELDS = new Set(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** What the group reader needs from the file around it. */
export type { GroupContext };

type Invalid = NonNullable<ReviewRule['invalid']>;

/** A scalar field as text (the failsafe schema keeps every scalar as written); undefined when absent or null. */
function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function stringMap(v: unknown, field: string, invalid: Invalid, line: number | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === undefined || v === null) {
    return out;
  }
  if (!isObj(v)) {
    invalid.push({ message: `"${field}" must be a map of names to text`, line });
    return out;
  }
  for (const [k, val] of Object.entries(withMerges(v))) {
    if (val === null || typeof val === 'string') {
      out[k] = val ?? '';
    } else {
      invalid.push({ message: `${field} "${k}" must be text, not a ${Array.isArray(val) ? 'list' : 'map'}`, line });
    }
  }
  return out;
}

function durationField(node: Obj, field: string, invalid: Invalid, line: number | undefined): number | undefined {
  const t = text(node[field]);
  if (t === undefined || t === '') {
    return undefined;
  }
  const s = parseDuration(t);
  if (s === undefined) {
    invalid.push({ message: `"${field}: ${t}" is not a duration`, line });
  }
  return s;
}

/** rulefmt's RuleNode.Validate, and the strict decoder's refusal of unknown fields. */
function validate(
  node: Obj,
  labels: Record<string, string>,
  annotations: Record<string, string>,
  invalid: Invalid,
  line?: number
) {
  const record = text(node.record);
  const problems = [
    ...Object.keys(node)
      .filter((k) => !RULE_FIELDS.has(k))
      .map((k) => `unknown field "${k}" (a rule has ${[...RULE_FIELDS].join(', ')})`),
    ...(text(node.alert) && record ? ['only one of "record" and "alert" must be set'] : []),
    ...(record ? recordingProblems(node, record, annotations) : []),
    ...Object.keys(labels)
      .filter((k) => !LABEL_NAME.test(k) || k === '__name__')
      .map((k) => `invalid label name: ${k}`),
    ...Object.keys(annotations)
      .filter((k) => !LABEL_NAME.test(k))
      .map((k) => `invalid annotation name: ${k}`),
  ];
  invalid.push(...problems.map((message) => ({ message, line })));
}

function recordingProblems(node: Obj, record: string, annotations: Record<string, string>): string[] {
  const out: string[] = [];
  if (Object.keys(annotations).length > 0) {
    out.push(`invalid field "annotations" in recording rule`);
  }
  if (text(node.for) && parseDuration(text(node.for)!) !== 0) {
    out.push(`invalid field "for" in recording rule`);
  }
  if (!METRIC_NAME.test(record)) {
    out.push(`invalid recording rule name: ${record}`);
  }
  return out;
}

function readRule(
  raw: unknown,
  group: { name: string; interval?: number },
  key: string,
  c: GroupContext
): ReviewRule | undefined {
  const line = c.lineOf(raw);
  if (!isObj(raw)) {
    c.problem(`group "${group.name}": a rule must be a map`, line);
    return undefined;
  }
  const node = withMerges(raw);
  const name = text(node.alert) || text(node.record);
  if (!name) {
    c.problem(`group "${group.name}": a rule needs "alert" or "record" (Prometheus refuses the file)`, line);
    return undefined;
  }
  const invalid: Invalid = [];
  const labels = stringMap(node.labels, 'labels', invalid, c.lineOf(node.labels) ?? line);
  const annotations = stringMap(node.annotations, 'annotations', invalid, c.lineOf(node.annotations) ?? line);
  validate(node, labels, annotations, invalid, line);
  const expr = text(node.expr);
  if (!expr) {
    invalid.push({ message: 'field "expr" must be set in rule', line });
  }
  return {
    key: `${c.source.id}#${key}`,
    name,
    kind: text(node.alert) ? 'alerting' : 'recording',
    group: group.name,
    folder: c.source.label,
    source: c.source,
    expr: expr ?? '',
    language: 'promql',
    forSeconds: durationField(node, 'for', invalid, line),
    intervalSeconds: group.interval,
    labels,
    annotations,
    location: line === undefined ? undefined : { file: c.source.id, line },
    invalid: invalid.length ? invalid : undefined,
  };
}

function readGroup(raw: unknown, index: number, seen: Set<string>, c: GroupContext): ReviewRule[] {
  const line = c.lineOf(raw);
  if (!isObj(raw)) {
    c.problem('a group must be a map with "name" and "rules"', line);
    return [];
  }
  const g = withMerges(raw);
  const name = text(g.name) ?? '';
  for (const k of Object.keys(g).filter((k) => !GROUP_FIELDS.has(k))) {
    c.problem(`group "${name}": unknown field "${k}" (a group has name, interval, limit, rules)`, line);
  }
  if (name === '') {
    c.problem('a group without a name (Prometheus refuses the file)', line);
  } else if (seen.has(name)) {
    c.problem(`group name "${name}" is repeated in the same file (Prometheus refuses the file)`, line);
  }
  seen.add(name);
  const intervalText = text(g.interval);
  const interval = intervalText ? parseDuration(intervalText) : undefined;
  if (intervalText && interval === undefined) {
    c.problem(`group "${name}": interval "${intervalText}" is not a duration`, c.lineOf(g.interval) ?? line);
  }
  if (g.rules !== undefined && g.rules !== null && !Array.isArray(g.rules)) {
    c.problem(`group "${name}": "rules" must be a list`, line);
    return [];
  }
  const rules = Array.isArray(g.rules) ? g.rules : [];
  return rules
    .map((r, ri) => readRule(r, { name, interval }, `${c.keyPrefix}.${index}/${ri}`, c))
    .filter((r): r is ReviewRule => r !== undefined);
}

/** The rules of a `groups:` list, in file order. */
export function readPrometheusGroups(groups: unknown, c: GroupContext): ReviewRule[] {
  const seen = new Set<string>();
  return groupList(groups, c).flatMap((g, i) => readGroup(g, i, seen, c));
}
