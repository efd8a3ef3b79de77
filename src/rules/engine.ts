import type { ReviewSettings } from '../settings/types';
import { ALL_CHECKS, type Check, type CheckContext } from './checks';
import type { NoiseEstimate, SmsBudgetReport } from './noise/types';
import { analyzeExpr, type ExprAnalysis } from './promql';
import { ReviewCache } from './reviewCache';
import { CHECK_IDS, SEVERITIES, worstOf, type CheckId, type ReviewRule, type RuleReview, type Severity } from './types';

/** What the checks need besides the rules; the data-source parts are optional (files alone get static checks). */
export interface ReviewOptions {
  review: ReviewSettings;
  /** Milliseconds since the epoch. */
  now: number;
  noise?: Map<string, NoiseEstimate>;
  sms?: SmsBudgetReport;
  missingMetrics?: Map<string, string[]>;
  checks?: Check[];
  /**
   * What the review remembers across rules. Each review makes its own unless one is given: the page hands the
   * same one to reviews of the same rules (a re-render), benchmarks a fresh one to measure a cold review.
   */
  cache?: ReviewCache;
}

/** Runs every check on every rule. Pure: the same rules and options give the same findings. */
export function reviewRules(rules: ReviewRule[], opts: ReviewOptions): RuleReview[] {
  const cache = opts.cache ?? new ReviewCache();
  const ctx: CheckContext = {
    review: opts.review,
    now: opts.now,
    cache,
    analysis: (rule) => promqlAnalysis(rule, cache),
    duplicates: findDuplicates(rules),
    noise: opts.noise,
    sms: opts.sms,
    missingMetrics: opts.missingMetrics,
  };
  const checks = opts.checks ?? ALL_CHECKS;
  return rules.map((rule) => {
    const findings = [];
    for (const check of checks) {
      const f = check.run(rule, ctx);
      if (f) {
        findings.push(f);
      }
    }
    return { rule, findings, worst: worstOf(findings.map((f) => f.severity)) };
  });
}

/** The PromQL a rule evaluates, parsed; undefined for LogQL and Grafana queries that are not one PromQL query. */
export function promqlAnalysis(rule: ReviewRule, cache?: ReviewCache): ExprAnalysis | undefined {
  if (rule.language === 'promql') {
    return analyzeExpr(rule.expr, cache);
  }
  return rule.evalExpr ? analyzeExpr(rule.evalExpr, cache) : undefined;
}

function labelKey(labels: Record<string, string>): string {
  const keys = Object.keys(labels);
  // Most rules carry one label (severity): nothing to sort.
  if (keys.length === 1) {
    return `${keys[0]}=${labels[keys[0]]}`;
  }
  return keys
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
}

// A rule file and the server that loaded it hold the same rule: that is a deployment, not a duplicate.
function comparable(a: ReviewRule, b: ReviewRule): boolean {
  return (a.source.kind === 'file') === (b.source.kind === 'file');
}

/** Rules with the same name and labels, or the same expression (whitespace ignored), keyed by rule. */
export function findDuplicates(rules: ReviewRule[]): CheckContext['duplicates'] {
  const out: CheckContext['duplicates'] = new Map();
  const index = (keyOf: (r: ReviewRule, i: number) => string | undefined, reason: 'name' | 'expr') => {
    const buckets = new Map<string, ReviewRule[]>();
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      const k = keyOf(r, i);
      if (k !== undefined) {
        const list = buckets.get(k);
        list ? list.push(r) : buckets.set(k, [r]);
      }
    }
    for (const list of buckets.values()) {
      if (list.length < 2) {
        continue;
      }
      for (const r of list) {
        const others = list.filter((o) => o !== r && comparable(o, r));
        if (others.length) {
          const have = out.get(r.key) ?? [];
          out.set(r.key, [
            ...have,
            ...others.filter((o) => !have.some((h) => h.rule === o)).map((o) => ({ rule: o, reason })),
          ]);
        }
      }
    }
  };
  // Both indexes need each rule's labels in a canonical order: sort them once per rule, not once per index.
  const labelKeys = rules.map((r) => labelKey(r.labels));
  index((r, i) => `${r.kind}\u0001${r.name}\u0001${labelKeys[i]}`, 'name');
  index((r, i) => {
    const e = (r.evalExpr ?? r.expr).replace(/\s+/g, '');
    return e ? `${r.kind}\u0001${e}\u0001${labelKeys[i]}` : undefined;
  }, 'expr');
  return out;
}

