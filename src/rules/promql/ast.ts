import { parser } from '@prometheus-io/lezer-promql';
import { fastTree } from './fastTree';
import { durationMs, looksLikeDuration, numberValue } from './lexical';

// The syntax tree the checks read: Prometheus' own node kinds (promql/parser/ast.go), built from the Lezer parse of
// the Prometheus project's grammar. Positions are offsets into the parsed text; string literals keep only their
// position, so one tree serves every expression that differs from it only inside string literals.

/**
 * A node of the Lezer parse, copied once into plain objects: walking Lezer's own tree node by node (firstChild,
 * getChild) allocates a wrapper per step and dominated the time of a review.
 */
class Lezer {
  readonly children: Lezer[] = [];
  private parentNode?: Lezer;
  private index = 0;

  constructor(
    readonly name: string,
    readonly from: number,
    readonly to: number,
    readonly isError: boolean
  ) {}

  add(child: Lezer): void {
    child.parentNode = this;
    child.index = this.children.length;
    this.children.push(child);
  }

  get firstChild(): Lezer | null {
    return this.children[0] ?? null;
  }

  get nextSibling(): Lezer | null {
    return this.parentNode?.children[this.index + 1] ?? null;
  }

  getChild(name: string): Lezer | null {
    return this.children.find((c) => c.name === name) ?? null;
  }

  getChildren(name: string): Lezer[] {
    return this.children.filter((c) => c.name === name);
  }
}

/** The parse as plain nodes, and the first node the grammar could not place (in text order). */
function plainTree(tree: ReturnType<typeof parser.parse>): { top: Lezer; firstError?: Lezer } {
  const top = new Lezer(tree.type.name, 0, tree.length, false);
  const stack: Lezer[] = [];
  let firstError: Lezer | undefined;
  tree.iterate({
    enter(n) {
      const node = new Lezer(n.name, n.from, n.to, n.type.isError);
      (stack[stack.length - 1] ?? top).add(node);
      stack.push(node);
      firstError ??= node.isError ? node : undefined;
    },
    leave() {
      stack.pop();
    },
  });
  // iterate() enters the top node itself first: its copy is the only child of `top`.
  return { top: top.children[0] ?? top, firstError };
}

export type BinaryOp =
  '^' | '*' | '/' | '%' | 'atan2' | '+' | '-' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless';

export type MatchOp = '=' | '!=' | '=~' | '!~';

interface Span {
  from: number;
  to: number;
}

export interface LabelMatcherNode extends Span {
  name: string;
  op: MatchOp;
  /** The string literal, quotes included. */
  value: Span;
}

export interface NumberNode extends Span {
  k: 'number';
  value: number;
}
export interface StringNode extends Span {
  k: 'string';
}
export interface SelectorNode extends Span {
  k: 'selector';
  name?: string;
  matchers: LabelMatcherNode[];
}
export interface MatrixNode extends Span {
  k: 'matrix';
  expr: ExprNode;
  rangeMs: number;
}
export interface SubqueryNode extends Span {
  k: 'subquery';
  expr: ExprNode;
  rangeMs: number;
  stepMs?: number;
}
export interface OffsetNode extends Span {
  k: 'offset';
  expr: ExprNode;
  ms: number;
}
export interface AtNode extends Span {
  k: 'at';
  expr: ExprNode;
}
export interface CallNode extends Span {
  k: 'call';
  fn: string;
  args: ExprNode[];
}
export interface AggregateNode extends Span {
  k: 'aggregate';
  op: string;
  args: ExprNode[];
  grouping?: { without: boolean; labels: string[] };
}
export interface BinaryNode extends Span {
  k: 'binary';
  op: BinaryOp;
  lhs: ExprNode;
  rhs: ExprNode;
  bool: boolean;
  matching?: { on: boolean; labels: string[]; group?: 'left' | 'right'; include: string[] };
}
export interface UnaryNode extends Span {
  k: 'unary';
  op: '-' | '+';
  expr: ExprNode;
}
export interface ParenNode extends Span {
  k: 'paren';
  expr: ExprNode;
}

export type ExprNode =
  | NumberNode
  | StringNode
  | SelectorNode
  | MatrixNode
  | SubqueryNode
  | OffsetNode
  | AtNode
  | CallNode
  | AggregateNode
  | BinaryNode
  | UnaryNode
  | ParenNode;

/** A reason Prometheus refuses the text, at a place in it. */
export interface Issue extends Span {
  message: string;
}

/** The tree of a parse and what the grammar or a token refused; `ast` is undefined when nothing usable parsed. */
export interface ParsedTree {
  ast?: ExprNode;
  issues: Issue[];
  /** The grammar itself failed (its message quotes the parsed text). */
  grammarError: boolean;
}

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

