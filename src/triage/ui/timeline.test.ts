import { bucketFor, templateMatcher, templateTimeline } from './timeline';

const T0 = Date.UTC(2026, 10, 23, 8);
const line = (minute: number, message: string) => ({ time: T0 + minute * 60_000, host: 'h', unit: 'u', priority: 3, message });

describe('lines by template over time', () => {
  it('matches the lines a template stands for, placeholders within a word', () => {
    const m = templateMatcher('connection from <IP> (<*>) at <*> <NUM>');
    expect(m.test('connection from 10.0.0.1 (host.example) at Tue 12')).toBe(true);
    expect(m.test('connection  from 1.2.3.4 () at x 7')).toBe(true);
    expect(m.test('connection to 10.0.0.1 (h) at Tue 12')).toBe(false);
    expect(templateMatcher('a.b (c)').test('aXb (c)')).toBe(false);
  });

  it('picks a bucket that keeps the chart readable', () => {
    expect(bucketFor(30 * 60_000, 60)).toBe(60_000);
    expect(bucketFor(16 * 86_400_000, 60)).toBe(12 * 3_600_000);
    expect(bucketFor(43 * 86_400_000, 60)).toBe(86_400_000);
    expect(bucketFor(200 * 86_400_000, 60)).toBe(4 * 86_400_000);
  });

  it('counts each charted template per bucket and the rest as other', () => {
    const lines = [line(0, 'disk full on /'), line(1, 'disk full on /var'), line(3, 'GPU fell off the bus'), line(3, 'disk full on /home'), line(4, 'something else')];
    const t = templateTimeline(lines, ['disk full on <*>', 'GPU fell off the bus'], 60)!;
    expect(t.bucketMs).toBe(60_000);
    expect(t.times).toHaveLength(5);
    expect(t.series).toEqual([
      { name: 'disk full on <*>', counts: [1, 1, 0, 1, 0] },
      { name: 'GPU fell off the bus', counts: [0, 0, 0, 1, 0] },
    ]);
    expect(t.other).toEqual([0, 0, 0, 0, 1]);
    expect(templateTimeline([], ['x'])).toBeUndefined();
  });
});
