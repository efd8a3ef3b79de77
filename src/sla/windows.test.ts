import { calendarMonth, formatYearMonth, monthOf, monthPeriod, parseYearMonth, previousMonth, rollingWindow } from './windows';
import { isTimeZone, localParts, startOfLocalDay } from './zoned';

const t = (iso: string) => Date.parse(iso) / 1000;

describe('rollingWindow', () => {
  it('ends now and spans the configured days', () => {
    const w = rollingWindow(t('2026-11-23T17:00:00Z'), 30);
    expect(w.start).toBe(t('2026-10-24T17:00:00Z'));
    expect(w.rangeSeconds).toBe(2592000);
    expect(w.label).toBe('last 30 days');
    expect(rollingWindow(0, 1).label).toBe('last 24 hours');
  });
  it('rejects windows that are not whole days', () => {
    expect(() => rollingWindow(0, 0)).toThrow(RangeError);
    expect(() => rollingWindow(0, 1.5)).toThrow(RangeError);
  });
});

describe('calendarMonth', () => {
  it('starts at the first of the month, UTC', () => {
    const m = calendarMonth(t('2026-11-23T17:00:00Z'));
    expect(m.start).toBe(t('2026-11-01T00:00:00Z'));
    expect(m.rangeSeconds).toBe(22 * 86400 + 17 * 3600);
    expect(m.label).toBe('November 2026 so far');
  });
  it('handles year boundaries and leap days', () => {
    expect(calendarMonth(t('2027-01-01T00:30:00Z')).start).toBe(t('2027-01-01T00:00:00Z'));
    expect(calendarMonth(t('2028-02-29T12:00:00Z')).label).toBe('February 2028 so far');
    expect(calendarMonth(t('2028-03-01T00:00:00Z')).rangeSeconds).toBe(1);
  });
});

describe('calendar months in the org time zone', () => {
  it('starts the current month at local midnight (Berlin, winter and summer)', () => {
    // 1 November 00:00 in Berlin (CET, +1) is 31 October 23:00 UTC.
    expect(calendarMonth(t('2026-11-23T17:00:00Z'), 'Europe/Berlin').start).toBe(t('2026-10-31T23:00:00Z'));
    // 1 July 00:00 in Berlin (CEST, +2) is 30 June 22:00 UTC.
    expect(calendarMonth(t('2026-07-10T00:00:00Z'), 'Europe/Berlin').start).toBe(t('2026-06-30T22:00:00Z'));
    // 23:30 UTC on 31 October is already November in Berlin.
    expect(calendarMonth(t('2026-10-31T23:30:00Z'), 'Europe/Berlin').label).toBe('November 2026 so far');
    expect(calendarMonth(t('2026-10-31T23:30:00Z')).label).toBe('October 2026 so far');
  });

  it('a full month spans local midnight to local midnight, DST change included', () => {
    // October 2026 in Berlin has 31 days and one 25-hour day (clocks go back on 25 October).
    const p = monthPeriod({ year: 2026, month: 10 }, 'Europe/Berlin', t('2027-01-01T00:00:00Z'))!;
    expect(p.start).toBe(t('2026-09-30T22:00:00Z'));
    expect(p.end).toBe(t('2026-10-31T23:00:00Z'));
    expect(p.rangeSeconds).toBe(31 * 86400 + 3600);
    expect(p.label).toBe('October 2026');
    // Half-hour zones and zones west of UTC.
    expect(monthPeriod({ year: 2026, month: 2 }, 'Asia/Kolkata', t('2027-01-01T00:00:00Z'))!.start).toBe(
      t('2026-01-31T18:30:00Z')
    );
    expect(monthPeriod({ year: 2026, month: 12 }, 'America/New_York', t('2027-02-01T00:00:00Z'))!.end).toBe(
      t('2027-01-01T05:00:00Z')
    );
  });

  it('a running month ends now and says "so far"; a month not yet begun has no period', () => {
    const now = t('2026-11-10T12:00:00Z');
    const p = monthPeriod({ year: 2026, month: 11 }, 'UTC', now)!;
    expect(p.end).toBe(now);
    expect(p.label).toBe('November 2026 so far');
    expect(p).toEqual({ ...calendarMonth(now), kind: 'month' });
    expect(monthPeriod({ year: 2026, month: 12 }, 'UTC', now)).toBeUndefined();
  });

  it('parses and steps months', () => {
    expect(parseYearMonth('2026-01')).toEqual({ year: 2026, month: 1 });
    for (const bad of ['2026-13', '2026-1', '26-01', '2026-00', '', '2026-01-01']) {
      expect(parseYearMonth(bad)).toBeUndefined();
    }
    expect(previousMonth({ year: 2026, month: 1 })).toEqual({ year: 2025, month: 12 });
    expect(formatYearMonth({ year: 2026, month: 3 })).toBe('2026-03');
    expect(monthOf(t('2026-10-31T23:30:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 11 });
  });
});

describe('startOfLocalDay', () => {
  it('finds the first instant of a day whose midnight the clock skips', () => {
    // Asia/Beirut moved clocks forward at 00:00 on 27 March 2022: the day began at 01:00 local (22:00 UTC the day before).
    const s = startOfLocalDay(2022, 3, 27, 'Asia/Beirut');
    expect(localParts(s, 'Asia/Beirut')).toMatchObject({ day: 27, hour: 1, minute: 0 });
    expect(localParts(s - 1, 'Asia/Beirut').day).toBe(26);
  });
  it('knows valid zone names', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
