import { HISTORY_MIN_WINDOW_SECONDS, route, type StorePlan } from './routing';

const DAY = 86400;
const now = 1_800_000_000;
const days = (n: number): StorePlan['retention'] => ({ kind: 'time', seconds: n * DAY, text: `${n}d` });

describe('route', () => {
  const withHistory: StorePlan = { history: true, retention: days(14) };
  const promOnly: StorePlan = { history: false, retention: days(14) };

  it('sends windows of 14 days or more to the history', () => {
    expect(route(withHistory, now - HISTORY_MIN_WINDOW_SECONDS, now, now)).toEqual({ ok: true, store: 'history' });
    expect(route(withHistory, now - 30 * DAY, now, now)).toEqual({ ok: true, store: 'history' });
  });

  it('keeps short recent windows on Prometheus', () => {
    expect(route(withHistory, now - 3 * DAY, now, now)).toEqual({ ok: true, store: 'prometheus' });
    expect(route(withHistory, now - 300, now, now)).toEqual({ ok: true, store: 'prometheus' });
  });

  it('sends short windows older than Prometheus reaches to the history (a day of last year)', () => {
    expect(route(withHistory, now - 300 * DAY, now - 299 * DAY, now)).toEqual({ ok: true, store: 'history' });
  });

  it('with a long Prometheus retention still sends ≥ 14-day windows to the history', () => {
    expect(route({ history: true, retention: days(90) }, now - 30 * DAY, now, now).ok && 'history').toBe('history');
  });

  it('without a history refuses what Prometheus cannot cover whole', () => {
    const r = route(promOnly, now - 30 * DAY, now, now);
    expect(r).toEqual({
      ok: false,
      reason: 'Prometheus keeps 14 days of data here, and no history data source is configured',
    });
    expect(route(promOnly, now - 14 * DAY, now, now)).toEqual({ ok: true, store: 'prometheus' });
  });

  it('without a history and with a long retention answers long windows from Prometheus', () => {
    expect(route({ history: false, retention: days(40) }, now - 30 * DAY, now, now)).toEqual({
      ok: true,
      store: 'prometheus',
    });
  });

  it('an unreadable retention trusts only 14 days', () => {
    const plan: StorePlan = { history: false, retention: { kind: 'unknown', why: 'HTTP 404' } };
    expect(route(plan, now - 3 * DAY, now, now).ok).toBe(true);
    const r = route(plan, now - 30 * DAY, now, now);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/could not be read \(HTTP 404\).*only the last 14 days are trusted/);
  });
});
