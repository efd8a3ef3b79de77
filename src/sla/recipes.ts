// Per-customer SLI recipes: where a one-operator stack really gets per-customer request series, and the recording
// rules that turn them into the `tenant`-labelled series the service-level page (and the monthly report) read.
// Pure: the config page shows the rules for the org's settings, the shipped rule files are this module's output for
// the default settings (a test keeps them equal), and Prometheus evaluates them in the integration tests.
import { quote, selector, type Matcher } from '../overview/promql';
import type { AppSettings, SliRecipeId } from '../settings/types';

/** Label every recorded series is keyed by (prom-label-proxy enforces it per tenant org). */
export const RECORDED_TENANT_LABEL = 'tenant';

/** Names of the recorded series: the contract with the page, the report and the long-term history. */
export const RECORDED = {
  requestsRate5m: 'sovgrid:sla_requests:rate5m',
  errorsRate5m: 'sovgrid:sla_errors:rate5m',
  latencyBucketRate5m: 'sovgrid:sla_latency_bucket:rate5m',
  errorRatio: (w: string) => `sovgrid:sla_error:ratio_rate${w}`,
} as const;

/** Name of the rule group every recipe file defines (one recipe per Prometheus). */
export const RECIPE_GROUP = 'sovgrid-sla-rates';

/**
 * vLLM's HTTP handlers that generate text. vLLM mounts prometheus-fastapi-instrumentator in
 * `vllm/entrypoints/openai/api_server.py` mount_metrics (status grouped to 2xx/4xx/5xx; /metrics, /health, /load,
 * /ping, /version excluded); GET /v1/models and the like always succeed and would only dilute the SLI.
 */
export const VLLM_GENERATION_HANDLERS = '/v1/chat/completions|/v1/completions|/v1/responses';

/** One counter (or histogram `_bucket` series) with the matchers that keep the series that count. */
export interface SeriesSource {
  metric: string;
  matchers: Matcher[];
}

export interface SliRecipe {
  id: SliRecipeId;
  title: string;
  /** The label that names the customer on the source series, and the regex whose one group is the tenant id. */
  from: { label: string; pattern: string };
  requests: SeriesSource;
  /** Failed requests: the sum of these counters. */
  errors: SeriesSource[];
  /** The latency histogram's `_bucket` series. */
  latency: SeriesSource;
  /** The source series carry the tenant label themselves, so raw queries work through a tenant's label proxy. */
  rawQueries: boolean;
  /** Why the series mean what the rules assume: exporter source file and function, one line each. */
  provenance: string[];
}

const RECIPE_TITLES: Record<SliRecipeId, string> = {
  'tenant-label': 'One vLLM (or served model) per customer, `tenant` label added at scrape time',
  traefik: 'Traefik in front of vLLM, one router per customer',
  litellm: 'LiteLLM in front of vLLM, one team per customer',
  'route-label': 'Any gateway whose request metrics carry a route or consumer label',
};

/** Default source label and pattern per recipe (settings override both). */
export const RECIPE_DEFAULTS: Record<SliRecipeId, { label: string; pattern: string }> = {
  'tenant-label': { label: 'tenant', pattern: '(.+)' },
  // Traefik names routers `<name>@<provider>` (pkg/server/aggregator.go mergeConfiguration, MakeQualifiedName):
  // routers named tenant-<id> in any provider are the customers', the others (dashboard, grafana…) are not.
  traefik: { label: 'router', pattern: 'tenant-([a-z0-9][a-z0-9_-]*)@[a-z0-9_-]+' },
  litellm: { label: 'team_alias', pattern: '(.+)' },
  'route-label': { label: 'route', pattern: '(.+)' },
};

function on(label: string, pattern: string, metric: string, extra: Matcher[] = []): SeriesSource {
  return { metric, matchers: [[label, '=~', pattern], ...extra] };
}

