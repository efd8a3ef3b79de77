import type { ReviewSettings } from '../../settings/types';
import type { ExprAnalysis } from '../promql/analyze';
import type { CheckId, Finding, ReviewRule, Severity } from '../types';
import type { NoiseEstimate, SmsBudgetReport } from '../noise/types';
import type { ReviewCache } from '../reviewCache';

/** Everything a check may look at besides the rule itself; computed once per review. */
export interface CheckContext {
  review: ReviewSettings;
  /** Milliseconds since the epoch: "now" for ages. */
  now: number;
  /** What this review remembers across rules (parses, verdicts on repeated texts). */
  cache: ReviewCache;
  /** Parsed expression of a PromQL rule (undefined for LogQL or Grafana queries that are not PromQL). */
  analysis(rule: ReviewRule): ExprAnalysis | undefined;
  /** Rule key → other rules that are identical to it, or share its name and labels with another expression. */
  duplicates: Map<string, Array<{ rule: ReviewRule; relation: 'identical' | 'same-name' }>>;
  /** Rule key → 7-day firing estimate; absent when no data source was available. */
  noise?: Map<string, NoiseEstimate>;
  sms?: SmsBudgetReport;
  /** Rule key → metric names with no series in the data source. */
  missingMetrics?: Map<string, string[]>;
}

/** One check: a stable id and a pure function from a rule to zero or one finding. */
export interface Check {
  id: CheckId;
  /** What the check looks for, in a few words (for filters and docs). */
  title: string;
  run(rule: ReviewRule, ctx: CheckContext): Finding | undefined;
}

/** A check on the rule set as a whole (one finding for many rules, such as "no rule has a review date"). */
export interface RunCheck {
  id: CheckId;
  title: string;
  run(rules: ReviewRule[], ctx: CheckContext): Finding | undefined;
}

export function finding(check: CheckId, severity: Severity, summary: string, evidence: string[], fix: string): Finding {
  return { check, severity, summary, evidence, fix };
}

/** Value of the rule's `severity` label, lower-cased. */
export function severityLabel(rule: ReviewRule): string | undefined {
  const v = rule.labels.severity;
  return v === undefined || v.trim() === '' ? undefined : v.trim().toLowerCase();
}

const phoneSet = (review: ReviewSettings) => new Set(review.phoneSeverities.map((x) => x.toLowerCase()));

/** True when the settings route this rule's severity to the operator's phone. */
export function isPhoneRouted(rule: ReviewRule, ctx: Pick<CheckContext, 'review' | 'cache'>): boolean {
  const s = severityLabel(rule);
  // Checks ask for every rule; the settings are one object per review.
  return s !== undefined && ctx.cache.memoFor('phone-severities', ctx.review, phoneSet).has(s);
}

/** Annotation value, undefined when the annotation is absent. */
export function annotation(rule: ReviewRule, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(rule.annotations, name) ? rule.annotations[name] : undefined;
}

const URL_RE = /\bhttps?:\/\/[^\s)>\]]+/gi;

/** The text with every URL removed and whitespace collapsed. */
export function withoutLinks(text: string): string {
  return text.replace(URL_RE, ' ').replace(/\s+/g, ' ').trim();
}

/** True when the text holds at least one URL. */
export function hasLink(text: string): boolean {
  return /\bhttps?:\/\//i.test(text);
}

// A runbook is a procedure; a dashboard or an exporter's documentation is not one, so only these names count.
const RUNBOOK_KEYS = /runbook|playbook/i;

const isRunbookName = (name: string) => RUNBOOK_KEYS.test(name);

/** A runbook annotation (runbook_url, playbook…) with a value, if any. */
export function runbookLink(
  rule: ReviewRule,
  ctx: Pick<CheckContext, 'review' | 'cache'>
): { name: string; value: string } | undefined {
  return findRunbookLink(rule, ctx);
}

function findRunbookLink(
  rule: ReviewRule,
  ctx: Pick<CheckContext, 'review' | 'cache'>
): { name: string; value: string } | undefined {
  const actionName = ctx.review.actionAnnotation;
  for (const [name, value] of Object.entries(rule.annotations)) {
    if (name === actionName || value.trim() === '') {
      continue;
    }
    if (isRunbookName(name)) {
      return { name, value };
    }
  }
  return undefined;
}

/** Quotes rule-provided text for evidence, cut to a readable length. */
export function quote(s: string, max = 120): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}
