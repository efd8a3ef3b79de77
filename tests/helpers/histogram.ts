/**
 * Latency distributions for fixtures, on an exporter's real bucket bounds. A distribution is given by anchor points
 * (seconds → cumulative share) and is linear between them, the same assumption `histogram_quantile` makes inside a
 * bucket; with anchors on bucket bounds the quantile the fixture implies is exact.
 */
export type Anchors = Array<[seconds: number, share: number]>;

/** Cumulative share at `x` for a distribution linear between anchors (0 before the first, 1 after the last). */
export function cdf(anchors: Anchors, x: number): number {
  let prev: [number, number] = [0, 0];
  for (const a of anchors) {
    if (x <= a[0]) {
      return prev[1] + (a[1] - prev[1]) * ((x - prev[0]) / (a[0] - prev[0] || 1));
    }
    prev = a;
  }
  return 1;
}

/** Cumulative shares at each finite bound, then 1 for +Inf. */
export function bucketShares(bounds: readonly number[], anchors: Anchors): number[] {
  return [...bounds.map((b) => cdf(anchors, b)), 1];
}

/** Prometheus' histogram_quantile over cumulative counts at `bounds` (+Inf last), 2.42 semantics. */
export function histogramQuantile(q: number, bounds: readonly number[], cumulative: number[]): number {
  const total = cumulative[cumulative.length - 1];
  if (!(total > 0)) {
    return NaN;
  }
  const rank = q * total;
  for (let k = 0; k < cumulative.length; k++) {
    if (cumulative[k] >= rank) {
      if (k === bounds.length) {
        // The rank is in the +Inf bucket: Prometheus answers the largest finite bound.
        return bounds[bounds.length - 1];
      }
      const lowerLe = k === 0 ? 0 : bounds[k - 1];
      const lowerCount = k === 0 ? 0 : cumulative[k - 1];
      return lowerLe + (bounds[k] - lowerLe) * ((rank - lowerCount) / (cumulative[k] - lowerCount));
    }
  }
  return NaN;
}

/** The label value Prometheus client libraries print for a bound (Python's float repr: 1.0, 0.3, 2560.0). */
export function pythonLe(b: number): string {
  return Number.isInteger(b) ? `${b}.0` : String(b);
}
