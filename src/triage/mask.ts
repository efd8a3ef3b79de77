// Tokenising and masking before template mining. Variables (ids, addresses, numbers, paths, dates) become
// placeholders so lines that differ only in them look alike; each token also says whether it held a variable,
// which decides what the miner may merge (a differing plain word is a different event, a differing variable is not).
//
// Boundaries are letters and digits only: `blk_-5140072410813878235`, `rdd_2_0` and `broadcast_9_piece0` hold
// numbers (`_` and `-` separate), while `ssh2`, `wl0` and `IPV6` are words. A run of four or more digits is a
// number even inside a word (`n219076184117.netvigator.com`).

/** Placeholders; every one starts with `<` and ends with `>`. */
export const NUM = '<NUM>';
export const IP = '<IP>';
export const HEX = '<HEX>';
export const UUID = '<UUID>';
export const PATH = '<PATH>';
export const DATE = '<DATE>';
export const NAME = '<NAME>';

const A = '(?<![A-Za-z0-9])';
const Z = '(?![A-Za-z0-9])';

// The masking rules, in order: each is tried where it can start, the first that matches wins.
const UUID_SRC = `${A}[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}${Z}`;
const IPV4_SRC = `${A}(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?${Z}`;
// IPv6 and MAC addresses: `::` or three colons at least (a time has two).
const IPV6_SRC = `${A}(?=[0-9a-fA-F:]*::|(?:[0-9a-fA-F]{1,4}:){3})(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}${Z}`;
const HEX_SRC = `${A}(?:0x[0-9a-fA-F]+|(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,})${Z}`;
// A path: two segments, or one and a slash.
const PATH_SRC = '(?<![\\w.~-])(?:(?:/[\\w.@%+~-]+){2,}/?|/[\\w.@%+~-]+/)';
// A number, with a short unit (12ms, 3.5GiB), and its minus sign where it cannot be a separator (`index:-1`, `-5`;
// not `blk_-42`).
const UNSIGNED_SRC = `${A}\\d+(?:[.,:]\\d+)*(?:[a-zA-Z]{1,3})?${Z}`;
const NUMBER_SRC = `(?:(?<![A-Za-z0-9_-])-)?${UNSIGNED_SRC}`;
// A long digit run inside a word.
const LONG_DIGITS_SRC = '\\d{4,}';

/** The full masking rules as one regex: the reference the scanner is tested against. */
const MASK_RE = new RegExp(
  [UUID_SRC, IPV4_SRC, IPV6_SRC, HEX_SRC, PATH_SRC, NUMBER_SRC, LONG_DIGITS_SRC].map((r) => `(${r})`).join('|'),
  'g'
);
const GROUP_TOKENS = ['', UUID, IP, IP, HEX, PATH, NUM, NUM];

function replacement(...m: Array<string | undefined>): string {
  for (let g = 1; g < GROUP_TOKENS.length; g++) {
    if (m[g] !== undefined) {
      return GROUP_TOKENS[g];
    }
  }
  return m[0] ?? '';
}

// The same rules as sticky regexes, run only where each can start: a word start (or a `:` there, for `::1`), a
// slash, a digit run. The regex above tries every rule at every character; this tries a few, a few times a token.
const AT_WORD = new RegExp([UUID_SRC, IPV4_SRC, IPV6_SRC, HEX_SRC, NUMBER_SRC].map((r) => `(${r})`).join('|'), 'y');
const WORD_TOKENS = ['', UUID, IP, IP, HEX, NUM];
const AT_SLASH = new RegExp(PATH_SRC, 'y');
/** A signed number from its minus sign (only NUMBER_SRC can start with `-`). */
const AT_MINUS = new RegExp(`(?<![A-Za-z0-9_-])-${UNSIGNED_SRC}`, 'y');

/** Month and weekday names are parts of a date, a variable like its numbers. */
const DATE_WORD = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[,.]?$/;

/**
 * A dotted name of three parts or more (`com.apple.icloud.fmfd.heartbeat:`, `org.apache.hadoop.mapred.Task`, a
 * host name): in the development corpus such tokens are variables about six times in seven.
 */
