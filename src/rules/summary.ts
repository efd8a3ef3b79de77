import {
  CHECK_IDS,
  SEVERITIES,
  type CheckId,
  type Finding,
  type RuleReview,
  type Severity,
  type SilencedFinding,
} from './types';

/** Counts for the summary line and the reports. */
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
  /** Findings silenced by `# sovgrid-ops` comments. */
  silenced: { disabled: number; snoozed: number };
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

/** Counts findings by severity and by check (each rule counted once per check); whole-set findings count too. */
export function summarize(
  reviews: RuleReview[],
  general: Finding[] = [],
  silenced: SilencedFinding[] = []
): ReviewSummary {
  const bySeverity: ReviewSummary['bySeverity'] = {};
  const byCheck: ReviewSummary['byCheck'] = {};
  let withFindings = 0;
  let alerting = 0;
  const counts = { lackAction: 0, vagueAction: 0, overSmsBudget: 0 };
  const count = (f: Finding) => {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
  };
  for (const r of reviews) {
    alerting += r.rule.kind === 'alerting' ? 1 : 0;
    withFindings += r.findings.length ? 1 : 0;
    r.findings.forEach(count);
    const has = (id: CheckId) => r.findings.some((f) => f.check === id);
    counts.lackAction += has('action/missing') || has('action/runbook-only') ? 1 : 0;
    counts.vagueAction += has('action/vague') ? 1 : 0;
    counts.overSmsBudget += has('noise/sms-budget') ? 1 : 0;
  }
  general.forEach(count);
  return {
    rules: reviews.length,
    alerting,
    withFindings,
    bySeverity: ordered(bySeverity, SEVERITIES),
    byCheck: ordered(byCheck, CHECK_IDS),
    ...counts,
    silenced: {
      disabled: silenced.filter((s) => s.directive.kind === 'disable').length,
      snoozed: silenced.filter((s) => s.directive.kind === 'snooze').length,
    },
  };
}

/** The page's first sentence, e.g. "14 of 52 alert rules lack an action; 3 would have exceeded the 4-per-hour SMS budget last week". */
function actionPart(s: ReviewSummary): string {
  const lack =
    s.lackAction === 0
      ? `All ${s.alerting} alert rules have an action`
      : `${s.lackAction} of ${s.alerting} alert rule${s.alerting === 1 ? '' : 's'} lack${s.lackAction === 1 ? 's' : ''} an action`;
  if (s.vagueAction === 0) {
    return lack;
  }
  return `${lack} (${s.vagueAction} more ${s.vagueAction === 1 ? 'has a vague one' : 'have vague ones'})`;
}

export function summarySentence(s: ReviewSummary, smsBudgetPerHour: number, smsKnown: boolean): string {
  if (s.alerting === 0) {
    return s.rules === 0 ? 'No alert rules found.' : `No alert rules found (${s.rules} recording rules).`;
  }
  const parts = [actionPart(s)];
  if (smsKnown) {
    const over = s.overSmsBudget === 0 ? 'none' : String(s.overSmsBudget);
    parts.push(`${over} would have exceeded the ${smsBudgetPerHour}-per-hour SMS budget last week`);
  }
  return `${parts.join('; ')}.`;
}

/** True when any finding (of a rule or of the whole set) reaches `failOn` (the command line's exit code). */
export function reachesSeverity(reviews: RuleReview[], failOn: Severity, general: Finding[] = []): boolean {
  const limit = SEVERITIES.indexOf(failOn);
  const reaches = (f: Finding) => SEVERITIES.indexOf(f.severity) >= limit;
  return reviews.some((r) => r.findings.some(reaches)) || general.some(reaches);
}
