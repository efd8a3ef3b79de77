import type { StorePlan } from '../history/routing';
import { monthPeriod } from '../sla/windows';
import { periodUnavailable, routedReportSource } from './stores';
import type { ReportDataSource } from './types';

const DAY = 86400;
const now = Date.UTC(2026, 10, 20) / 1000;

function recording(name: string, asked: string[]): ReportDataSource {
  return { instant: async (expr) => (asked.push(`${name}:${expr}`), [{ labels: {}, value: 1 }]) };
}

describe('the report routes each window like the page', () => {
  const plan: StorePlan = { history: true, retention: { kind: 'time', seconds: 14 * DAY, text: '2w' } };

  it('long and old windows go to the history, short recent ones to Prometheus', async () => {
    const asked: string[] = [];
    const src = routedReportSource(recording('prom', asked), { plan, history: recording('hist', asked) }, now);
    await src.instant('month', now, now - 20 * DAY);
    await src.instant('burn', now, now - 3600);
    await src.instant('old day', now - 200 * DAY, now - 201 * DAY);
    expect(asked).toEqual(['hist:month', 'prom:burn', 'hist:old day']);
  });

  it('without a history, a window Prometheus lacks is refused with the reason, never asked', async () => {
    const asked: string[] = [];
    const promOnly: StorePlan = { ...plan, history: false };
    const src = routedReportSource(recording('prom', asked), { plan: promOnly }, now);
    await expect(src.instant('month', now, now - 20 * DAY)).rejects.toThrow(/keeps 14 days/);
    expect(asked).toEqual([]);
    const october = monthPeriod({ year: 2026, month: 10 }, 'UTC', now)!;
    expect(periodUnavailable({ plan: promOnly }, october, now)).toMatch(/Prometheus keeps 14 days of data here/);
    const november = monthPeriod({ year: 2026, month: 11 }, 'UTC', Date.UTC(2026, 10, 10) / 1000)!;
    expect(periodUnavailable({ plan: promOnly }, november, Date.UTC(2026, 10, 10) / 1000)).toBeUndefined();
  });
});
