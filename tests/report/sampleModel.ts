import { buildHeadline } from '../../src/sla/headline';
import { monthPeriod } from '../../src/sla/windows';
import { daysOf } from '../../src/report/plan';
import type { DayPoint, ReportModel } from '../../src/report/types';

const targets = { objective: 0.999, latencyTargetSeconds: 5, latencyPercentile: 0.95 };

/** A hand-made model for rendering tests (numbers are arbitrary but consistent); integration tests use real data. */
export function sampleModel(over: Partial<ReportModel> = {}): ReportModel {
  const tz = 'Europe/Berlin';
  const month = { year: 2026, month: 10 };
  const period = monthPeriod(month, tz, Date.parse('2026-11-15T00:00:00Z') / 1000)!;
  const days: DayPoint[] = daysOf(period, month, tz).map((d, i) => {
    if (i === 11 || i === 12) {
      return { ...d, state: 'no-data' };
    }
    if (i === 20) {
      return { ...d, state: 'no-requests', requests: 0 };
    }
    return {
      ...d,
      state: 'ok',
      requests: 86400,
      availability: i === 16 ? 0.97 : 0.9999,
      latencySeconds: i === 16 ? 6.2 : 1.1 + (i % 3) * 0.1,
    };
  });
  const facts = {
    requests: 2_505_600,
    errors: 2650,
    latencySeconds: 1.34,
    latencyShare: { share: 0.987, interpolated: true, total: 2_505_600 },
  };
  const headline = buildHeadline(facts, targets, period.label);
  const prevFacts = { requests: 2_300_000, errors: 120, latencySeconds: 1.2 };
  const prevHeadline = buildHeadline(prevFacts, targets, 'September 2026');
  return {
    tenant: { id: 'acme', name: 'Acme Corp' },
    month,
    timeZone: tz,
    generatedAt: Date.parse('2026-11-01T06:00:00Z') / 1000,
    targets,
    source: 'raw',
    current: {
      label: period.label,
      start: period.start,
      end: period.end,
      complete: true,
      ...facts,
      availability: headline.availability,
      budget: headline.budget,
      headline,
    },
    previous: {
      label: 'September 2026',
      start: period.start - 30 * 86400,
      end: period.start,
      complete: true,
      ...prevFacts,
      availability: prevHeadline.availability,
      budget: prevHeadline.budget,
      headline: prevHeadline,
    },
    days,
    usage: { requests: facts.requests, promptTokens: 912_345_678, generationTokens: 123_456_789 },
    incidents: [
      {
        start: days[16].start + 9 * 3600,
        end: days[16].start + 11 * 3600 + 300,
        durationSeconds: 2 * 3600 + 300,
        title: 'Model server restarted after a driver fault; requests failed',
        crossesMonth: false,
      },
    ],
    ...over,
  };
}
