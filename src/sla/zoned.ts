/**
 * Calendar arithmetic in an IANA time zone with nothing but `Intl` (no library, no node:*): the instant of a local
 * midnight, and the local date of an instant. Pure; runs in the browser, Jest and the command line alike.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `tz` is a time zone name this runtime knows ("UTC", "Europe/Berlin"…). */
export function isTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '' || tz.length > 64) {
    return false;
  }
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock date and time in `timeZone` at Unix second `t`. */
export function localParts(t: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t * 1000))) {
    if (p.type !== 'literal') {
      parts[p.type] = Number(p.value);
    }
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Offset of `timeZone` from UTC at Unix second `t`, in seconds (Berlin in summer: +7200). */
export function offsetSeconds(t: number, timeZone: string): number {
  const p = localParts(Math.floor(t), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000;
  return asUtc - Math.floor(t);
}

/**
 * The first Unix second at which the wall clock in `timeZone` shows the given date at or after 00:00. Month and
 * day may overflow (month 13 is January of the next year), as with `Date.UTC`. Where a time-zone change skips
 * midnight (some zones move clocks at 00:00), the day starts at the first instant that exists.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day) / 1000;
  // Two passes settle the offset: the guess uses the offset near the wall time, the second the one at the result.
  let t = wall - offsetSeconds(wall, timeZone);
  t = wall - offsetSeconds(t, timeZone);
  const p = localParts(t, timeZone);
  const shown = Date.UTC(p.year, p.month - 1, p.day) / 1000;
  if (shown < wall) {
    // The clock jumped over midnight: 00:00 does not exist that day; step to the first hour that does.
    for (let h = 1; h <= 3; h++) {
      const next = t + h * 3600;
      const q = localParts(next, timeZone);
      if (Date.UTC(q.year, q.month - 1, q.day) / 1000 === wall) {
        return next - q.minute * 60 - q.second;
      }
    }
  }
  return t;
}
