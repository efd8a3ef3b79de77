/**
 * A stand-in for the part of Go's text/template that Alloy's `stage.template` and `stage.replace` templates use
 * here, so the dev stack's templates can be executed in tests (there is no Go toolchain or Alloy binary here).
 * Semantics follow the Go source, errors included:
 * - data is a map: a missing key is an *invalid* value (exec.go evalField on a map, missingkey=default);
 * - passing an invalid value to a function that takes a string fails with "invalid value; expected string"
 *   (exec.go validateType), which aborts the whole execution;
 * - `if`/`with` on an invalid value take the else branch (exec.go isTrue: "a form of nil");
 * - `eq` with an invalid operand is false, not an error (funcs.go eq: errBadComparison only when both are valid);
 * - `or`/`and` return the first truthy / falsy argument (funcs.go or, and), `not` negates truth;
 * - `{{ $x = … }}` assigns to a variable declared in an enclosing scope (parse.go, Go 1.11+);
 * - the functions are Alloy's extraFunctionMap (ToLower, ToUpper, TrimSpace, Replace…, loki/process/stages/
 *   template.go) plus sprig's `default`, `lower`, `upper`, `trim` (what the config uses).
 * Anything outside this subset throws "unsupported", so a template cannot silently be checked for less.
 */

type Value = string | number | boolean | null | undefined | Record<string, unknown>;
const INVALID = undefined;

export class TemplateError extends Error {}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'output'; pipe: Pipe }
  | { kind: 'if' | 'with'; branches: Array<{ cond: Pipe; body: Node[] }>; otherwise: Node[] }
  | { kind: 'assign'; name: string; declare: boolean; pipe: Pipe };

type Operand = { kind: 'field'; path: string[] } | { kind: 'var'; name: string } | { kind: 'lit'; value: Value } | { kind: 'paren'; pipe: Pipe };
type Pipe = { fn?: string; args: Operand[] };

// ---- lexing actions ---------------------------------------------------------------------------------------

function splitActions(src: string): Array<{ text: string } | { action: string }> {
  const out: Array<{ text: string } | { action: string }> = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ text: src.slice(i) });
      break;
    }
    const close = src.indexOf('}}', open);
    if (close < 0) {
      throw new TemplateError('unclosed action');
    }
    let text = src.slice(i, open);
    let action = src.slice(open + 2, close);
    if (action.startsWith('-')) {
      text = text.replace(/\s+$/, '');
      action = action.slice(1);
    }
    out.push({ text });
    let next = close + 2;
    if (action.endsWith('-')) {
      action = action.slice(0, -1);
      next = src.slice(next).search(/\S|$/) + next;
    }
    out.push({ action: action.trim() });
    i = next;
  }
  return out.filter((p) => !('text' in p) || p.text !== '');
}

const TOKEN = /\s*(:=|=|\(|\)|"(?:[^"\\]|\\.)*"|`[^`]*`|\$\w*|\.[\w.]*|-?\d+(?:\.\d+)?|\w+|\S)/y;

function lex(action: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < action.length && (m = TOKEN.exec(action))) {
    out.push(m[1]);
  }
  return out.filter((t) => t.trim() !== '');
}

// ---- parsing ----------------------------------------------------------------------------------------------

class PipeParser {
  private i = 0;
  constructor(private readonly toks: string[]) {}

  done(): boolean {
    return this.i >= this.toks.length;
  }

  pipe(): Pipe {
    const first = this.toks[this.i];
    if (first === '|') {
      throw new TemplateError('unsupported: pipelines with |');
    }
    let fn: string | undefined;
    if (/^[A-Za-z_]\w*$/.test(first) && !['true', 'false', 'nil'].includes(first)) {
      fn = first;
      this.i++;
    }
    const args: Operand[] = [];
    while (!this.done() && this.toks[this.i] !== ')') {
      args.push(this.operand());
    }
    return { fn, args };
  }

