import type { AggregateNode, BinaryNode, BinaryOp, ExprNode, LabelMatcherNode, MatchOp, ParsedTree } from './ast';
import { durationMs, numberValue } from './lexical';

// A direct parser for the everyday shapes of PromQL (selectors, ranges, calls, aggregations, binary operators with
// their modifiers, offsets, parentheses) that builds the very tree `buildTree` builds from the Lezer parse, without
// the Lezer parse: on a real rule set that parse was most of a review's time. It gives up (undefined) on anything
// it does not mirror exactly — @, keywords or function names used as names, comments, durations other
// than one plain duration, numbers other than plain decimals, trailing commas in calls, anything the grammar or a
// token would refuse — and `buildTree` then takes the Lezer path, which decides. Tests hold both paths equal.

/** Thrown to give up; caught once at the top. */
const GIVE_UP: unique symbol = Symbol('give up');

const AGGREGATIONS = new Set(
  'avg bottomk count count_values group max min quantile limitk limit_ratio stddev stdvar sum topk'.split(' ')
);

// The grammar's FunctionIdentifier names (@prometheus-io/lezer-promql), less those it also reads as keywords or in
// durations (start, end, range, step): those take the Lezer path.
const FUNCTIONS = new Set(
  [
    'abs absent absent_over_time acos acosh asin asinh atan atanh avg_over_time ceil changes clamp clamp_max',
    'clamp_min cos cosh count_over_time days_in_month day_of_month day_of_week day_of_year deg delta deriv exp',
    'first_over_time floor histogram_count histogram_fraction histogram_quantile histogram_quantiles',
    'histogram_stddev histogram_stdvar histogram_sum histogram_avg double_exponential_smoothing hour idelta',
    'increase info irate label_replace label_join last_over_time ln log10 log2 mad_over_time max_over_time',
    'min_over_time ts_of_first_over_time ts_of_max_over_time ts_of_min_over_time ts_of_last_over_time minute',
    'month pi predict_linear present_over_time quantile_over_time rad rate resets round scalar sgn sin sinh sort',
    'sort_desc sort_by_label sort_by_label_desc sqrt stddev_over_time stdvar_over_time sum_over_time tan tanh',
    'time timestamp vector year',
  ]
    .join(' ')
    .split(' ')
);

// Words the grammar may read as something other than a metric name (its keywords, contextual keywords, function
// names), compared in lower case as its tokenizer does.
const RESERVED = new Set([
  ...'inf nan bool ignoring on group_left group_right offset by without and or unless atan2 start end'.split(' '),
  ...'smoothed anchored fill fill_left fill_right range step start_timestamp min_of max_of'.split(' '),
  ...AGGREGATIONS,
  ...FUNCTIONS,
]);

const KEYWORD_OPS = new Map<string, { op: BinaryOp; prec: number }>([
  ['or', { op: 'or', prec: 1 }],
  ['and', { op: 'and', prec: 2 }],
  ['unless', { op: 'unless', prec: 2 }],
  ['atan2', { op: 'atan2', prec: 5 }],
]);
const POW_PREC = 6;

const NUMBER = /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const DURATION = /\d+(?:ms|[ywdhms])(?:\d+(?:ms|[ywdhms]))*/y;
const IDENTIFIER = /[A-Za-z_:][A-Za-z0-9_:]*/y;
const LABEL_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

// What no token of the grammar may be followed by without being a longer (or another) token.
const isWordOrDot = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;

class FastParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): ExprNode {
    const e = this.expr(0);
    if (this.peek() !== -1) {
      throw GIVE_UP;
    }
    return e;
  }

  /** The next character code after spaces, or -1 at the end; a comment or an unusual space gives up. */
  private peek(): number {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 32 && c !== 10 && c !== 9 && c !== 13) {
        if (c === 35 || c > 126) {
          throw GIVE_UP;
        }
        return c;
      }
      this.pos++;
    }
    return -1;
  }

  private expect(c: number): void {
    if (this.peek() !== c) {
      throw GIVE_UP;
    }
    this.pos++;
  }

  /** A token matched at the current position (after spaces) that no word character or dot continues. */
  private token(re: RegExp): { text: string; from: number; to: number } {
    this.peek();
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m || isWordOrDot(this.text.charCodeAt(re.lastIndex))) {
      throw GIVE_UP;
    }
    const from = this.pos;
    this.pos = re.lastIndex;
    return { text: m[0], from, to: this.pos };
  }

  /** The keyword at the current position in lower case (the grammar's keywords ignore case), not consumed. */
  private keyword(): string | undefined {
    return this.word()?.toLowerCase();
  }

  /** The identifier at the current position without consuming it, or undefined. */
  private word(): string | undefined {
    const c = this.peek();
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58)) {
      return undefined;
    }
    IDENTIFIER.lastIndex = this.pos;
    return IDENTIFIER.exec(this.text)?.[0];
  }

  private expr(minPrec: number): ExprNode {
    let lhs = this.postfixes(this.primary());
    for (;;) {
      const start = this.pos;
      const op = this.binaryOp();
      if (!op || op.prec < minPrec) {
        this.pos = start;
        return lhs;
      }
      lhs = this.binaryRest(lhs, op.op, op.prec === POW_PREC ? op.prec : op.prec + 1);
    }
  }

  private binaryRest(lhs: ExprNode, op: BinaryOp, rhsPrec: number): ExprNode {
    let bool = false;
    if (this.keyword() === 'bool') {
      this.pos += 4;
      bool = true;
    }
    const matching = this.matching();
    const rhs = this.expr(rhsPrec);
    const node: BinaryNode = { k: 'binary', op, lhs, rhs, bool, matching, from: lhs.from, to: rhs.to };
    return node;
  }

  private matching(): BinaryNode['matching'] {
    const w = this.keyword();
    if (w !== 'on' && w !== 'ignoring') {
      return undefined;
    }
    this.pos += w.length;
    const labels = this.labelList();
    const g = this.keyword();
    if (g !== 'group_left' && g !== 'group_right') {
      return { on: w === 'on', labels, group: undefined, include: [] };
    }
    this.pos += g.length;
    const include = this.peek() === 40 ? this.labelList() : [];
    return { on: w === 'on', labels, group: g === 'group_left' ? 'left' : 'right', include };
  }

  /** A binary operator at the current position, consumed; undefined (position unchanged) when there is none. */
  private binaryOp(): { op: BinaryOp; prec: number } | undefined {
    const c = this.peek();
    const next = this.text.charCodeAt(this.pos + 1);
    const two = (op: BinaryOp, prec: number) => ((this.pos += 2), { op, prec });
    const one = (op: BinaryOp, prec: number) => ((this.pos += 1), { op, prec });
    switch (c) {
      case 61: // =
        return next === 61 ? two('==', 3) : undefined;
      case 33: // !
        return next === 61 ? two('!=', 3) : undefined;
      case 62: // >
      case 60: // <
        return this.comparison(c, next);
      case 43:
        return one('+', 4);
      case 45:
        return one('-', 4);
      case 42:
        return one('*', 5);
      case 47:
        return one('/', 5);
      case 37:
        return one('%', 5);
      case 94:
        return one('^', POW_PREC);
      default:
        return this.keywordOp();
    }
  }

  private comparison(c: number, next: number): { op: BinaryOp; prec: number } {
    if (next === 47) {
      throw GIVE_UP; // the trim operators `</` and `>/`
    }
    const eq = next === 61;
    this.pos += eq ? 2 : 1;
    const op: BinaryOp = c === 62 ? (eq ? '>=' : '>') : eq ? '<=' : '<';
    return { op, prec: 3 };
  }

  private keywordOp(): { op: BinaryOp; prec: number } | undefined {
    const w = this.word();
    if (w === undefined) {
      return undefined;
    }
    const op = KEYWORD_OPS.get(w.toLowerCase());
    if (!op) {
      // Another word after a complete operand: a modifier this parser does not mirror, or an error.
      throw GIVE_UP;
    }
    this.pos += w.length;
    return op;
  }

  private primary(): ExprNode {
    const c = this.peek();
    if (c === 45 || c === 43) {
      return this.signed(c);
    }
    if (c === 40) {
      const from = this.pos++;
      const expr = this.expr(0);
      this.expect(41);
      return { k: 'paren', expr, from, to: this.pos };
    }
    if (c === 123) {
      return this.selector(undefined, this.pos);
    }
    if (c === 34 || c === 39 || c === 96) {
      const from = this.pos;
      this.pos = this.stringEnd(c);
      return { k: 'string', from, to: this.pos };
    }
    if ((c >= 48 && c <= 57) || c === 46) {
      const n = this.token(NUMBER);
      return { k: 'number', value: numberValue(n.text) ?? NaN, from: n.from, to: n.to };
    }
    return this.named();
  }

  /**
   * A leading sign. The grammar reads a sign and a number either as one signed literal or as a sign over a literal,
   * and its parse keeps the signed literal only when the number ends the text (`x > -1`, not `(-1)` or `-1 * x`);
   * a number before `^` is left to it. Anything else signed is a unary expression over the operand, which binds as
   * tightly as `*`: only `^` goes inside (`-a ^ b` is `-(a ^ b)`, `-a * b` is `(-a) * b`).
   */
  private signed(c: number): ExprNode {
    const from = this.pos++;
    const d = this.peek();
    if ((d >= 48 && d <= 57) || d === 46) {
      const n = this.token(NUMBER);
      const after = this.peek();
      if (after === -1) {
        const text = this.text.slice(from, n.to);
        return { k: 'number', value: numberValue(text.replace(/\s+/g, '')) ?? NaN, from, to: n.to };
      }
      if (after === 94) {
        throw GIVE_UP;
      }
      this.pos = n.from;
    }
    const expr = this.expr(POW_PREC);
    return { k: 'unary', op: c === 43 ? '+' : '-', expr, from, to: expr.to };
  }

  /** After a string literal opened at the current position; an unterminated one gives up. */
  private stringEnd(q: number): number {
    const t = this.text;
    for (let j = this.pos + 1; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === q) {
        return j + 1;
      }
      if (q !== 96 && d === 10) {
        break;
      }
      j += q !== 96 && d === 92 ? 1 : 0;
    }
    throw GIVE_UP;
  }

  /** A call, an aggregation or a selector, by the word it starts with. */
  private named(): ExprNode {
    const w = this.word();
    if (w === undefined) {
      throw GIVE_UP;
    }
    const from = this.pos;
    this.pos += w.length;
    const c = this.peek();
    // An aggregation's name is a keyword too: any case, and kept as written.
    if (AGGREGATIONS.has(w.toLowerCase()) && (c === 40 || (c | 32) === 98 || (c | 32) === 119)) {
      return this.aggregate(w, from);
    }
    if (c === 40) {
      if (!FUNCTIONS.has(w)) {
        throw GIVE_UP;
      }
      const args = this.args(true);
      return { k: 'call', fn: w, args, from, to: this.pos };
    }
    if (RESERVED.has(w.toLowerCase())) {
      throw GIVE_UP;
    }
    return c === 123 ? this.selector(w, from) : { k: 'selector', name: w, matchers: [], from, to: from + w.length };
  }

  private aggregate(op: string, from: number): ExprNode {
    let grouping = this.grouping();
    const args = this.args(false);
    // Ends at its last token: looking for a trailing clause skips spaces.
    let to = this.pos;
    if (!grouping) {
      grouping = this.grouping();
      to = grouping ? this.pos : to;
    }
    const node: AggregateNode = { k: 'aggregate', op, args, grouping, from, to };
    return node;
  }

  private grouping(): AggregateNode['grouping'] {
    const w = this.keyword();
    if (w !== 'by' && w !== 'without') {
      return undefined;
    }
    this.pos += w.length;
    return { without: w === 'without', labels: this.labelList() };
  }

  /** `( expr, … )`; empty only for calls, never with a trailing comma. */
  private args(mayBeEmpty: boolean): ExprNode[] {
    this.expect(40);
    const out: ExprNode[] = [];
    if (this.peek() === 41) {
      if (!mayBeEmpty) {
        throw GIVE_UP;
      }
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.expr(0));
      const c = this.peek();
      this.pos++;
      if (c === 41) {
        return out;
      }
      if (c !== 44) {
        throw GIVE_UP;
      }
    }
  }

  /** `( name, … )` as grouping and matching clauses write it (a trailing comma allowed). */
  private labelList(): string[] {
    this.expect(40);
    const out: string[] = [];
    for (;;) {
      if (this.peek() === 41) {
        this.pos++;
        return out;
      }
      out.push(this.token(LABEL_NAME).text);
      const c = this.peek();
      if (c === 44) {
        this.pos++;
      } else if (c !== 41) {
        throw GIVE_UP;
      }
    }
  }

  private selector(name: string | undefined, from: number): ExprNode {
    this.expect(123);
    const matchers: LabelMatcherNode[] = [];
    for (;;) {
      if (this.peek() === 125) {
        this.pos++;
        return { k: 'selector', name, matchers, from, to: this.pos };
      }
      matchers.push(this.matcher());
      const c = this.peek();
      if (c === 44) {
        this.pos++;
      } else if (c !== 125) {
        throw GIVE_UP;
      }
    }
  }

  private matcher(): LabelMatcherNode {
    const label = this.token(LABEL_NAME);
    const op = this.matchOp();
    const q = this.peek();
    if (q !== 34 && q !== 39 && q !== 96) {
      throw GIVE_UP;
    }
    const vFrom = this.pos;
    this.pos = this.stringEnd(q);
    return { name: label.text, op, value: { from: vFrom, to: this.pos }, from: label.from, to: this.pos };
  }

  private matchOp(): MatchOp {
    const c = this.peek();
    const next = this.text.charCodeAt(this.pos + 1);
    if (c === 61) {
      this.pos += next === 126 ? 2 : 1;
      return next === 126 ? '=~' : '=';
    }
    if (c === 33 && (next === 61 || next === 126)) {
      this.pos += 2;
      return next === 61 ? '!=' : '!~';
    }
    throw GIVE_UP;
  }

  /** Ranges, subqueries and offsets after an operand (they bind tighter than any operator). */
  private postfixes(inner: ExprNode): ExprNode {
    let e = inner;
    for (;;) {
      const c = this.peek();
      if (c === 91) {
        e = this.range(e);
      } else if (c === 64) {
        throw GIVE_UP; // @
      } else if (this.keyword() === 'offset') {
        this.pos += 6;
        const d = this.duration();
        e = { k: 'offset', expr: e, ms: d.ms, from: e.from, to: d.to };
      } else {
        return e;
      }
    }
  }

  private range(expr: ExprNode): ExprNode {
    this.pos++;
    const range = this.duration();
    if (this.peek() === 93) {
      this.pos++;
      return { k: 'matrix', expr, rangeMs: range.ms, from: expr.from, to: this.pos };
    }
    this.expect(58);
    const stepMs = this.peek() === 93 ? undefined : this.duration().ms;
    this.expect(93);
    return { k: 'subquery', expr, rangeMs: range.ms, stepMs, from: expr.from, to: this.pos };
  }

  /** One plain duration (`5m`, `1h30m`) that Prometheus accepts. */
  private duration(): { ms: number; to: number } {
    const t = this.token(DURATION);
    const d = durationMs(t.text);
    if (!d.ok) {
      throw GIVE_UP;
    }
    return { ms: d.ms, to: t.to };
  }
}

/** The tree `buildTree` gives for a text of the everyday shapes; undefined when the Lezer path must decide. */
export function fastTree(text: string): ParsedTree | undefined {
  try {
    return { ast: new FastParser(text).parse(), issues: [], grammarError: false };
  } catch (e) {
    if (e === GIVE_UP) {
      return undefined;
    }
    throw e;
  }
}
