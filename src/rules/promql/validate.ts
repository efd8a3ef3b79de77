import type { AggregateNode, BinaryNode, CallNode, ExprNode, Issue, SelectorNode } from './ast';
import { addedIn, AGGREGATORS, FUNCTIONS, type ValueType } from './functions';
import { unquote } from './lexical';
import { readRegex } from './regex';

// What Prometheus 2.42's parser refuses after the grammar has accepted the text: modifiers in the wrong place
// (parse.go addOffset, getAtModifierVars, the matrix_selector action of generated_parser.y), unknown functions and
// aggregations, and the type checks of checkAST. Messages follow Prometheus' wording so they can be searched.

const SET_OPS = new Set(['and', 'or', 'unless']);
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

/** Reads the text of a span of the parsed text in the expression itself (string literals differ per expression). */
export type LiteralText = (span: { from: number; to: number }) => string;

/** The value type Prometheus gives an expression. */
export function typeOf(n: ExprNode): ValueType {
  switch (n.k) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'selector':
    case 'aggregate':
      return 'instant vector';
    case 'matrix':
    case 'subquery':
      return 'range vector';
    case 'call':
      return FUNCTIONS.get(n.fn)?.returns ?? 'instant vector';
    case 'binary':
      return typeOf(n.lhs) === 'scalar' && typeOf(n.rhs) === 'scalar' ? 'scalar' : 'instant vector';
    default:
      return typeOf(n.expr);
  }
}

function childrenOf(n: ExprNode): ExprNode[] {
  switch (n.k) {
    case 'number':
    case 'string':
    case 'selector':
      return [];
    case 'call':
    case 'aggregate':
      return n.args;
    case 'binary':
      return [n.lhs, n.rhs];
    default:
      return [n.expr];
  }
}

/** Every node of the tree, parents before children. */
export function walk(n: ExprNode, visit: (n: ExprNode) => void): void {
  visit(n);
  // Indexed: every check walks every tree, and an array iterator per node is garbage for each of those walks.
  const children = childrenOf(n);
  for (let i = 0; i < children.length; i++) {
    walk(children[i], visit);
  }
}

/** Every node of the tree, children before parents (the order Prometheus' checkAST reports type errors in). */
function walkChildrenFirst(n: ExprNode, visit: (n: ExprNode) => void): void {
  const children = childrenOf(n);
  for (let i = 0; i < children.length; i++) {
    walkChildrenFirst(children[i], visit);
  }
  visit(n);
}

/** Modifiers and names: what Prometheus refuses while parsing, before any type is checked. Shape-level. */
export function structureIssues(ast: ExprNode): Issue[] {
  const issues: Issue[] = [];
  walk(ast, (n) => {
    const message = structureProblem(n);
    if (message) {
      issues.push({ from: n.from, to: n.to, message });
    }
  });
  return issues;
}

function structureProblem(n: ExprNode): string | undefined {
  switch (n.k) {
    case 'matrix':
      return matrixProblem(n.expr);
    case 'offset':
    case 'at':
      return modifierProblem(n);
    case 'call':
      return FUNCTIONS.has(n.fn) ? undefined : unknownName(n.fn);
    case 'aggregate':
      return aggregateProblem(n);
    case 'selector':
      return n.name !== undefined && n.matchers.some((m) => m.name === '__name__')
        ? `metric name must not be set twice: "${n.name}" or the __name__ matcher`
        : undefined;
    default:
      return undefined;
  }
}

function unknownName(name: string): string {
  const later = addedIn(name);
  return `unknown function with name "${name}"${later ? ` (added in Prometheus ${later}; the stack runs 2.42)` : ''}`;
}

function matrixProblem(inner: ExprNode): string | undefined {
  if (inner.k === 'offset') {
    return 'no offset modifiers allowed before range';
  }
  if (inner.k === 'at') {
    return 'no @ modifiers allowed before range';
  }
  return inner.k === 'selector' ? undefined : 'ranges only allowed for vector selectors';
}

function modifierProblem(n: ExprNode & { k: 'offset' | 'at' }): string | undefined {
  let base = n.expr;
  let same = 0;
  while (base.k === 'offset' || base.k === 'at') {
    same += base.k === n.k ? 1 : 0;
    base = base.expr;
  }
  if (base.k !== 'selector' && base.k !== 'matrix' && base.k !== 'subquery') {
    const what = n.k === 'offset' ? 'offset modifier' : '@ modifier';
    return `${what} must be preceded by an instant vector selector or range vector selector or a subquery`;
  }
  if (same > 0) {
    return n.k === 'offset' ? 'offset may not be set multiple times' : '@ <timestamp> may not be set multiple times';
  }
  return undefined;
}

function aggregateProblem(n: AggregateNode): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(AGGREGATORS, n.op)) {
    return unknownName(n.op);
  }
  if (n.args.length === 0) {
    return 'no arguments for aggregate expression provided';
  }
  const want = AGGREGATORS[n.op] === undefined ? 1 : 2;
  return n.args.length === want
    ? undefined
    : `wrong number of arguments for aggregate expression provided, expected ${want}, got ${n.args.length}`;
}

/** String literals and label matchers: escapes, regular expressions, selectors that match everything. */
export function literalIssues(ast: ExprNode, text: LiteralText): Issue[] {
  const issues: Issue[] = [];
  walk(ast, (n) => {
    if (n.k === 'string') {
      const u = unquote(text(n));
      if (!u.ok) {
        issues.push({ from: n.from, to: n.to, message: u.message });
      }
    } else if (n.k === 'selector') {
      issues.push(...selectorIssues(n, text));
    }
  });
  return issues;
}

