import { parser } from '@prometheus-io/lezer-promql';
import { blankStrings, originalPos } from './promqlLiterals';
import type { ReviewCache } from './reviewCache';
import type { Threshold } from './types';

/** What a PromQL expression tells the checks. */
export interface ExprAnalysis {
  /** Undefined when the expression parses. */
  syntaxError?: { message: string; position: number };
  /** Metric names selected (by name or `__name__="…"`), sorted, unique. */
  metrics: string[];
  /** Comparisons against a number literal at any depth, with the metric side's text. */
  comparisons: Array<Threshold & { side: string }>;
  /** Function names called, unique. */
  functions: string[];
}

const COMPARISON_NODES: Record<string, Threshold['op']> = {
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
};
// `5 < x` means `x > 5`: flip the operator when the number is on the left.
const FLIPPED: Record<Threshold['op'], Threshold['op']> = {
  '==': '==',
  '!=': '!=',
  '>': '<',
  '<': '>',
  '>=': '<=',
  '<=': '>=',
};

/**
 * Parses PromQL with the Prometheus project's own Lezer grammar. With a cache, each text is analysed once and
 * each shape parsed once: expressions that differ only inside string literals share one parse (promqlLiterals.ts).
 */
export function analyzeExpr(expr: string, cache?: ReviewCache): ExprAnalysis {
  if (!cache) {
    return analyze(expr, layoutOf);
  }
  const layout = (shape: string) => cache.memo('promql/shape', shape, layoutOf);
  return cache.memo('promql/expr', expr, (e) => analyze(e, layout));
}

/** What one parse found, with text the literals can change kept as positions into the parsed text. */
interface Layout {
  syntaxError?: ExprAnalysis['syntaxError'];
  /** A metric name (an identifier) or the range of the string literal of a `__name__="…"` matcher. */
  metrics: Array<string | [number, number]>;
  comparisons: Array<{ op: Threshold['op']; value: number; from: number; to: number }>;
  functions: string[];
}

function analyze(expr: string, layoutFor: (shape: string) => Layout): ExprAnalysis {
  if (expr.trim() === '') {
    return {
      syntaxError: { message: 'the expression is empty', position: 0 },
      metrics: [],
      comparisons: [],
      functions: [],
    };
  }
  const blanked = blankStrings(expr);
  if (blanked) {
    const layout = layoutFor(blanked.shape);
    // An error is reported from the expression's own parse, so its message quotes the real text.
    if (!layout.syntaxError) {
      return resolve(layout, expr, (pos) => originalPos(blanked, pos));
    }
  }
  return resolve(layoutOf(expr), expr, (pos) => pos);
}

/** The analysis from the expression's own parse, sharing nothing (tests compare the shared path against it). */
export function analyzeUnshared(expr: string): ExprAnalysis {
  return expr.trim() === '' ? analyze(expr, layoutOf) : resolve(layoutOf(expr), expr, (pos) => pos);
}

function resolve(layout: Layout, expr: string, pos: (p: number) => number): ExprAnalysis {
  const metrics = new Set<string>();
  for (const m of layout.metrics) {
    metrics.add(typeof m === 'string' ? m : unquote(expr.slice(pos(m[0]), pos(m[1]))));
  }
  return {
    syntaxError: layout.syntaxError,
    metrics: [...metrics].sort(),
    comparisons: layout.comparisons.map((c) => ({
      op: c.op,
      value: c.value,
      side: expr.slice(pos(c.from), pos(c.to)),
    })),
    // A copy: callers may sort it, and the layout serves every expression of its shape.
    functions: layout.functions.slice(),
  };
}

function layoutOf(expr: string): Layout {
  const tree = parser.parse(expr);
  const metrics: Layout['metrics'] = [];
  const functions = new Set<string>();
  const comparisons: Layout['comparisons'] = [];
  let syntaxError: ExprAnalysis['syntaxError'];
  const cursor = tree.cursor();
  do {
    const { name, from, to } = cursor;
    if (cursor.type.isError && !syntaxError) {
      syntaxError = { message: errorMessage(expr, from), position: from };
    } else if (name === 'VectorSelector') {
      const metric = selectorMetric(cursor.node, expr);
      if (metric) {
        metrics.push(metric);
      }
    } else if (name === 'FunctionIdentifier') {
      functions.add(expr.slice(from, to));
    } else if (name === 'BinaryExpr') {
      const c = comparisonOf(cursor.node, expr);
      if (c) {
        comparisons.push(c);
      }
    }
  } while (cursor.next());
  return { syntaxError, metrics, comparisons, functions: [...functions] };
}

type SyntaxNodeLike = ReturnType<ReturnType<typeof parser.parse>['cursor']>['node'];

function selectorMetric(node: SyntaxNodeLike, expr: string): Layout['metrics'][number] | undefined {
  const id = node.getChild('Identifier');
  if (id) {
    return expr.slice(id.from, id.to);
  }
  // `{__name__="foo"}` selects by name too.
  const matchers = node.getChild('LabelMatchers');
  for (let m = matchers?.firstChild; m; m = m.nextSibling) {
    const label = m.getChild('LabelName');
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (label && op && value && expr.slice(label.from, label.to) === '__name__' && expr.slice(op.from, op.to) === '=') {
      return [value.from, value.to];
    }
  }
  return undefined;
}

function comparisonOf(node: SyntaxNodeLike, expr: string): Layout['comparisons'][number] | undefined {
  let op: Threshold['op'] | undefined;
  const operands: SyntaxNodeLike[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (COMPARISON_NODES[c.name]) {
      op = COMPARISON_NODES[c.name];
    } else if (c.name !== 'BoolModifier' && c.name !== 'MatchingModifierClause' && !c.type.isError) {
      operands.push(c);
    }
  }
  if (!op || operands.length !== 2) {
    return undefined;
  }
  const [left, right] = operands;
  const rightNum = numberOf(right, expr);
  if (rightNum !== undefined) {
    return { op, value: rightNum, from: left.from, to: left.to };
  }
  const leftNum = numberOf(left, expr);
  if (leftNum !== undefined) {
    return { op: FLIPPED[op], value: leftNum, from: right.from, to: right.to };
  }
  return undefined;
}

function numberOf(node: SyntaxNodeLike, expr: string): number | undefined {
  let n = node;
  // `(0.9)` and `-1` wrap the literal.
  while ((n.name === 'ParenExpr' || n.name === 'UnaryExpr') && n.lastChild) {
    n = n.name === 'ParenExpr' ? (n.firstChild?.nextSibling ?? n.lastChild) : n.lastChild;
    if (n.name !== 'NumberDurationLiteral' && n.name !== 'ParenExpr' && n.name !== 'UnaryExpr') {
      return undefined;
    }
  }
  if (n.name !== 'NumberDurationLiteral') {
    return undefined;
  }
  const text = expr.slice(node.from, node.to).replace(/[()\s]/g, '');
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}

function unquote(s: string): string {
  return s.length >= 2 ? s.slice(1, -1) : s;
}

function errorMessage(expr: string, at: number): string {
  if (at >= expr.length) {
    return 'unexpected end of expression';
  }
  return `unexpected "${expr.slice(at, at + 12)}" at character ${at + 1}`;
}
