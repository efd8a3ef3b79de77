import { formatDuration } from '../duration';
import {
  decisiveFunctions,
  firesOnWindow,
  firingConditions,
  readsClock,
  unwrap,
  type FiringCondition,
} from '../promql/firing';
import type { ExprNode } from '../promql/ast';
import type { LiteralText } from '../promql/validate';
import { metricWords, metricsUnder } from '../promql/measure';
import type { ReviewRule } from '../types';
import { finding, isPhoneRouted, type Check, type CheckContext } from './check';
import { deliberatePattern } from './patterns';

const MIN_PHONE_FOR_SECONDS = 60;
const MIN_WINDOW_MS = 60_000;

function forTextOf(seconds: number | undefined): string {
  return seconds ? formatDuration(seconds) : 'none';
}

const COUNTER_WORDS = new Set(['total', 'count', 'sum', 'errors', 'failures', 'faults']);
// Storage media health and certificates change by wear, repair or the calendar, not between two scrapes: a disk's
// SMART verdict or a certificate's expiry does not flicker, so a "for" adds nothing there.
const DURABLE_WORDS = new Set(
  'smart smartctl raid md zfs zpool wear wearout spare media drive cert certs certificate certificates ssl tls ocsp x509 expiry expiration expiring expires'.split(
    ' '
  )
);

// Names written as identifiers only: the tree is shared by every expression of its shape, so this reads no literal.
const noLiterals: LiteralText = () => '';

function durable(c: FiringCondition): boolean {
  const metrics = metricsUnder(c.measured, noLiterals);
  return metrics.length > 0 && metrics.every((m) => metricWords(m).some((w) => DURABLE_WORDS.has(w)));
}

/** A counter compared with "> n" only grows past the threshold: no blip can make it fire. */
function growingCounter(c: FiringCondition): boolean {
  if (c.threshold === undefined || !(c.op === '>' || c.op === '>=')) {
    return false;
  }
  let x = unwrap(c.measured);
  while (x.k === 'aggregate' && ['sum', 'max', 'min'].includes(x.op) && x.args.length === 1) {
    x = unwrap(x.args[0]);
  }
  return x.k === 'selector' && x.name !== undefined && metricWords(x.name).some((w) => COUNTER_WORDS.has(w));
}

/**
 * Why one evaluation's blip cannot page, if it cannot: the condition summarises a window of at least a minute
 * (`increase(x[5m]) > 0`, where a "for" would even hide a one-off event), it moves with the clock (an age, a
 * deadline: `time() - x > 3600`, and a restart detector would be hidden by a "for"), it is a counter that
 * only grows past its threshold, or it reads only durable state (storage media health, certificates).
 */
function cannotBlip(rule: ReviewRule, ctx: CheckContext): boolean {
  const ast = ctx.analysis(rule)?.ast;
  // Structure only: worked out once per expression shape.
  return ast ? ctx.cache.memoFor('for/cannot-blip', ast, cannotBlipTree) : false;
}

function cannotBlipTree(ast: ExprNode): boolean {
  const conditions = firingConditions(ast);
  return (
    firesOnWindow(ast, MIN_WINDOW_MS) ||
    (conditions.length > 0 && conditions.every((c) => readsClock(c.measured) || growingCounter(c) || durable(c)))
  );
}

function usesInstantAbsent(rule: ReviewRule, ctx: CheckContext): boolean {
  // Parse only what can call absent(); most rules cannot.
  if (!/absent/.test(rule.evalExpr ?? rule.expr)) {
    return false;
  }
  // absent() behind `and`/`unless` only filters: a missing series alone cannot fire the rule.
  const ast = ctx.analysis(rule)?.ast;
  return ast ? decisiveFunctions(ast).has('absent') : false;
}

/**
 * `for/missing`: a phone-routed rule that pages on a single evaluation, or `absent()` with no `for`. Heartbeats
 * and inhibitors fire on purpose and are left alone; so are rules whose condition already spans a window.
 */
export const forMissing: Check = {
  id: 'for/missing',
  title: 'No "for" on a paging or absent() rule',
  run(rule, ctx) {
    if (rule.kind !== 'alerting' || deliberatePattern(rule, ctx)) {
      return undefined;
    }
    const forText = forTextOf(rule.forSeconds);
    if (isPhoneRouted(rule, ctx) && (rule.forSeconds ?? 0) < MIN_PHONE_FOR_SECONDS && !cannotBlip(rule, ctx)) {
      return finding(
        'for/missing',
        'bug',
        `Pages the phone on a single evaluation (for: ${forText}): one scrape blip is an SMS.`,
        [
          `severity: ${rule.labels.severity}`,
          `for: ${forText}`,
          'the firing condition reads instant values: no window, no clock',
        ],
        'Add "for: 5m" (at least 1m) so only a lasting condition pages; if it must page instantly, explain why in the action.'
      );
    }
    if (!rule.forSeconds && usesInstantAbsent(rule, ctx)) {
      return finding(
        'for/missing',
        'warning',
        'absent() without "for": it fires on the first evaluation that finds no series (after a restart, or a target that drops out of discovery for a moment).',
        [`expression uses absent(); for: ${forText}`],
        'Add "for: 5m" (or longer than your scrape interval times three), or use absent_over_time(x[5m]), so a short gap does not alert.'
      );
    }
    return undefined;
  },
};
