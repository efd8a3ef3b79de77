import {
  CONFIGURABLE_BOUNDS,
  knownBounds,
  risingThresholdReachable,
  topFiniteBound,
  type RisingOp,
} from '../../exporters/histograms';
import { analyzeExpr } from '../promql';
import type { CheckId, ReviewRule } from '../types';
import { finding, quote, type Check, type CheckContext } from './check';

const ID: CheckId = 'histogram/threshold-unreachable';

/** Histogram base name → finite bucket bounds, read from a live server (`count by (le) (<name>_bucket)`). */
export type LiveBounds = ReadonlyMap<string, readonly number[]>;

/** `(x)` → `x`, as long as the outer parentheses enclose the whole text. */
function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && closingParen(t, 0) === t.length - 1) {
    t = t.slice(1, -1).trim();
  }
  return t;
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    if (depth === 0) {
      return i;
    }
  }
  return -1;
}

/** The bucket series of `side` when it is exactly one `histogram_quantile(...)` call (no arithmetic around it). */
function quantileBuckets(side: string): string[] {
  const t = unwrap(side);
  const open = t.indexOf('(');
  if (!t.startsWith('histogram_quantile') || t.slice(0, open).trim() !== 'histogram_quantile') {
    return [];
  }
  if (closingParen(t, open) !== t.length - 1) {
    return [];
  }
  return analyzeExpr(t).metrics.filter((m) => m.endsWith('_bucket'));
}

interface Ceiling {
  metric: string;
  top: number;
  /** Where the bounds come from: the live server, or the exporter's source (fixed or only a default). */
  from: 'live' | 'fixed' | 'default';
}

function ceilingOf(bucketSeries: string, live: LiveBounds | undefined): Ceiling | undefined {
  const base = bucketSeries.slice(0, -'_bucket'.length);
  const liveBounds = live?.get(base);
  const bounds = liveBounds ?? knownBounds(base);
  const top = bounds ? topFiniteBound(bounds) : undefined;
  if (top === undefined) {
    return undefined;
  }
  return { metric: base, top, from: liveBounds ? 'live' : CONFIGURABLE_BOUNDS.has(base) ? 'default' : 'fixed' };
}

function isRising(op: string): op is RisingOp {
  return op === '>' || op === '>=';
}

function unreachable(rule: ReviewRule, ctx: CheckContext, live: LiveBounds | undefined) {
  const analysis = ctx.analysis(rule);
  if (!analysis || analysis.syntaxError) {
    return undefined;
  }
  for (const c of analysis.comparisons) {
    if (!isRising(c.op)) {
      continue;
    }
    for (const series of quantileBuckets(c.side)) {
      const ceiling = ceilingOf(series, live);
      if (ceiling && !risingThresholdReachable(c.op, c.value, ceiling.top)) {
        return { comparison: c, ceiling };
      }
    }
  }
  return undefined;
}

const SOURCE: Record<Ceiling['from'], string> = {
  live: 'bucket bounds read from the data source',
  fixed: "bucket bounds fixed in the exporter's source",
  default: "the exporter's default bucket bounds (configurable: check yours)",
};

/**
 * `histogram/threshold-unreachable`: a rule compares `histogram_quantile(...)` with a threshold at or above the
 * histogram's largest finite bucket. Prometheus never answers more than that bound, so the rule can never fire. With
 * `live` bounds (read from the data source) the verdict is about the series that exist; without, the bounds come
 * from the exporters' source (src/exporters/histograms.ts).
 */
export function histogramThresholdCheck(live?: LiveBounds): Check {
  return {
    id: ID,
    title: 'Quantile threshold above the largest bucket',
    run(rule, ctx) {
      const hit = unreachable(rule, ctx, live);
      if (!hit) {
        return undefined;
      }
      const { comparison: c, ceiling } = hit;
      const what = rule.kind === 'alerting' ? 'the rule can never fire' : 'the comparison never holds';
      return finding(
        ID,
        ceiling.from === 'default' ? 'warning' : 'bug',
        `A quantile of ${ceiling.metric} is compared ${c.op} ${c.value}, but it never exceeds the largest bucket (${ceiling.top}): ${what}.`,
        [
          `comparison: ${quote(`${c.side} ${c.op} ${c.value}`, 200)}`,
          `largest finite bucket of ${ceiling.metric}: le="${ceiling.top}" (${SOURCE[ceiling.from]})`,
          'histogram_quantile answers that bound when the quantile falls in the +Inf bucket, never more',
        ],
        `Lower the threshold below ${ceiling.top}, or give ${ceiling.metric} buckets above it (exporter setting), or alert on the share of requests slower than the target (the rate of its le bucket over the total).`
      );
    },
  };
}

/** The check with the exporters' bucket bounds from their source (no data source at hand). */
export const histogramThresholdUnreachable: Check = histogramThresholdCheck();
