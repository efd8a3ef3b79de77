// Label-matcher regular expressions as Prometheus compiles them: Go's RE2 syntax (regexp/syntax with Perl flags),
// anchored as `^(?:re)$`. JavaScript's RegExp accepts and refuses different things, so this is a small reader of
// RE2's grammar: it finds what Go refuses (messages worded as Go words them) and whether the pattern matches the
// empty string (a selector whose every matcher does is refused by Prometheus).

/** What reading a pattern found. */
export interface RegexVerdict {
  /** Go's complaint, undefined when Go compiles the pattern. */
  error?: string;
  /** The anchored pattern matches "". */
  matchesEmpty: boolean;
}

const MAX_REPEAT = 1000;
const ESCAPE_LETTERS = new Set('aftnrvdDsSwWbBAzpPxQ'.split(''));
const POSIX_CLASSES = new Set(
  'alnum alpha ascii blank cntrl digit graph lower print punct space upper word xdigit'.split(' ')
);

class Failure extends Error {}

interface Piece {
  nullable: boolean;
  /** A repetition operator may follow. */
  repeatable: boolean;
}

class RegexReader {
  private i = 0;
  constructor(private readonly re: string) {}

  read(): boolean {
    const nullable = this.alternation();
    if (this.i < this.re.length) {
      this.fail('unexpected )', ')');
    }
    return nullable;
  }

  private fail(what: string, near: string): never {
    throw new Failure(`${what}: \`${near}\``);
  }

  private alternation(): boolean {
    let nullable = this.sequence();
    while (this.re[this.i] === '|') {
      this.i++;
      nullable = this.sequence() || nullable;
    }
    return nullable;
  }

  private sequence(): boolean {
    const pieces: Piece[] = [];
    while (this.i < this.re.length && this.re[this.i] !== '|' && this.re[this.i] !== ')') {
      const rep = this.repetition();
      if (rep !== undefined) {
        pieces.push(this.applyRepetition(pieces.pop(), rep));
      } else {
        pieces.push(this.atom());
      }
    }
    return pieces.every((p) => p.nullable);
  }

  private applyRepetition(last: Piece | undefined, rep: { text: string; min: number }): Piece {
    if (!last) {
      this.fail('missing argument to repetition operator', rep.text);
    }
    if (!last.repeatable) {
      this.fail('invalid nested repetition operator', rep.text);
    }
    // `x*?` is lazy, `x**` is refused: a lazy marker is part of the operator.
    if (this.re[this.i] === '?') {
      this.i++;
    }
    return { nullable: last.nullable || rep.min === 0, repeatable: false };
  }

