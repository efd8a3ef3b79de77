import type { BinaryNode, ExprNode } from './ast';
import { typeOf } from './validate';

// Which comparison decides whether an alerting rule fires. An alert fires for every series its expression returns,
// so the decisive comparisons are those whose result is the expression's result: the left side of `and` and
// `unless` (the right side only filters), both sides of `or`, and nothing under an aggregation or function (there
// a comparison only selects what is counted, e.g. `count(x > 0) > 3` fires on the outer `> 3`).

export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';

/** One comparison that decides firing, oriented so that the measured expression is on the left. */
export interface FiringCondition {
  comparison: BinaryNode;
  measured: ExprNode;
  op: ComparisonOp;
  /** The constant on the other side, when it is one (`> 90`, `< 60 * 60`). */
  threshold?: number;
  /** The other side when it is not a constant (`x > y`). */
  against?: ExprNode;
}

const COMPARISON_OPS = new Set<string>(['==', '!=', '>', '<', '>=', '<=']);
const FLIP: Record<ComparisonOp, ComparisonOp> = { '==': '==', '!=': '!=', '>': '<', '<': '>', '>=': '<=', '<=': '>=' };

/** Strips parentheses. */
export function unwrap(n: ExprNode): ExprNode {
  let x = n;
  while (x.k === 'paren') {
    x = x.expr;
  }
  return x;
}

/** The value of an expression made of number literals only (`60 * 60`, `-(1)`), else undefined. */
export function constantOf(n: ExprNode): number | undefined {
  const x = unwrap(n);
  if (x.k === 'number') {
    return x.value;
  }
  if (x.k === 'unary') {
    const v = constantOf(x.expr);
    return v === undefined ? undefined : x.op === '-' ? -v : v;
  }
  if (x.k !== 'binary' || x.bool || COMPARISON_OPS.has(x.op)) {
    return undefined;
  }
  const l = constantOf(x.lhs);
  const r = l === undefined ? undefined : constantOf(x.rhs);
  return l === undefined || r === undefined ? undefined : arithmetic(x.op, l, r);
}

function arithmetic(op: string, l: number, r: number): number | undefined {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return l % r;
    case '^':
      return l ** r;
    default:
      return undefined;
  }
}

/** The comparisons that decide whether the expression fires (empty for `absent(x)`, `vector(1)`, a bare selector). */
export function firingConditions(ast: ExprNode): FiringCondition[] {
  const x = unwrap(ast);
  if (x.k !== 'binary') {
    return [];
  }
  if (x.op === 'and' || x.op === 'unless') {
    return firingConditions(x.lhs);
  }
  if (x.op === 'or') {
    return [...firingConditions(x.lhs), ...firingConditions(x.rhs)];
  }
  if (COMPARISON_OPS.has(x.op) && !x.bool) {
    return [orient(x)];
  }
  return filteredArithmetic(x);
}

/** Arithmetic on a filtered vector (`(x > 5) * 100`) keeps the filter's decision. */
function filteredArithmetic(x: BinaryNode): FiringCondition[] {
  const vectorSide =
    typeOf(x.lhs) === 'instant vector' ? x.lhs : typeOf(x.rhs) === 'instant vector' ? x.rhs : undefined;
  const other = vectorSide === x.lhs ? x.rhs : x.lhs;
  return vectorSide && constantOf(other) !== undefined ? firingConditions(vectorSide) : [];
}

function orient(x: BinaryNode): FiringCondition {
  const op = x.op as ComparisonOp;
  const right = constantOf(x.rhs);
  if (right !== undefined) {
    return { comparison: x, measured: x.lhs, op, threshold: right };
  }
  const left = constantOf(x.lhs);
  if (left !== undefined) {
    return { comparison: x, measured: x.rhs, op: FLIP[op], threshold: left };
  }
  return { comparison: x, measured: x.lhs, op, against: x.rhs };
}

/** True when the expression selects no series at all, so it always returns the same value (`vector(1)`). */
export function selectsNothing(ast: ExprNode): boolean {
  const x = unwrap(ast);
  switch (x.k) {
    case 'selector':
    case 'matrix':
      return false;
    case 'number':
    case 'string':
      return true;
    case 'call':
    case 'aggregate':
      return x.args.every(selectsNothing);
    case 'binary':
      return selectsNothing(x.lhs) && selectsNothing(x.rhs);
    default:
      return selectsNothing(x.expr);
  }
}