function selectorIssues(n: SelectorNode, text: LiteralText): Issue[] {
  const issues: Issue[] = [];
  let nonEmpty = n.name !== undefined;
  for (const m of n.matchers) {
    const u = unquote(text(m.value));
    if (!u.ok) {
      issues.push({ ...m.value, message: u.message });
      continue;
    }
    const matchesEmpty = matcherMatchesEmpty(m.op, u.value, (message) => issues.push({ ...m, message }));
    nonEmpty = nonEmpty || !matchesEmpty;
  }
  if (!nonEmpty && issues.length === 0) {
    issues.push({
      from: n.from,
      to: n.to,
      message:
        'vector selector must contain at least one non-empty matcher (every matcher here also matches the empty value, so it would select every series)',
    });
  }
  return issues;
}

function matcherMatchesEmpty(op: string, value: string, fail: (message: string) => void): boolean {
  if (op === '=' || op === '!=') {
    return (value === '') === (op === '=');
  }
  const re = readRegex(value);
  if (re.error) {
    fail(re.error);
    return true;
  }
  return re.matchesEmpty === (op === '=~');
}

/** checkAST: value types of operands and arguments (only when nothing else was refused). Shape-level. */
export function typeIssues(ast: ExprNode): Issue[] {
  const issues: Issue[] = [];
  walkChildrenFirst(ast, (n) => {
    const found = typeProblems(n);
    for (const [at, message] of found) {
      issues.push({ from: at.from, to: at.to, message });
    }
  });
  return issues;
}

type Found = Array<[ExprNode, string]>;

function typeProblems(n: ExprNode): Found {
  switch (n.k) {
    case 'binary':
      return binaryProblems(n);
    case 'call':
      return callProblems(n);
    case 'aggregate':
      return aggregateTypeProblems(n);
    case 'unary': {
      const t = typeOf(n.expr);
      return t === 'scalar' || t === 'instant vector'
        ? []
        : [[n, `unary expression only allowed on expressions of type scalar or instant vector, got "${t}"`]];
    }
    case 'subquery': {
      const t = typeOf(n.expr);
      return t === 'instant vector' ? [] : [[n, `subquery is only allowed on instant vector, got ${t} instead`]];
    }
    default:
      return [];
  }
}

function expect(n: ExprNode | undefined, want: ValueType, context: string): Found {
  if (!n) {
    return [];
  }
  const got = typeOf(n);
  return got === want ? [] : [[n, `expected type ${want} in ${context}, got ${got}`]];
}

function aggregateTypeProblems(n: AggregateNode): Found {
  const param = AGGREGATORS[n.op];
  const expr = n.args[n.args.length - 1];
  const found = expect(expr, 'instant vector', 'aggregation expression');
  return param && n.args.length === 2 ? [...expect(n.args[0], param, 'aggregation parameter'), ...found] : found;
}

function callProblems(n: CallNode): Found {
  const sig = FUNCTIONS.get(n.fn);
  if (!sig) {
    return [];
  }
  const found: Found = [];
  const min = sig.variadic === 0 ? sig.args.length : sig.args.length - 1;
  const max = sig.variadic === 0 ? sig.args.length : sig.variadic < 0 ? Infinity : min + sig.variadic;
  if (n.args.length < min || n.args.length > max) {
    found.push([n, argCountMessage(n, min, max, sig.variadic)]);
  }
  n.args.forEach((arg, i) => {
    const want = sig.args[Math.min(i, sig.args.length - 1)];
    if (i < sig.args.length || sig.variadic !== 0) {
      found.push(...expect(arg, want, `call to function "${n.fn}"`));
    }
  });
  return found;
}

function argCountMessage(n: CallNode, min: number, max: number, variadic: number): string {
  if (variadic === 0) {
    return `expected ${min} argument(s) in call to "${n.fn}", got ${n.args.length}`;
  }
  return n.args.length < min
    ? `expected at least ${min} argument(s) in call to "${n.fn}", got ${n.args.length}`
    : `expected at most ${max} argument(s) in call to "${n.fn}", got ${n.args.length}`;
}

function binaryProblems(n: BinaryNode): Found {
  const lt = typeOf(n.lhs);
  const rt = typeOf(n.rhs);
  const found: Found = [];
  const comparison = COMPARISONS.has(n.op);
  if (n.bool && !comparison) {
    found.push([n, 'bool modifier can only be used on comparison operators']);
  }
  if (comparison && !n.bool && lt === 'scalar' && rt === 'scalar') {
    found.push([n, 'comparisons between scalars must use BOOL modifier']);
  }
  found.push(...matchingProblems(n, lt, rt));
  for (const [side, t] of [
    [n.lhs, lt],
    [n.rhs, rt],
  ] as const) {
    if (t !== 'scalar' && t !== 'instant vector') {
      found.push([side, `binary expression must contain only scalar and instant vector types (this side is a ${t})`]);
    }
  }
  if ((lt === 'scalar' || rt === 'scalar') && SET_OPS.has(n.op)) {
    found.push([n, `set operator "${n.op}" not allowed in binary scalar expression`]);
  }
  return found;
}

function matchingProblems(n: BinaryNode, lt: ValueType, rt: ValueType): Found {
  const m = n.matching;
  if (!m) {
    return [];
  }
  const found: Found = [];
  if (m.on) {
    for (const l of m.labels.filter((x) => m.include.includes(x))) {
      found.push([n, `label "${l}" must not occur in ON and GROUP clause at once`]);
    }
  }
  const vectors = lt === 'instant vector' && rt === 'instant vector';
  if (!vectors && m.labels.length > 0) {
    found.push([n, 'vector matching only allowed between instant vectors']);
  }
  if (vectors && SET_OPS.has(n.op) && m.group) {
    found.push([n, `no grouping allowed for "${n.op}" operation`]);
  }
  return found;
}
