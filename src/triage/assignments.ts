// Finds values assigned to names in every common shape, in one pass over the line: env and logfmt (`DB_PASSWORD=x`),
// YAML and JSON keys (`secret: x`, `"api_key": "x"`, escaped `\"token\":\"x\"`), Go/Make (`:=`, `?=`), Ruby (`=>`),
// headers (`Authorization: Bearer x`, `Grpc-Metadata-macaroon: x`) and command-line flags (`--api-key x`).
// Linear: each operator looks back at most one name and forward at most one value.
import { acceptValue, classifyKey, type KeyKind } from './secretKeys';

/** A part of the text to replace, with the rule that found it. */
export interface Span {
  start: number;
  end: number;
  rule: string;
}

const MAX_NAME = 64;
const MAX_QUOTED = 8192;

const isNameChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
const isSpaceOrTab = (c: number) => c === 32 || c === 9;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isQuote = (c: number) => c === 34 || c === 39 || c === 96;
/** Characters of keys and tokens: base64, base64url, hex, and the `:`, `%`, `~` some formats use. */
const isKeyChar = (c: number) =>
  (c >= 48 && c <= 58) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 43 ||
  c === 47 ||
  c === 95 ||
  c === 61 ||
  c === 46 ||
  c === 126 ||
  c === 45 ||
  c === 37;
/** Where an unquoted value ends: whitespace or a separator of the surrounding syntax. */
const endsBare = (c: number) =>
  isSpace(c) ||
  c === 44 ||
  c === 59 ||
  c === 38 ||
  c === 34 ||
  c === 39 ||
  c === 96 ||
  c === 41 ||
  c === 93 ||
  c === 125 ||
  c === 62 ||
  c === 60;

/** Index before the spaces (at most three) that end just before `at`. */
function skipSpacesBack(text: string, at: number, max: number): number {
  let j = at;
  while (j > 0 && isSpaceOrTab(text.charCodeAt(j - 1)) && at - j < max) {
    j--;
  }
  return j;
}

/** Index before what closes a name: a subscript's `]` (`os.environ["X"]`, `[X]`), a quote, an escaped quote. */
function skipNameClosers(text: string, at: number): number {
  let j = at;
  if (j > 1 && text.charCodeAt(j - 1) === 93) {
    j--;
  }
  if (j > 0 && isQuote(text.charCodeAt(j - 1))) {
    j--;
  }
  return j > 0 && j < at && text.charCodeAt(j - 1) === 92 ? j - 1 : j;
}

/** `-Ddb.password=…` (a Java system property) and `--api-key=…`: the dashes and the D are not the name. */
function skipFlagPrefix(text: string, start: number, end: number): number {
  let j = start;
  while (j < end && text.charCodeAt(j) === 45) {
    j++;
  }
  const javaProperty =
    text.charCodeAt(j - 1) === 45 && text.charCodeAt(j) === 68 && j + 1 < end && text.charCodeAt(j + 1) !== 45;
  return javaProperty ? j + 1 : j;
}

/** Types a declaration puts between the name and `=`: `var apiToken string = …`, `token: String = …`. */
const TYPE_WORDS = new Set(['string', 'String', 'str', 'bytes', 'char', 'CharSequence', 'SecureString']);

/**
 * The name just before the operator at `at`: its start and end, or undefined. Skips a typed declaration's type,
 * and the `.` or `+` of PHP's `.=` and `+=`.
 */
function nameBefore(text: string, at: number): { start: number; end: number } | undefined {
  const p = text.charCodeAt(at - 1);
  const op = p === 43 || (p === 46 && isSpaceOrTab(text.charCodeAt(at - 2))) ? at - 1 : at;
  const name = nameEndingAt(text, op);
  if (!name || !TYPE_WORDS.has(text.slice(name.start, name.end))) {
    return name;
  }
  let j = skipSpacesBack(text, name.start, 3);
  j -= text.charCodeAt(j - 1) === 58 ? 1 : 0;
  return j < name.start ? (nameEndingAt(text, j) ?? name) : name;
}

/** The name just before `at` (skipping spaces and what closes it): its start and end, or undefined. */
function nameEndingAt(text: string, at: number): { start: number; end: number } | undefined {
  const end = skipNameClosers(text, skipSpacesBack(text, at, 3));
  let j = end;
  while (j > 0 && isNameChar(text.charCodeAt(j - 1)) && end - j < MAX_NAME) {
    j--;
  }
  const start = skipFlagPrefix(text, j, end);
  return end - start >= 2 ? { start, end } : undefined;
}