  private repetition(): { text: string; min: number } | undefined {
    const c = this.re[this.i];
    if (c === '*' || c === '?' || c === '+') {
      this.i++;
      return { text: c, min: c === '+' ? 1 : 0 };
    }
    if (c !== '{') {
      return undefined;
    }
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.re.slice(this.i));
    if (!m) {
      return undefined; // a brace that is not a repeat count is a literal
    }
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
      this.fail('invalid repeat count', m[0]);
    }
    this.i += m[0].length;
    return { text: m[0], min };
  }

  private atom(): Piece {
    const c = this.re[this.i];
    if (c === '(') {
      return this.group();
    }
    if (c === '[') {
      this.charClass();
      return { nullable: false, repeatable: true };
    }
    if (c === '\\') {
      return this.escape();
    }
    this.i++;
    const zeroWidth = c === '^' || c === '$';
    return { nullable: zeroWidth, repeatable: true };
  }

  private group(): Piece {
    const start = this.i;
    this.i++;
    if (this.re[this.i] === '?') {
      const flagsOnly = this.groupPrefix(start);
      if (flagsOnly) {
        return { nullable: true, repeatable: false };
      }
    }
    const nullable = this.alternation();
    if (this.re[this.i] !== ')') {
      this.fail('missing closing )', this.re.slice(start));
    }
    this.i++;
    return { nullable, repeatable: true };
  }

  /** Reads `(?flags)`, `(?flags:`, `(?P<name>`; true when the group was only flags and is already closed. */
  private groupPrefix(start: number): boolean {
    const rest = this.re.slice(this.i);
    const named = /^\?P<([A-Za-z0-9_]*)>/.exec(rest);
    if (named) {
      if (named[1] === '') {
        this.fail('invalid named capture', this.re.slice(start, this.i + named[0].length));
      }
      this.i += named[0].length;
      return false;
    }
    const flags = /^\?(-?[imsU]*(?:-[imsU]*)?)([:)])/.exec(rest);
    const bad = !flags || flags[1].endsWith('-') || (flags[1] === '' && flags[2] === ')');
    if (bad) {
      this.fail('invalid or unsupported Perl syntax', this.re.slice(start, Math.min(this.re.length, this.i + 2)));
    }
    this.i += flags[0].length;
    return flags[2] === ')';
  }

  private escape(): Piece {
    const c = this.re[this.i + 1];
    if (c === undefined) {
      this.fail('trailing backslash at end of expression', '');
    }
    this.i += 2;
    if (c === 'Q') {
      return this.quoted();
    }
    if (/[0-9]/.test(c)) {
      return this.octal(c);
    }
    if (/[A-Za-z]/.test(c) && !ESCAPE_LETTERS.has(c)) {
      this.fail('invalid escape sequence', `\\${c}`);
    }
    this.escapeTail(c);
    const zeroWidth = c === 'A' || c === 'z' || c === 'B';
    return { nullable: zeroWidth, repeatable: true };
  }

  private quoted(): Piece {
    const end = this.re.indexOf('\\E', this.i);
    const text = end < 0 ? this.re.slice(this.i) : this.re.slice(this.i, end);
    this.i = end < 0 ? this.re.length : end + 2;
    return { nullable: text === '', repeatable: true };
  }

  private octal(first: string): Piece {
    // A lone non-zero digit would be a back-reference, which RE2 does not have.
    const m = /^[0-7]{0,2}/.exec(this.re.slice(this.i))![0];
    if (first !== '0' && (first > '7' || m === '')) {
      this.fail('invalid escape sequence', `\\${first}`);
    }
    this.i += m.length;
    return { nullable: false, repeatable: true };
  }

  /** The rest of `\x41`, `\x{263a}`, `\pL`, `\p{Greek}`. */
  private escapeTail(c: string): void {
    const rest = this.re.slice(this.i);
    if (c === 'x') {
      const m = /^(?:[0-9A-Fa-f]{2}|\{[0-9A-Fa-f]{1,8}\})/.exec(rest);
      if (!m) {
        this.fail('invalid escape sequence', `\\x${rest.slice(0, 2)}`);
      }
      this.i += m[0].length;
    } else if (c === 'p' || c === 'P') {
      const m = /^(?:[A-Za-z]|\{\^?[A-Za-z_]+\})/.exec(rest);
      if (!m) {
        this.fail('invalid character class range', `\\${c}${rest.slice(0, 2)}`);
      }
      this.i += m[0].length;
    }
  }

  private charClass(): void {
    const start = this.i;
    this.i++;
    if (this.re[this.i] === '^') {
      this.i++;
    }
    let first = true;
    let prev: number | undefined;
    while (first || this.re[this.i] !== ']') {
      if (this.i >= this.re.length) {
        this.fail('missing closing ]', this.re.slice(start));
      }
      prev = this.classItem(prev, first, start);
      first = false;
    }
    this.i++;
  }

  /** One item of a class; returns its code point when it can start a range. */
  private classItem(prev: number | undefined, first: boolean, start: number): number | undefined {
    const rest = this.re.slice(this.i);
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
    if (posix) {
      if (!POSIX_CLASSES.has(posix[2])) {
        this.fail('invalid character class range', posix[0]);
      }
      this.i += posix[0].length;
      return undefined;
    }
    if (this.re[this.i] === '-' && !first && prev !== undefined && this.re[this.i + 1] !== ']') {
      this.i++;
      const hi = this.classChar(start);
      if (hi !== undefined && hi < prev) {
        this.fail('invalid character class range', this.re.slice(this.i - 3, this.i));
      }
      return undefined;
    }
    return this.classChar(start);
  }

  /** A single character of a class (literal or escape); undefined for a class escape such as \d. */
  private classChar(start: number): number | undefined {
    const c = this.re[this.i];
    if (c === undefined) {
      this.fail('missing closing ]', this.re.slice(start));
    }
    if (c !== '\\') {
      const cp = this.re.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const e = this.re[this.i + 1];
    if (e === undefined) {
      this.fail('missing closing ]', this.re.slice(start));
    }
    if (/[A-Za-z0-9]/.test(e) && !ESCAPE_LETTERS.has(e) && !/[0-7]/.test(e)) {
      this.fail('invalid escape sequence', `\\${e}`);
    }
    this.i += 2;
    this.escapeTail(e);
    return /[dDsSwWpP]/.test(e) ? undefined : e.codePointAt(0);
  }
}

/** Reads a label-matcher regex as Go's regexp package would compile it for Prometheus. */
export function readRegex(pattern: string): RegexVerdict {
  try {
    return { matchesEmpty: new RegexReader(pattern).read() };
  } catch (e) {
    if (e instanceof Failure) {
      return { error: `error parsing regexp: ${e.message}`, matchesEmpty: false };
    }
    throw e;
  }
}
