/**
 * @jest-environment node
 */
// decodeUtf8 against the real TextDecoder (Node's, which follows the WHATWG Encoding standard): the oracle decides.
import fc from 'fast-check';
import { decodeUtf8 } from './utf8';

const decoder = new TextDecoder('utf-8');
const oracle = (bytes: number[]) => decoder.decode(Uint8Array.from(bytes));
const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** Bytes at every boundary the decoder branches on: ASCII, continuation edges, every kind of lead, never-valid. */
const EDGES = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xf8, 0xfe, 0xff];

describe('decodeUtf8 decodes exactly like TextDecoder', () => {
  it.each([
    [[0xf8, 0x80, 0x80], '\uFFFD\uFFFD\uFFFD'], // F8 never starts a sequence (was "耀")
    [[0xe0, 0x80, 0x80], '\uFFFD\uFFFD\uFFFD'], // overlong NUL (was a real NUL)
    [[0xc0, 0x80], '\uFFFD\uFFFD'], // overlong NUL, two-byte form
    [[0xed, 0xa0, 0x80], '\uFFFD\uFFFD\uFFFD'], // a UTF-16 surrogate encoded in UTF-8
    [[0xf4, 0x90, 0x80, 0x80], '\uFFFD\uFFFD\uFFFD\uFFFD'], // past U+10FFFF
    [[0xe2, 0x82], '\uFFFD'], // cut short at the end: one replacement for the maximal subpart
    [[0xe2, 0x82, 0x41], '\uFFFDA'], // cut short before ASCII: the ASCII byte is kept
    [[0xf0, 0x9f, 0x98, 0x80], '😀'],
    [[0x68, 0xc3, 0xa9], 'hé'],
  ])('%p', (bytes, text) => {
    expect(oracle(bytes)).toBe(text);
    expect(decodeUtf8(bytes)).toBe(text);
  });

  it('on every sequence of one and two bytes', () => {
    const bad: string[] = [];
    for (let a = 0; a < 256; a++) {
      for (let b = -1; b < 256; b++) {
        const bytes = b < 0 ? [a] : [a, b];
        if (decodeUtf8(bytes) !== oracle(bytes)) {
          bad.push(hex(bytes));
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('on every sequence of four boundary bytes', () => {
    const sequences = EDGES.flatMap((a) => EDGES.flatMap((b) => EDGES.flatMap((c) => EDGES.map((d) => [a, b, c, d]))));
    expect(sequences).toHaveLength(EDGES.length ** 4);
    expect(sequences.filter((bytes) => decodeUtf8(bytes) !== oracle(bytes)).map(hex).slice(0, 10)).toEqual([]);
  });

  it('on arbitrary bytes and on valid text with damage (property)', () => {
    const anyBytes = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 });
    const damaged = fc
      .tuple(fc.string({ unit: 'binary', maxLength: 20 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
      .map(([text, edits]) => {
        const bytes = [...new TextEncoder().encode(text)];
        for (const [pos, value] of edits) {
          if (bytes.length > 0) {
            bytes[pos % bytes.length] = value;
          }
        }
        return bytes;
      });
    fc.assert(fc.property(fc.oneof(anyBytes, damaged), (bytes) => decodeUtf8(bytes) === oracle(bytes)), { numRuns: 5000 });
  });

  it('long input decodes in one piece', () => {
    const bytes = [...new TextEncoder().encode('é😀x'.repeat(20_000))];
    expect(decodeUtf8(bytes)).toBe(oracle(bytes));
  });
});