const DOTTED_NAME = /^[("'[]?[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+){2,}[)"'\],:;]*$/;

/** The reference masking of one whitespace-free token (regex only). */
export function maskTokenReference(token: string): string {
  if (DATE_WORD.test(token)) {
    return DATE;
  }
  const masked = !/[0-9/]/.test(token) && DOTTED_NAME.test(token) ? NAME : token.replace(MASK_RE, replacement);
  return masked === token ? maskKeyValue(token) : masked;
}

/**
 * The whole-token rules (dotted names) for the value of `key=value` (`name=com.android.phone` → `name=<NAME>`): a
 * value is masked as it would be standing alone. Other values (`user=root`) stay words: whether they name an event
 * is decided by how many there are (see templates.ts).
 */
export function maskKeyValue(token: string): string {
  const eq = token.indexOf('=');
  if (eq <= 0 || eq === token.length - 1 || !/^[A-Za-z_]/.test(token)) {
    return token;
  }
  const value = token.slice(eq + 1);
  if (!DOTTED_NAME.test(value) || /[0-9/=]/.test(value)) {
    return token;
  }
  // Closing punctuation stays, as the words around it do (`name=<NAME>,`).
  const close = /[)"'\],:;]*$/.exec(value)?.[0] ?? '';
  return `${token.slice(0, eq + 1)}${NAME}${close}`;
}

// Character classes as one table: 1 digit, 2 letter, 4 one of . , :, 8 slash, 0 anything else.
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = /\d/.test(ch) ? 1 : /[A-Za-z]/.test(ch) ? 2 : /[.,:]/.test(ch) ? 4 : ch === '/' ? 8 : 0;
}

const isAlnumCode = (c: number) => c < 128 && (CLASS[c] === 1 || CLASS[c] === 2);

/** The reference regex's result, trying rules only where they can start (see AT_WORD). */
function scanMask(t: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < t.length) {
    const hit = maskAt(t, i);
    if (hit && hit.mask !== '') {
      out += t.slice(from, hit.start) + hit.mask;
      from = hit.end;
    }
    i = hit ? hit.end : i + 1;
  }
  return from === 0 ? t : out + t.slice(from);
}

