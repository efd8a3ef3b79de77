import type { ReviewSettings } from '../settings/types';
import { ALL_CHECKS, RUN_CHECKS, type Check, type CheckContext, type RunCheck } from './checks';
import type { NoiseEstimate, SmsBudgetReport } from './noise/types';
import { analyzeExpr, type ExprAnalysis } from './promql/analyze';
import { canonical } from './promql/normalize';
import { ReviewCache } from './reviewCache';
import { worstOf, type Directive, type Finding, type ReviewRule, type RuleReview, type SilencedFinding } from './types';

export { summarize, summarySentence, reachesSeverity, type ReviewSummary } from './summary';

/** What the checks need besides the rules; the data-source parts are optional (files alone get static checks). */
export interface ReviewOptions {
  review: ReviewSettings;
  /** Milliseconds since the epoch. */
  now: number;
  noise?: Map<string, NoiseEstimate>;
  sms?: SmsBudgetReport;
  missingMetrics?: Map<string, string[]>;
  checks?: Check[];
  runChecks?: RunCheck[];
  /**
   * What the review remembers across rules. Each review makes its own unless one is given: the page hands the
   * same one to reviews of the same rules (a re-render), benchmarks a fresh one to measure a cold review.
   */
  cache?: ReviewCache;
}

/** Everything one review found. */
export interface ReviewOutcome {
  reviews: RuleReview[];
  /** Findings about the rule set as a whole (e.g. no rule carries a review date). */
  general: Finding[];
  /** Findings that `# sovgrid-ops disable|snooze` comments silenced. */
  silenced: SilencedFinding[];
}

/** Runs every check on every rule, and the whole-set checks once. Pure: the same input gives the same outcome. */
export function reviewAll(rules: ReviewRule[], opts: ReviewOptions): ReviewOutcome {
  const cache = opts.cache ?? new ReviewCache();
  const analysis = (rule: ReviewRule) => promqlAnalysis(rule, cache);
  const ctx: CheckContext = {
    review: opts.review,
    now: opts.now,
    cache,
    analysis,
    duplicates: findDuplicates(rules, analysis),
    noise: opts.noise,
    sms: opts.sms,
    missingMetrics: opts.missingMetrics,
  };
  const checks = opts.checks ?? ALL_CHECKS;
  const silenced: SilencedFinding[] = [];
  const today = new Date(opts.now).toISOString().slice(0, 10);
  const reviews = rules.map((rule) => {
    const findings: Finding[] = [];
    for (const check of checks) {
      const f = check.run(rule, ctx);
      const directive = f && rule.directives ? silencing(rule.directives, f, today) : undefined;
      if (f && directive) {
        silenced.push({ rule, finding: f, directive });
      } else if (f) {
        findings.push(f);
      }
    }
    return { rule, findings, worst: worstOf(findings.map((f) => f.severity)) };
  });
  const general = (opts.runChecks ?? (opts.checks ? [] : RUN_CHECKS))
    .map((c) => c.run(rules, ctx))
    .filter((f): f is Finding => f !== undefined);
  return { reviews, general, silenced };
}

/** Runs every check on every rule (the per-rule part of `reviewAll`). */
export function reviewRules(rules: ReviewRule[], opts: ReviewOptions): RuleReview[] {
  return reviewAll(rules, { ...opts, runChecks: [] }).reviews;
}

/** The directive that silences a finding: a `disable` of its check, or a `snooze` that has not ended. */
function silencing(directives: Directive[], f: Finding, today: string): Directive | undefined {
  return directives.find(
    (d) => d.check === f.check && (d.kind === 'disable' || (d.until !== undefined && d.until >= today))
  );
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

/** The expression as Prometheus sees it; the text itself when it does not parse (or is not PromQL). */
function exprKey(rule: ReviewRule, analysis: (r: ReviewRule) => ExprAnalysis | undefined): string {
  const a = analysis(rule);
  return a?.ast && !a.syntaxError ? canonical(a.ast, a.text) : (rule.evalExpr ?? rule.expr).replace(/\s+/g, '');
}

function bucketsBy(rules: ReviewRule[], keyOf: (r: ReviewRule, i: number) => string | undefined): ReviewRule[][] {
  const buckets = new Map<string, ReviewRule[]>();
  rules.forEach((r, i) => {
    const k = keyOf(r, i);
    if (k !== undefined) {
      const list = buckets.get(k);
      list ? list.push(r) : buckets.set(k, [r]);
    }
  });
  return [...buckets.values()].filter((l) => l.length > 1);
}

/**
 * Rules identical to another (same kind, expression as Prometheus parses it, labels), and alerting rules that
 * share name and labels with another of a different expression, keyed by rule.
 */
export function findDuplicates(
  rules: ReviewRule[],
  analysis: (r: ReviewRule) => ExprAnalysis | undefined
): CheckContext['duplicates'] {
  const out: CheckContext['duplicates'] = new Map();
  const labelKeys = rules.map((r) => labelKey(r.labels));
  const exprKeys = new Map<ReviewRule, string>();
  const exprOf = (r: ReviewRule) => exprKeys.get(r) ?? exprKeys.set(r, exprKey(r, analysis)).get(r)!;
  const add = (
    list: ReviewRule[],
    relation: 'identical' | 'same-name',
    differs: (a: ReviewRule, b: ReviewRule) => boolean
  ) => {
    for (const r of list) {
      const others = list.filter((o) => o !== r && comparable(o, r) && differs(o, r));
      if (others.length > 0) {
        out.set(r.key, [...(out.get(r.key) ?? []), ...others.map((o) => ({ rule: o, relation }))]);
      }
    }
  };
  for (const list of bucketsBy(rules, (r, i) => `${r.kind}\u0001${exprOf(r)}\u0001${labelKeys[i]}`)) {
    add(list, 'identical', () => true);
  }
  const alerting = (r: ReviewRule, i: number) => (r.kind === 'alerting' ? `${r.name}\u0001${labelKeys[i]}` : undefined);
  for (const list of bucketsBy(rules, alerting)) {
    add(list, 'same-name', (a, b) => exprOf(a) !== exprOf(b));
  }
  return out;
}
