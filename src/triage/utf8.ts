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

/** What a byte starts, or undefined when it cannot start a sequence. */
function lead(b: number): Lead | undefined {
  if (b >= 0xc2 && b <= 0xdf) {
    return { need: 1, bits: b & 0x1f, lower: 0x80, upper: 0xbf };
  }
  if (b >= 0xe0 && b <= 0xef) {
    return { need: 2, bits: b & 0x0f, lower: b === 0xe0 ? 0xa0 : 0x80, upper: b === 0xed ? 0x9f : 0xbf };
  }
  if (b >= 0xf0 && b <= 0xf4) {
    return { need: 3, bits: b & 0x07, lower: b === 0xf0 ? 0x90 : 0x80, upper: b === 0xf4 ? 0x8f : 0xbf };
  }
  return undefined;
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

/** UTF-8 bytes (0–255; higher bits are ignored) to text, invalid parts as U+FFFD like `TextDecoder`. */
export function decodeUtf8(bytes: readonly number[]): string {
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] & 0xff;
    const l = b < 0x80 ? undefined : lead(b);
    const { cp, next } = b < 0x80 ? { cp: b, next: i + 1 } : l ? sequence(bytes, i, l) : { cp: 0xfffd, next: i + 1 };
    if (cp > 0xffff) {
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      units.push(cp);
    }
    i = next;
  }
  let out = '';
  // In slices: fromCharCode's argument count is limited by the engine's stack.
  for (let k = 0; k < units.length; k += 8192) {
    out += String.fromCharCode(...units.slice(k, k + 8192));
  }
  return out;
}
