// A tolerant reader for the structured payloads inference servers write into log lines: Python reprs
// (`{'role': 'user'}`, `SamplingParams(n=1)`), JSON, logfmt and `key: value` text. It never fails: a string left
// open at the end of a line (a long prompt split by journald, a truncated record) is reported as open, so the
// next line of the same stream can be read on from where this one stopped.

/** Where a scan stands at the end of a line: inside a quoted string (its quote), and how deep in brackets. */
export interface ScanState {
  quote: string;
  depth: number;
  /** Keys of the structures still open, outermost first ('' unnamed, '?' unknown). */
  keys?: string[];
}

export const FRESH: ScanState = { quote: '', depth: 0 };

/** True when the state is inside a string or an unclosed bracket. */
export function isOpen(s: ScanState): boolean {
  return s.quote !== '' || s.depth > 0;
}

type TokenKind = 'string' | 'open' | 'close' | 'word' | 'sep' | 'other';

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Word text, separator character, or a string's body (between the quotes, escapes left as written). */
  text: string;
  /** For strings: the closing quote was found on this line. */
  closed?: boolean;
}

/** A `key: value` / `key=value` / `"key": value` pair found outside strings. */
export interface Pair {
  key: string;
  /** Keys of the structures around this pair, outermost first ('' for an unnamed structure). */
  parents: string[];
  kind: 'string' | 'struct' | 'scalar';
  /** Scalars: the word; strings: the body when closed on this line, else undefined. */
  value?: string;
  keyStart: number;
  /** Start of the outermost bracket around the pair on this line, or -1 at top level. */
  outer: number;
}

export interface ScanResult {
  pairs: Pair[];
  end: ScanState;
  /** Index where a scan that started open first came back to top level, or -1. */
  closedAt: number;
}

const OPENERS = '([{';
const CLOSERS = ')]}';
// A bare value or name: anything up to whitespace, a quote, a bracket or a separator (slog leaves one-word
// values unquoted, whatever letters or signs they hold).
const WORD = /[^\s"'()[\]{}:=,]+/y;

// A quote opens a string only where a value can start, so apostrophes in prose ("can't") do not.
function canOpenString(text: string, i: number): boolean {
  if (i === 0) {
    return true;
  }
  return /[\s([{,:=]/.test(text[i - 1]);
}

function readString(text: string, i: number, quote: string): { end: number; closed: boolean } {
  let j = i;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') {
      j += 2;
    } else if (c === quote) {
      return { end: j + 1, closed: true };
    } else {
      j += 1;
    }
  }
  return { end: text.length, closed: false };
}

class Tokenizer {
  readonly tokens: Token[] = [];
  depth: number;
  quote = '';
  closedAt = -1;
  private readonly startedOpen: boolean;

  constructor(
    private readonly text: string,
    state: ScanState
  ) {
    this.depth = state.depth;
    this.startedOpen = isOpen(state);
    let i = 0;
    if (state.quote) {
      i = this.continueString(state.quote);
    }
    while (i < text.length) {
      i = this.step(i);
    }
  }

  private continueString(quote: string): number {
    const r = readString(this.text, 0, quote);
    if (!r.closed) {
      this.quote = quote;
      return this.text.length;
    }
    this.noteClosed(r.end);
    return r.end;
  }

  private noteClosed(at: number) {
    if (this.startedOpen && this.closedAt < 0 && this.depth <= 0 && this.quote === '') {
      this.closedAt = at;
    }
  }

  private step(i: number): number {
    const c = this.text[i];
    if ((c === '"' || c === "'") && canOpenString(this.text, i)) {
      return this.string(i, c);
    }
    if (OPENERS.includes(c) || CLOSERS.includes(c)) {
      return this.bracket(i, c);
    }
    if (c === ':' || c === '=') {
      this.tokens.push({ kind: 'sep', start: i, end: i + 1, text: c });
      return i + 1;
    }
    WORD.lastIndex = i;
    const m = WORD.exec(this.text);
    if (m) {
      this.tokens.push({ kind: 'word', start: i, end: i + m[0].length, text: m[0] });
      return i + m[0].length;
    }
    if (!/\s/.test(c)) {
      this.tokens.push({ kind: 'other', start: i, end: i + 1, text: c });
    }
    return i + 1;
  }

  private string(i: number, quote: string): number {
    const r = readString(this.text, i + 1, quote);
    const body = this.text.slice(i + 1, r.closed ? r.end - 1 : r.end);
    this.tokens.push({ kind: 'string', start: i, end: r.end, text: body, closed: r.closed });
    if (!r.closed) {
      this.quote = quote;
    } else {
      this.noteClosed(r.end);
    }
    return r.end;
  }

  private bracket(i: number, c: string): number {
    const opening = OPENERS.includes(c);
    this.depth += opening ? 1 : -1;
    this.tokens.push({ kind: opening ? 'open' : 'close', start: i, end: i + 1, text: c });
    if (!opening) {
      this.noteClosed(i + 1);
    }
    return i + 1;
  }
}

function valueKind(t: Token | undefined): Pair['kind'] | undefined {
  if (!t) {
    return undefined;
  }
  if (t.kind === 'string') {
    return 'string';
  }
  if (t.kind === 'open') {
    return 'struct';
  }
  return t.kind === 'word' ? 'scalar' : undefined;
}

function isKeyAt(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const sep = tokens[i + 1];
  return (t.kind === 'word' || (t.kind === 'string' && t.closed === true)) && sep?.kind === 'sep';
}

class PairBuilder {
  readonly pairs: Pair[] = [];
  private readonly stack: Array<{ key: string; at: number }>;

  constructor(
    private readonly tokens: Token[],
    state: ScanState
  ) {
    // Structures opened on earlier lines have no position on this line; their names come with the state.
    this.stack = Array.from({ length: Math.max(0, state.depth) }, (_, i) => ({ key: state.keys?.[i] ?? '?', at: -1 }));
    for (let i = 0; i < tokens.length; i++) {
      i = this.visit(i);
    }
  }

  /** Keys of the structures open at the end of the line. */
  openKeys(): string[] {
    return this.stack.map((s) => s.key);
  }

  private visit(i: number): number {
    const t = this.tokens[i];
    if (t.kind === 'open') {
      this.stack.push({ key: '', at: t.start });
    } else if (t.kind === 'close') {
      this.stack.pop();
    } else if (isKeyAt(this.tokens, i)) {
      return this.pair(i);
    }
    return i;
  }

  private pair(i: number): number {
    const key = this.tokens[i];
    const value = this.tokens[i + 2];
    const kind = valueKind(value);
    if (!kind) {
      return i + 1;
    }
    const outer = this.stack.find((s) => s.at >= 0)?.at ?? -1;
    const parents = this.stack.map((s) => s.key);
    this.pairs.push({
      key: key.text,
      parents,
      kind,
      value: kind === 'scalar' || value.closed ? value.text : undefined,
      keyStart: key.start,
      outer,
    });
    if (kind === 'struct') {
      // The structure is named after its key, so pairs inside it know what they are part of.
      this.stack.push({ key: key.text, at: value.start });
    }
    return i + 2;
  }
}

/** Reads one line (or what is left of it) from `state`; see the file comment. */
export function scanLine(text: string, state: ScanState = FRESH): ScanResult {
  const tz = new Tokenizer(text, state);
  const built = new PairBuilder(tz.tokens, state);
  const depth = Math.max(0, tz.depth);
  return { pairs: built.pairs, end: { quote: tz.quote, depth, keys: built.openKeys().slice(0, depth) }, closedAt: tz.closedAt };
}