/** The length of a colon operator at `i` (`:`, `:=`, `::=`, `:::=`), or 0 for `://` (a URL) and `::` (a scope). */
function colonOperator(text: string, i: number): number {
  let k = i;
  while (text.charCodeAt(k) === 58 && k - i < 3) {
    k++;
  }
  if (text.charCodeAt(k) === 61) {
    return k - i + 1;
  }
  return k - i === 1 && text.charCodeAt(i + 1) !== 47 ? 1 : 0;
}

/** The operator starting at `i` (`=`, `:`, `:=`, `::=`, `=>`, `?=`, `,`): its length, or 0 for `==`, `=~`, `://`. */
function operatorAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (c === 61) {
    return next === 61 || next === 126 ? 0 : next === 62 ? 2 : 1;
  }
  if (c === 63) {
    return next === 61 ? 2 : 0;
  }
  return c === 44 ? Number(quotedPair(text, i)) : colonOperator(text, i);
}

/** `setProperty("NAME", "value")`: a comma between two quoted strings acts as the assignment (as in gitleaks). */
function quotedPair(text: string, i: number): boolean {
  let before = i - 1;
  while (before >= 0 && isSpaceOrTab(text.charCodeAt(before))) {
    before--;
  }
  let after = i + 1;
  while (after < text.length && isSpaceOrTab(text.charCodeAt(after))) {
    after++;
  }
  return (
    before >= 0 && isQuote(text.charCodeAt(before)) && isQuote(text.charCodeAt(after)) && !isObjectKey(text, after)
  );
}

/** Whether the string opening at `quoteAt` is followed by `:` (a key of an object, not a value). */
function isObjectKey(text: string, quoteAt: number): boolean {
  const close = text.indexOf(text[quoteAt], quoteAt + 1);
  if (close < 0) {
    return false;
  }
  let k = close + 1;
  while (k < text.length && isSpaceOrTab(text.charCodeAt(k))) {
    k++;
  }
  return text.charCodeAt(k) === 58;
}

