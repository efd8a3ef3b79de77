/** Severities of findings, in increasing order of weight. */
export const SEVERITIES = ['info', 'warning', 'bug', 'fatal'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The checks, by their stable ids. */
export const CHECK_IDS = [
  'action/missing',
  'action/vague',
  'action/runbook-only',
  'routing/severity',
  'for/missing',
  'shape/not-actionable',
  'noise/episodes',
  'noise/sms-budget',
  'review/stale',
  'health/broken',
  'coverage/never-fires',
  'rule/duplicate',
  'promql/syntax',
  'template/syntax',
  'rule/invalid',
  'histogram/threshold-unreachable',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type SourceKind = 'file' | 'prometheus' | 'grafana';

/** Where a rule was read from: a file, a data source's rules API, or Grafana's own rules. */
export interface RuleSource {
  /** Stable id: the file path, the data source uid, or `grafana`. */
  id: string;
  /** What the operator reads: file path or data source name. */
  label: string;
  kind: SourceKind;
}

/** Query language of `expr`; only PromQL is parsed. */
export type ExprLanguage = 'promql' | 'logql' | 'grafana';

export type RuleHealth = 'ok' | 'err' | 'nodata' | 'unknown';

/** A comparison found in an expression, e.g. `> 90`. */
export interface Threshold {
  op: '==' | '!=' | '>' | '<' | '>=' | '<=';
  value: number;
}

/** One alerting or recording rule from any source, in one shape. */
export interface ReviewRule {
  /** Unique within a review: source, group and position. */
  key: string;
  name: string;
  kind: 'alerting' | 'recording';
  group: string;
  /** Grafana folder title, Prometheus rule file/namespace, or the file path. */
  folder: string;
  source: RuleSource;
  expr: string;
  language: ExprLanguage;
  /** `for` in seconds; undefined when the rule has none. */
  forSeconds?: number;
  /** Evaluation interval of the group in seconds, when known. */
  intervalSeconds?: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  health?: RuleHealth;
  lastError?: string;
  /** ISO time of the last change (Grafana's `updated`). */
  updated?: string;
  isPaused?: boolean;
  /** Grafana-managed rules: the threshold node's comparison. */
  threshold?: Threshold;
  /** Grafana-managed rules: uid for the edit link. */
  grafanaUid?: string;
  /** Data source that evaluates the expression (Grafana rules: the query's data source). */
  datasourceUid?: string;
  /** PromQL the noise estimate evaluates (defaults to `expr` for PromQL rules). */
  evalExpr?: string;
  /** Position in a rule file. */
  location?: { file: string; line: number };
  /** Rule files: line of each field (`expr`, `for`, `labels.severity`, `annotations.summary` …). */
  fieldLines?: Record<string, number>;
  /** Rule files: what Prometheus refuses in the rule's fields (an invalid label name, an unknown field …). */
  invalid?: Array<{ message: string; line?: number }>;
  /** Rule files: `# sovgrid-ops disable|snooze` comments that apply to this rule. */
  directives?: Directive[];
}

/** A comment in a rule file that silences one check on one rule, for good or until a date. */
export interface Directive {
  kind: 'disable' | 'snooze';
  check: CheckId;
  /** Snooze: the last day (YYYY-MM-DD, UTC) the check stays silent. */
  until?: string;
  line: number;
}

/** A finding a directive silenced, kept for the summary. */
export interface SilencedFinding {
  rule: ReviewRule;
  finding: Finding;
  directive: Directive;
}

/** Type guard for a check id written by a user (in a comment, a filter, a flag). */
export function isCheckId(s: unknown): s is CheckId {
  return typeof s === 'string' && (CHECK_IDS as readonly string[]).includes(s);
}

/** One finding of one check on one rule. */
export interface Finding {
  check: CheckId;
  severity: Severity;
  /** One line, for the table. */
  summary: string;
  /** The facts behind it, one per line. */
  evidence: string[];
  /** What to do, in the operator's words. */
  fix: string;
  /** Line in the rule's file the finding points at (the expression, an annotation), when not the rule's own. */
  line?: number;
}

/** A rule with what the checks found. */
export interface RuleReview {
  rule: ReviewRule;
  findings: Finding[];
  /** Worst severity of the findings, undefined when none. */
  worst?: Severity;
}

/** A problem reading a source: a file and line, or a data source's error. */
export interface LoadProblem {
  source: RuleSource;
  message: string;
  line?: number;
}

/** Numeric weight of a severity, for sorting and thresholds. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** The worse of the given severities. */
export function worstOf(severities: Severity[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of severities) {
    if (worst === undefined || severityRank(s) > severityRank(worst)) {
      worst = s;
    }
  }
  return worst;
}

/** Type guard for a severity name typed by a user. */
export function isSeverity(s: unknown): s is Severity {
  return typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s);
}