  private operand(): Operand {
    const t = this.toks[this.i++];
    if (t === '(') {
      const pipe = this.pipe();
      if (this.toks[this.i++] !== ')') {
        throw new TemplateError('unclosed (');
      }
      return { kind: 'paren', pipe };
    }
    if (t.startsWith('.')) {
      return { kind: 'field', path: t === '.' ? [] : t.slice(1).split('.') };
    }
    if (t.startsWith('$')) {
      return { kind: 'var', name: t };
    }
    return { kind: 'lit', value: literal(t) };
  }
}

function literal(t: string): Value {
  if (t.startsWith('"')) {
    return JSON.parse(t) as string;
  }
  if (t.startsWith('`')) {
    return t.slice(1, -1);
  }
  if (/^-?\d/.test(t)) {
    return Number(t);
  }
  if (t === 'true' || t === 'false') {
    return t === 'true';
  }
  throw new TemplateError(`unsupported: ${t}`);
}

function parsePipe(toks: string[]): Pipe {
  const p = new PipeParser(toks);
  const pipe = p.pipe();
  if (!p.done()) {
    throw new TemplateError(`unexpected ) in ${toks.join(' ')}`);
  }
  return pipe;
}

function parseNodes(parts: ReturnType<typeof splitActions>, at: { i: number }, stops: string[]): Node[] {
  const nodes: Node[] = [];
  while (at.i < parts.length) {
    const part = parts[at.i];
    if ('text' in part) {
      nodes.push({ kind: 'text', text: part.text });
      at.i++;
      continue;
    }
    const toks = lex(part.action);
    if (stops.includes(toks[0])) {
      return nodes;
    }
    at.i++;
    nodes.push(parseAction(toks, parts, at));
  }
  if (stops.length) {
    throw new TemplateError('missing {{ end }}');
  }
  return nodes;
}

function parseAction(toks: string[], parts: ReturnType<typeof splitActions>, at: { i: number }): Node {
  if (toks[0] === 'if' || toks[0] === 'with') {
    return parseBranches(toks[0], parsePipe(toks.slice(1)), parts, at);
  }
  if (toks[0]?.startsWith('$') && (toks[1] === ':=' || toks[1] === '=')) {
    return { kind: 'assign', name: toks[0], declare: toks[1] === ':=', pipe: parsePipe(toks.slice(2)) };
  }
  if (['range', 'template', 'define', 'block', 'break', 'continue'].includes(toks[0])) {
    throw new TemplateError(`unsupported: ${toks[0]}`);
  }
  return { kind: 'output', pipe: parsePipe(toks) };
}

function parseBranches(kind: 'if' | 'with', cond: Pipe, parts: ReturnType<typeof splitActions>, at: { i: number }): Node {
  const branches = [{ cond, body: parseNodes(parts, at, ['else', 'end']) }];
  let otherwise: Node[] = [];
  for (;;) {
    const toks = lex((parts[at.i] as { action: string }).action);
    at.i++;
    if (toks[0] === 'end') {
      break;
    }
    if (toks[1] === kind) {
      branches.push({ cond: parsePipe(toks.slice(2)), body: parseNodes(parts, at, ['else', 'end']) });
      continue;
    }
    otherwise = parseNodes(parts, at, ['end']);
    at.i++;
    break;
  }
  return { kind, branches, otherwise };
}

// ---- execution --------------------------------------------------------------------------------------------

function truth(v: Value): boolean {
  if (v === INVALID || v === null) {
    return false;
  }
  if (typeof v === 'object') {
    return Object.keys(v).length > 0;
  }
  return v !== '' && v !== 0 && v !== false;
}

function str(v: Value, fn: string): string {
  if (v === INVALID) {
    throw new TemplateError(`template: error calling ${fn}: invalid value; expected string`);
  }
  if (typeof v !== 'string') {
    throw new TemplateError(`template: wrong type for value; expected string; got ${typeof v}`);
  }
  return v;
}

