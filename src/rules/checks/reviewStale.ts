import { annotation, finding, quote, type Check } from './check';

const WEEK_MS = 7 * 86400 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Milliseconds of an ISO date, NaN when the text is not one. */
function isoTime(text: string): number {
  return ISO_DATE.test(text) ? Date.parse(text) : NaN;
}

/** `review/stale`: last review (a `reviewed` ISO date, or Grafana's `updated`) older than the review interval. */
export const reviewStale: Check = {
  id: 'review/stale',
  title: 'Not reviewed within the interval',
  run(rule, ctx) {
    if (rule.kind !== 'alerting') {
      return undefined;
    }
    const weeks = ctx.review.intervalWeeks;
    const reviewed = annotation(rule, 'reviewed')?.trim();
    const fix = () =>
      `Review the threshold against today's workload, then set the "reviewed" annotation to today's date (YYYY-MM-DD); the interval is ${weeks} weeks.`;
    // Rules of one file share a handful of review dates: parse each text once per review.
    const reviewedAt = reviewed ? ctx.cache.memo('review/date', reviewed, isoTime) : NaN;
    if (reviewed && Number.isNaN(reviewedAt)) {
      return finding(
        'review/stale',
        'warning',
        'The "reviewed" annotation is not an ISO date.',
        [`reviewed: ${quote(reviewed)}`],
        fix()
      );
    }
    const basis = reviewed
      ? { what: 'reviewed', at: reviewedAt }
      : rule.updated
        ? { what: 'last changed in Grafana', at: Date.parse(rule.updated) }
        : undefined;
    if (!basis || Number.isNaN(basis.at)) {
      return finding(
        'review/stale',
        'info',
        'Never reviewed: no "reviewed" date.',
        ['no "reviewed" annotation and no change time from the source'],
        fix()
      );
    }
    const ageWeeks = (ctx.now - basis.at) / WEEK_MS;
    if (ageWeeks <= weeks) {
      return undefined;
    }
    return finding(
      'review/stale',
      'warning',
      `Not reviewed for ${Math.floor(ageWeeks)} weeks (interval: ${weeks}).`,
      [`${basis.what}: ${ctx.cache.memo('review/day', basis.at, isoDay)}`],
      fix()
    );
  },
};
