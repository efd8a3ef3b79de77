import { arr, isObj, num, objects, own, parseJson, str, stringMap, strings, textMap } from './narrow';

describe('guards for untrusted JSON', () => {
  it('isObj accepts plain objects only', () => {
    expect([{}, { a: 1 }, Object.create(null)].map(isObj)).toEqual([true, true, true]);
    expect([null, undefined, [], 'x', 1, true].map(isObj)).toEqual([false, false, false, false, false, false]);
  });

  it('str, num and arr keep only their type; num refuses NaN and infinities', () => {
    expect([str('a'), str(1), str(null)]).toEqual(['a', undefined, undefined]);
    expect([num(1.5), num(NaN), num(Infinity), num('1')]).toEqual([1.5, undefined, undefined, undefined]);
    expect([arr([1]), arr({ length: 1 }), arr('ab')]).toEqual([[1], [], []]);
  });

  it('strings and objects filter lists', () => {
    expect(strings(['a', 1, null, 'b'])).toEqual(['a', 'b']);
    expect(objects([{ a: 1 }, [], null, 'x'])).toEqual([{ a: 1 }]);
    expect(strings('nope')).toEqual([]);
  });

  it('own reads own properties only, never the prototype chain', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": 1}, "a": 2}');
    expect(own(hostile, 'a')).toBe(2);
    expect(own(hostile, 'polluted')).toBeUndefined();
    expect(own({}, 'constructor')).toBeUndefined();
    expect(own({}, 'toString')).toBeUndefined();
    expect(own('text', 'length')).toBeUndefined();
  });

  it('stringMap keeps text values; textMap turns the others into text', () => {
    const v = { a: 'x', b: 1, c: null, d: { e: true } };
    expect(stringMap(v)).toEqual({ a: 'x' });
    expect(textMap(v)).toEqual({ a: 'x', b: '1', c: '', d: '{"e":true}' });
    expect(textMap([1])).toEqual({});
  });

  it('parseJson returns undefined instead of throwing', () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('<html>')).toBeUndefined();
    expect(parseJson('')).toBeUndefined();
  });
});
