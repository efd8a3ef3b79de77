import { retentionDays, retentionFromFlags, retentionFromRuntimeInfo } from './retention';

// Answers recorded from Debian's Prometheus 2.42 started with the flags named in each case
// (tests/history/retention-prometheus.test.ts asks the real binary again).
const runtime = (storageRetention: unknown) => ({ status: 'success', data: { storageRetention, CWD: '/' } });
const flags = (time: string, size = '0B', old = '0s') => ({
  status: 'success',
  data: { 'storage.tsdb.retention': old, 'storage.tsdb.retention.size': size, 'storage.tsdb.retention.time': time },
});

describe('retention from runtimeinfo', () => {
  it.each([
    ['15d', 15 * 86400], // no retention flags: the default
    ['2w', 14 * 86400], // --storage.tsdb.retention.time=14d
    ['20d', 20 * 86400], // deprecated --storage.tsdb.retention=20d
    ['2w or 1GiB', 14 * 86400], // time and size: the time bounds how far back
    ['1y', 365 * 86400],
  ])('%s', (text, seconds) => {
    expect(retentionFromRuntimeInfo(runtime(text))).toEqual({ kind: 'time', seconds, text });
  });

  it('size-only retention says how far back is not known', () => {
    const r = retentionFromRuntimeInfo(runtime('1GiB'));
    expect(r.kind).toBe('unknown');
    expect(r.kind === 'unknown' && r.why).toMatch(/by size only \("1GiB"\)/);
  });

  it.each([[null], [{}], [{ data: {} }], [{ data: { storageRetention: 14 } }], ['14d']])(
    'an answer without the field is unknown: %j',
    (body) => {
      expect(retentionFromRuntimeInfo(body).kind).toBe('unknown');
    }
  );
});

describe('retention from flags', () => {
  it('reads the time flag', () => {
    expect(retentionFromFlags(flags('2w'))).toMatchObject({ kind: 'time', seconds: 14 * 86400 });
  });
  it('falls back to the deprecated flag', () => {
    expect(retentionFromFlags(flags('0s', '0B', '20d'))).toMatchObject({ kind: 'time', seconds: 20 * 86400 });
  });
  it('nothing set is the 15-day default', () => {
    expect(retentionFromFlags(flags('0s'))).toMatchObject({ kind: 'time', seconds: 15 * 86400 });
  });
  it('size only is unknown', () => {
    expect(retentionFromFlags(flags('0s', '1GiB')).kind).toBe('unknown');
  });
  it('not a flags answer is unknown', () => {
    expect(retentionFromFlags({ status: 'error' }).kind).toBe('unknown');
  });
});

it('says retention in days or hours', () => {
  expect(retentionDays(14 * 86400)).toBe('14 days');
  expect(retentionDays(86400)).toBe('1 day');
  expect(retentionDays(36 * 3600)).toBe('36 hours');
});
