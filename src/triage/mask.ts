// Variables are masked before clustering (Drain3 does the same), so lines differing only in an id, address or
// count fall into one template. One combined regex keeps it to a single pass per line.
const MASK_RE = new RegExp(
  [
    /(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)/.source, // 1 UUID
    /(\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b)/.source, // 2 IPv4[:port]
    /(\b(?:[0-9a-fA-F]{1,4}:){4,7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{0,4}\b)/.source, // 3 IPv6
    /(\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,}\b)/.source, // 4 hex
    /((?<![\w.~-])(?:\/[\w.@%+~-]+){2,}\/?|(?<![\w.~-])\/[\w.@%+~-]+\/)/.source, // 5 path (two segments or more)
    /(\b\d+(?:[.,:]\d+)*[a-zA-Z]{0,3}\b)/.source, // 6 number with optional unit (12ms, 3.5GiB)
  ].join('|'),
  'g'
);

const TOKENS = ['', '<UUID>', '<IP>', '<IP>', '<HEX>', '<PATH>', '<NUM>'];

function replacement(...m: Array<string | undefined>): string {
  for (let g = 1; g < TOKENS.length; g++) {
    if (m[g] !== undefined) {
      return TOKENS[g];
    }
  }
  return m[0] ?? '';
}

/** True when a token may hold a variable: only tokens with a digit or a slash can match any mask. */
function maskable(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 47) {
      return true;
    }
  }
  return false;
}

/** The regex form of masking: the reference the fast scanner is tested against, and its fallback for IPv6. */
export function maskTokenReference(token: string): string {
  return maskable(token) ? token.replace(MASK_RE, replacement) : token;
}

/** Masks one whitespace-free token; words without digits or slashes (most of them) are returned as they are. */
export function maskToken(token: string): string {
  if (!maskable(token)) {
    return token;
  }
  return looksLikeIpv6(token) ? maskTokenReference(token) : scanMask(token);
}

