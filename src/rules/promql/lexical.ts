// PromQL tokens as Prometheus 2.42's lexer reads them (promql/parser/lex.go: lexString, lexEscape, lexRawString;
// parse.go: parseDuration). The grammar we parse with accepts more (any escape, an unclosed quote at the end of a
// line), so each literal is read again here and refused where Prometheus refuses it.

/** A string literal's value, or why Prometheus refuses it. */
export type Unquoted = { ok: true; value: string } | { ok: false; message: string };

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

const NUMERIC_ESCAPES: Record<string, { digits: number; base: number; max: number }> = {
  x: { digits: 2, base: 16, max: 255 },
  u: { digits: 4, base: 16, max: 0x10ffff },
  U: { digits: 8, base: 16, max: 0x10ffff },
};

function hexOrOctal(text: string, base: number): number | undefined {
  const re = base === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  return re.test(text) ? parseInt(text, base) : undefined;
}

/** One escape sequence starting after the backslash at `i`: the character(s) it stands for and where it ends. */
function escapeAt(body: string, i: number, quote: string): { text: string; next: number } | string {
  const ch = body[i];
  if (ch === undefined) {
    return 'escape sequence not terminated';
  }
  if (ch === quote) {
    return { text: quote, next: i + 1 };
  }
  if (SIMPLE_ESCAPES[ch] !== undefined) {
    return { text: SIMPLE_ESCAPES[ch], next: i + 1 };
  }
  const octal = ch >= '0' && ch <= '7';
  const spec = octal ? { digits: 3, base: 8, max: 255 } : NUMERIC_ESCAPES[ch];
  if (!spec) {
    return `unknown escape sequence ${codePointName(ch)}`;
  }
  return numericEscape(body, octal ? i : i + 1, spec);
}

/** The digits of `\\123`, `\\x41`, `\\u00e9`, `\\U0001F600` from `start`, checked as Prometheus' lexEscape does. */
function numericEscape(
  body: string,
  start: number,
  spec: { digits: number; base: number; max: number }
): { text: string; next: number } | string {
  const digits = body.slice(start, start + spec.digits);
  const value = digits.length === spec.digits ? hexOrOctal(digits, spec.base) : undefined;
  if (value === undefined) {
    return digits.length < spec.digits ? 'escape sequence not terminated' : 'illegal character in escape sequence';
  }
  if (value > spec.max || (value >= 0xd800 && value < 0xe000)) {
    return 'escape sequence is an invalid Unicode code point';
  }
  return { text: String.fromCodePoint(value), next: start + spec.digits };
}

function codePointName(ch: string): string {
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} '${ch}'`;
}

/** Reads a PromQL string literal (with its quotes) as Prometheus does. */
export function unquote(literal: string): Unquoted {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) {
    return { ok: false, message: quote === '`' ? 'unterminated raw string' : 'unterminated quoted string' };
  }
  const body = literal.slice(1, -1);
  if (quote === '`') {
    return { ok: true, value: body };
  }
  return unescape(body, quote);
}

function unescape(body: string, quote: string): Unquoted {
  if (body.indexOf('\\') < 0) {
    return body.includes('\n') ? { ok: false, message: 'unterminated quoted string' } : { ok: true, value: body };
  }
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '\n') {
      return { ok: false, message: 'unterminated quoted string' };
    }
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const esc = escapeAt(body, i + 1, quote);
    if (typeof esc === 'string') {
      return { ok: false, message: esc };
    }
    out += esc.text;
    i = esc.next;
  }
  return { ok: true, value: out };
}

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86400_000, 7 * 86400_000, 86400_000, 3600_000, 60_000, 1000, 1];

/** A Prometheus duration (`1h30m`, units y w d h m s ms in that order) in milliseconds, or why it is refused. */
export function durationMs(text: string): { ok: true; ms: number } | { ok: false; message: string } {
  const m = text === '' ? null : DURATION_RE.exec(text);
  if (!m) {
    return {
      ok: false,
      message: /^\d+$/.test(text) ? 'missing unit character in duration' : `not a valid duration string: "${text}"`,
    };
  }
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    ms += m[i + 1] ? Number(m[i + 1]) * UNIT_MS[i] : 0;
  }
  return ms === 0 ? { ok: false, message: 'duration must be greater than 0' } : { ok: true, ms };
}

/** True when the text is a duration token (digits followed by a unit) rather than a number. */
export function looksLikeDuration(text: string): boolean {
  return /^\d+(?:ms|[smhdwy])/.test(text);
}

/** A PromQL number literal's value (decimal, hex, exponent, Inf, NaN), or undefined when Prometheus refuses it. */
export function numberValue(text: string): number | undefined {
  const t = text.toLowerCase();
  if (t === 'inf' || t === '+inf') {
    return Infinity;
  }
  if (t === '-inf') {
    return -Infinity;
  }
  if (t === 'nan' || t === '+nan' || t === '-nan') {
    return NaN;
  }
  const hex = /^([+-]?)0x([0-9a-f]+)$/.exec(t);
  if (hex) {
    const v = parseInt(hex[2], 16);
    return hex[1] === '-' ? -v : v;
  }
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/.test(t)) {
    return Number(t);
  }
  return undefined;
}