const FUNCS: Record<string, (args: Value[]) => Value> = {
  ToLower: ([v]) => str(v, 'ToLower').toLowerCase(),
  ToUpper: ([v]) => str(v, 'ToUpper').toUpperCase(),
  TrimSpace: ([v]) => str(v, 'TrimSpace').trim(),
  lower: ([v]) => str(v, 'lower').toLowerCase(),
  upper: ([v]) => str(v, 'upper').toUpperCase(),
  trim: ([v]) => str(v, 'trim').trim(),
  // sprig default: the given default when the value is empty (sprig's `empty`), the value otherwise.
  default: ([d, v]) => (truth(v) ? v : d),
  eq: ([a, ...bs]) => bs.some((b) => a !== INVALID && b !== INVALID && a === b),
  ne: ([a, b]) => !(a !== INVALID && b !== INVALID && a === b),
  not: ([v]) => !truth(v),
  or: (args) => args.find(truth) ?? args[args.length - 1],
  and: (args) => args.find((a) => !truth(a)) ?? args[args.length - 1],
};

class Exec {
  out = '';
  constructor(private readonly scopes: Array<Map<string, Value>>) {}

  run(nodes: Node[], dot: Value) {
    for (const n of nodes) {
      this.node(n, dot);
    }
  }

  private node(n: Node, dot: Value) {
    if (n.kind === 'text') {
      this.out += n.text;
    } else if (n.kind === 'output') {
      const v = this.pipe(n.pipe, dot);
      this.out += v === INVALID ? '<no value>' : String(v);
    } else if (n.kind === 'assign') {
      this.assign(n.name, n.declare, this.pipe(n.pipe, dot));
    } else {
      this.branch(n, dot);
    }
  }

  private branch(n: Extract<Node, { kind: 'if' | 'with' }>, dot: Value) {
    for (const b of n.branches) {
      const v = this.pipe(b.cond, dot);
      if (truth(v)) {
        this.scoped(() => this.run(b.body, n.kind === 'with' ? v : dot));
        return;
      }
    }
    this.scoped(() => this.run(n.otherwise, dot));
  }

  private scoped(f: () => void) {
    this.scopes.push(new Map());
    f();
    this.scopes.pop();
  }

  private assign(name: string, declare: boolean, v: Value) {
    if (declare) {
      this.scopes[this.scopes.length - 1].set(name, v);
      return;
    }
    const scope = [...this.scopes].reverse().find((s) => s.has(name));
    if (!scope) {
      throw new TemplateError(`undefined variable: ${name}`);
    }
    scope.set(name, v);
  }

  private lookup(name: string): Value {
    const scope = [...this.scopes].reverse().find((s) => s.has(name));
    if (!scope) {
      throw new TemplateError(`undefined variable: ${name}`);
    }
    return scope.get(name);
  }

  private operand(o: Operand, dot: Value): Value {
    if (o.kind === 'lit') {
      return o.value;
    }
    if (o.kind === 'var') {
      return this.lookup(o.name);
    }
    if (o.kind === 'paren') {
      return this.pipe(o.pipe, dot);
    }
    return o.path.reduce<Value>((v, k) => (v && typeof v === 'object' && k in v ? (v[k] as Value) : INVALID), dot);
  }

  private pipe(p: Pipe, dot: Value): Value {
    const args = p.args.map((a) => this.operand(a, dot));
    if (!p.fn) {
      return args[0];
    }
    const f = FUNCS[p.fn];
    if (!f) {
      throw new TemplateError(`unsupported function ${p.fn}`);
    }
    return f(args);
  }
}

/** Parses and executes `src` against `data`; throws TemplateError where Go's Execute returns an error. */
export function executeGoTemplate(src: string, data: Record<string, unknown>): string {
  const nodes = parseNodes(splitActions(src), { i: 0 }, []);
  const exec = new Exec([new Map<string, Value>([['$', data as Value]])]);
  exec.run(nodes, data as Value);
  return exec.out;
}