const NUM = '<NUM>';

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHexLetter = (c: number) => (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
/** \w of the regex (ASCII letters, digits, underscore) as a table: one load instead of five comparisons. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  WORD[c] = isDigit(c) || isLetter(c) || c === 95 ? 1 : 0;
}
const isWord = (c: number) => c < 128 && WORD[c] === 1;
const isPathChar = (c: number) => isWord(c) || c === 46 || c === 64 || c === 37 || c === 43 || c === 126 || c === 45;

function looksLikeIpv6(t: string): boolean {
  let colons = 0;
  for (let i = 0; i < t.length; i++) {
    if (t.charCodeAt(i) === 58) {
      colons++;
    }
  }
  return colons >= 4 || t.includes('::');
}

const UUID_TAIL = /-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;

/** End of a word run starting at i. */
function runEnd(t: string, i: number): number {
  let j = i;
  while (j < t.length && isWord(t.charCodeAt(j))) {
    j++;
  }
  return j;
}

/** Length of the leading digits of t[i..end), or -1 if the run has none. */
function digitsAt(t: string, i: number, end: number): number {
  let j = i;
  while (j < end && isDigit(t.charCodeAt(j))) {
    j++;
  }
  return j - i;
}

function isHexRun(t: string, i: number, end: number): boolean {
  let digit = false;
  let letter = false;
  for (let j = i; j < end; j++) {
    const c = t.charCodeAt(j);
    if (isDigit(c)) {
      digit = true;
    } else if (isHexLetter(c)) {
      letter = true;
    } else {
      return false;
    }
  }
  return digit && letter;
}

/** A path starting at the slash at i (its left neighbour is not a path character): its end, or -1. */
// eslint-disable-next-line sonarjs/cognitive-complexity -- refactor owned by issue 12
function pathEnd(t: string, i: number): number {
  let j = i;
  let segments = 0;
  let trailingSlash = false;
  while (j < t.length && t.charCodeAt(j) === 47) {
    let k = j + 1;
    while (k < t.length && isPathChar(t.charCodeAt(k))) {
      k++;
    }
    if (k === j + 1) {
      trailingSlash = segments > 0;
      j = trailingSlash ? j + 1 : j;
      break;
    }
    segments++;
    j = k;
  }
  return segments >= 2 || (segments === 1 && trailingSlash) ? j : -1;
}

/** What the last `numberEnd` found: `<NUM>` or `<IP>` (a variable rather than a tuple: no allocation per number). */
let numberKind = NUM;

/** Numbers joined by . , : (IPv4 with an optional port first) starting at a digits-only run: the end, or -1. */
// eslint-disable-next-line sonarjs/cognitive-complexity -- refactor owned by issue 12
function numberEnd(t: string, i: number): number {
  // Fast path: a plain integer not followed by . , : or letters (the common case: ports, pids, counts).
  let k = i;
  while (k < t.length && isDigit(t.charCodeAt(k))) {
    k++;
  }
  const next = k < t.length ? t.charCodeAt(k) : 32;
  numberKind = NUM;
  if (!isWord(next) && next !== 46 && next !== 44 && next !== 58) {
    return k;
  }
  // A chain of parts. Only the first five parts and four separators can make an IPv4 address with a port, so
  // they are kept in fixed scratch arrays: no allocation per number.
  let parts = 0;
  let seps = 0;
  let lastEnd = -1;
  let j = i;
  for (;;) {
    const end = runEnd(t, j);
    const d = digitsAt(t, j, end);
    if (d === end - j) {
      if (parts < 5) {
        PART_SIZE[parts] = d;
        PART_END[parts] = end;
      }
      parts++;
      lastEnd = j = end;
      const c = t.charCodeAt(j);
      if ((c === 46 || c === 44 || c === 58) && j + 1 < t.length && isDigit(t.charCodeAt(j + 1))) {
        if (seps < 4) {
          SEP[seps] = c;
        }
        seps++;
        j++;
        continue;
      }
    } else if (end - j - d <= 3 && isLetters(t, j + d, end)) {
      // Digits with a unit suffix (12ms, 5GiB) end the number.
      if (parts < 5) {
        PART_SIZE[parts] = -1;
        PART_END[parts] = end;
      }
      parts++;
      lastEnd = j = end;
    } else if (parts > 0) {
      // Like the regex, fall back to the chain up to the last good part (before its separator).
      seps--;
      j = lastEnd;
    } else {
      return -1;
    }
    break;
  }
  const ipv4 =
    parts >= 4 && seps >= 3 && SEP[0] === 46 && SEP[1] === 46 && SEP[2] === 46 && octet(PART_SIZE[0]) && octet(PART_SIZE[1]) && octet(PART_SIZE[2]) && octet(PART_SIZE[3]);
  if (ipv4) {
    const port = seps >= 4 && SEP[3] === 58 && parts >= 5 && PART_SIZE[4] >= 1 && PART_SIZE[4] <= 5;
    numberKind = '<IP>';
    return port ? PART_END[4] : PART_END[3];
  }
  return j;
}

/** Digits in each of the first five parts of a number chain (-1: digits with a unit), their ends, separators. */
const PART_SIZE = new Int32Array(5);
const PART_END = new Int32Array(5);
const SEP = new Int32Array(4);
const octet = (digits: number) => digits >= 1 && digits <= 3;

function isLetters(t: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (!isLetter(t.charCodeAt(k))) {
      return false;
    }
  }
  return true;
}

/**
 * Hand-written equivalent of the mask regex for ordinary tokens: the regex costs microseconds per token.
 * Unmasked stretches are copied in one slice when the next mask (or the end) is reached, not piece by piece,
 * and a token without any mask is returned as it is.
 */