/** A mask found by the scan: t[start, end) becomes `mask`; an empty mask skips t[start, end) unchanged. */
interface Hit {
  start: number;
  end: number;
  mask: string;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isHexCode = (c: number) => isDigitCode(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** What a word (a run of letters and digits) is made of. */
interface Run {
  end: number;
  digits: number;
  hexOnly: boolean;
  /** Digits first, then letters only. */
  digitsThenLetters: boolean;
}

function runAt(t: string, i: number): Run {
  let j = i;
  let digits = 0;
  let hexOnly = true;
  let lettersSeen = false;
  let digitsThenLetters = true;
  while (j < t.length && isAlnumCode(t.charCodeAt(j))) {
    const c = t.charCodeAt(j);
    const digit = isDigitCode(c);
    digits += digit ? 1 : 0;
    hexOnly &&= isHexCode(c);
    digitsThenLetters &&= !(digit && lettersSeen) && !(j === i && !digit);
    lettersSeen ||= !digit;
    j++;
  }
  return { end: j, digits, hexOnly, digitsThenLetters };
}

/**
 * Whether a rule that continues past the word (UUID `-`, IPv4 and number chains `.`/`,`/`:`, IPv6 `:`) may match
 * from its start: then the regex decides.
 */
function continuesPastWord(t: string, i: number, r: Run): boolean {
  const next = t.charCodeAt(r.end);
  const len = r.end - i;
  if (next === 45) {
    return len === 8 && r.hexOnly;
  }
  if (next === 58) {
    return (r.hexOnly && len <= 4) || r.digits === len;
  }
  return (next === 46 || next === 44) && r.digits === len;
}

/** The mask of a word that ends where its run ends: a number, a number with a unit, or hex; '' when none. */
function wordMask(t: string, i: number, r: Run): string {
  const len = r.end - i;
  if (r.digits === len) {
    return NUM;
  }
  const hex = r.hexOnly && r.digits > 0 && len >= 6;
  if (hex || (len > 2 && t.charCodeAt(i) === 48 && t.charCodeAt(i + 1) === 120 && hexTail(t, i + 2, r.end))) {
    return HEX;
  }
  return r.digitsThenLetters && r.digits > 0 && len - r.digits <= 3 ? NUM : '';
}

function hexTail(t: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (!isHexCode(t.charCodeAt(k))) {
      return false;
    }
  }
  return true;
}

/** Whether the word [i, end) holds a run of four digits or more. */
function longDigitsIn(t: string, i: number, end: number): boolean {
  let run = 0;
  for (let k = i; k < end && run < 4; k++) {
    run = isDigitCode(t.charCodeAt(k)) ? run + 1 : 0;
  }
  return run >= 4;
}

/** The sticky rule's match at i as `mask`, or undefined. */
function stickyHit(re: RegExp, t: string, i: number, mask: string): Hit | undefined {
  re.lastIndex = i;
  return re.test(t) ? { start: i, end: re.lastIndex, mask } : undefined;
}

/**
 * The mask at word start i, the word skipped when no rule touches it, or undefined to move one character on. The
 * same rules, in the same order, as the reference regex.
 */
function maskAt(t: string, i: number): Hit | undefined {
  const c = t.charCodeAt(i);
  const prev = i > 0 ? t.charCodeAt(i - 1) : 32;
  if (c === 47 || c === 45) {
    return c === 47 ? stickyHit(AT_SLASH, t, i, PATH) : stickyHit(AT_MINUS, t, i, NUM);
  }
  if (isAlnumCode(prev) || !(isAlnumCode(c) || c === 58)) {
    return undefined;
  }
  const r = c === 58 ? undefined : runAt(t, i);
  if (!r || continuesPastWord(t, i, r)) {
    AT_WORD.lastIndex = i;
    const m = AT_WORD.exec(t);
    if (m) {
      return { start: i, end: AT_WORD.lastIndex, mask: WORD_TOKENS[m.findIndex((g, k) => k > 0 && g !== undefined)] };
    }
    return r && innerDigits(t, i, r);
  }
  const mask = wordMask(t, i, r);
  return mask ? { start: i, end: r.end, mask } : innerDigits(t, i, r);
}

/** No rule matched the word from its start: its long digit runs, if any, are numbers (`n219076184117`). */
function innerDigits(t: string, i: number, r: Run): Hit {
  if (r.digits < 4 || !longDigitsIn(t, i, r.end)) {
    return { start: i, end: r.end, mask: '' };
  }
  return { start: i, end: r.end, mask: t.slice(i, r.end).replace(/\d{4,}/g, NUM) };
}

/**
 * Masks one whitespace-free token. The shapes almost every token has are decided while scanning it once (no
 * digit and no slash: unchanged; only digits: `<NUM>`; digits joined by `.`, `,`, `:`: a number, a time or an IPv4
 * address); anything else goes to the reference regex.
 */
export function maskToken(token: string): string {
  return maskCounted(token, countShape(token, 0, token.length));
}

// A token's shape packed in one number, ten bits a field: digits, `.`/`,`/`:`, dots, then slashes above bit 30
// (exact: < 2^41). Fields are read with integer operations on the low 30 bits (a double's % is a slow call).
const SEP = 2 ** 10;
const DOT = 2 ** 20;
const SLASH = 2 ** 30;
const FIELD = SEP - 1;

/** Per character code up to ':', what it adds to a token's packed shape. */
const SHAPE_INC = new Float64Array(59);
for (let c = 48; c <= 57; c++) {
  SHAPE_INC[c] = 1;
}
SHAPE_INC[46] = SEP + DOT;
SHAPE_INC[44] = SEP;
SHAPE_INC[58] = SEP;
SHAPE_INC[47] = SLASH;

/** Longer tokens skip the packed counts (a field could overflow) and take the scanner. */
const MAX_COUNTED = 1000;

/** What s[from, to) is made of, packed (see SEP, DOT, SLASH); letters and the rest are what is left of it. */
function countShape(s: string, from: number, to: number): number {
  let shape = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    // Letters and most punctuation are above ':' (58): one comparison skips them.
    shape += c <= 58 ? SHAPE_INC[c] : 0;
  }
  return shape;
}

/** Masks a token from its packed shape (see countShape). */
function maskCounted(token: string, shape: number): string {
  const masked = maskShaped(token, shape);
  return masked === token ? maskKeyValue(token) : masked;
}