const WRAPPER = /^(?:!!?[A-Za-z0-9_-]*[ \t]+|[|>][-+]?[ \t]*\r?\n[ \t]*|\[[ \t]*(?=["']))/;

/**
 * What may stand between an operator and its value: a YAML tag (`!!str x`), a YAML block scalar (`|` or `>` and
 * the value indented on the next line), a JSON array's bracket (`"X": ["y"]`).
 */
function skipValueWrappers(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c !== 33 && c !== 124 && c !== 62 && c !== 91) {
    return i;
  }
  const m = WRAPPER.exec(text.slice(i, i + 40));
  return m ? i + m[0].length : i;
}

/** The value starting at or after `from`: its span (quotes excluded), or undefined when there is none. */
export function valueAfter(text: string, from: number, kind: KeyKind): { start: number; end: number } | undefined {
  let i = skipValueWrappers(text, skipSpaces(text, from, 5));
  const escaped = text.charCodeAt(i) === 92 && isQuote(text.charCodeAt(i + 1));
  i += escaped ? 1 : 0;
  const q = text.charCodeAt(i);
  if (isQuote(q)) {
    return quotedValue(text, i + 1, q, escaped);
  }
  if (kind === 'cookie' || kind === 'header') {
    return lineRest(text, i);
  }
  // A password may hold any character; a key or token is one run of a key alphabet (`KEY=abc|next` ends at `|`).
  const stop = kind === 'password' ? endsBare : (c: number) => !isKeyChar(c);
  let j = i;
  while (j < text.length && !stop(text.charCodeAt(j))) {
    j++;
  }
  return j > i ? { start: i, end: j } : undefined;
}

function skipSpaces(text: string, from: number, max: number): number {
  let i = from;
  while (i < text.length && isSpaceOrTab(text.charCodeAt(i)) && i - from < max) {
    i++;
  }
  return i;
}

/** Whether the quote at `j` closes a value opened by `quote` (escaped values close on `\"`). */
const closes = (text: string, j: number, quote: number, escaped: boolean) =>
  text.charCodeAt(j) === quote && (!escaped || text.charCodeAt(j - 1) === 92);

function quotedValue(
  text: string,
  start: number,
  quote: number,
  escaped: boolean
): { start: number; end: number } | undefined {
  const limit = Math.min(text.length, start + MAX_QUOTED);
  let j = start;
  while (j < limit && text.charCodeAt(j) !== 10 && !closes(text, j, quote, escaped)) {
    // Inside an unescaped value a backslash escapes the next character.
    j += text.charCodeAt(j) === 92 && !escaped ? 2 : 1;
  }
  const end = j < limit && text.charCodeAt(j) !== 10 && escaped ? j - 1 : Math.min(j, limit);
  return end > start ? { start, end } : undefined;
}

/** A header or cookie value: to the end of the line (cookies hold `;` and spaces). */
function lineRest(text: string, i: number): { start: number; end: number } | undefined {
  let j = i;
  while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) {
    j++;
  }
  while (j > i && isSpace(text.charCodeAt(j - 1))) {
    j--;
  }
  return j > i ? { start: i, end: j } : undefined;
}

const AUTH_SCHEME =
  /^(?:bearer|basic|digest|token|apikey|api-key|negotiate|ntlm|hmac|macaroon|dpop|aws4-hmac-sha256)\s+/i;

/** For `Authorization: Bearer x` only the credential goes; the scheme stays readable. */
function credentialOf(text: string, v: { start: number; end: number }): { start: number; end: number } {
  const m = AUTH_SCHEME.exec(text.slice(v.start, Math.min(v.end, v.start + 40)));
  return m ? { start: v.start + m[0].length, end: v.end } : v;
}

const RULE_OF_KIND: Record<KeyKind, string> = {
  password: 'password-assignment',
  token: 'token-assignment',
  weak: 'generic-api-key',
  provider: 'provider-api-key',
  header: 'authorization-header',
  cookie: 'cookie',
};

function ruleFor(kind: KeyKind): string {
  return RULE_OF_KIND[kind];
}

/** One assignment at operator `i`: the span to redact, or undefined. */
function assignmentAt(text: string, i: number, opLen: number): Span | undefined {
  const name = nameBefore(text, i);
  if (!name) {
    return undefined;
  }
  const kind = classifyKey(text.slice(name.start, name.end));
  if (!kind) {
    return undefined;
  }
  let v = valueAfter(text, i + opLen, kind);
  if (!v) {
    return undefined;
  }
  if (kind === 'header') {
    v = credentialOf(text, v);
  }
  const value = text.slice(v.start, v.end);
  // `token: android.os.BinderProxy@2bd79ce`: Java's default printout of an object, not a token.
  if (kind === 'token' && /^@[0-9a-f]{5,8}(?![0-9A-Za-z])/.test(text.slice(v.end, v.end + 10))) {
    return undefined;
  }
  return acceptValue(kind, value) && !value.includes('[REDACTED')
    ? { start: v.start, end: v.end, rule: ruleFor(kind) }
    : undefined;
}

/** Values assigned to secret-like names anywhere in `text`, left to right, not overlapping. */
export function findAssignments(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (;;) {
    const i = nextOperator(text, from);
    if (i < 0) {
      return spans;
    }
    const opLen = operatorAt(text, i);
    const span = opLen > 0 ? assignmentAt(text, i, opLen) : undefined;
    if (span) {
      spans.push(span);
      from = span.end;
    } else {
      from = i + Math.max(opLen, 1);
    }
  }
}

function nextOperator(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 || c === 58 || c === 44 || (c === 63 && text.charCodeAt(i + 1) === 61)) {
      return i;
    }
  }
  return -1;
}