// eslint-disable-next-line sonarjs/cognitive-complexity -- refactor owned by issue 12
function scanMask(t: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === 47 && (i === 0 || !isPathChar(t.charCodeAt(i - 1)) || t.charCodeAt(i - 1) === 64 || t.charCodeAt(i - 1) === 37 || t.charCodeAt(i - 1) === 43)) {
      const prev = i === 0 ? 0 : t.charCodeAt(i - 1);
      const blocked = i > 0 && (isWord(prev) || prev === 46 || prev === 126 || prev === 45);
      const end = blocked ? -1 : pathEnd(t, i);
      if (end > 0) {
        out += t.slice(from, i) + '<PATH>';
        i = from = end;
        continue;
      }
    }
    if (!isWord(c)) {
      i++;
      continue;
    }
    const end = runEnd(t, i);
    if (end - i === 8 && isHexRun8(t, i) && t.charCodeAt(end) === 45) {
      UUID_TAIL.lastIndex = end;
      if (UUID_TAIL.test(t) && !isWord(t.charCodeAt(UUID_TAIL.lastIndex))) {
        out += t.slice(from, i) + '<UUID>';
        i = from = UUID_TAIL.lastIndex;
        continue;
      }
    }
    if ((end - i > 2 && t.charCodeAt(i) === 48 && t.charCodeAt(i + 1) === 120 && isHexDigits(t, i + 2, end)) || (end - i >= 6 && isHexRun(t, i, end))) {
      out += t.slice(from, i) + '<HEX>';
      i = from = end;
      continue;
    }
    if (isDigit(c)) {
      const nEnd = numberEnd(t, i);
      if (nEnd > 0) {
        out += t.slice(from, i) + numberKind;
        i = from = nEnd;
        continue;
      }
    }
    i = end;
  }
  return from === 0 ? t : out + t.slice(from);
}

function isHexDigits(t: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const c = t.charCodeAt(j);
    if (!isDigit(c) && !isHexLetter(c)) {
      return false;
    }
  }
  return true;
}

function isHexRun8(t: string, i: number): boolean {
  for (let j = i; j < i + 8; j++) {
    const c = t.charCodeAt(j);
    if (!isDigit(c) && !isHexLetter(c)) {
      return false;
    }
  }
  return true;
}

/** Whitespace as the splitters see it: space, \t \n \v \f \r and no-break space. */
function isSpace(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c === 160;
}


/**
 * Splits a message on whitespace and masks each token, in one pass over the characters: the per-line hot path
 * of template mining. While a token is scanned its digits, slashes and colons are counted, so the common shapes
 * are decided without a second look: no digit or slash → kept as it is; only digits → `<NUM>` (no other mask can
 * match a bare integer); four colons or `::` → the regex (IPv6); anything else → the hand-written scanner.
 */
// eslint-disable-next-line sonarjs/cognitive-complexity -- refactor owned by issue 12
export function tokenizeMasked(s: string, max: number): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    let c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let digits = 0;
    let slash = false;
    let colons = 0;
    for (;;) {
      if (c <= 58) {
        if (c >= 48 && c <= 57) {
          digits++;
        } else if (c === 47) {
          slash = true;
        } else if (c === 58) {
          colons++;
        }
      }
      if (++i >= n) {
        break;
      }
      c = s.charCodeAt(i);
      if (isSpace(c)) {
        break;
      }
    }
    if (digits === i - start) {
      out.push(NUM);
    } else if (digits === 0 && !slash) {
      out.push(s.slice(start, i));
    } else {
      const tok = s.slice(start, i);
      out.push(colons >= 4 || (colons >= 2 && tok.includes('::')) ? maskTokenReference(tok) : scanMask(tok));
    }
    if (out.length >= max) {
      return out;
    }
  }
  return out;
}

/** Replaces UUIDs, IP addresses, hex ids, file paths and numbers with placeholders such as `<IP>` and `<NUM>`. */
export function maskVariables(message: string): string {
  return splitTokens(message, Infinity).map(maskToken).join(' ');
}

/** Splits on whitespace (this runs for every line), keeping at most `max` tokens. */
export function splitTokens(s: string, max: number): string[] {
  // Most journal messages are separated by single spaces: the native split is the fast path.
  if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\u00a0') < 0 && s.indexOf('\f') < 0 && s.indexOf('\v') < 0) {
    const parts = s.split(' ');
    const out: string[] = [];
    for (let i = 0; i < parts.length && out.length < max; i++) {
      if (parts[i] !== '') {
        out.push(parts[i]);
      }
    }
    return out;
  }
  return splitAnyWhitespace(s, max);
}

// eslint-disable-next-line sonarjs/cognitive-complexity -- refactor owned by issue 12
function splitAnyWhitespace(s: string, max: number): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 160;
    if (space) {
      if (start >= 0) {
        out.push(s.slice(start, i));
        if (out.length >= max) {
          return out;
        }
        start = -1;
      }
    } else if (start < 0) {
      start = i;
    }
  }
  return out;
}