function maskShaped(token: string, shape: number): string {
  if (token.length > MAX_COUNTED) {
    return scanMask(token);
  }
  const slash = Math.floor(shape / SLASH);
  const low = shape - slash * SLASH;
  const digits = low & FIELD;
  const seps = (low >> 10) & FIELD;
  if (digits === 0 && slash === 0) {
    return maskWord(token, low >> 20);
  }
  if (digits > 0 && slash === 0 && digits + seps === token.length) {
    return seps === 0 ? NUM : numberChain(token);
  }
  return DATE_WORD.test(token) ? DATE : scanMask(token);
}

/** A token without digits or slashes: a date word, a dotted name, or a plain word kept as it is. */
function maskWord(token: string, dots: number): string {
  const c = token.charCodeAt(0);
  if (token.length <= 4 && c >= 65 && c <= 90 && DATE_WORD.test(token)) {
    return DATE;
  }
  return dots >= 2 && DOTTED_NAME.test(token) ? NAME : token;
}

/** A token of digits and `.`/`,`/`:` only: as the reference regex masks it, without running it on most. */
function numberChain(token: string): string {
  const c0 = token.charCodeAt(0);
  const last = token.charCodeAt(token.length - 1);
  const startsWithDigit = c0 >= 48 && c0 <= 57;
  const endsWithDigit = last >= 48 && last <= 57;
  // `12:30:01`, `1.5`, `1,000`: one number. IPv4 and IPv6 shapes and broken chains (`1..2`, `12:`) go to the regex.
  if (startsWithDigit && endsWithDigit && !/[.,:]{2}/.test(token) && countOf(token, 46) < 3 && countOf(token, 58) < 3) {
    return NUM;
  }
  return scanMask(token);
}

function countOf(s: string, code: number): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === code) {
      n++;
    }
  }
  return n;
}

/** Whitespace as the splitter sees it: space, \t \n \v \f \r and no-break space. */
function isSpace(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c === 160;
}

/** Units start with a letter (µ included). */
const isUnitStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 181;

/** A unit after a number (`1.53 KB`, `<1 sec`, `20 ms)`): part of that variable, not a word of the template. */
const UNIT = /^(?:[KMGTP]i?B|B|[kKMG]|ms|us|µs|ns|s|sec|secs|min|mins|h|hr|hrs)[)\],;.]*$/;

/** Tokens of a masked line and, position by position, whether each holds a variable and its raw text. */
export interface MaskedLine {
  tokens: string[];
  vars: boolean[];
  raws: string[];
}

/**
 * Splits a message on whitespace and masks each token (the per-line hot path of template mining), keeping at most
 * `max` tokens. A unit word after a masked number joins it, so `1573 bytes (1.53 KB) sent` has the shape of
 * `0 bytes sent` plus one variable.
 */
export function tokenizeMasked(s: string, max: number, into?: MaskedLine): MaskedLine {
  // A caller on the hot path passes its own arrays to refill: no three new arrays per line.
  const line: MaskedLine = into ?? { tokens: [], vars: [], raws: [] };
  line.tokens.length = 0;
  line.vars.length = 0;
  line.raws.length = 0;
  let i = 0;
  while (i < s.length && line.tokens.length < max) {
    if (isSpace(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && !isSpace(s.charCodeAt(i))) {
      i++;
    }
    const raw = s.slice(start, i);
    push(line, raw, maskCounted(raw, countShape(s, start, i)));
  }
  return line;
}

function push(line: MaskedLine, raw: string, masked: string) {
  const n = line.tokens.length;
  if (
    n > 0 &&
    line.vars[n - 1] &&
    masked.length <= 8 &&
    isUnitStart(masked.charCodeAt(0)) &&
    line.tokens[n - 1].endsWith('>') &&
    UNIT.test(masked)
  ) {
    line.tokens[n - 1] += ` ${masked}`;
    line.raws[n - 1] += ` ${raw}`;
    return;
  }
  line.tokens.push(masked);
  line.vars.push(masked !== raw);
  line.raws.push(raw);
}

/** Replaces UUIDs, IP addresses, hex ids, file paths, dates and numbers with placeholders such as `<IP>`. */
export function maskVariables(message: string): string {
  return tokenizeMasked(message, Infinity).tokens.join(' ');
}