const FLAG = /(?:^|[\s"'[(,])(--?[A-Za-z][A-Za-z0-9_.-]{1,60})[ \t]+(?!-)/g;

/** `--password x`, `--api-key x`, `-token x`: a flag naming a secret, then its value as the next word. */
export function findFlagValues(text: string): Span[] {
  const spans: Span[] = [];
  if (text.indexOf('-') < 0) {
    return spans;
  }
  FLAG.lastIndex = 0;
  for (let m = FLAG.exec(text); m; m = FLAG.exec(text)) {
    const kind = classifyKey(m[1].replace(/^-+/, ''));
    if (!kind || kind === 'cookie' || kind === 'header') {
      continue;
    }
    const v = valueAfter(text, m.index + m[0].length, kind);
    if (v && acceptValue(kind, text.slice(v.start, v.end))) {
      spans.push({ start: v.start, end: v.end, rule: 'secret-flag' });
      FLAG.lastIndex = v.end;
    }
  }
  return spans;
}

// A name, then a verb (`is set to`, `to`, …) or nothing, then the value: quoted (any text) or bare (one word).
const PROSE =
  /\b([A-Za-z][A-Za-z0-9_.-]{1,60})[ \t]+(?:(?:is set to|was set to|set to|changed to|is now|is|was|to|=)[ \t]+)?(?:(["'`])([^"'`\n]{4,200})\2|([^\s"'`]{6,200}))/g;

/**
 * `DB_PASSWORD is set to x`, `twitter_secret was x`: a name naming a secret, a verb, then a value with a digit or
 * a symbol (a plain word there is prose: "password is incorrect"); random-looking for weak and provider names.
 */
export function findProseValues(text: string): Span[] {
  const spans: Span[] = [];
  PROSE.lastIndex = 0;
  for (let m = PROSE.exec(text); m; m = PROSE.exec(text)) {
    const span = proseSpan(m);
    if (span) {
      spans.push(span);
    } else {
      // The value word may itself be the next name (`Setting DB_PASSWORD to …` starts at `Setting`).
      PROSE.lastIndex = m.index + m[1].length + 1;
    }
  }
  return spans;
}

function proseSpan(m: RegExpExecArray): Span | undefined {
  const kind = classifyKey(m[1]);
  if (!kind || kind === 'header' || kind === 'cookie') {
    return undefined;
  }
  const quoted = m[3] !== undefined;
  const raw = quoted ? m[3] : m[4];
  const value = quoted ? raw : raw.replace(/[.,;:]$/, '');
  // A bare plain word after a name is prose ("password incorrect"); quoted or with a digit or symbol it is a value.
  if ((!quoted && !/[^A-Za-z]/.test(value)) || !acceptValue(kind, value) || value.includes('[REDACTED')) {
    return undefined;
  }
  const start = m.index + m[0].length - raw.length - (quoted ? 1 : 0);
  return { start, end: start + value.length, rule: 'secret-in-prose' };
}

const isRandomChar = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 43 ||
  c === 47 ||
  c === 95 ||
  c === 46 ||
  c === 126 ||
  c === 61 ||
  c === 45;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const MIN_RANDOM = 16;

/** The word (letters, digits, `_`, `-`) ending just before the spaces before `at`, skipping `is`/`of`. */
function wordBefore(text: string, at: number): string | undefined {
  let end = at;
  while (end > 0 && isSpaceOrTab(text.charCodeAt(end - 1))) {
    end--;
  }
  if (end === at) {
    return undefined;
  }
  let start = end;
  while (start > 0 && end - start < 40 && isNameChar(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== 46) {
    start--;
  }
  const word = text.slice(start, end);
  return word === 'is' || word === 'of' ? wordBefore(text, start) : isLetter(text.charCodeAt(start)) ? word : undefined;
}

/** `invalid token 8f3kLm2…`, `api key Zx8Qw3…`: a key-like word, then a long random-looking word (no operator). */
export function findKeywordThenRandom(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const end = runEnd(text, i);
    if (end === i) {
      i++;
      continue;
    }
    const span =
      end - i >= MIN_RANDOM && end - i <= 512 && !isNameChar(text.charCodeAt(i - 1))
        ? randomAfterKeyWord(text, i, end)
        : undefined;
    if (span) {
      spans.push(span);
    }
    i = end;
  }
  return spans;
}

/** End of the run of random-looking characters starting at `i` (`i` itself when there is none). */
function runEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length && isRandomChar(text.charCodeAt(end))) {
    end++;
  }
  return end;
}

function randomAfterKeyWord(text: string, start: number, end: number): Span | undefined {
  const word = wordBefore(text, start);
  const kind = word === undefined ? undefined : classifyKey(word);
  if (!kind || kind === 'header' || kind === 'cookie') {
    return undefined;
  }
  const value = text.slice(start, end);
  return !value.startsWith('[REDACTED') && acceptValue('weak', value)
    ? { start, end, rule: 'keyword-high-entropy' }
    : undefined;
}
