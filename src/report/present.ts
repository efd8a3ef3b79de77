import { formatCount, formatPercent, formatPercentile, formatSeconds } from '../sla/format';
import { monthName } from '../sla/windows';
import { localParts } from '../sla/zoned';
import type { DayPoint, Incident, PeriodSummary, ReportModel } from './types';

/**
 * The report's numbers as printed. The document and the narrator's facts both use these, so every number the
 * narrative may repeat is exactly a number on the page.
 */

/** "2026-11-03 14:05" in the report's time zone. */
export function localDateTime(t: number, timeZone: string): string {
  const p = localParts(t, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** "2 h 5 min", "45 min", "3 d 4 h": durations of incidents. */
export function formatDuration(seconds: number): string {
  const m = Math.max(0, Math.round(seconds / 60));
  if (m < 60) {
    return `${m} min`;
  }
  const h = Math.floor(m / 60);
  if (h < 48) {
    return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  }
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export function availabilityText(p: PeriodSummary | undefined): string {
  if (!p || p.requests === undefined || p.requests <= 0 || p.availability === undefined) {
    return 'No requests';
  }
  return formatPercent(p.availability);
}

export function budgetLeftText(p: PeriodSummary | undefined): string {
  const b = p?.budget;
  if (!b) {
    return 'No requests';
  }
  return b.exhausted ? `Exhausted (overspent by ${formatPercent(-b.remaining, 0)})` : formatPercent(b.remaining, 0);
}

export function budgetUsedText(p: PeriodSummary | undefined): string {
  const b = p?.budget;
  return b ? formatPercent(Math.max(0, 1 - b.remaining), 0) : 'No requests';
}

/** Failed requests the objective allows over the period, and those that happened. */
export function allowedFailuresText(m: ReportModel, p: PeriodSummary | undefined): string | undefined {
  if (!p || p.requests === undefined || p.requests <= 0) {
    return undefined;
  }
  const allowed = p.requests * (1 - m.targets.objective);
  return `${formatCount(p.errors ?? 0)} failed requests of ${formatCount(allowed)} allowed`;
}

export function latencyText(p: PeriodSummary | undefined): string {
  return p?.latencySeconds === undefined ? 'No data' : formatSeconds(p.latencySeconds);
}

export function latencyShareText(m: ReportModel, p: PeriodSummary | undefined): string {
  const s = p?.latencyShare;
  if (!s) {
    return 'No data';
  }
  const est = s.interpolated ? ' (estimated)' : '';
  return `${formatPercent(s.share, 1)} within ${formatSeconds(m.targets.latencyTargetSeconds)}${est}`;
}

export function requestsText(n: number | undefined): string {
  return n === undefined ? 'No data' : n <= 0 ? 'No requests' : formatCount(n);
}

export function tokensText(n: number | undefined): string {
  return n === undefined ? 'Not measured' : formatCount(n);
}

export function objectiveText(m: ReportModel): string {
  return formatPercent(m.targets.objective, 3);
}

export function latencyTargetText(m: ReportModel): string {
  return `${formatPercentile(m.targets.latencyPercentile)} percentile within ${formatSeconds(m.targets.latencyTargetSeconds)}`;
}

export function monthLabel(m: ReportModel): string {
  return m.current.label;
}

export function previousMonthLabel(m: ReportModel): string {
  const ym =
    m.month.month === 1 ? { year: m.month.year - 1, month: 12 } : { year: m.month.year, month: m.month.month - 1 };
  return monthName(ym);
}

/** Change in availability, in percentage points, signed: "+0.02 pp". */
export function availabilityChangeText(m: ReportModel): string | undefined {
  const a = m.current.availability;
  const b = m.previous?.availability;
  if (a === undefined || b === undefined) {
    return undefined;
  }
  const pp = Math.round((a - b) * 100 * 100) / 100;
  return `${pp > 0 ? '+' : pp < 0 ? '−' : '±'}${Math.abs(pp).toFixed(2)} pp`;
}

/** Change in requests, as a whole percentage: "+12 %". */
export function requestsChangeText(m: ReportModel): string | undefined {
  const a = m.current.requests;
  const b = m.previous?.requests;
  // Totals of months with missing days are not comparable: no change is claimed.
  if (a === undefined || b === undefined || b <= 0 || coverageText(m.current) || coverageText(m.previous)) {
    return undefined;
  }
  const pct = Math.round(((a - b) / b) * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)} %`;
}

/** Consecutive dates without data as ranges: "2026-11-12 to 2026-11-14", "2026-11-20". */
export function dayRanges(days: DayPoint[], state: DayPoint['state']): string[] {
  const out: string[] = [];
  let run: DayPoint[] = [];
  const flush = () => {
    if (run.length) {
      out.push(run.length === 1 ? run[0].date : `${run[0].date} to ${run[run.length - 1].date}`);
    }
    run = [];
  };
  for (const d of days) {
    if (d.state === state) {
      run.push(d);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

export interface IncidentRow {
  start: string;
  end: string;
  duration: string;
  title: string;
}

export function incidentRow(i: Incident, timeZone: string): IncidentRow {
  return {
    start: localDateTime(i.start, timeZone),
    end: i.end === undefined ? '—' : localDateTime(i.end, timeZone),
    duration: i.durationSeconds === undefined ? 'point in time' : formatDuration(i.durationSeconds),
    title: i.title,
  };
}

/** "data for 10 of 30 days" when a period has days without any data; undefined when every day has some. */
export function coverageText(p: PeriodSummary | undefined): string | undefined {
  const c = p?.coverage;
  if (!c || c.daysWithData >= c.days) {
    return undefined;
  }
  return `data for ${c.daysWithData} of ${c.days} days`;
}