const LATER_SYNTAX: Record<string, string> = {
  AnchoredExpr: 'the "anchored" modifier',
  SmoothedExpr: 'the "smoothed" modifier',
  FillModifier: 'fill() modifiers on binary operators',
  TrimUpper: 'the "</" trim operator',
  TrimLower: 'the ">/" trim operator',
  QuotedLabelName: 'quoted (UTF-8) label and metric names',
  QuotedLabelMatcher: 'quoted (UTF-8) label and metric names',
};

class Builder {
  readonly issues: Issue[] = [];
  constructor(private readonly text: string) {}

  slice(n: Span): string {
    return this.text.slice(n.from, n.to);
  }

  /** The character right after a node. */
  after(n: Span): string {
    return this.text.charAt(n.to);
  }

  issue(at: Span, message: string): void {
    this.issues.push({ from: at.from, to: at.to, message });
  }

  later(at: Span, what: string): void {
    this.issue(at, `${what} need Prometheus 3; the stack's Prometheus 2.42 refuses them`);
  }

  expr(n: Lezer): ExprNode | undefined {
    const build = EXPR_BUILDERS[n.name];
    if (build) {
      return build(this, n);
    }
    if (LATER_SYNTAX[n.name]) {
      this.later(n, LATER_SYNTAX[n.name]);
      const inner = n.firstChild;
      return inner ? this.expr(inner) : undefined;
    }
    return undefined;
  }

  children(n: Lezer): Lezer[] {
    const out: Lezer[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      out.push(c);
    }
    return out;
  }

  /** The expression children of a node (operators, modifiers and error nodes left out). */
  exprChildren(n: Lezer): ExprNode[] {
    const out: ExprNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      const e = this.expr(c);
      if (e) {
        out.push(e);
      }
    }
    return out;
  }

  durationOf(n: Lezer | null): number {
    if (!n) {
      return 0;
    }
    const lit = n.firstChild;
    if (!lit || lit.name !== 'NumberDurationLiteralInDurationContext' || lit.nextSibling) {
      this.later(n, 'duration arithmetic and duration functions');
      return 0;
    }
    const d = durationMs(this.slice(lit));
    if (!d.ok) {
      this.issue(lit, d.message);
      return 0;
    }
    return d.ms;
  }

  labelNames(n: Lezer | null): string[] {
    const out: string[] = [];
    for (let c = n?.firstChild; c; c = c.nextSibling) {
      if (c.name === 'LabelName') {
        out.push(this.slice(c));
      } else if (c.name === 'QuotedLabelName') {
        this.later(c, LATER_SYNTAX.QuotedLabelName);
      }
    }
    return out;
  }
}

type ExprBuilder = (b: Builder, n: Lezer) => ExprNode | undefined;

function numberLiteral(b: Builder, n: Lezer): ExprNode {
  const text = b.slice(n);
  const unsigned = text.replace(/^[+-]\s*/, '');
  if (looksLikeDuration(unsigned)) {
    b.issue(n, `unexpected duration "${unsigned}"`);
  } else if (/[\w]/.test(b.after(n))) {
    b.issue(n, `bad number or duration syntax: "${unsigned}${b.after(n)}"`);
  } else if (unsigned.includes('_')) {
    b.issue(n, `bad number or duration syntax: "${unsigned}" (digit separators need Prometheus 3)`);
  }
  const value = numberValue(text.replace(/\s+/g, ''));
  return { k: 'number', value: value ?? NaN, from: n.from, to: n.to };
}

function selector(b: Builder, n: Lezer): ExprNode {
  const id = n.getChild('Identifier');
  const matchers: LabelMatcherNode[] = [];
  const list = n.getChild('LabelMatchers');
  for (let m = list?.firstChild; m; m = m.nextSibling) {
    const built = matcherOf(b, m);
    if (built) {
      matchers.push(built);
    }
  }
  return { k: 'selector', name: id ? b.slice(id) : undefined, matchers, from: n.from, to: n.to };
}

function matcherOf(b: Builder, m: Lezer): LabelMatcherNode | undefined {
  if (m.name !== 'UnquotedLabelMatcher') {
    if (LATER_SYNTAX[m.name]) {
      b.later(m, LATER_SYNTAX[m.name]);
    }
    return undefined;
  }
  const name = m.getChild('LabelName');
  const op = m.getChild('MatchOp')?.firstChild;
  const value = m.getChild('StringLiteral');
  if (!name || !op || !value) {
    return undefined;
  }
  return {
    name: b.slice(name),
    op: MATCH_OPS[op.name],
    value: { from: value.from, to: value.to },
    from: m.from,
    to: m.to,
  };
}

