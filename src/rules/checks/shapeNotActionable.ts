import type { ExprAnalysis } from '../promql/analyze';
import { firingConditions, type FiringCondition } from '../promql/firing';
import { measureOf, usedPercentAt, type Measure } from '../promql/measure';
import type { ReviewRule } from '../types';
import { finding, type Check, type CheckContext } from './check';

const SATURATION_PERCENT = 90;
const BRIEF_SECONDS = 300;
const MAX_RELATIVE_PERCENT = 25;
// Every measure the check can judge is read from a metric with one of these words, or from an offset: rules
// without any of them need no parse here (a superset, so nothing judgeable is skipped).
const CANDIDATE = /mem|cpu|temp|celsius|fahrenheit|offset/i;

/** One wrong shape found in one firing condition, with the facts that show it. */
interface Shape {
  summary: string;
  evidence: string[];
}

function conditionText(a: ExprAnalysis, c: FiringCondition): string {
  const side = a.text(c.measured).replace(/\s+/g, ' ').trim();
  const cut = side.length > 100 ? `${side.slice(0, 99)}…` : side;
  return `fires when ${cut} ${c.op} ${c.threshold}`;
}

function belowSaturation(c: FiringCondition, m: Measure): Shape | undefined {
  if (m.resource !== 'memory' && m.resource !== 'CPU') {
    return undefined;
  }
  const used = c.threshold === undefined ? undefined : usedPercentAt(m, c.op, c.threshold);
  if (used === undefined || used >= SATURATION_PERCENT) {
    return undefined;
  }
  const read = `${m.resource} measured as the ${m.part} share of ${m.metrics.join(' and ')}`;
  return {
    summary: `${m.resource} at ${Math.round(used)} % in use is not saturation; ${m.resource} is there to be used`,
    evidence: [read, `alerts at ${Math.round(used)} % in use (saturation starts around ${SATURATION_PERCENT} %)`],
  };
}

function briefSpike(c: FiringCondition, m: Measure, forSeconds: number): Shape | undefined {
  const above = c.op === '>' || c.op === '>=';
  if (
    m.resource !== 'temperature' ||
    !m.fast ||
    m.kind !== 'quantity' ||
    !above ||
    m.smoothed ||
    c.threshold === undefined
  ) {
    return undefined;
  }
  if (forSeconds >= BRIEF_SECONDS) {
    return undefined;
  }
  return {
    summary: 'a brief temperature spike resolves itself before anyone can act',
    evidence: [
      `chip temperature ${m.metrics.join(', ')} compared raw, without avg_over_time or min_over_time`,
      `for: ${forSeconds ? `${forSeconds} s` : 'none'} (under ${BRIEF_SECONDS / 60} minutes)`,
    ],
  };
}

function smallRelativeChange(c: FiringCondition, m: Measure): Shape | undefined {
  if (!m.relative || c.threshold === undefined || !(c.op === '>' || c.op === '>=')) {
    return undefined;
  }
  const t = c.threshold;
  const pct = t > 1 && t < 2 ? (t - 1) * 100 : t > 0 && t < 1 ? t * 100 : undefined;
  if (pct === undefined || pct > MAX_RELATIVE_PERCENT || m.resource !== 'latency') {
    return undefined;
  }
  return {
    summary: `a latency change of ${Math.round(pct)} % against the past is not a problem the operator can fix`,
    evidence: [`latency from ${m.metrics[0]} divided by its own value at an offset`, `alerts at +${Math.round(pct)} %`],
  };
}

function shapesOf(rule: ReviewRule, a: ExprAnalysis, ctx: CheckContext): Array<Shape & { condition: string }> {
  if (!a.ast) {
    return [];
  }
  const out: Array<Shape & { condition: string }> = [];
  // The conditions are structure: worked out once per expression shape.
  for (const c of ctx.cache.memoFor('firing-conditions', a.ast, firingConditions)) {
    const m = measureOf(c.measured, a.text);
    const found = belowSaturation(c, m) ?? briefSpike(c, m, rule.forSeconds ?? 0) ?? smallRelativeChange(c, m);
    if (found) {
      out.push({ ...found, condition: conditionText(a, c) });
    }
  }
  return out;
}

/**
 * `shape/not-actionable`: the creed's wrong shapes, read from the comparison that decides firing and what its
 * measured side is (resource, used or free share, scale, smoothing): resource use below saturation, a brief
 * temperature spike, a small change against the past. A condition it cannot read is left alone.
 */
export const shapeNotActionable: Check = {
  id: 'shape/not-actionable',
  title: 'Wrong shape: probably not actionable',
  run(rule, ctx) {
    if (rule.kind !== 'alerting' || !CANDIDATE.test(rule.evalExpr ?? rule.expr)) {
      return undefined;
    }
    // Grafana rules are analysed through evalExpr, which carries the threshold node's comparison.
    const a = ctx.analysis(rule);
    if (!a || a.syntaxError) {
      return undefined;
    }
    const shapes = shapesOf(rule, a, ctx);
    if (shapes.length === 0) {
      return undefined;
    }
    return finding(
      'shape/not-actionable',
      'warning',
      `Probably not actionable: ${shapes[0].summary}.`,
      shapes.flatMap((s) => [s.condition, ...s.evidence]),
      'Alert on the symptom a customer feels (errors, SLA latency, a full disk) or on true saturation held for minutes; otherwise retire the rule or make it a dashboard panel.'
    );
  },
};
