// Prometheus parses every label and annotation of an alerting rule as a Go text/template when it loads the file
// (model/rulefmt/rulefmt.go testTemplateParsing, Prometheus 2.42, built with Go 1.19): one that does not parse makes
// the whole file fail to load. This is a reader of that template language (Go's text/template/parse lex.go and
// parse.go) that finds the same errors, worded as Go words them. It only parses; nothing is executed.

/** Functions a Prometheus alert template may call: Go's builtins and Prometheus' own (template/template.go). */
export const TEMPLATE_FUNCTIONS = new Set(
  [
    'and call html index slice js len not or print printf println urlquery eq ge gt le lt ne',
    'query first label value strvalue args reReplaceAll safeHtml match title toUpper toLower graphLink tableLink',
    'sortByLabel stripPort stripDomain humanize humanize1024 humanizeDuration humanizePercentage humanizeTimestamp',
    'toTime pathPrefix externalURL parseDuration',
  ]
    .join(' ')
    .split(' ')
);

/** Variables Prometheus defines before the text (`{{$labels := .Labels}}` …). */
const PREDEFINED = ['$', '$labels', '$externalLabels', '$externalURL', '$value'];

type Kind =
  | 'text'
  | 'left'
  | 'right'
  | 'space'
  | 'declare'
  | 'assign'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'string'
  | 'raw'
  | 'charconst'
  | 'number'
  | 'variable'
  | 'field'
  | 'identifier'
  | 'bool'
  | 'keyword'
  | 'dot'
  | 'char'
  | 'eof';

interface Token {
  kind: Kind;
  val: string;
  line: number;
}

class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message);
  }
}

const KEYWORDS = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'nil',
  'template',
  'with',
]);
const SPACE = /[ \t\r\n]/;

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{Nd}_]/u.test(c);
}

/** Go's lexer for templates, producing all tokens up front (it stops at the first error). */
class Lexer {
  readonly tokens: Token[] = [];
  private pos = 0;
  private line = 1;
  private parenDepth = 0;

  constructor(private readonly input: string) {}

  run(): void {
    while (this.lexText()) {
      this.lexAction();
    }
  }

  private fail(message: string): never {
    throw new TemplateError(message, this.line);
  }

  private emit(kind: Kind, val: string): void {
    this.tokens.push({ kind, val, line: this.line });
    this.line += kind === 'text' || kind === 'raw' ? (val.match(/\n/g) ?? []).length : 0;
  }

  /** Text up to the next `{{`; false at the end of the input. */
  private lexText(): boolean {
    const at = this.input.indexOf('{{', this.pos);
    const end = at < 0 ? this.input.length : at;
    if (end > this.pos) {
      this.emit('text', this.input.slice(this.pos, end));
    }
    this.pos = end;
    if (at < 0) {
      this.emit('eof', '');
      return false;
    }
    return true;
  }