function binary(b: Builder, n: Lezer): ExprNode | undefined {
  const [lhs, rhs] = b.exprChildren(n);
  let op: BinaryOp | undefined;
  let bool = false;
  let matching: BinaryNode['matching'];
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (BINARY_OPS[c.name] && !op) {
      op = BINARY_OPS[c.name];
    } else if (c.name === 'BoolModifier') {
      bool = true;
    } else if (c.name === 'MatchingModifierClause') {
      matching = matchingOf(b, c);
    } else if (LATER_SYNTAX[c.name]) {
      b.later(c, LATER_SYNTAX[c.name]);
    }
  }
  if (!lhs || !rhs || !op) {
    return lhs;
  }
  return { k: 'binary', op, lhs, rhs, bool, matching, from: n.from, to: n.to };
}

function matchingOf(b: Builder, c: Lezer): BinaryNode['matching'] {
  const groups = c.getChildren('GroupingLabels');
  const group = c.getChild('GroupLeft') ? 'left' : c.getChild('GroupRight') ? 'right' : undefined;
  return {
    on: c.getChild('On') !== null,
    labels: b.labelNames(groups[0] ?? null),
    group,
    include: group ? b.labelNames(groups[1] ?? null) : [],
  };
}

function call(b: Builder, n: Lezer): ExprNode {
  const id = n.getChild('FunctionIdentifier');
  const body = n.getChild('FunctionCallBody');
  const args = body ? b.exprChildren(body) : [];
  if (body && /,\s*\)$/.test(b.slice(body)) && args.length > 0) {
    b.issue(body, 'trailing commas not allowed in function call args');
  }
  return { k: 'call', fn: id ? b.slice(id) : '', args, from: n.from, to: n.to };
}

function aggregate(b: Builder, n: Lezer): ExprNode {
  const op = n.getChild('AggregateOp');
  const mod = n.getChild('AggregateModifier');
  const body = n.getChild('FunctionCallBody');
  const grouping = mod
    ? { without: mod.getChild('Without') !== null, labels: b.labelNames(mod.getChild('GroupingLabels')) }
    : undefined;
  return {
    k: 'aggregate',
    op: op ? b.slice(op) : '',
    args: body ? b.exprChildren(body) : [],
    grouping,
    from: n.from,
    to: n.to,
  };
}

function matrix(b: Builder, n: Lezer): ExprNode | undefined {
  const [expr] = b.exprChildren(n);
  if (!expr) {
    return undefined;
  }
  const rangeMs = b.durationOf(n.getChild('DurationExpr'));
  return postfix(expr, n.to, (e) => ({ k: 'matrix', expr: e, rangeMs, from: e.from, to: n.to }));
}

/**
 * Attaches a postfix (range, subquery, offset, @) the way Prometheus' grammar does: it binds tighter than every
 * operator (`%nonassoc OFFSET`, `%right LEFT_BRACKET`), so `a > 0[5m:]` is `a > (0[5m:])` and `a - b offset 1h`
 * offsets only `b`. The Lezer grammar attaches it to the whole binary expression; move it to the last operand.
 */
function postfix(inner: ExprNode, to: number, make: (e: ExprNode) => ExprNode): ExprNode {
  if (inner.k === 'binary') {
    return { ...inner, rhs: postfix(inner.rhs, to, make), to };
  }
  if (inner.k === 'unary') {
    return { ...inner, expr: postfix(inner.expr, to, make), to };
  }
  return make(inner);
}

function subquery(b: Builder, n: Lezer): ExprNode | undefined {
  const [expr] = b.exprChildren(n);
  const durations = n.getChildren('DurationExpr');
  if (!expr) {
    return undefined;
  }
  const rangeMs = b.durationOf(durations[0] ?? null);
  const stepMs = durations[1] ? b.durationOf(durations[1]) : undefined;
  return postfix(expr, n.to, (e) => ({ k: 'subquery', expr: e, rangeMs, stepMs, from: e.from, to: n.to }));
}

function offset(b: Builder, n: Lezer): ExprNode | undefined {
  const [expr] = b.exprChildren(n);
  const dur = n.getChild('OffsetDurationExpr');
  if (!expr) {
    return undefined;
  }
  let ms = 0;
  if (dur) {
    const negative = dur.getChild('UnaryOp') !== null;
    const inner = negative ? dur.getChild('OffsetDurationExpr') : dur;
    ms = (negative ? -1 : 1) * b.durationOf(inner);
  }
  return postfix(expr, n.to, (e) => ({ k: 'offset', expr: e, ms, from: e.from, to: n.to }));
}

