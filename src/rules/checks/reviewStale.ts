import type { ReviewRule } from '../types';
import { annotation, finding, quote, type Check, type RunCheck } from './check';

const WEEK_MS = 7 * 86400 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const LISTED = 10;

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Milliseconds of an ISO date, NaN when the text is not one. */
function isoTime(text: string): number {
  return ISO_DATE.test(text) ? Date.parse(text) : NaN;
}

function fixText(weeks: number): string {
  return `Review the threshold against today's workload, then set the "reviewed" annotation to today's date (YYYY-MM-DD); the interval is ${weeks} weeks.`;
}

/** The rule's last review: its `reviewed` annotation, else Grafana's change time; undefined when it has neither. */
function lastReview(rule: ReviewRule): { what: string; text: string } | undefined {
  const reviewed = annotation(rule, 'reviewed')?.trim();
  if (reviewed) {
    return { what: 'reviewed', text: reviewed };
  }
  return rule.updated ? { what: 'last changed in Grafana', text: rule.updated } : undefined;
}

/**
 * `review/stale`: a rule whose last review (a `reviewed` ISO date, or Grafana's `updated`) is older than the
 * review interval. A rule with no date at all is counted once for the whole review (see reviewDatesMissing).
 */
export const reviewStale: Check = {
  id: 'review/stale',
  title: 'Not reviewed within the interval',
  run(rule, ctx) {
    const last = rule.kind === 'alerting' ? lastReview(rule) : undefined;
    if (!last) {
      return undefined;
    }
    const weeks = ctx.review.intervalWeeks;
    // Rules of one file share a handful of review dates: parse each text once per review.
    const at = last.what === 'reviewed' ? ctx.cache.memo('review/date', last.text, isoTime) : Date.parse(last.text);
    if (Number.isNaN(at)) {
      return finding(
        'review/stale',
        'warning',
        'The "reviewed" annotation is not an ISO date.',
        [`reviewed: ${quote(last.text)}`],
        fixText(weeks)
      );
    }
    const ageWeeks = (ctx.now - at) / WEEK_MS;
    if (ageWeeks <= weeks) {
      return undefined;
    }
    return finding(
      'review/stale',
      'warning',
      `Not reviewed for ${Math.floor(ageWeeks)} weeks (interval: ${weeks}).`,
      [`${last.what}: ${ctx.cache.memo('review/day', at, isoDay)}`],
      fixText(weeks)
    );
  },
};

/** `review/stale` once for the review: alerting rules that carry no review date at all. */
export const reviewDatesMissing: RunCheck = {
  id: 'review/stale',
  title: 'Alert rules without a review date',
  run(rules, ctx) {
    const alerting = rules.filter((r) => r.kind === 'alerting');
    const undated = alerting.filter((r) => !lastReview(r));
    if (undated.length === 0) {
      return undefined;
    }
    const weeks = ctx.review.intervalWeeks;
    const all = undated.length === alerting.length;
    const names = undated.slice(0, LISTED).map((r) => r.name);
    return finding(
      'review/stale',
      'info',
      all
        ? `No alert rule carries a review date (${alerting.length} rules): staleness cannot be tracked yet.`
        : `${undated.length} of ${alerting.length} alert rules carry no review date.`,
      [
        `without a "reviewed" annotation: ${names.join(', ')}${undated.length > LISTED ? ` and ${undated.length - LISTED} more` : ''}`,
      ],
      `Start at the next review: for each rule you check, add the annotation reviewed: "YYYY-MM-DD" (today). Rules not reviewed within ${weeks} weeks are then listed one by one.`
    );
  },
};
