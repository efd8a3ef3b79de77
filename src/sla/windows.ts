import { localParts, startOfLocalDay } from './zoned';

/** The two periods every service level is shown for. Times are Unix seconds, UTC. */
export interface SlaPeriod {
  kind: 'rolling' | 'month';
  start: number;
  end: number;
  /** Length in whole seconds, for PromQL range selectors (`[2592000s]`). */
  rangeSeconds: number;
  /** For people: "last 30 days", "November 2026 so far". */
  label: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The rolling window ending at `now` (the configured `sla.windowDays`). */
export function rollingWindow(now: number, days: number): SlaPeriod {
  if (!(Number.isInteger(days) && days >= 1)) {
    throw new RangeError(`window must be a whole number of days ≥ 1, got ${days}`);
  }
  const rangeSeconds = days * 86400;
  return {
    kind: 'rolling',
    start: now - rangeSeconds,
    end: now,
    rangeSeconds,
    label: days === 1 ? 'last 24 hours' : `last ${days} days`,
  };
}

/** The current calendar month in `timeZone` (the org's, default UTC) from its first second up to `now`. */
export function calendarMonth(now: number, timeZone = 'UTC'): SlaPeriod {
  const p = localParts(now, timeZone);
  const start = startOfLocalDay(p.year, p.month, 1, timeZone);
  // At least one second so a query at exactly midnight on the 1st still has a valid range.
  const rangeSeconds = Math.max(1, Math.floor(now - start));
  return {
    kind: 'month',
    start,
    end: now,
    rangeSeconds,
    label: `${MONTHS[p.month - 1]} ${p.year} so far`,
  };
}

/** A month as people name it: year and month 1–12. */
export interface YearMonth {
  year: number;
  month: number;
}

/** "2026-11" → {2026, 11}; undefined for anything else (months 1–12, years 2000–2999). */
export function parseYearMonth(s: string): YearMonth | undefined {
  const m = /^(2\d{3})-(0[1-9]|1[0-2])$/.exec(s.trim());
  return m ? { year: Number(m[1]), month: Number(m[2]) } : undefined;
}

/** {2026, 11} → "2026-11". */
export function formatYearMonth(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}

/** The month before. */
export function previousMonth(ym: YearMonth): YearMonth {
  return ym.month === 1 ? { year: ym.year - 1, month: 12 } : { year: ym.year, month: ym.month - 1 };
}

/** The month `now` falls in, in `timeZone`. */
export function monthOf(now: number, timeZone: string): YearMonth {
  const p = localParts(now, timeZone);
  return { year: p.year, month: p.month };
}

/** "November 2026". */
export function monthName(ym: YearMonth): string {
  return `${MONTHS[ym.month - 1]} ${ym.year}`;
}

/**
 * A calendar month in `timeZone`: from local midnight on the 1st to local midnight on the 1st of the next month,
 * cut at `now` while the month is still running ("November 2026 so far"). Undefined for a month that has not begun.
 */
export function monthPeriod(ym: YearMonth, timeZone: string, now: number): SlaPeriod | undefined {
  const start = startOfLocalDay(ym.year, ym.month, 1, timeZone);
  const fullEnd = startOfLocalDay(ym.year, ym.month + 1, 1, timeZone);
  if (now <= start) {
    return undefined;
  }
  const end = Math.min(fullEnd, Math.floor(now));
  const running = end < fullEnd;
  return {
    kind: 'month',
    start,
    end,
    rangeSeconds: Math.max(1, end - start),
    label: running ? `${monthName(ym)} so far` : monthName(ym),
  };
}
