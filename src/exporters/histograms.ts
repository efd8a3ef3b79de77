// Finite bucket bounds of the histograms the stack's exporters emit, read from each exporter's source. A
// `histogram_quantile` over one of them never answers more than its largest finite bound (when the rank falls in
// the +Inf bucket Prometheus returns that bound), so a threshold at or above it can never be crossed.
// Pure data: the overview, the settings validation and the rule review all read it.

/** vLLM `vllm/v1/metrics/loggers.py` PrometheusStatLogger.__init__: `request_latency_buckets`. */
const VLLM_REQUEST_LATENCY = [
  0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0,
  7680.0,
];
/** vLLM `loggers.py` PrometheusStatLogger.__init__: `histogram_time_to_first_token` buckets. */
const VLLM_TTFT = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0,
  640.0, 2560.0,
];
/** vLLM `loggers.py`: `histogram_inter_token_latency` (and the deprecated `time_per_output_token`) buckets. */
const VLLM_ITL = [
  0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
];
/** prometheus-fastapi-instrumentator `metrics.py` default(): `latency_lowr_buckets`. */
const INSTRUMENTATOR_LOWR = [0.1, 0.5, 1];
/** prometheus-fastapi-instrumentator `metrics.py` default(): `latency_highr_buckets`. */
const INSTRUMENTATOR_HIGHR = [
  0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 7.5, 10, 30, 60,
];
/** Traefik `pkg/metrics/prometheus.go` initStandardRegistry: default `buckets` (overridable by `metrics.prometheus.buckets`). */
const TRAEFIK_DEFAULT = [0.1, 0.3, 1.2, 5.0];
/** LiteLLM `litellm/types/integrations/prometheus.py`: `LATENCY_BUCKETS`. */
const LITELLM_LATENCY = [
  0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5,
  8.0, 8.5, 9.0, 9.5, 10.0, 15.0, 20.0, 25.0, 30.0, 60.0, 120.0, 180.0, 240.0, 300.0,
];

/** Histogram base name (without `_bucket`) → its finite bounds, for histograms whose bounds are fixed by source. */
export const KNOWN_HISTOGRAM_BOUNDS: Readonly<Record<string, readonly number[]>> = {
  'vllm:e2e_request_latency_seconds': VLLM_REQUEST_LATENCY,
  'vllm:request_queue_time_seconds': VLLM_REQUEST_LATENCY,
  'vllm:request_inference_time_seconds': VLLM_REQUEST_LATENCY,
  'vllm:request_prefill_time_seconds': VLLM_REQUEST_LATENCY,
  'vllm:request_decode_time_seconds': VLLM_REQUEST_LATENCY,
  'vllm:time_to_first_token_seconds': VLLM_TTFT,
  'vllm:inter_token_latency_seconds': VLLM_ITL,
  'vllm:time_per_output_token_seconds': VLLM_ITL,
  http_request_duration_seconds: INSTRUMENTATOR_LOWR,
  http_request_duration_highr_seconds: INSTRUMENTATOR_HIGHR,
  traefik_router_request_duration_seconds: TRAEFIK_DEFAULT,
  traefik_service_request_duration_seconds: TRAEFIK_DEFAULT,
  traefik_entrypoint_request_duration_seconds: TRAEFIK_DEFAULT,
  litellm_request_total_latency_metric: LITELLM_LATENCY,
  litellm_llm_api_latency_metric: LITELLM_LATENCY,
};

/**
 * Histograms whose bounds above are only the exporter's default: the operator can configure others (Traefik
 * `metrics.prometheus.buckets`, the instrumentator's `latency_*_buckets`). vLLM's and LiteLLM's are fixed in code.
 */
export const CONFIGURABLE_BOUNDS: ReadonlySet<string> = new Set([
  'http_request_duration_seconds',
  'http_request_duration_highr_seconds',
  'traefik_router_request_duration_seconds',
  'traefik_service_request_duration_seconds',
  'traefik_entrypoint_request_duration_seconds',
]);

/**
 * Names Prometheus' naming conventions give many unrelated exporters: `http_request_duration_seconds` is the
 * instrumentator's (top bucket 1 s) but also the Go and Python clients' default histogram name (top 10 s), Thanos'
 * and GitLab's, each with its own buckets. Read from a rule alone, the name does not say whose buckets they are.
 */
export const SHARED_NAMES: ReadonlySet<string> = new Set(['http_request_duration_seconds']);

/** The finite bounds of a histogram given by base name or `_bucket` series name; undefined when not known. */
export function knownBounds(metric: string): readonly number[] | undefined {
  const base = metric.endsWith('_bucket') ? metric.slice(0, -'_bucket'.length) : metric;
  return Object.prototype.hasOwnProperty.call(KNOWN_HISTOGRAM_BOUNDS, base) ? KNOWN_HISTOGRAM_BOUNDS[base] : undefined;
}

/** Largest finite bound: the most `histogram_quantile` can ever answer for this histogram. */
export function topFiniteBound(bounds: readonly number[]): number | undefined {
  const finite = bounds.filter((b) => Number.isFinite(b));
  return finite.length ? Math.max(...finite) : undefined;
}

export type RisingOp = '>' | '>=';

/**
 * True when `quantile <op> threshold` can hold for a histogram whose largest finite bound is `top`. The quantile is
 * at most `top` (exactly `top` when the rank lands in the +Inf bucket), so `> top` and `>= above top` never hold.
 */
export function risingThresholdReachable(op: RisingOp, threshold: number, top: number): boolean {
  return op === '>' ? threshold < top : threshold <= top;
}

/**
 * Bounds from a live server's answer to `count by (le) (<histogram>_bucket)`: the distinct `le` values, finite ones
 * only, sorted. Prometheus prints bounds as it scraped them ("5", "5.0", "+Inf").
 */
export function boundsFromLeValues(les: Iterable<string>): number[] {
  const out = new Set<number>();
  for (const le of les) {
    const v = Number(le);
    if (le !== '+Inf' && Number.isFinite(v)) {
      out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The PromQL that asks a live server which bounds a histogram has. */
export function bucketBoundsQuery(histogram: string): string {
  const base = histogram.endsWith('_bucket') ? histogram : `${histogram}_bucket`;
  return `count by (le) (${/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(base) ? base : `{__name__=${JSON.stringify(base)}}`})`;
}

/** One series of an instant answer, as far as bounds go: its labels. */
export interface LabelledSample {
  labels: Record<string, string>;
}

/**
 * Asks a live server for the bucket bounds of each histogram (by base name) through `query`; histograms without
 * series are left out. What the rule review hands to `histogramThresholdCheck` when a data source is at hand.
 */
export async function liveBucketBounds(
  histograms: string[],
  query: (expr: string) => Promise<LabelledSample[]>
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const h of new Set(histograms.map((x) => (x.endsWith('_bucket') ? x.slice(0, -'_bucket'.length) : x)))) {
    const bounds = boundsFromLeValues((await query(bucketBoundsQuery(h))).map((s) => s.labels.le ?? ''));
    if (bounds.length) {
      out.set(h, bounds);
    }
  }
  return out;
}