// Range functions whose value summarises a whole window; irate, idelta and last_over_time look at the last samples.
const WINDOW_FUNCTIONS = new Set([
  'rate',
  'increase',
  'delta',
  'deriv',
  'changes',
  'resets',
  'predict_linear',
  'holt_winters',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
  'quantile_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'absent_over_time',
  'present_over_time',
]);

/** Milliseconds of the window a range function's matrix or subquery argument spans (0 when it has none). */
function windowOf(arg: ExprNode | undefined): number {
  let x = arg ? unwrap(arg) : undefined;
  while (x && (x.k === 'offset' || x.k === 'at')) {
    x = unwrap(x.expr);
  }
  return x && (x.k === 'matrix' || x.k === 'subquery') ? x.rangeMs : 0;
}

/**
 * True when every series the expression reads passes through a range function over at least `minMs`: its value
 * already summarises a window (`increase(x[5m]) > 0`), so one scrape cannot make it fire.
 */
export function spansWindow(n: ExprNode, minMs: number): boolean {
  const x = unwrap(n);
  switch (x.k) {
    case 'number':
    case 'string':
      return true;
    case 'selector':
    case 'matrix':
    case 'subquery':
      return false;
    case 'call':
      if (WINDOW_FUNCTIONS.has(x.fn)) {
        return x.args.some((a) => windowOf(a) >= minMs);
      }
      return x.args.every((a) => spansWindow(a, minMs));
    case 'aggregate':
      return x.args.every((a) => spansWindow(a, minMs));
    case 'binary':
      // `and` / `unless` only filter the left side's series.
      return x.op === 'and' || x.op === 'unless'
        ? spansWindow(x.lhs, minMs)
        : spansWindow(x.lhs, minMs) && spansWindow(x.rhs, minMs);
    default:
      return spansWindow(x.expr, minMs);
  }
}

/**
 * True when the expression cannot fire on one evaluation's blip: its firing condition summarises a window of at
 * least `minMs`. With `and`, either side holding over a window is enough (the other only narrows the series).
 */
export function firesOnWindow(ast: ExprNode, minMs: number): boolean {
  const x = unwrap(ast);
  if (x.k !== 'binary') {
    return spansWindow(x, minMs);
  }
  if (x.op === 'and') {
    return firesOnWindow(x.lhs, minMs) || firesOnWindow(x.rhs, minMs);
  }
  if (x.op === 'unless') {
    return firesOnWindow(x.lhs, minMs);
  }
  if (x.op === 'or') {
    return firesOnWindow(x.lhs, minMs) && firesOnWindow(x.rhs, minMs);
  }
  const [c] = firingConditions(x);
  return c ? spansWindow(c.measured, minMs) : spansWindow(x, minMs);
}

/** True when the expression calls `time()`: an age or a deadline, which moves with the clock, not in blips. */
export function readsClock(n: ExprNode): boolean {
  const x = unwrap(n);
  switch (x.k) {
    case 'call':
      return x.fn === 'time' || x.args.some(readsClock);
    case 'aggregate':
      return x.args.some(readsClock);
    case 'binary':
      return readsClock(x.lhs) || readsClock(x.rhs);
    case 'number':
    case 'string':
    case 'selector':
      return false;
    default:
      return readsClock(x.expr);
  }
}

/** Function names called in the part of the expression that decides firing (not in `and`/`unless` filters). */
export function decisiveFunctions(n: ExprNode, out: Set<string> = new Set()): Set<string> {
  const x = unwrap(n);
  switch (x.k) {
    case 'call':
      out.add(x.fn);
      x.args.forEach((a) => decisiveFunctions(a, out));
      return out;
    case 'aggregate':
      x.args.forEach((a) => decisiveFunctions(a, out));
      return out;
    case 'binary':
      decisiveFunctions(x.lhs, out);
      return x.op === 'and' || x.op === 'unless' ? out : decisiveFunctions(x.rhs, out);
    case 'number':
    case 'string':
    case 'selector':
      return out;
    default:
      return decisiveFunctions(x.expr, out);
  }
}
