import { dateTimeFormat } from '@grafana/data';

/** Minutes as a person says them: "45 minutes", "3 hours", "16 days". */
export function humanMinutes(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 90) {
    return plural(Math.round(minutes), 'minute');
  }
  const hours = minutes / 60;
  if (hours < 36) {
    return plural(Math.round(hours), 'hour');
  }
  return plural(Math.round(hours / 24), 'day');
}

/** An ISO time in the viewer's time zone, short and unbreakable ("Jun 14 15:16:01"); the UTC text for hovers. */
export function localTime(iso: string): { text: string; utc: string } {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) {
    return { text: iso, utc: iso };
  }
  return { text: dateTimeFormat(t, { format: 'MMM D HH:mm:ss', timeZone: 'browser' }), utc: `${new Date(t).toISOString().replace('.000', '')} (UTC)` };
}