function at(b: Builder, n: Lezer): ExprNode | undefined {
  const [expr] = b.exprChildren(n);
  const lit = n.getChild('NumberDurationLiteral');
  if (lit) {
    const text = b.slice(lit);
    const v = numberValue(text.replace(/\s+/g, ''));
    if (looksLikeDuration(text.replace(/^[+-]/, ''))) {
      b.issue(lit, `unexpected duration "${text}" in @, expected timestamp`);
    } else if (v === undefined || !Number.isFinite(v) || Math.abs(v) >= 9.2e18) {
      b.issue(lit, `timestamp out of bounds for @ modifier: ${text}`);
    }
  }
  return expr ? postfix(expr, n.to, (e) => ({ k: 'at', expr: e, from: e.from, to: n.to })) : undefined;
}

const EXPR_BUILDERS: Record<string, ExprBuilder> = {
  NumberDurationLiteral: numberLiteral,
  StringLiteral: (_b, n) => ({ k: 'string', from: n.from, to: n.to }),
  VectorSelector: selector,
  BinaryExpr: binary,
  FunctionCall: call,
  AggregateExpr: aggregate,
  MatrixSelector: matrix,
  SubqueryExpr: subquery,
  OffsetExpr: offset,
  StepInvariantExpr: at,
  ParenExpr: (b, n) => {
    const [expr] = b.exprChildren(n);
    return expr ? { k: 'paren', expr, from: n.from, to: n.to } : undefined;
  },
  UnaryExpr: (b, n) => {
    const [expr] = b.exprChildren(n);
    const op = n.getChild('UnaryOp');
    return expr ? { k: 'unary', op: op && b.slice(op) === '+' ? '+' : '-', expr, from: n.from, to: n.to } : undefined;
  },
};

/**
 * Parses PromQL into the checks' tree, with the first refusal found: everyday shapes directly (fastTree.ts), anything
 * else with the Prometheus project's Lezer grammar.
 */
export function buildTree(text: string): ParsedTree {
  return fastTree(text) ?? lezerTree(text);
}

/** The tree from the Lezer parse alone (tests hold the direct parser to it). */
export function lezerTree(text: string): ParsedTree {
  // Prometheus 3 renamed holt_winters, so the grammar no longer knows it; 2.42 does. Parse it under a name of the
  // same length the grammar knows (the tree reads names from `text`, so it keeps its own name).
  // Likewise a number with a trailing dot (`0.`), which Prometheus' lexer reads and the grammar does not.
  const tree = parser.parse(
    text.replace(/\bholt_winters(?=\s*\()/g, 'day_of_month').replace(/(?<![\w.])(\d+)\.(?![\d\w])/g, '$1 ')
  );
  const b = new Builder(text);
  const plain = plainTree(tree);
  const error = plain.firstError ? errorIssue(plain.firstError, text) : undefined;
  const top = plain.top.firstChild;
  const ast = top ? b.expr(top) : undefined;
  const issues = error ? [error, ...b.issues] : b.issues;
  if (!ast && issues.length === 0) {
    issues.push({ from: 0, to: text.length, message: 'no expression found in input' });
  }
  return { ast, issues, grammarError: error !== undefined };
}

function errorIssue(node: Lezer, text: string): Issue {
  const message = explainError(text, node.from);
  // Prometheus points an unknown function at its name, which the grammar read as a metric just before.
  const name = /^unknown function with name "(.*)"$/.exec(message);
  const from = name ? text.lastIndexOf(name[1], node.from) : node.from;
  return { from, to: Math.max(node.to, from + 1), message };
}

/** What Prometheus would say about the token at `at`, in the words of its parser where we can tell. */
export function explainError(text: string, at: number): string {
  let start = at;
  while (start < text.length && /\s/.test(text[start])) {
    start++;
  }
  if (start >= text.length) {
    return 'unexpected end of input';
  }
  const before = /([A-Za-z_:][A-Za-z0-9_:]*)\s*$/.exec(text.slice(0, start));
  if (text[start] === '(' && before) {
    return `unknown function with name "${before[1]}"`;
  }
  if (insideBraces(text, start) && /[0-9]/.test(text[start])) {
    const name = /^[0-9A-Za-z_]*/.exec(text.slice(start))![0];
    return `invalid label name "${name}": a label name starts with a letter or an underscore`;
  }
  const token = /^(?:[A-Za-z_:][A-Za-z0-9_:]*|\d[\w.]*|"[^"]*"?|'[^']*'?|\S)/.exec(text.slice(start))![0];
  return `unexpected "${token}"`;
}

function insideBraces(text: string, at: number): boolean {
  const open = text.lastIndexOf('{', at);
  return open >= 0 && text.lastIndexOf('}', at) < open;
}
