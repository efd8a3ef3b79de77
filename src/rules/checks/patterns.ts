import type { ExprNode } from '../promql/ast';
import { firingConditions, selectsNothing } from '../promql/firing';
import { typeOf } from '../promql/validate';
import type { ReviewRule } from '../types';
import { severityLabel, type CheckContext } from './check';

/**
 * Rules that fire on purpose without anything being wrong:
 * - a heartbeat (dead man's switch, kube-prometheus' Watchdog): an expression that selects no series, such as
 *   `vector(1)`, fires forever so that a receiver outside notices when the alerts stop arriving;
 * - an inhibitor (kube-prometheus' InfoInhibitor): `severity: none` says "never notify"; Alertmanager uses it only
 *   to inhibit other alerts.
 */
export type Deliberate = 'heartbeat' | 'inhibitor';

/** Whether a rule is one of the deliberate patterns, read from its expression and labels. */
export function deliberatePattern(
  rule: ReviewRule,
  ctx: Pick<CheckContext, 'analysis' | 'cache'>
): Deliberate | undefined {
  // Two checks ask for the same rule in a row.
  return ctx.cache.memoFor('deliberate', rule, (r) => patternOf(r, ctx)) ?? undefined;
}

function patternOf(rule: ReviewRule, ctx: Pick<CheckContext, 'analysis' | 'cache'>): Deliberate | null {
  if (rule.kind !== 'alerting') {
    return null;
  }
  if (severityLabel(rule) === 'none') {
    return 'inhibitor';
  }
  const ast = rule.language === 'promql' ? ctx.analysis(rule)?.ast : undefined;
  return ast && ctx.cache.memoFor('heartbeat', ast, alwaysFires) ? 'heartbeat' : null;
}

/** The expression selects no series and compares nothing: it fires on every evaluation. */
function alwaysFires(ast: ExprNode): boolean {
  return selectsNothing(ast) && typeOf(ast) === 'instant vector' && firingConditions(ast).length === 0;
}
