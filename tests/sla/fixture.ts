// Customers' traffic as numbers (requests, failures, latency per step), and the series each SLI recipe's source
// exports for it, shaped exactly as that exporter's source emits them. Tests sum the numbers for any window to know
// what the page must say, and backfill the series into a real Prometheus.
import { KNOWN_HISTOGRAM_BOUNDS } from '../../src/exporters/histograms';
import { defaultSettings } from '../../src/settings/defaults';
import type { AppSettings, SliRecipeId } from '../../src/settings/types';
import { type Anchors, bucketShares, histogramQuantile, pythonLe } from '../helpers/histogram';
import type { MetricFamily } from '../helpers/openmetrics';

/** Latency distributions (seconds → cumulative share), linear between anchors as histogram_quantile assumes. */
export const FAST: Anchors = [
  [0.5, 0.3],
  [1, 0.8],
  [2.5, 0.99],
  [5, 0.998],
  [10, 1],
];
export const SLOW: Anchors = [
  [0.5, 0.03],
  [1, 0.2],
  [2.5, 0.55],
  [5, 0.7],
  [10, 0.97],
  [20, 1],
];

/** Traffic of one tenant at time t: requests per second, share of them failing, latency distribution. */
export type Profile = (t: number) => { rps: number; errorShare: number; shape: Anchors };

export interface TenantFixture {
  id: string;
  profile: Profile;
  /** Times at which the process restarts: every counter starts again from this step's increment. */
  resets?: number[];
  /** Without a latency histogram (a tenant whose series exist but never served anything). */
  noHistogram?: boolean;
}

/**
 * What happened in one step. Half the failures are 5xx answers (the engine died: never finished), half failed
 * after a streamed 200 (vLLM finishes them with "error"; a gateway sees a 200).
 */
export interface Increments {
  t: number;
  requests: number;
  http5xx: number;
  streamed: number;
  anchors: Anchors;
}

/** Per-step increments of every tenant. */
export function traffic(tenants: TenantFixture[], ts: number[]): Record<string, Increments[]> {
  const out: Record<string, Increments[]> = {};
  for (const tenant of tenants) {
    out[tenant.id] = ts.map((t, i) => {
      const step = i === 0 ? 0 : t - ts[i - 1];
      const p = tenant.profile(t);
      const n = p.rps * step;
      return { t, requests: n, http5xx: (n * p.errorShare) / 2, streamed: (n * p.errorShare) / 2, anchors: p.shape };
    });
  }
  return out;
}

