import type { LogLine } from '../types';

/** Lines per time bucket for the most frequent templates, the rest counted together. */
export interface Timeline {
  /** Bucket start times, Unix ms, ascending. */
  times: number[];
  bucketMs: number;
  series: Array<{ name: string; counts: number[] }>;
  /** Lines that match none of the charted templates. */
  other: number[];
}

// Placeholders the miner and the masker put in templates: `<*>`, `<NUM>`, `<IP>`, `<PATH>` …
const PLACEHOLDER = /<[A-Z*_]+>/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression matching the lines a template stands for (placeholders match any text within a word). */
export function templateMatcher(template: string): RegExp {
  const words = template
    .trim()
    .split(/\s+/)
    .map((w) => w.split(PLACEHOLDER).map(escape).join('\\S*?'));
  return new RegExp(`^\\s*${words.join('\\s+')}\\s*$`);
}

const NICE_BUCKETS_MS = [60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000];

/** A bucket size that gives at most `maxBuckets` buckets over the span. */
export function bucketFor(spanMs: number, maxBuckets: number): number {
  return NICE_BUCKETS_MS.find((b) => spanMs / b <= maxBuckets) ?? Math.ceil(spanMs / maxBuckets / 86_400_000) * 86_400_000;
}

/**
 * Lines over time by template, for the chart that shows bursts. Lines are assigned to the first charted template
 * whose pattern they match; redaction or masking that changed a line's words sends it to "other".
 */
export function templateTimeline(lines: LogLine[], templates: string[], maxBuckets = 60): Timeline | undefined {
  if (lines.length === 0) {
    return undefined;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const l of lines) {
    min = Math.min(min, l.time);
    max = Math.max(max, l.time);
  }
  const bucketMs = bucketFor(Math.max(1, max - min), maxBuckets);
  const start = Math.floor(min / bucketMs) * bucketMs;
  const n = Math.floor((max - start) / bucketMs) + 1;
  const matchers = templates.map(templateMatcher);
  const series = templates.map((name) => ({ name, counts: new Array<number>(n).fill(0) }));
  const other = new Array<number>(n).fill(0);
  for (const l of lines) {
    const b = Math.floor((l.time - start) / bucketMs);
    const i = matchers.findIndex((m) => m.test(l.message));
    (i >= 0 ? series[i].counts : other)[b]++;
  }
  return { times: Array.from({ length: n }, (_, i) => start + i * bucketMs), bucketMs, series, other };
}
