import { parseDuration } from '../rules/duration';
import { isObj, own, str } from '../shared/narrow';

/**
 * How far back a Prometheus keeps samples, read from its own status API. Pure: the page reads the answer through
 * Grafana, the report CLI straight from Prometheus, tests from a real Prometheus 2.42.
 */
export type Retention =
  | { kind: 'time'; seconds: number; text: string }
  /**
   * Size-only retention ("1GiB"), or a status API the path does not pass: how far back the data reaches is not known.
   * `unreachable`: nothing answered at all (the store is down), which no routing can make up for.
   */
  | { kind: 'unknown'; why: string; unreachable?: boolean };

/** Prometheus' default when neither a time nor a size retention is set (cmd/prometheus/main.go defaultRetentionDuration). */
export const PROMETHEUS_DEFAULT_RETENTION_SECONDS = 15 * 86400;

/**
 * `data.storageRetention` of `GET /api/v1/status/runtimeinfo`. Prometheus 2.42 writes the time and/or size limit it
 * enforces: "15d" (the default), "2w", "1GiB", "2w or 1GiB" (web/api/v1/api.go runtimeInfo, set from
 * cmd/prometheus/main.go). Only a time limit bounds how far back the data reaches.
 */
export function retentionFromRuntimeInfo(body: unknown): Retention {
  const text = storageRetentionOf(body);
  if (text === undefined) {
    return { kind: 'unknown', why: 'the answer has no data.storageRetention: is this Prometheus?' };
  }
  const time = text
    .split(/\s+or\s+/)
    .map((part) => parseDuration(part))
    .find((s): s is number => s !== undefined && s > 0);
  if (time === undefined) {
    return {
      kind: 'unknown',
      why: `Prometheus keeps data by size only ("${text}"), so how far back it reaches is not known`,
    };
  }
  return { kind: 'time', seconds: time, text };
}

/** The `data.storageRetention` text of a runtimeinfo answer, if it has one. */
export function storageRetentionOf(body: unknown): string | undefined {
  return str(own(own(body, 'data'), 'storageRetention'));
}

/**
 * `data` of `GET /api/v1/status/flags`: `storage.tsdb.retention.time`, else the deprecated
 * `storage.tsdb.retention`; both "0s" with no size limit mean the 15-day default.
 */
export function retentionFromFlags(body: unknown): Retention {
  const data = own(body, 'data');
  if (!isObj(data)) {
    return { kind: 'unknown', why: 'the answer has no data: is this Prometheus?' };
  }
  const flag = (name: string) => parseDuration(str(own(data, name)) ?? '') ?? 0;
  const time = flag('storage.tsdb.retention.time') || flag('storage.tsdb.retention');
  if (time > 0) {
    return { kind: 'time', seconds: time, text: str(own(data, 'storage.tsdb.retention.time')) ?? `${time}s` };
  }
  const size = str(own(data, 'storage.tsdb.retention.size')) ?? '0B';
  if (size !== '0B' && size !== '') {
    return {
      kind: 'unknown',
      why: `Prometheus keeps data by size only ("${size}"), so how far back it reaches is not known`,
    };
  }
  return { kind: 'time', seconds: PROMETHEUS_DEFAULT_RETENTION_SECONDS, text: '15d' };
}

/** "14 days", "36 hours": a retention for people. */
export function retentionDays(seconds: number): string {
  if (seconds % 86400 === 0) {
    const d = seconds / 86400;
    return d === 1 ? '1 day' : `${d} days`;
  }
  const h = Math.round(seconds / 3600);
  return h === 1 ? '1 hour' : `${h} hours`;
}