  private lexAction(): void {
    this.pos += 2;
    const trim = this.input.startsWith('- ', this.pos) ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + trim)) {
      this.comment(trim);
      return;
    }
    this.emit('left', '{{');
    this.pos += trim;
    this.parenDepth = 0;
    while (!this.atRightDelim()) {
      this.insideAction();
    }
    if (this.parenDepth > 0) {
      this.fail('unclosed left paren');
    }
    this.pos += this.input.startsWith(' -}}', this.pos) ? 4 : 2;
    this.emit('right', '}}');
  }

  private comment(trim: number): void {
    this.pos += trim + 2;
    const end = this.input.indexOf('*/', this.pos);
    if (end < 0) {
      this.fail('unclosed comment');
    }
    this.line += (this.input.slice(this.pos, end).match(/\n/g) ?? []).length;
    this.pos = end + 2;
    if (!this.atRightDelim()) {
      this.fail('comment ends before closing delimiter');
    }
    this.pos += this.input.startsWith(' -}}', this.pos) ? 4 : 2;
  }

  private atRightDelim(): boolean {
    return this.input.startsWith('}}', this.pos) || this.input.startsWith(' -}}', this.pos);
  }

  private insideAction(): void {
    const r = this.input[this.pos];
    if (r === undefined) {
      this.fail('unclosed action');
    }
    const simple = this.simpleToken(r);
    if (simple) {
      this.pos += simple[1].length;
      this.emit(simple[0], simple[1]);
      this.afterParen(simple[0]);
      return;
    }
    this.complexToken(r);
  }

  private simpleToken(r: string): [Kind, string] | undefined {
    if (r === ':') {
      if (this.input[this.pos + 1] !== '=') {
        this.fail('expected :=');
      }
      return ['declare', ':='];
    }
    const kinds: Record<string, Kind> = { '=': 'assign', '|': 'pipe', '(': 'lparen', ')': 'rparen' };
    return kinds[r] ? [kinds[r], r] : undefined;
  }

  private afterParen(kind: Kind): void {
    if (kind === 'lparen') {
      this.parenDepth++;
    } else if (kind === 'rparen' && --this.parenDepth < 0) {
      this.fail("unexpected right paren U+0029 ')'");
    }
  }

  private complexToken(r: string): void {
    if (SPACE.test(r)) {
      this.space();
    } else if (r === '"' || r === '`' || r === "'") {
      this.quoted(r);
    } else if (r === '$' || (r === '.' && !/[0-9]/.test(this.input[this.pos + 1] ?? ''))) {
      this.fieldOrVariable(r === '$' ? 'variable' : 'field');
    } else if (/[+\-.0-9]/.test(r)) {
      this.number();
    } else if (isAlnum(r)) {
      this.identifier();
    } else if (r.charCodeAt(0) < 0x7f && r.charCodeAt(0) >= 0x20) {
      this.pos++;
      this.emit('char', r);
    } else {
      this.fail(`unrecognized character in action: ${codePoint(r)}`);
    }
  }

  private space(): void {
    const start = this.pos;
    // A space before ` -}}` belongs to the closing delimiter.
    while (SPACE.test(this.input[this.pos] ?? '') && !this.input.startsWith(' -}}', this.pos)) {
      this.pos++;
    }
    if (this.pos === start) {
      return;
    }
    const val = this.input.slice(start, this.pos);
    this.emit('space', val);
    this.line += (val.match(/\n/g) ?? []).length;
  }

  private quoted(q: string): void {
    const start = this.pos;
    this.pos++;
    // A raw string ends only at its quote; the others also at a line end, and a backslash escapes one character.
    const raw = q === '`';
    for (let c = this.input[this.pos++]; c !== q; c = this.input[this.pos++]) {
      if (c === undefined || (!raw && c === '\n')) {
        this.fail(unterminated(q));
      }
      if (!raw && c === '\\') {
        this.escaped(q);
      }
    }
    const kinds: Record<string, Kind> = { '"': 'string', '`': 'raw', "'": 'charconst' };
    this.emit(kinds[q], this.input.slice(start, this.pos));
  }

  private escaped(q: string): void {
    const e = this.input[this.pos++];
    if (e === undefined || e === '\n') {
      this.fail(unterminated(q));
    }
  }

  private atTerminator(): boolean {
    const r = this.input[this.pos];
    return r === undefined || SPACE.test(r) || '.,|:)('.includes(r) || r === '}';
  }

  private fieldOrVariable(kind: 'field' | 'variable'): void {
    const start = this.pos;
    this.pos++;
    if (this.atTerminator()) {
      this.emit(kind === 'variable' ? 'variable' : 'dot', this.input.slice(start, this.pos));
      return;
    }
    while (isAlnum(this.input[this.pos])) {
      this.pos++;
    }
    if (!this.atTerminator()) {
      this.fail(`bad character ${codePoint(this.input[this.pos])}`);
    }
    this.emit(kind, this.input.slice(start, this.pos));
  }

  private identifier(): void {
    const start = this.pos;
    while (isAlnum(this.input[this.pos])) {
      this.pos++;
    }
    if (!this.atTerminator()) {
      this.fail(`bad character ${codePoint(this.input[this.pos])}`);
    }
    const word = this.input.slice(start, this.pos);
    const kind: Kind = KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : 'identifier';
    this.emit(kind, word);
  }

  private number(): void {
    const rest = this.input.slice(this.pos);
    const m =
      /^[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[bBoO][0-9_]*|[0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?)i?/.exec(
        rest
      )!;
    let text = m[0];
    const next = rest[text.length];
    if (isAlnum(next)) {
      this.fail(`bad number syntax: "${text}${next}"`);
    }
    // A sign followed by another number is a complex constant (1+2i).
    if ((next === '+' || next === '-') && /^[+-][0-9.]/.test(rest.slice(text.length))) {
      const tail = /^[+-][0-9_.eE]*i?/.exec(rest.slice(text.length))![0];
      text += tail;
      if (!text.endsWith('i')) {
        this.fail(`bad number syntax: "${text}"`);
      }
    }
    this.pos += text.length;
    this.emit('number', text);
  }
}

