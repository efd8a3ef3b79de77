import { formatDuration } from '../duration';
import { finding, isPhoneRouted, type Check } from './check';

const MIN_PHONE_FOR_SECONDS = 60;

function forTextOf(seconds: number | undefined): string {
  return seconds ? formatDuration(seconds) : 'none';
}

/** `for/missing`: a phone-routed rule that pages on a single evaluation, or `absent()` with no `for`. */
export const forMissing: Check = {
  id: 'for/missing',
  title: 'No "for" on a paging or absent() rule',
  run(rule, ctx) {
    if (rule.kind !== 'alerting') {
      return undefined;
    }
    if (isPhoneRouted(rule, ctx) && (rule.forSeconds ?? 0) < MIN_PHONE_FOR_SECONDS) {
      const forText = forTextOf(rule.forSeconds);
      return finding(
        'for/missing',
        'bug',
        `Pages the phone on a single evaluation (for: ${forText}): one scrape blip is an SMS.`,
        [`severity: ${rule.labels.severity}`, `for: ${forText}`],
        'Add "for: 5m" (at least 1m) so only a lasting condition pages; if it must page instantly, explain why in the action.'
      );
    }
    // Parse only what can use absent(); most rules cannot.
    const a = /absent/.test(rule.expr) || /absent/.test(rule.evalExpr ?? '') ? ctx.analysis(rule) : undefined;
    const usesAbsent = a?.functions.some((f) => f === 'absent' || f === 'absent_over_time');
    if (usesAbsent && !rule.forSeconds) {
      const forText = forTextOf(rule.forSeconds);
      return finding(
        'for/missing',
        'warning',
        'absent() without "for": a restart or one missed scrape fires it.',
        [`expression uses absent(); for: ${forText}`],
        'Add "for: 5m" (or longer than your scrape interval times three) so a short gap does not alert.'
      );
    }
    return undefined;
  },
};
