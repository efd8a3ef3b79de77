// Generated rule files repeat one expression shape with different label values (`{instance="h1"}`,
// `{instance="h2"}`…). In the PromQL grammar a string literal is a single token whose content never changes how
// the expression parses, so expressions that differ only inside string literals have the same syntax tree, shifted
// by the literals' lengths. `blankStrings` finds the literals exactly as the grammar's StringLiteral token does
// and gives the text with every literal emptied: the key under which one parse serves all of them.

const DQ = 34; // "
const SQ = 39; // '
const BT = 96; // `
const BS = 92; // \
const NL = 10;
const HASH = 35; // # starts a comment, inside which quotes are not literals

/** The text with each string literal's content removed, and where the literals ended. */
export interface BlankedText {
  /** `up{job=""} == 0` for `up{job="x"} == 0`. */
  shape: string;
  /** Pairs of (end in `shape`, end in the original text), one pair per literal, in order. */
  ends: number[];
}

/**
 * Empties every string literal; undefined when the text has something this scanner does not mirror exactly
 * (a `#` comment, an unterminated literal): such texts are parsed as they are.
 */
export function blankStrings(expr: string): BlankedText | undefined {
  const ends: number[] = [];
  let shape = '';
  let copied = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr.charCodeAt(i);
    if (c === HASH) {
      return undefined;
    }
    if (c !== DQ && c !== SQ && c !== BT) {
      continue;
    }
    const j = literalEnd(expr, i, c);
    if (j < 0) {
      return undefined;
    }
    shape += expr.slice(copied, i + 1) + expr[i];
    copied = j + 1;
    ends.push(shape.length, copied);
    i = j;
  }
  return { shape: copied === 0 ? expr : shape + expr.slice(copied), ends };
}

/**
 * Where the literal opened by quote `q` at `start` closes, or -1 when this scanner will not decide. Mirrors the
 * grammar: "…" and '…' end at the same quote or, unterminated, at a newline (-1); a backslash escapes any next
 * character; `…` has no escapes and must be closed.
 */
function literalEnd(expr: string, start: number, q: number): number {
  if (q === BT) {
    return expr.indexOf('`', start + 1);
  }
  for (let j = start + 1; j < expr.length; j++) {
    const d = expr.charCodeAt(j);
    if (d === q) {
      return j;
    }
    if (d === NL) {
      return -1;
    }
    j += d === BS ? 1 : 0;
  }
  return -1;
}

/** Maps a position in `shape` that is not inside a literal to the same place in the original text. */
export function originalPos(b: BlankedText, pos: number): number {
  let delta = 0;
  for (let k = 0; k < b.ends.length && b.ends[k] <= pos; k += 2) {
    delta = b.ends[k + 1] - b.ends[k];
  }
  return pos + delta;
}
