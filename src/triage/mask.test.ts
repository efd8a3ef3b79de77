/** @jest-environment node */
import fc from 'fast-check';
import { maskToken, maskTokenReference, maskVariables, tokenizeMasked } from './mask';

describe('masking variables', () => {
  it.each([
    ['req 717df67d-62e3-4050-92f2-d05ad2fba0b2 from 10.1.2.3:9735', 'req <UUID> from <IP>'],
    ['id 0x1f ab12cd34ef wrote /var/lib/x/y 42 bytes in 12ms', 'id <HEX> <HEX> wrote <PATH> <NUM> bytes in <NUM>'],
    ['blk_-5140072410813878235 rdd_2_0 broadcast_9_piece0', 'blk_-<NUM> rdd_<NUM>_<NUM> broadcast_<NUM>_piece0'],
    ['rhost=n219076184117.netvigator.com uid=0', 'rhost=n<NUM>.netvigator.com uid=<NUM>'],
    ['at Fri Jun 17 07:07:00 2005', 'at <DATE> <DATE> <NUM> <NUM> <NUM>'],
    ['fe80::1ff:fe23:4567:890a mac 5c:50:15:36:bc:03', '<IP> mac <IP>'],
    ['com.apple.icloud.fmfd.heartbeat: told me', '<NAME> told me'],
    ['GET /v2/servers/detail HTTP/1.1', 'GET <PATH> HTTP/<NUM>'],
    ['index:-1 -5 (-2.5) off=-3 but blk_-42 and a-1', 'index:<NUM> <NUM> (<NUM>) off=<NUM> but blk_-<NUM> and a-<NUM>'],
    ['name=com.android.phone, user=root', 'name=<NAME>, user=root'],
  ])('%s', (input, expected) => {
    expect(maskVariables(input)).toBe(expected);
  });

  it('keeps words with a digit inside: ssh2, wl0, IPV6, nvme0n1, e820', () => {
    expect(maskVariables('ssh2 wl0: IPV6 nvme0n1 BIOS-e820: python3')).toBe(
      'ssh2 wl0: IPV6 nvme0n1 BIOS-e820: python3'
    );
  });

  it('joins a unit to the number before it, so optional parentheses do not change the shape', () => {
    expect(tokenizeMasked('1573 bytes (1.53 KB) sent, lifetime <1 sec', 80).tokens).toEqual([
      '<NUM>',
      'bytes',
      '(<NUM> KB)',
      'sent,',
      'lifetime',
      '<<NUM> sec',
    ]);
  });

  it('says which tokens held a variable and keeps their raw text', () => {
    const line = tokenizeMasked('Link Up on en0 status=137/FAILURE', 80);
    expect(line.vars).toEqual([false, false, false, false, true]);
    expect(line.raws[4]).toBe('status=137/FAILURE');
  });

  it('splits on every kind of whitespace and stops at max tokens', () => {
    expect(tokenizeMasked('a\tb\nc  d\u00a0e', 80).tokens).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tokenizeMasked('a b c d', 2).tokens).toEqual(['a', 'b']);
  });
});

// The fast paths of maskToken must mask exactly like the reference regex they skip.
describe('maskToken agrees with the reference regex', () => {
  it.each([
    '75%',
    '3.5GiB',
    '2xlarge',
    'abc123',
    'deadbeef',
    '0x1f',
    'layer_12',
    '/var/lib/x',
    'a/b/c',
    '12:48:23',
    '10.1.2.3',
    '10.1.2.3:80',
    '10.1.2.3.4',
    '1,000,000',
    '1..2',
    '12:',
    ':12',
    '1:2:3:4',
    'v1.2.3',
    'Jun',
    '-1',
    'index:-1',
    '--1',
    '-10.1.2.3:80',
    '-0x1f',
    'x=-550e8400-e29b-41d4-a716-446655440000',
  ])('%s', (t) => {
    expect(maskToken(t)).toBe(maskTokenReference(t));
  });

  it('on random tokens of digits, hex, separators, slashes and letters', () => {
    const chars = fc.constantFrom(...'0123456789abcdefxyzGHI_.:,-/%@~()[]="'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { minLength: 1, maxLength: 24 }).map((a) => a.join('')),
        (t) => {
          expect(maskToken(t)).toBe(maskTokenReference(t));
        }
      ),
      { numRuns: 3000, seed: 6 }
    );
  });

  it('on number chains (the most common fast path)', () => {
    const part = fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), fc.constantFrom('0', '255', '1024', ''));
    const chain = fc
      .tuple(fc.array(fc.tuple(part, fc.constantFrom('.', ':', ',')), { minLength: 1, maxLength: 6 }), part)
      .map(([ps, last]) => ps.map(([p, s]) => p + s).join('') + last);
    fc.assert(
      fc.property(chain, (t) => {
        expect(maskToken(t)).toBe(maskTokenReference(t));
      }),
      { numRuns: 3000, seed: 60 }
    );
  });
});
