import { humanMinutes, localTime } from './format';

describe('triage formatting', () => {
  it('says durations as a person would', () => {
    expect(humanMinutes(1)).toBe('1 minute');
    expect(humanMinutes(45)).toBe('45 minutes');
    expect(humanMinutes(360)).toBe('6 hours');
    expect(humanMinutes(23377)).toBe('16 days');
  });

  it('shows times in the viewer’s zone without a breakable hyphen, UTC for the hover', () => {
    // Jest runs with TZ=UTC, so the local text is the UTC time here.
    expect(localTime('2025-06-30T20:53:04Z')).toEqual({ text: 'Jun 30 20:53:04', utc: '2025-06-30T20:53:04Z (UTC)' });
    expect(localTime('not a time')).toEqual({ text: 'not a time', utc: 'not a time' });
  });
});
