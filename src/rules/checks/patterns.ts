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
export function deliberatePattern(rule: ReviewRule, ctx: Pick<CheckContext, 'analysis'>): Deliberate | undefined {
  if (rule.kind !== 'alerting') {
    return undefined;
  }
  if (severityLabel(rule) === 'none') {
    return 'inhibitor';
  }
  const ast = rule.language === 'promql' ? ctx.analysis(rule)?.ast : undefined;
  if (ast && selectsNothing(ast) && typeOf(ast) === 'instant vector' && firingConditions(ast).length === 0) {
    return 'heartbeat';
  }
  return undefined;
}
