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

/** The full masking rules as one regex: the reference the fast paths are tested against, and their fallback. */
const MASK_RE = new RegExp(
  [
    `${A}([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})${Z}`, // 1 UUID
    `${A}((?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?)${Z}`, // 2 IPv4[:port]
    `${A}((?=[0-9a-fA-F:]*::|(?:[0-9a-fA-F]{1,4}:){3})(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4})${Z}`, // 3 IPv6, MAC (`::` or 3+ colons)
    `${A}(0x[0-9a-fA-F]+|(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,})${Z}`, // 4 hex
    '((?<![\\w.~-])(?:/[\\w.@%+~-]+){2,}/?|(?<![\\w.~-])/[\\w.@%+~-]+/)', // 5 path (two segments, or one and a slash)
    `${A}(\\d+(?:[.,:]\\d+)*(?:[a-zA-Z]{1,3})?)${Z}`, // 6 number, with a short unit (12ms, 3.5GiB)
    '(\\d{4,})', // 7 a long digit run inside a word
  ].join('|'),
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
  return !/[0-9/]/.test(token) && DOTTED_NAME.test(token) ? NAME : token.replace(MASK_RE, replacement);
}

// Character classes (bit 1 digit, 2 letter, 4 one of . , :) as one table.
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = (/\d/.test(ch) ? 1 : 0) | (/[A-Za-z]/.test(ch) ? 2 : 0) | (/[.,:]/.test(ch) ? 4 : 0);
}

/**
 * Masks one whitespace-free token. The shapes almost every token has are decided while scanning it once (no
 * digit and no slash: unchanged; only digits: `<NUM>`; digits joined by `.`, `,`, `:`: a number, a time or an IPv4
 * address); anything else goes to the reference regex.
 */
export function maskToken(token: string): string {
  // Characters by class: TALLY[1] digits, TALLY[4] separators, TALLY[0] + TALLY[2] everything else.
  TALLY.fill(0);
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    TALLY[c < 128 ? CLASS[c] : 0]++;
  }
  const digits = TALLY[1];
  if (digits === 0 && !token.includes('/')) {
    return maskWord(token);
  }
  if (digits > 0 && TALLY[0] + TALLY[2] === 0) {
    return TALLY[4] === 0 ? NUM : numberChain(token);
  }
  return maskTokenReference(token);
}

/** A token without digits or slashes: a date word, a dotted name, or a plain word kept as it is. */
function maskWord(token: string): string {
  if (DATE_WORD.test(token)) {
    return DATE;
  }
  return DOTTED_NAME.test(token) ? NAME : token;
}

const TALLY = new Int32Array(8);

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
  return maskTokenReference(token);
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
export function tokenizeMasked(s: string, max: number): MaskedLine {
  const tokens: string[] = [];
  const vars: boolean[] = [];
  const raws: string[] = [];
  let i = 0;
  while (i < s.length && tokens.length < max) {
    if (isSpace(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && !isSpace(s.charCodeAt(i))) {
      i++;
    }
    const raw = s.slice(start, i);
    const masked = maskToken(raw);
    const n = tokens.length;
    if (n > 0 && vars[n - 1] && tokens[n - 1].endsWith('>') && UNIT.test(masked)) {
      tokens[n - 1] += ` ${masked}`;
      raws[n - 1] += ` ${raw}`;
      continue;
    }
    tokens.push(masked);
    vars.push(masked !== raw);
    raws.push(raw);
  }
  return { tokens, vars, raws };
}

/** Replaces UUIDs, IP addresses, hex ids, file paths, dates and numbers with placeholders such as `<IP>`. */
export function maskVariables(message: string): string {
  return tokenizeMasked(message, Infinity).tokens.join(' ');
}