function unterminated(q: string): string {
  if (q === '`') {
    return 'unterminated raw quoted string';
  }
  return q === '"' ? 'unterminated quoted string' : 'unterminated character constant';
}

function codePoint(c: string | undefined): string {
  if (c === undefined) {
    return 'EOF';
  }
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

/** How Go prints a token in "unexpected …" messages. */
function describe(t: Token): string {
  if (t.kind === 'eof') {
    return 'EOF';
  }
  if (t.kind === 'keyword' || t.kind === 'dot') {
    return `<${t.val}>`;
  }
  return t.val.length > 10 ? `${JSON.stringify(t.val.slice(0, 10))}...` : JSON.stringify(t.val);
}

/** A Go string literal as strconv.Unquote reads it; false when it refuses. */
function goUnquotes(lit: string): boolean {
  if (lit.startsWith('`')) {
    return !lit.slice(1, -1).includes('\r');
  }
  const body = lit.slice(1, -1);
  const escapes = /\\(?:[abfnrtv\\"]|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g;
  return !body.replace(escapes, '').includes('\\');
}

function goCharConst(lit: string): boolean {
  const body = lit.slice(1, -1);
  return /^(?:[^\\']|\\(?:[abfnrtv\\']|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}))$/u.test(body);
}

const OPERAND_START = new Set<Kind>([
  'bool',
  'charconst',
  'dot',
  'field',
  'identifier',
  'number',
  'raw',
  'string',
  'variable',
  'lparen',
]);

/** What Go's parser says about a term of each kind (undefined: it is fine). */
const TERM_CHECKS: Partial<Record<Kind, (t: Token, vars: string[]) => string | undefined>> = {
  identifier: (t) => (TEMPLATE_FUNCTIONS.has(t.val) ? undefined : `function ${JSON.stringify(t.val)} not defined`),
  variable: (t, vars) => {
    const name = t.val.split('.')[0];
    return vars.includes(name) ? undefined : `undefined variable "${name}"`;
  },
  string: (t) => (goUnquotes(t.val) ? undefined : 'invalid syntax'),
  raw: (t) => (goUnquotes(t.val) ? undefined : 'invalid syntax'),
  charconst: (t) => (goCharConst(t.val) ? undefined : `malformed character constant: ${t.val}`),
  number: (t) => (isGoNumber(t.val) ? undefined : `illegal number syntax: ${JSON.stringify(t.val)}`),
  dot: () => undefined,
  field: () => undefined,
  bool: () => undefined,
};

/** Go's template parser over the tokens: structure, functions and variables. */
class Parser {
  private i = 0;
  private vars = [...PREDEFINED];
  private rangeDepth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.kind === 'space') {
      t = this.next();
    }
    return t;
  }
  private peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  private fail(message: string, t: Token = this.tokens[Math.max(0, this.i - 1)]): never {
    throw new TemplateError(message, t.line);
  }
  private expectRight(context: string): void {
    const t = this.nextNonSpace();
    if (t.kind !== 'right') {
      this.fail(`unexpected ${describe(t)} in ${context}`, t);
    }
  }

  parse(): void {
    while (this.peek().kind !== 'eof') {
      const end = this.textOrAction(true);
      if (end) {
        this.fail(`unexpected {{${end}}}`);
      }
    }
  }

  /** One text or action; returns "end" or "else" when the action is one of those. */
  private textOrAction(top: boolean): 'end' | 'else' | undefined {
    const t = this.nextNonSpace();
    if (t.kind === 'text') {
      return undefined;
    }
    if (t.kind !== 'left') {
      this.fail(`unexpected ${describe(t)} in input`, t);
    }
    return this.action(top);
  }

  private action(top: boolean): 'end' | 'else' | undefined {
    const t = this.nextNonSpace();
    if (t.kind === 'keyword') {
      const handled = this.keywordAction(t.val, top);
      if (handled !== false) {
        return handled;
      }
    }
    this.i--;
    this.pipeline('command');
    return undefined;
  }

  /** A keyword action; false when the keyword starts an ordinary pipeline (`nil`). */
  private keywordAction(word: string, top: boolean): 'end' | 'else' | undefined | false {
    switch (word) {
      case 'end':
        this.expectRight('end');
        return 'end';
      case 'else':
        if (this.peekNonSpace().val !== 'if') {
          this.expectRight('else');
        }
        return 'else';
      case 'if':
      case 'with':
      case 'range':
        this.control(word);
        return undefined;
      case 'break':
      case 'continue':
        return this.loopControl(word);
      case 'template':
      case 'block':
        this.templateCall(word);
        return undefined;
      case 'define':
        return top ? this.definition() : this.fail('unexpected <define> in command');
      default:
        return false;
    }
  }

  private loopControl(word: string): undefined {
    if (this.rangeDepth === 0) {
      this.fail(`{{${word}}} outside {{range}}`);
    }
    this.expectRight(word);
    return undefined;
  }

  private itemList(): 'end' | 'else' {
    for (;;) {
      if (this.peekNonSpace().kind === 'eof') {
        this.fail('unexpected EOF', this.peekNonSpace());
      }
      const end = this.textOrAction(false);
      if (end) {
        return end;
      }
    }
  }

  private control(word: 'if' | 'with' | 'range'): void {
    const saved = this.vars.length;
    this.pipeline(word);
    this.rangeDepth += word === 'range' ? 1 : 0;
    let end = this.itemList();
    this.rangeDepth -= word === 'range' ? 1 : 0;
    if (end === 'else') {
      if (word === 'if' && this.peekNonSpace().val === 'if') {
        this.nextNonSpace();
        this.control('if'); // `else if` ends with the same {{end}}
        end = 'end';
      } else {
        end = this.itemList();
        if (end !== 'end') {
          this.fail('expected end; found {{else}}');
        }
      }
    }
    this.vars.length = saved;
  }

  private templateName(context: string): void {
    const t = this.nextNonSpace();
    if ((t.kind !== 'string' && t.kind !== 'raw') || !goUnquotes(t.val)) {
      this.fail(t.kind === 'string' ? 'invalid syntax' : `unexpected ${describe(t)} in ${context}`, t);
    }
  }

  private templateCall(word: 'template' | 'block'): void {
    const context = `${word} clause`;
    this.templateName(context);
    if (word === 'template') {
      if (this.nextNonSpace().kind !== 'right') {
        this.i--;
        this.pipeline(context);
      }
      return;
    }
    this.pipeline(context);
    if (this.itemList() !== 'end') {
      this.fail(`unexpected {{else}} in ${context}`);
    }
  }

  private definition(): undefined {
    this.templateName('define clause');
    this.expectRight('define clause');
    const saved = this.vars;
    this.vars = ['$'];
    if (this.itemList() !== 'end') {
      this.fail('unexpected {{else}} in define clause');
    }
    this.vars = saved;
    return undefined;
  }

  /** `$x :=`, `$x =`, and in a range `$i, $e :=`; leaves the position alone when the variable is an operand. */
  private declarations(context: string): void {
    for (let count = 0; this.declaration(context, count); count++) {
      // `$i,` in a range: the next variable follows
    }
  }

  /** Reads one declared variable; true when another one follows (`$i,` in a range). */
  private declaration(context: string, count: number): boolean {
    const v = this.peekNonSpace();
    if (v.kind !== 'variable') {
      return false;
    }
    const save = this.i;
    this.nextNonSpace();
    const op = this.peekNonSpace();
    const comma = op.kind === 'char' && op.val === ',';
    if (op.kind === 'declare' || op.kind === 'assign' || (comma && context === 'range' && count === 0)) {
      this.nextNonSpace();
      this.vars.push(v.val);
      return comma;
    }
    if (comma) {
      this.fail(context === 'range' ? 'range can only initialize variables' : `too many declarations in ${context}`);
    }
    this.i = save;
    return false;
  }

  private pipeline(context: string): void {
    this.declarations(context);
    const firsts: Token[] = [];
    for (;;) {
      const t = this.nextNonSpace();
      if (t.kind === 'right' || t.kind === 'rparen') {
        this.checkPipeline(firsts, context, t);
        if (t.kind === 'rparen') {
          this.i--;
        }
        return;
      }
      if (!OPERAND_START.has(t.kind) && !(t.kind === 'keyword' && t.val === 'nil')) {
        this.fail(`unexpected ${describe(t)} in ${context}`, t);
      }
      this.i--;
      firsts.push(this.command());
    }
  }

  private checkPipeline(firsts: Token[], context: string, at: Token): void {
    if (firsts.length === 0) {
      this.fail(`missing value for ${context}`, at);
    }
    firsts.slice(1).forEach((t, i) => {
      const literal = ['bool', 'dot', 'number', 'string', 'raw', 'charconst'].includes(t.kind) || t.val === 'nil';
      if (literal) {
        this.fail(`non executable command in pipeline stage ${i + 2}`, t);
      }
    });
  }

  /** A command's operands up to `|` or the end; returns its first token. */
  private command(): Token {
    const first = this.peekNonSpace();
    for (;;) {
      this.operand();
      const t = this.next();
      if (t.kind === 'space') {
        continue;
      }
      if (t.kind === 'right' || t.kind === 'rparen') {
        this.i--;
        return first;
      }
      if (t.kind !== 'pipe') {
        this.fail(`unexpected ${describe(t)} in operand`, t);
      }
      return first;
    }
  }

  private operand(): void {
    const term = this.term();
    if (!term || this.peek().kind !== 'field') {
      return;
    }
    if (['bool', 'string', 'raw', 'number', 'charconst', 'dot'].includes(term.kind) || term.val === 'nil') {
      this.fail(`unexpected . after term ${JSON.stringify(term.val)}`);
    }
    while (this.peek().kind === 'field') {
      this.next();
    }
  }

  private term(): Token | undefined {
    const t = this.nextNonSpace();
    if (t.kind === 'lparen') {
      this.pipeline('parenthesized pipeline');
      return this.closeParen(t);
    }
    const check = TERM_CHECKS[t.kind];
    if (check) {
      const problem = check(t, this.vars);
      return problem ? this.fail(problem, t) : t;
    }
    if (t.kind === 'keyword' && t.val === 'nil') {
      return t;
    }
    this.i--;
    return undefined;
  }

  private closeParen(open: Token): Token {
    const t = this.next();
    if (t.kind !== 'rparen') {
      this.fail(`unclosed right paren: unexpected ${describe(t)}`, t);
    }
    return open;
  }
}