function tenantLabelRecipe(s: AppSettings, label: string, pattern: string): SliRecipe {
  const handlers: Matcher = ['handler', '=~', VLLM_GENERATION_HANDLERS];
  return {
    id: 'tenant-label',
    title: RECIPE_TITLES['tenant-label'],
    from: { label, pattern },
    requests: on(label, pattern, s.metrics.slaHttpRequests, [handlers]),
    errors: [
      on(label, pattern, s.metrics.slaHttpRequests, [handlers, ['status', '=~', '5..']]),
      // A failure after a streamed 200 only shows here; a non-streamed one is also a 500 above (counted twice: rare).
      on(label, pattern, s.metrics.slaSuccessCounter, [['finished_reason', '=', 'error']]),
    ],
    latency: on(label, pattern, `${s.metrics.slaLatencyHistogram}_bucket`),
    rawQueries: label === s.labels.tenant,
    provenance: [
      'http_requests_total{handler,method,status="2xx|4xx|5xx"}: prometheus-fastapi-instrumentator metrics.py default(), mounted by vllm/entrypoints/openai/api_server.py mount_metrics',
      'vllm:request_success_total{finished_reason="stop|length|abort|error|repetition"}: vllm/v1/metrics/loggers.py PrometheusStatLogger (FinishReason in vllm/v1/engine/__init__.py; "error" is always turned into a 500, after the 200 when streamed)',
      'vllm:e2e_request_latency_seconds: vllm/v1/metrics/loggers.py PrometheusStatLogger, request_latency_buckets 0.3 … 7680 s',
      'aborted requests are in neither counter (vLLM issue #31503): they do not count against availability',
    ],
  };
}

function traefikRecipe(label: string, pattern: string): SliRecipe {
  return {
    id: 'traefik',
    title: RECIPE_TITLES.traefik,
    from: { label, pattern },
    requests: on(label, pattern, 'traefik_router_requests_total'),
    errors: [on(label, pattern, 'traefik_router_requests_total', [['code', '=~', '5..']])],
    latency: on(label, pattern, 'traefik_router_request_duration_seconds_bucket'),
    rawQueries: false,
    provenance: [
      'traefik_router_requests_total{code,method,protocol,router,service} and traefik_router_request_duration_seconds: pkg/metrics/prometheus.go initStandardRegistry (needs metrics.prometheus.addRoutersLabels=true)',
      'default buckets 0.1, 0.3, 1.2, 5 s: a p95 never shows more than 5 s; set metrics.prometheus.buckets above your latency target',
      'a streamed answer is a 200 at the gateway even when vLLM fails it later; the duration includes the whole stream',
    ],
  };
}

function litellmRecipe(label: string, pattern: string): SliRecipe {
  return {
    id: 'litellm',
    title: RECIPE_TITLES.litellm,
    from: { label, pattern },
    // prometheus_client exposes a Counter named x as x_total.
    requests: on(label, pattern, 'litellm_proxy_total_requests_metric_total'),
    errors: [on(label, pattern, 'litellm_proxy_failed_requests_metric_total', [['exception_status', '=~', '5..']])],
    latency: on(label, pattern, 'litellm_request_total_latency_metric_bucket'),
    rawQueries: false,
    provenance: [
      'litellm_proxy_total_requests_metric{end_user,hashed_api_key,api_key_alias,requested_model,team,team_alias,user,status_code} and litellm_proxy_failed_requests_metric{…,exception_status,exception_class}: litellm/integrations/prometheus.py PrometheusLogger (labels in litellm/types/integrations/prometheus.py PrometheusMetricLabels)',
      'litellm_request_total_latency_metric: LATENCY_BUCKETS 0.005 … 300 s (litellm/types/integrations/prometheus.py)',
    ],
  };
}

function routeLabelRecipe(s: AppSettings, label: string, pattern: string): SliRecipe {
  const sli = s.sli;
  return {
    id: 'route-label',
    title: RECIPE_TITLES['route-label'],
    from: { label, pattern },
    requests: on(label, pattern, sli.requestCounter),
    errors: [on(label, pattern, sli.requestCounter, [[sli.statusLabel, '=~', sli.errorStatusPattern]])],
    latency: on(label, pattern, `${sli.latencyHistogram}_bucket`),
    rawQueries: label === s.labels.tenant,
    provenance: [`${sli.requestCounter}{${label},${sli.statusLabel}} and ${sli.latencyHistogram}: as configured`],
  };
}

