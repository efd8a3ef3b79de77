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
    const c = orient(x);
    return c ? [c] : [];
  }
  // Arithmetic on a filtered vector (`(x > 5) * 100`) keeps the filter's decision.
  const vectorSide = typeOf(x.lhs) === 'instant vector' ? x.lhs : typeOf(x.rhs) === 'instant vector' ? x.rhs : undefined;
  return vectorSide && constantOf(x.lhs === vectorSide ? x.rhs : x.lhs) !== undefined ? firingConditions(vectorSide) : [];
}

function orient(x: BinaryNode): FiringCondition | undefined {
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