function isGoNumber(text: string): boolean {
  const t = text.replace(/^[+-]/, '');
  if (/i$/.test(t) || /[+-].*i$/.test(text)) {
    return true;
  }
  const cleaned = t.includes('_') && !/^_|_$|__/.test(t) ? t.replace(/_/g, '') : t;
  return (
    /^(?:0[xX][0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?(?:[pP][+-]?\d+)?|0[bB][01]+|0[oO]?[0-7]*|[1-9]\d*|\d*\.\d*(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)$/.test(
      cleaned
    ) && cleaned !== '.'
  );
}

// Most alert texts only print a label or the value, perhaps through one formatting function. Such an action parses
// on its own whatever surrounds it, so a text whose every action has this form needs no full parse. The form is
// deliberately narrow: trim markers need their space (`{{- `), names are ASCII, no control words, and no `{` just
// before it (in `{{{ $x }}` Go's action starts one brace earlier).
const SIMPLE_ACTION =
  /(?<!\{)\{\{(?:- )?\s*(?:\$labels(?:\.[A-Za-z_][A-Za-z0-9_]*)?|\$value|\$externalLabels(?:\.[A-Za-z_][A-Za-z0-9_]*)?|\$externalURL|\.Labels(?:\.[A-Za-z_][A-Za-z0-9_]*)?|\.Value)(?:\s*\|\s*(?:humanize|humanize1024|humanizePercentage|humanizeDuration|humanizeTimestamp|toUpper|toLower|title|printf\s+"[^"\\{}\n]*"))*\s*(?: -)?\}\}/g;

/** Why Prometheus would refuse this label or annotation text as a template, with the line in the text. */
export function templateError(text: string): { message: string; line: number } | undefined {
  if (!text.includes('{{') || !text.replace(SIMPLE_ACTION, '').includes('{{')) {
    return undefined;
  }
  try {
    const lexer = new Lexer(text);
    lexer.run();
    new Parser(lexer.tokens).parse();
    return undefined;
  } catch (e) {
    if (e instanceof TemplateError) {
      return { message: e.message, line: e.line };
    }
    throw e;
  }
}