/** One exporter's view of the traffic: its series, and what its recipe counts. */
export interface ExporterShape {
  recipe: SliRecipeId;
  bounds: readonly number[];
  /** The settings that pick this recipe. */
  settings(base?: AppSettings): AppSettings;
  families(tenants: TenantFixture[], inc: Record<string, Increments[]>, ts: number[]): MetricFamily[];
  /** Requests the recipe counts as failed, and requests its latency histogram observed. */
  errorsSeen(x: Increments): number;
  observed(x: Increments): number;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** A counter's samples from per-step increments, starting again from 0 at each reset. */
function counter(tenant: TenantFixture, inc: Increments[], f: (x: Increments) => number): Array<[number, number]> {
  let c = 0;
  return inc.map((x) => {
    if (tenant.resets?.includes(x.t)) {
      c = 0;
    }
    c += f(x);
    // Three decimals keep the OpenMetrics text (and promtool's backfill time) small; the error is ≤ 0.0005.
    return [x.t, round3(c)];
  });
}

class Families {
  private byName = new Map<string, MetricFamily>();
  add(name: string, type: MetricFamily['type'], seriesName: string, labels: Record<string, string>, samples: Array<[number, number]>) {
    const f = this.byName.get(name) ?? { name, type, series: [] };
    this.byName.set(name, f);
    f.series.push({ labels, samples, seriesName });
  }
  /** A histogram's buckets (cumulative over `bounds`, then +Inf) and count, observing `observed` per step. */
  histogram(
    name: string,
    bounds: readonly number[],
    le: (b: number) => string,
    tenant: TenantFixture,
    inc: Increments[],
    labels: Record<string, string>,
    observed: (x: Increments) => number
  ) {
    [...bounds, Infinity].forEach((b, k) => {
      const share = (x: Increments) => bucketShares(bounds, x.anchors)[k];
      const l = { ...labels, le: b === Infinity ? '+Inf' : le(b) };
      this.add(name, 'histogram', `${name}_bucket`, l, counter(tenant, inc, (x) => observed(x) * share(x)));
    });
    this.add(name, 'histogram', `${name}_count`, labels, counter(tenant, inc, observed));
  }
  all(): MetricFamily[] {
    return [...this.byName.values()];
  }
}

/** Go's strconv.FormatFloat(b, 'g', -1, 64), how client_golang (Traefik) prints bounds: 0.3, 1, 5. */
const goLe = (b: number) => String(b);

const withRecipe = (recipe: SliRecipeId, patch: Partial<AppSettings['sli']> = {}) => (base = defaultSettings()) => ({
  ...base,
  sli: { ...base.sli, recipe, ...patch },
});

/**
 * One vLLM per customer, tenant label added at scrape time: prometheus-fastapi-instrumentator's http_requests_total
 * {handler, method, status grouped to Nxx} and vllm/v1/metrics/loggers.py PrometheusStatLogger (model_name, engine;
 * e2e latency observed for finished requests only; every finish reason pre-created).
 */
export const VLLM_TENANT_LABEL: ExporterShape = {
  recipe: 'tenant-label',
  bounds: KNOWN_HISTOGRAM_BOUNDS['vllm:e2e_request_latency_seconds'],
  settings: withRecipe('tenant-label'),
  errorsSeen: (x) => x.http5xx + x.streamed,
  observed: (x) => x.requests - x.http5xx,
  families(tenants, inc, ts) {
    const f = new Families();
    for (const tenant of tenants) {
      const i = inc[tenant.id];
      const http = { tenant: tenant.id, handler: '/v1/chat/completions', method: 'POST' };
      f.add('http_requests_total', 'counter', 'http_requests_total', { ...http, status: '2xx' }, counter(tenant, i, (x) => x.requests - x.http5xx));
      f.add('http_requests_total', 'counter', 'http_requests_total', { ...http, status: '5xx' }, counter(tenant, i, (x) => x.http5xx));
      // SDKs list models all the time: never a failure, never part of the SLI.
      f.add('http_requests_total', 'counter', 'http_requests_total', { ...http, handler: '/v1/models', method: 'GET', status: '2xx' }, counter(tenant, i, (x) => x.requests * 3));
      const engine = { tenant: tenant.id, model_name: 'qwen3-32b', engine: '0' };
      const reasons: Record<string, (x: Increments) => number> = {
        stop: (x) => x.requests - x.http5xx - x.streamed,
        length: () => 0,
        abort: () => 0,
        error: (x) => x.streamed,
        repetition: () => 0,
      };
      for (const [reason, fn] of Object.entries(reasons)) {
        f.add('vllm:request_success', 'counter', 'vllm:request_success_total', { ...engine, finished_reason: reason }, counter(tenant, i, fn));
      }
      if (!tenant.noHistogram) {
        f.histogram('vllm:e2e_request_latency_seconds', this.bounds, pythonLe, tenant, i, engine, this.observed);
      }
    }
    // The operator's own vLLM, without a tenant label and failing badly: never in a tenant's numbers.
    f.add('http_requests_total', 'counter', 'http_requests_total', { handler: '/v1/chat/completions', method: 'POST', status: '5xx' }, ts.map((t, k) => [t, k * 1000]));
    return f.all();
  },
};

/** The dev stack's Traefik buckets (provisioning/traefik/traefik.yml): vLLM's request-latency bounds up to 120 s. */
export const TRAEFIK_BUCKETS = [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120];

/**
 * Traefik pkg/metrics/prometheus.go initStandardRegistry: traefik_router_requests_total{code,method,protocol,router,
 * service} (code is the numeric status; a streamed failure is a 200) and the duration histogram of every request.
 */
export const TRAEFIK: ExporterShape = {
  recipe: 'traefik',
  bounds: TRAEFIK_BUCKETS,
  settings: withRecipe('traefik'),
  errorsSeen: (x) => x.http5xx,
  observed: (x) => x.requests,
  families(tenants, inc, ts) {
    const f = new Families();
    for (const tenant of tenants) {
      const i = inc[tenant.id];
      const base = { method: 'POST', protocol: 'http', router: `tenant-${tenant.id}@file`, service: 'inference@file' };
      f.add('traefik_router_requests', 'counter', 'traefik_router_requests_total', { ...base, code: '200' }, counter(tenant, i, (x) => x.requests - x.http5xx));
      f.add('traefik_router_requests', 'counter', 'traefik_router_requests_total', { ...base, code: '502' }, counter(tenant, i, (x) => x.http5xx));
      // One histogram per code label: split the observations the way the counters are split.
      const ok = (x: Increments) => x.requests - x.http5xx;
      f.histogram('traefik_router_request_duration_seconds', this.bounds, goLe, tenant, i, { ...base, code: '200' }, ok);
      f.histogram('traefik_router_request_duration_seconds', this.bounds, goLe, tenant, i, { ...base, code: '502' }, (x) => x.http5xx);
    }
    // Traefik's own dashboard router, busy and failing: not a customer.
    f.add('traefik_router_requests', 'counter', 'traefik_router_requests_total', { code: '500', method: 'GET', protocol: 'http', router: 'dashboard@internal', service: 'api@internal' }, ts.map((t, k) => [t, k * 1000]));
    return f.all();
  },
};

/**
 * LiteLLM litellm/integrations/prometheus.py PrometheusLogger (labels: litellm/types/integrations/prometheus.py
 * PrometheusMetricLabels; prometheus_client adds `_total`): every proxied request in total_requests, failures in
 * failed_requests with the upstream status; latency over LATENCY_BUCKETS.
 */
export const LITELLM: ExporterShape = {
  recipe: 'litellm',
  bounds: KNOWN_HISTOGRAM_BOUNDS.litellm_request_total_latency_metric,
  settings: withRecipe('litellm'),
  errorsSeen: (x) => x.http5xx,
  observed: (x) => x.requests,
  families(tenants, inc, ts) {
    const f = new Families();
    for (const tenant of tenants) {
      const i = inc[tenant.id];
      const key = { end_user: '', hashed_api_key: `h-${tenant.id}`, api_key_alias: `${tenant.id}-prod`, requested_model: 'qwen3-32b', team: `team-${tenant.id}`, team_alias: tenant.id, user: '' };
      f.add('litellm_proxy_total_requests_metric', 'counter', 'litellm_proxy_total_requests_metric_total', { ...key, status_code: '200' }, counter(tenant, i, (x) => x.requests - x.http5xx));
      f.add('litellm_proxy_total_requests_metric', 'counter', 'litellm_proxy_total_requests_metric_total', { ...key, status_code: '500' }, counter(tenant, i, (x) => x.http5xx));
      f.add('litellm_proxy_failed_requests_metric', 'counter', 'litellm_proxy_failed_requests_metric_total', { ...key, exception_status: '500', exception_class: 'InternalServerError' }, counter(tenant, i, (x) => x.http5xx));
      f.histogram('litellm_request_total_latency_metric', this.bounds, pythonLe, tenant, i, { ...key, model: 'hosted_vllm/qwen3-32b' }, this.observed);
    }
    // Keys without a team: the operator's scripts.
    f.add('litellm_proxy_total_requests_metric', 'counter', 'litellm_proxy_total_requests_metric_total', { end_user: '', hashed_api_key: 'ops', api_key_alias: 'ops', requested_model: 'qwen3-32b', team: '', team_alias: '', user: 'admin', status_code: '500' }, ts.map((t, k) => [t, k * 1000]));
    return f.all();
  },
};

/** A gateway of the operator's own with a consumer label (the generic "route-label" recipe, custom settings). */
export const ROUTE_LABEL: ExporterShape = {
  recipe: 'route-label',
  bounds: TRAEFIK_BUCKETS,
  settings: withRecipe('route-label', {
    routeLabel: 'consumer',
    routePattern: 'cust-(.+)',
    requestCounter: 'gateway_requests_total',
    statusLabel: 'code',
    errorStatusPattern: '5..',
    latencyHistogram: 'gateway_request_duration_seconds',
  }),
  errorsSeen: (x) => x.http5xx,
  observed: (x) => x.requests,
  families(tenants, inc) {
    const f = new Families();
    for (const tenant of tenants) {
      const i = inc[tenant.id];
      const base = { consumer: `cust-${tenant.id}` };
      f.add('gateway_requests', 'counter', 'gateway_requests_total', { ...base, code: '200' }, counter(tenant, i, (x) => x.requests - x.http5xx));
      f.add('gateway_requests', 'counter', 'gateway_requests_total', { ...base, code: '503' }, counter(tenant, i, (x) => x.http5xx));
      f.histogram('gateway_request_duration_seconds', this.bounds, goLe, tenant, i, base, this.observed);
    }
    return f.all();
  },
};

export interface Window {
  requests: number;
  errors: number;
  /** Cumulative latency buckets at the shape's bounds, then +Inf. */
  buckets: number[];
}

function windowOf(shape: ExporterShape, inc: Increments[], from: number, to: number): Window {
  let requests = 0;
  let errors = 0;
  const buckets = [...shape.bounds, Infinity].map(() => 0);
  for (const x of inc) {
    if (x.t > from && x.t <= to) {
      requests += x.requests;
      errors += shape.errorsSeen(x);
      const shares = bucketShares(shape.bounds, x.anchors);
      shares.forEach((v, k) => (buckets[k] += shape.observed(x) * v));
    }
  }
  return { requests, errors, buckets };
}

/**
 * What a recipe saw over (from, to]: requests, failures, and cumulative latency buckets at the shape's bounds.
 * Without a shape: the vLLM (tenant-label) one.
 */
export function sumWindow(...args: [ExporterShape, Increments[], number, number] | [Increments[], number, number]): Window {
  return args.length === 3 ? windowOf(VLLM_TENANT_LABEL, ...args) : windowOf(...args);
}

/** The quantile histogram_quantile gives for cumulative buckets at the shape's bounds (without a shape: vLLM's). */
export function expectedQuantile(...args: [ExporterShape, number, number[]] | [number, number[]]): number {
  return args.length === 2 ? histogramQuantile(args[0], VLLM_TENANT_LABEL.bounds, args[1]) : histogramQuantile(args[1], args[0].bounds, args[2]);
}

/** Series (vLLM tenant-label shape) and increments of `tenants` at `ts`. */
export interface Generated {
  families: MetricFamily[];
  increments: Record<string, Increments[]>;
}

/** The vLLM tenant-label shape of the traffic, with the per-step numbers behind it. */
export function generate(tenants: TenantFixture[], ts: number[]): Generated {
  const increments = traffic(tenants, ts);
  return { families: VLLM_TENANT_LABEL.families(tenants, increments, ts), increments };
}
