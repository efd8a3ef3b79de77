/** Where the app runs: the operator's own org, or a customer's org that sees only its service levels. */
export type AppMode = 'operator' | 'tenant';

/** Scrape job names of the stack, as they appear in the `job` label. */
export interface JobNames {
  vllm: string;
  nodeSpark: string;
  nodeMgmt: string;
  nodeFloki: string;
  mcp: string;
  lightning: string;
  dcgm: string;
  alertmanager: string;
  /** Jobs that must be scraped; one absent from `up` is a coverage blind spot. */
  expected: string[];
}

/** Per-model override of the throughput thresholds (tokens/s). */
export interface ThroughputThreshold {
  red: number;
  green: number;
}

/** A "more is worse" level pair: yellow from `yellow`, red from `red`. */
export interface Band {
  yellow: number;
  red: number;
}

/**
 * Levels of the vLLM panels that depend on the model and the hardware (no universal value exists). Latencies are
 * seconds of the 95th percentile; `lengthShare` is the share of answers cut at max_tokens; `preemptionsPer5m` counts
 * preemptions in five minutes.
 */
export interface VllmThresholds {
  ttftP95Seconds: Band;
  itlP95Seconds: Band;
  queueP95Seconds: Band;
  lengthShare: Band;
  preemptionsPer5m: Band;
}

export interface Thresholds {
  /** Below this generation throughput (tokens/s) the inference row is red. */
  throughputRed: number;
  /** At or above this the inference row is green; between the two, yellow. */
  throughputGreen: number;
  /** Keyed by `model_name`; falls back to the two values above. */
  throughputByModel: Record<string, ThroughputThreshold>;
  /** KV-cache usage ratio (0–1) above which latency spikes. */
  kvCacheCritical: number;
  /** Filesystem used ratio (0–1) considered critical. */
  diskCritical: number;
  /** Outgoing channel balance (sats) below which channels need rebalancing. */
  lightningRebalanceSats: number;
  /** The vLLM panels' levels (TTFT, ITL, queue time, `length` share, preemptions). */
  vllm: VllmThresholds;
}

export interface SlaSettings {
  /** Latency percentile shown to the customer, 0–1 exclusive (0.95 = p95). */
  latencyPercentile: number;
  latencyTargetSeconds: number;
  /** Availability objective, 0–1 exclusive (1.0 leaves no error budget). */
  availabilityObjective: number;
  windowDays: number;
  /** IANA time zone of the org's calendar: months and days of the SLA page and the monthly report start at its midnight. */
  timeZone: string;
}

export interface ReviewSettings {
  /** Annotation that carries the concrete step to take. */
  actionAnnotation: string;
  intervalWeeks: number;
  smsBudgetPerHour: number;
  phoneSeverities: string[];
  emailSeverities: string[];
}

export interface VllmSettings {
  /** Base URL of the OpenAI-compatible server, reached only through the plugin proxy route. */
  url: string;
  /** Empty means the first model `/v1/models` serves. */
  model: string;
  timeoutSeconds: number;
  maxPromptTokens: number;
}

/** Metric names that differ between deployments. */
export interface MetricNames {
  /** Histogram (base name, without `_bucket`) of the MCP server's request latency. */
  mcpLatencyHistogram: string;
  /** Histogram (base name) of end-to-end request latency used for the latency SLI. */
  slaLatencyHistogram: string;
  /** Counter of finished requests with a `finished_reason` label. */
  slaSuccessCounter: string;
  /** HTTP request counter with a `status` label (`2xx`, `5xx`…). */
  slaHttpRequests: string;
  /** The MCP server's request counter with a `status` label (prometheus-fastapi-instrumentator: `http_requests_total`). */
  mcpRequestCounter: string;
}

/**
 * Where per-customer request series come from (README "Pointing the plugin at a real stack"):
 * - `tenant-label`: one vLLM (or served model) per customer, a `tenant` label added at scrape time;
 * - `traefik`: a Traefik router per customer (`traefik_router_*`, the router name carries the customer);
 * - `litellm`: a LiteLLM team per customer (`litellm_proxy_*`, the team alias carries the customer);
 * - `route-label`: any gateway whose request counter and latency histogram carry a route or consumer label.
 */
export type SliRecipeId = 'tenant-label' | 'traefik' | 'litellm' | 'route-label';

export interface SliSettings {
  recipe: SliRecipeId;
  /** Label naming the customer on the gateway's series; '' = the recipe's own (router, team_alias). */
  routeLabel: string;
  /** RE2 regex matched against the whole label value, with one capture group: the tenant id. '' = the recipe's. */
  routePattern: string;
  /** `route-label` only: the request counter, its status label and the regex of failed statuses. */
  requestCounter: string;
  statusLabel: string;
  errorStatusPattern: string;
  /** `route-label` only: the latency histogram (base name). */
  latencyHistogram: string;
}

export interface TriageSettings {
  /** Lines fetched from Loki at most; more are cut with a visible note. */
  maxLines: number;
  /** Drain similarity threshold (0–1). */
  similarity: number;
  /** Most templates kept; least recently used ones are evicted. */
  maxClusters: number;
}

/** Everything the app stores in `jsonData`, per org. Secrets are never here (see `SECURE_KEYS`). */
export interface AppSettings {
  mode: AppMode;
  tenant: { id: string; name: string };
  /**
   * `historyUid`: the long-term history (VictoriaMetrics, Prometheus-type data source; '' = none). Windows of 14 days
   * or more, and windows older than Prometheus keeps, are read from it; in a tenant org it must be that tenant's
   * label-enforcing proxy. It may be the same data source as `prometheusUid` (a tenant behind vmauth reads everything
   * from VictoriaMetrics).
   */
  datasources: { prometheusUid: string; lokiUid: string; historyUid?: string };
  labels: { tenant: string; host: string; unit: string; level: string };
  jobs: JobNames;
  thresholds: Thresholds;
  sla: SlaSettings;
  review: ReviewSettings;
  vllm: VllmSettings;
  metrics: MetricNames;
  triage: TriageSettings;
  /** The per-customer SLI recipe the recording rules and the service-level page follow. */
  sli: SliSettings;
}

/** A problem found while parsing settings: the dotted field path and what is wrong with it. */
export interface SettingsProblem {
  field: string;
  message: string;
}

export interface ParsedSettings {
  settings: AppSettings;
  problems: SettingsProblem[];
  /** False when nothing says what this org is (never saved, no mode, unreadable): show only the set-up page. */
  configured: boolean;
}

/** Keys of `secureJsonData`; the browser only learns whether they are set. */
export const SECURE_KEYS = { vllmApiKey: 'vllmApiKey' } as const;
