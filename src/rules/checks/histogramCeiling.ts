import {
  CONFIGURABLE_BOUNDS,
  knownBounds,
  SHARED_NAMES,
  risingThresholdReachable,
  topFiniteBound,
  type RisingOp,
} from '../../exporters/histograms';
import { firingConditions, unwrap, type FiringCondition } from '../promql/firing';
import { metricsUnder } from '../promql/measure';
import type { LiteralText } from '../promql/validate';
import type { CheckId, ReviewRule } from '../types';
import { finding, quote, type Check, type CheckContext } from './check';

const ID: CheckId = 'histogram/threshold-unreachable';

/** Histogram base name → finite bucket bounds, read from a live server (`count by (le) (<name>_bucket)`). */
export type LiveBounds = ReadonlyMap<string, readonly number[]>;

interface Ceiling {
  metric: string;
  top: number;
  /** Where the bounds come from: the live server, or the exporter's source (fixed or only a default). */
  from: 'live' | 'fixed' | 'default';
}

function ceilingOf(bucketSeries: string, live: LiveBounds | undefined): Ceiling | undefined {
  const base = bucketSeries.slice(0, -'_bucket'.length);
  const liveBounds = live?.get(base);
  // Without a server to ask, a name many exporters share is not judged by one exporter's defaults.
  const bounds = liveBounds ?? (SHARED_NAMES.has(base) ? undefined : knownBounds(base));
  const top = bounds ? topFiniteBound(bounds) : undefined;
  if (top === undefined) {
    return undefined;
  }
  return { metric: base, top, from: liveBounds ? 'live' : CONFIGURABLE_BOUNDS.has(base) ? 'default' : 'fixed' };
}

function isRising(op: string): op is RisingOp {
  return op === '>' || op === '>=';
}

/** The bucket series under the measured side when it is exactly one `histogram_quantile(...)` (no arithmetic). */
function quantileBuckets(c: FiringCondition, text: LiteralText): string[] {
  const m = unwrap(c.measured);
  if (m.k !== 'call' || m.fn !== 'histogram_quantile') {
    return [];
  }
  return metricsUnder(m, text).filter((name) => name.endsWith('_bucket'));
}

function unreachable(rule: ReviewRule, ctx: CheckContext, live: LiveBounds | undefined) {
  const analysis = ctx.analysis(rule);
  if (!analysis?.ast || analysis.syntaxError) {
    return undefined;
  }
  for (const c of firingConditions(analysis.ast)) {
    if (c.threshold === undefined || !isRising(c.op)) {
      continue;
    }
    for (const series of quantileBuckets(c, analysis.text)) {
      const ceiling = ceilingOf(series, live);
      if (ceiling && !risingThresholdReachable(c.op, c.threshold, ceiling.top)) {
        return { op: c.op, threshold: c.threshold, text: analysis.text(c.comparison), ceiling };
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
      const { ceiling } = hit;
      const what = rule.kind === 'alerting' ? 'the rule can never fire' : 'the comparison never holds';
      return finding(
        ID,
        ceiling.from === 'default' ? 'warning' : 'bug',
        `A quantile of ${ceiling.metric} is compared ${hit.op} ${hit.threshold}, but it never exceeds the largest bucket (${ceiling.top}): ${what}.`,
        [
          `comparison: ${quote(hit.text, 200)}`,
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
