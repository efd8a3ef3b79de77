// Finds prefixed tokens (TOKEN_RULES) in one pass: at each word start the first character picks the few rules that
// can begin there, and only those run, anchored. One alternation of all ~90 rules costs microseconds per line in
// V8 because its classes defeat the first-character check; this costs one table lookup per word.
import type { Span } from './assignments';
import { TOKEN_RULES, type TokenRule } from './secretRules';

interface Compiled {
  id: string;
  re: RegExp;
  prefixes: string[];
  at?: TokenRule['at'];
}

/**
 * The literal texts a pattern can start with (`(?:sk|rk)_…` → sk, rk), or undefined when it starts with a class.
 * A candidate word is tested against the rule only when it starts with one of them.
 */
export function literalPrefixes(pattern: string): string[] | undefined {
  const alternatives = splitTopLevel(pattern);
  if (alternatives.length > 1) {
    return joinDefined(alternatives.map(literalPrefixes));
  }
  if (pattern.startsWith('(?:')) {
    const close = groupEnd(pattern, 0);
    const inner = literalPrefixes(pattern.slice(3, close));
    // An optional group (`(?:https?://)?hooks…`) lets the rest start the match too.
    const rest = pattern.slice(close + 1);
    return /^[?*]/.test(rest) ? joinDefined([inner, literalPrefixes(rest.slice(1))]) : inner;
  }
  const run = literalRun(pattern);
  return run ? [run] : undefined;
}

/** The literal characters at the start of a pattern, without one made optional by a quantifier after it. */
function literalRun(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    let c = pattern[i];
    if (c === '\\') {
      c = pattern[++i] ?? '';
      if (!/[.\-/|~_]/.test(c)) {
        break;
      }
    } else if ('[(.*+?{|^$'.includes(c)) {
      break;
    }
    const next = pattern[i + 1];
    if (next === '?' || next === '*' || next === '{') {
      break;
    }
    out += c;
  }
  return out;
}

function joinDefined(xs: Array<string[] | undefined>): string[] | undefined {
  return xs.some((x) => x === undefined) ? undefined : (xs.flat() as string[]);
}

/** Index of the `)` closing the group that opens at `open`. */
function groupEnd(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i;
    }
  }
  return pattern.length;
}

function classEnd(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
    } else if (pattern[i] === ']' && i > open + 1) {
      return i;
    }
  }
  return pattern.length;
}

/** The pattern's alternatives at the top level (outside groups and classes). */
function splitTopLevel(pattern: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else if (c === '(') {
      i = groupEnd(pattern, i);
    } else if (c === '|') {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

const BY_FIRST = new Map<number, Compiled[]>();
const ANYWHERE: Compiled[] = [];
for (const rule of TOKEN_RULES) {
  const prefixes = literalPrefixes(rule.pattern);
  const compiled: Compiled = { id: rule.id, re: new RegExp(rule.pattern, 'y'), prefixes: prefixes ?? [], at: rule.at };
  if (prefixes === undefined) {
    if (!rule.at) {
      throw new Error(`token rule ${rule.id} starts with a class: give it an \`at\` check`);
    }
    ANYWHERE.push(compiled);
    continue;
  }
  for (const ch of new Set(prefixes.map((p) => p[0]))) {
    const list = BY_FIRST.get(ch.charCodeAt(0)) ?? [];
    list.push(compiled);
    BY_FIRST.set(ch.charCodeAt(0), list);
  }
}

// Character classes as one table (bit 1: letter or digit; 2: may continue a token; 4: may be inside a run that
// holds a token, URLs included): one load per character on the hot path.
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const token = alnum || '_-+/=~.'.includes(String.fromCharCode(c));
  const run = token || ':@%|\\'.includes(String.fromCharCode(c));
  CLASS[c] = (alnum ? 1 : 0) | (token ? 2 : 0) | (run ? 4 : 0);
}
const isAlnum = (c: number) => c < 128 && (CLASS[c] & 1) !== 0;
/** Characters a token may continue with beyond what its rule describes (a longer real token is still one secret). */
const isTokenChar = (c: number) => c < 128 && (CLASS[c] & 2) !== 0;
/** The shortest token any rule matches (`xoxa-` plus 8). */
const MIN_TOKEN = 12;

function matchAt(
  text: string,
  i: number,
  rules: Compiled[] | undefined,
  anywhere: boolean
): { end: number; id: string } | undefined {
  for (const r of rules ?? []) {
    if (anywhere ? !r.at!(text, i) : !r.prefixes.some((p) => text.startsWith(p, i))) {
      continue;
    }
    r.re.lastIndex = i;
    if (r.re.test(text)) {
      return { end: r.re.lastIndex, id: r.id };
    }
  }
  return undefined;
}

/** Extends a match to the end of its token, but not over a sentence's final period. */
function tokenEnd(text: string, end: number): number {
  let j = end;
  while (j < text.length && isTokenChar(text.charCodeAt(j))) {
    if (text.charCodeAt(j) === 46 && !isTokenChar(text.charCodeAt(j + 1))) {
      break;
    }
    j++;
  }
  return j;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * Whether a word starts at `i`: after a non-alphanumeric character, or after an escaped one (`%22`, `\x22`,
 * `\u0022`), as in URL-encoded or escaped JSON.
 */
function wordStart(text: string, i: number): boolean {
  const prev = text.charCodeAt(i - 1);
  if (i === 0 || (!isAlnum(prev) && prev !== 95 && prev !== 126 && prev !== 46)) {
    return true;
  }
  return (
    (text.charCodeAt(i - 3) === 37 && hexBefore(text, i, 2)) ||
    (text.charCodeAt(i - 4) === 92 && text.charCodeAt(i - 3) === 120 && hexBefore(text, i, 2)) ||
    (text.charCodeAt(i - 6) === 92 && text.charCodeAt(i - 5) === 117 && hexBefore(text, i, 4))
  );
}

/** Whether the n characters before i are hex digits. */
function hexBefore(text: string, i: number, n: number): boolean {
  for (let k = i - n; k < i; k++) {
    if (k < 0 || !isHex(text.charCodeAt(k))) {
      return false;
    }
  }
  return true;
}

/** Characters of a run that may hold a token, URL-shaped ones included (`https://hooks.slack.com/…`, `…|…`). */
const isRunChar = (c: number) => c < 128 && (CLASS[c] & 4) !== 0;

/** Prefixed tokens in `text`, left to right. */
export function findTokens(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isRunChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isRunChar(text.charCodeAt(end))) {
      end++;
    }
    // Most runs are short words: no rule can match in fewer characters than the shortest token.
    if (end - i >= MIN_TOKEN) {
      end = Math.max(end, tokensInRun(text, i, end, spans));
    }
    i = end;
  }
  return spans;
}

/** Tokens starting inside the run [from, to): each at a word start; returns where the last one ended. */
function tokensInRun(text: string, from: number, to: number, spans: Span[]): number {
  let reached = to;
  for (let i = from; i <= to - MIN_TOKEN; i++) {
    const c = text.charCodeAt(i);
    // Shapes that start with a class (Azure's `~Gg8Q~…`) may begin with `_`, `~` or `.` as well.
    const special = c === 95 || c === 126 || c === 46;
    if (!(isAlnum(c) || special) || !wordStart(text, i)) {
      continue;
    }
    const hit = matchAt(text, i, BY_FIRST.get(c), false) ?? matchAt(text, i, ANYWHERE, true);
    if (hit) {
      const end = tokenEnd(text, hit.end);
      spans.push({ start: i, end, rule: hit.id });
      reached = Math.max(reached, end);
      i = end - 1;
    }
  }
  return reached;
}