/** Counts for the summary line and the JSON report. */
export interface ReviewSummary {
  rules: number;
  alerting: number;
  withFindings: number;
  bySeverity: Partial<Record<Severity, number>>;
  byCheck: Partial<Record<CheckId, number>>;
  /** Alerting rules with no action at all (missing, or only a runbook link). */
  lackAction: number;
  vagueAction: number;
  /** Rules that took part in hours over the SMS budget. */
  overSmsBudget: number;
}

/** Counts findings by severity and by check (each rule counted once per check). */
export function summarize(reviews: RuleReview[]): ReviewSummary {
  const bySeverity: ReviewSummary['bySeverity'] = {};
  const byCheck: ReviewSummary['byCheck'] = {};
  let withFindings = 0;
  const has = (r: RuleReview, id: CheckId) => r.findings.some((f) => f.check === id);
  for (const r of reviews) {
    if (r.findings.length) {
      withFindings++;
    }
    for (const f of r.findings) {
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
    }
  }
  return {
    rules: reviews.length,
    alerting: reviews.filter((r) => r.rule.kind === 'alerting').length,
    withFindings,
    bySeverity: ordered(bySeverity, SEVERITIES),
    byCheck: ordered(byCheck, CHECK_IDS),
    lackAction: reviews.filter((r) => has(r, 'action/missing') || has(r, 'action/runbook-only')).length,
    vagueAction: reviews.filter((r) => has(r, 'action/vague')).length,
    overSmsBudget: reviews.filter((r) => has(r, 'noise/sms-budget')).length,
  };
}

function ordered<K extends string>(rec: Partial<Record<K, number>>, order: readonly K[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of order) {
    if (rec[k] !== undefined) {
      out[k] = rec[k];
    }
  }
  return out;
}

/** The page's first sentence, e.g. "14 of 52 alert rules lack an action; 3 would have exceeded the 4-per-hour SMS budget last week". */
export function summarySentence(s: ReviewSummary, smsBudgetPerHour: number, smsKnown: boolean): string {
  if (s.alerting === 0) {
    return s.rules === 0 ? 'No alert rules found.' : `No alert rules found (${s.rules} recording rules).`;
  }
  const parts = [
    s.lackAction === 0
      ? `All ${s.alerting} alert rules have an action`
      : `${s.lackAction} of ${s.alerting} alert rule${s.alerting === 1 ? '' : 's'} lack${s.lackAction === 1 ? 's' : ''} an action`,
  ];
  if (s.vagueAction > 0) {
    parts[0] += ` (${s.vagueAction} more ${s.vagueAction === 1 ? 'has a vague one' : 'have vague ones'})`;
  }
  if (smsKnown) {
    parts.push(
      s.overSmsBudget === 0
        ? `none would have exceeded the ${smsBudgetPerHour}-per-hour SMS budget last week`
        : `${s.overSmsBudget} would have exceeded the ${smsBudgetPerHour}-per-hour SMS budget last week`
    );
  }
  return `${parts.join('; ')}.`;
}

/** True when any finding reaches `failOn` (the command line's exit code). */
export function reachesSeverity(reviews: RuleReview[], failOn: Severity): boolean {
  const limit = SEVERITIES.indexOf(failOn);
  return reviews.some((r) => r.findings.some((f) => SEVERITIES.indexOf(f.severity) >= limit));
}
