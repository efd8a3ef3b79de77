/**
 * Decodes UTF-8 bytes exactly as `TextDecoder('utf-8')` does (WHATWG Encoding, "UTF-8 decoder"), without needing
 * it (absent in some test environments): each maximal invalid subpart becomes one U+FFFD, so overlongs
 * (`C0 80`, `E0 80 80`), surrogates (`ED A0 80`), code points past U+10FFFF (`F4 90 …`) and bytes that never start
 * a sequence (`80`–`C1`, `F5`–`FF`) never throw and never become other characters.
 */

interface Lead {
  /** Continuation bytes still to come. */
  need: number;
  /** Bits of the code point from the lead byte. */
  bits: number;
  /** Allowed range of the first continuation byte (narrowed to rule out overlongs, surrogates, > U+10FFFF). */
  lower: number;
  upper: number;
}

/** Lead bytes by range: how many continuation bytes follow, and the bits of the code point they carry. */
const LEADS: Array<{ from: number; to: number; need: number; mask: number }> = [
  { from: 0xc2, to: 0xdf, need: 1, mask: 0x1f },
  { from: 0xe0, to: 0xef, need: 2, mask: 0x0f },
  { from: 0xf0, to: 0xf4, need: 3, mask: 0x07 },
];
/** Narrower first-continuation ranges (WHATWG: E0 → A0–BF, ED → 80–9F, F0 → 90–BF, F4 → 80–8F). */
const FIRST_RANGE: Record<number, [number, number]> = { 0xe0: [0xa0, 0xbf], 0xed: [0x80, 0x9f], 0xf0: [0x90, 0xbf], 0xf4: [0x80, 0x8f] };

/** What a byte starts, or undefined when it cannot start a sequence. */
function lead(b: number): Lead | undefined {
  const l = LEADS.find((x) => b >= x.from && b <= x.to);
  if (!l) {
    return undefined;
  }
  const [lower, upper] = FIRST_RANGE[b] ?? [0x80, 0xbf];
  return { need: l.need, bits: b & l.mask, lower, upper };
}

/**
 * Reads the sequence started by the lead at `start`: the code point and where the next sequence starts, or
 * U+FFFD and the first byte that does not belong (it is read again as the start of the next sequence).
 */
function sequence(bytes: readonly number[], start: number, l: Lead): { cp: number; next: number } {
  let cp = l.bits;
  let lower = l.lower;
  let upper = l.upper;
  for (let k = 1; k <= l.need; k++) {
    const c = bytes[start + k];
    if (c === undefined || (c & 0xff) < lower || (c & 0xff) > upper) {
      return { cp: 0xfffd, next: start + k };
    }
    cp = (cp << 6) | (c & 0x3f);
    lower = 0x80;
    upper = 0xbf;
  }
  return { cp, next: start + l.need + 1 };
}

/** The code point that starts at `i` and where the next one starts. */
function next(bytes: readonly number[], i: number): { cp: number; next: number } {
  const b = bytes[i] & 0xff;
  if (b < 0x80) {
    return { cp: b, next: i + 1 };
  }
  const l = lead(b);
  return l ? sequence(bytes, i, l) : { cp: 0xfffd, next: i + 1 };
}

/** UTF-8 bytes (0–255; higher bits are ignored) to text, invalid parts as U+FFFD like `TextDecoder`. */
export function decodeUtf8(bytes: readonly number[]): string {
  const units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const r = next(bytes, i);
    if (r.cp > 0xffff) {
      units.push(0xd800 + ((r.cp - 0x10000) >> 10), 0xdc00 + ((r.cp - 0x10000) & 0x3ff));
    } else {
      units.push(r.cp);
    }
    i = r.next;
  }
  let out = '';
  // In slices: fromCharCode's argument count is limited by the engine's stack.
  for (let k = 0; k < units.length; k += 8192) {
    out += String.fromCharCode(...units.slice(k, k + 8192));
  }
  return out;
}