/** The recipe the settings pick, with the settings' label and pattern (or the recipe's defaults). */
export function recipeFor(s: AppSettings): SliRecipe {
  const id = s.sli.recipe;
  // One vLLM per customer: the scrape adds the org's own tenant label.
  const label = s.sli.routeLabel || (id === 'tenant-label' ? s.labels.tenant : RECIPE_DEFAULTS[id].label);
  const pattern = s.sli.routePattern || RECIPE_DEFAULTS[id].pattern;
  switch (id) {
    case 'traefik':
      return traefikRecipe(label, pattern);
    case 'litellm':
      return litellmRecipe(label, pattern);
    case 'route-label':
      return routeLabelRecipe(s, label, pattern);
    default:
      return tenantLabelRecipe(s, label, pattern);
  }
}

/** `x` with the tenant label taken from the recipe's source label (nothing to do when it is already `tenant`). */
function withTenant(recipe: SliRecipe, expr: string): string {
  const { label, pattern } = recipe.from;
  if (label === RECORDED_TENANT_LABEL && pattern === '(.+)') {
    return expr;
  }
  return `label_replace(${expr}, ${quote(RECORDED_TENANT_LABEL)}, "$1", ${quote(label)}, ${quote(pattern)})`;
}

function rate5m(recipe: SliRecipe, src: SeriesSource, by: string): string {
  return `sum by (${by}) (${withTenant(recipe, `rate(${selector(src.metric, src.matchers)}[5m])`)})`;
}

export interface RecordingRule {
  record: string;
  expr: string;
}

/** The recipe's three per-tenant 5-minute rates: requests, failed requests, latency buckets. */
export function recipeRules(recipe: SliRecipe): RecordingRule[] {
  const requests = rate5m(recipe, recipe.requests, RECORDED_TENANT_LABEL);
  const parts = recipe.errors.map((e) => rate5m(recipe, e, RECORDED_TENANT_LABEL));
  // Several error counters: their sum where all exist, else whichever exists; no failure at all is a true 0.
  const errors = [parts.length > 1 ? `(${parts.join(' + ')})` : '', ...parts, `${requests} * 0`]
    .filter(Boolean)
    .join('\n  or\n');
  return [
    { record: RECORDED.requestsRate5m, expr: requests },
    { record: RECORDED.errorsRate5m, expr: errors },
    { record: RECORDED.latencyBucketRate5m, expr: rate5m(recipe, recipe.latency, `${RECORDED_TENANT_LABEL}, le`) },
  ];
}

function block(expr: string, indent: string): string {
  return expr
    .split('\n')
    .map((l) => `${indent}${l}`)
    .join('\n');
}

/** The recipe's rule file, as the operator copies it into Prometheus' rule_files. */
export function recipeRulesYaml(recipe: SliRecipe): string {
  const lines = [
    `# Sovgrid Ops per-customer SLI recipe "${recipe.id}": ${recipe.title}.`,
    '# Generated by src/sla/recipes.ts (the app\'s configuration page shows the same rules for its settings).',
    `# Customer = ${recipe.from.label} matching ${recipe.from.pattern} (the capture group is the tenant id).`,
    '# Load it beside sla-recording.yml, which derives the burn-window error ratios from these rates.',
    ...recipe.provenance.map((p) => `#   ${p}`),
    'groups:',
    `  - name: ${RECIPE_GROUP}`,
    '    interval: 1m',
    '    rules:',
  ];
  for (const r of recipeRules(recipe)) {
    lines.push(`      - record: ${r.record}`, '        expr: |', block(r.expr, '          '));
  }
  return `${lines.join('\n')}\n`;
}
