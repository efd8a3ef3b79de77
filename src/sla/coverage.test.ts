import { defaultSettings, type AppSettings } from '../settings';
import type { StorePlan } from '../history/routing';
import { pageCoverage, shortenedText, storesUsed, unavailableText } from './coverage';

const DAY = 86400;
// 2026-11-20 12:00 UTC: the calendar month so far is 19.5 days.
const now = Date.UTC(2026, 10, 20, 12) / 1000;
const settings: AppSettings = { ...defaultSettings(), mode: 'tenant', tenant: { id: 'acme', name: 'Acme' } };
const days = (n: number): StorePlan['retention'] => ({ kind: 'time', seconds: n * DAY, text: `${n}d` });

describe('pageCoverage', () => {
  it('with a history: the 30-day, month, budget and 90 daily bars come from it; the burn windows from Prometheus', () => {
    const c = pageCoverage(settings, { history: true, retention: days(14) }, now);
    expect(c.rolling).toEqual({ ok: true, store: 'history' });
    expect(c.month).toEqual({ ok: true, store: 'history' });
    expect(c.budget).toEqual({ ok: true, store: 'history' });
    expect(c.daily).toEqual({ ok: true, store: 'history', days: 90 });
    expect(c.burn).toEqual({ ok: true, store: 'prometheus' });
    expect(storesUsed(c)).toEqual(new Set(['history', 'prometheus']));
  });

  it('Prometheus keeping 14 days, no history: the 30-day window and the month past 14 days cannot be shown', () => {
    const c = pageCoverage(settings, { history: false, retention: days(14) }, now);
    expect(c.rolling.ok).toBe(false);
    expect(c.month.ok).toBe(false);
    expect(!c.rolling.ok && c.rolling.reason).toBe(
      'Prometheus keeps 14 days of data here, and no history data source is configured'
    );
    // Each budget point reads 30 days back: none of them can be drawn from 14.
    expect(c.budget.ok).toBe(false);
    // The bars Prometheus holds whole: 13 days (each bar reads its own day back), shown as such.
    expect(c.daily).toEqual({ ok: true, store: 'prometheus', from: now - 13 * DAY, days: 14 });
    expect(c.burn).toEqual({ ok: true, store: 'prometheus' });
    expect(storesUsed(c)).toEqual(new Set(['prometheus']));
  });

  it('early in the month, the month fits in 14 days and is shown from Prometheus (negative control)', () => {
    const early = Date.UTC(2026, 10, 5) / 1000;
    const c = pageCoverage(settings, { history: false, retention: days(14) }, early);
    expect(c.month).toEqual({ ok: true, store: 'prometheus' });
    expect(c.rolling.ok).toBe(false);
  });

  it('a Prometheus keeping 120 days covers everything without a history', () => {
    const c = pageCoverage(settings, { history: false, retention: days(120) }, now);
    expect([c.rolling, c.month, c.budget, c.burn].every((r) => r.ok && r.store === 'prometheus')).toBe(true);
    expect(c.daily).toEqual({ ok: true, store: 'prometheus', days: 90 });
  });

  it('an unreadable retention trusts the stack design minimum of 14 days', () => {
    const c = pageCoverage(settings, { history: false, retention: { kind: 'unknown', why: 'status API hidden' } }, now);
    expect(c.rolling.ok).toBe(false);
    expect(!c.rolling.ok && c.rolling.reason).toMatch(
      /could not be read \(status API hidden\).*only the last 14 days are trusted/
    );
  });
});

describe('texts', () => {
  it('say what is missing, why and what to do, for the customer and the operator', () => {
    expect(unavailableText('The last 30 days', 'Prometheus keeps 14 days', 'tenant')).toBe(
      'The last 30 days cannot be shown: Prometheus keeps 14 days. Ask your provider for the long-term history.'
    );
    expect(unavailableText('x', 'y', 'operator')).toMatch(/Configure a history data source \(VictoriaMetrics\)/);
    expect(shortenedText('Availability per day', now - 13 * DAY, { history: false, retention: days(14) })).toBe(
      'Availability per day: shown from 2026-11-07 only, since Prometheus keeps 14 days here and no history data source is configured.'
    );
  });
});
