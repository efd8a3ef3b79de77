// Every PromQL query the overview page issues, built from the org's settings only. Pure: no Grafana imports, so
// the integration test and the benchmark run exactly these strings against a real Prometheus.
import type { AppSettings } from '../settings/types';
import { VLLM_GENERATION_HANDLERS } from '../sla/recipes';
import { type Matcher, regexAlternatives, selector, withLabel } from './promql';

/** Label the page adds to each part of a combined query so one request can feed several panels. */
export const SIGNAL_LABEL = 'sovgrid_signal';
/** Rate window of every counter on the page. */
export const RATE_WINDOW = '5m';

export type SignalId =
  | 'throughput'
  | 'failedShare'
  | 'abortShare'
  | 'lengthShare'
  | 'queueWaiting'
  | 'running'
  | 'kvCache'
  | 'ttftP95'
  | 'itlP95'
  | 'queueP95'
  | 'preemptions'
  | 'prefixCacheHit'
  | 'sparkCpu'
  | 'sparkMemory'
  | 'sparkDisk'
  | 'gpuUtil'
  | 'gpuTemp'
  | 'gpuPower'
  | 'gpuMemory'
  | 'gpuXid'
  | 'vpsUp'
  | 'vpsCpu'
  | 'vpsMemory'
  | 'vpsDisk'
  | 'mcpRate'
  | 'mcpErrorShare'
  | 'mcpP95'
  | 'lnChainSynced'
  | 'lnGraphSynced'
  | 'lnActiveChannels'
  | 'lnInactiveChannels'
  | 'lnOutgoingSats'
  | 'lnInactiveSats'
  | 'lnPeers'
  | 'alertsFiring'
  | 'alertsPending'
  | 'alertList'
  | 'coverage';

/** One question the page answers: its stand-alone PromQL (the Explore link) and how its series are named. */
export interface Signal {
  id: SignalId;
  expr: string;
  /** Grafana legend template, e.g. `{{model_name}}`. */
  legend: string;
  /** For trends: the query without the "no traffic" marker (a line at -1 would read as a value). */
  trendExpr?: string;
}

/** The value a headline shows as "No traffic": the series exist but nothing was requested in the window. */
export const NO_TRAFFIC = -1;

/** One query target of the page: several signals combined into one request. */
export interface QueryTarget {
  refId: string;
  signals: Signal[];
  /** The PromQL actually sent: the signals' queries, each tagged with `SIGNAL_LABEL`, joined by `or`. */
  expr: string;
  /** Instant queries feed the headline numbers (value at the end of the range); range queries the trends. */
  instant: boolean;
  format: 'time_series' | 'table';
}

export interface QueryOptions {
  /**
   * Regex for the host label on rows spanning several hosts. The scene passes `$host` (Grafana interpolates the
   * variable, regex-escaped); tests pass a plain regex. Undefined: no host filter.
   */
  hostPattern?: string;
}

// Filesystems that are not disks: their "fullness" is noise on a worst-disk panel.
const PSEUDO_FS = 'tmpfs|devtmpfs|ramfs|overlay|squashfs|nsfs|fuse\\..*|efivarfs|autofs';

function job(name: string): Matcher {
  return ['job', '=', name];
}

function hostMatchers(s: AppSettings, o: QueryOptions): Matcher[] {
  // Instance labels usually carry a port (`spark:9100`, `spark:9400`): the host variable holds the host part.
  return o.hostPattern ? [[s.labels.host, '=~', `(${o.hostPattern})(:[0-9]+)?`]] : [];
}

/**
 * A share (0–1) of `total` that is 0 when requests flow but none is in `part`, `NO_TRAFFIC` when the series exist
 * but nothing was requested (never NaN), and No data when the series do not exist. `part` and `total` must carry the
 * same labels (both grouped alike).
 */
function share(part: string, total: string): Pick<Signal, 'expr' | 'trendExpr'> {
  const ratio = `(${part} or (0 * ${total})) / (${total} > 0)`;
  return { expr: `${ratio} or ${idle(total)}`, trendExpr: ratio };
}

/** `NO_TRAFFIC` where `total` is 0: the comparison keeps those series (value 0), minus 1. */
function idle(total: string): string {
  return `(${total} == 0) - 1`;
}

/**
 * A histogram's quantile with `NO_TRAFFIC` for an idle window (histogram_quantile answers NaN there, which `>= 0`
 * drops). `by` groups both the buckets and the idle test.
 */
function quantile(q: number, histogram: string, m: Matcher[], by: string[]): Pick<Signal, 'expr' | 'trendExpr'> {
  const group = by.length ? `by (${by.join(', ')}) ` : '';
  const buckets = `sum by (${[...by, 'le'].join(', ')}) (rate(${selector(`${histogram}_bucket`, m)}[${RATE_WINDOW}]))`;
  const hq = `histogram_quantile(${q}, ${buckets})`;
  const count = `sum ${group}(rate(${selector(`${histogram}_count`, m)}[${RATE_WINDOW}]))`;
  return { expr: `(${hq} >= 0) or ${idle(count)}`, trendExpr: hq };
}

/** vLLM's text-generation handlers (see src/sla/recipes.ts): the requests the engine finishes. */
const GENERATION_HANDLERS: Matcher = ['handler', '=~', VLLM_GENERATION_HANDLERS];

/**
 * Failed and aborted shares of the vLLM row. HTTP counts come from prometheus-fastapi-instrumentator (mounted by
 * vllm/entrypoints/openai/api_server.py mount_metrics: `status` grouped to 2xx/4xx/5xx); finished requests from
 * vllm/v1/metrics/loggers.py PrometheusStatLogger (`finished_reason` ∈ stop, length, abort, error, repetition).
 */
function requestOutcomeSignals(s: AppSettings, m: Matcher[]): Signal[] {
  const http = s.metrics.slaHttpRequests;
  const finished = s.metrics.slaSuccessCounter;
  const rate = (sel: string) => `sum(rate(${sel}[${RATE_WINDOW}]))`;
  const gen: Matcher[] = [...m, GENERATION_HANDLERS];
  const all = rate(selector(http, gen));
  const ok = rate(selector(http, [...gen, ['status', '=~', '2..']]));
  const finishedAll = rate(selector(finished, m));
  // "error" is a failure even after a streamed 200 (vllm/v1/engine/__init__.py FinishReason: always a 500).
  const failed = `(${rate(selector(http, [...gen, ['status', '=~', '5..']]))} or vector(0)) + (${rate(
    selector(finished, [...m, ['finished_reason', '=', 'error']])
  )} or vector(0))`;
  // vLLM does not count aborts in request_success_total (vllm issue #31503), but an abandoned request is still a 2xx
  // to the instrumentator (with_cancellation returns None; a stream already sent its 200): the 2xx that never
  // finished are the aborts. The counted ones are added for a vLLM that counts them (then the difference is ~0).
  const counted = `(${rate(selector(finished, [...m, ['finished_reason', '=', 'abort']]))} or vector(0))`;
  const aborted = `(${counted} + clamp_min(${ok} - (${finishedAll} or vector(0)), 0))`;
  return [
    { id: 'failedShare', ...share(`(${failed})`, all), legend: 'failed share' },
    { id: 'abortShare', ...share(aborted, ok), legend: 'aborted share' },
  ];
}

/** The engine signals an operator of vLLM watches, per model (`model_name`, from --served-model-name). */
function engineSignals(s: AppSettings, m: Matcher[]): Signal[] {
  const finished = s.metrics.slaSuccessCounter;
  const byModel = (expr: string) => `sum by (model_name) (${expr})`;
  const rate = (metric: string, extra: Matcher[] = []) => `rate(${selector(metric, [...m, ...extra])}[${RATE_WINDOW}])`;
  const legend = '{{model_name}}';
  // ITL was `time_per_output_token` before vLLM 0.11; `or` keeps the new name where a server exposes both.
  const itl = quantile(0.95, 'vllm:inter_token_latency_seconds', m, ['model_name']);
  const tpot = quantile(0.95, 'vllm:time_per_output_token_seconds', m, ['model_name']);
  const hits = `${byModel(rate('vllm:prefix_cache_hits_total'))} or ${byModel(rate('vllm:gpu_prefix_cache_hits_total'))}`;
  const queries = `(${byModel(rate('vllm:prefix_cache_queries_total'))} or ${byModel(rate('vllm:gpu_prefix_cache_queries_total'))})`;
  return [
    {
      id: 'lengthShare',
      ...share(byModel(rate(finished, [['finished_reason', '=', 'length']])), byModel(rate(finished))),
      legend,
    },
    { id: 'ttftP95', ...quantile(0.95, 'vllm:time_to_first_token_seconds', m, ['model_name']), legend },
    { id: 'itlP95', expr: `${itl.expr} or ${tpot.expr}`, trendExpr: `${itl.trendExpr} or ${tpot.trendExpr}`, legend },
    { id: 'queueP95', ...quantile(0.95, 'vllm:request_queue_time_seconds', m, ['model_name']), legend },
    {
      id: 'preemptions',
      expr: byModel(`increase(${selector('vllm:num_preemptions_total', m)}[${RATE_WINDOW}])`),
      legend,
    },
    { id: 'prefixCacheHit', ...share(`(${hits})`, queries), legend },
  ];
}

/**
 * Tokens per second per model. A model that finished nothing and runs nothing is idle, not slow: `NO_TRAFFIC`
 * instead of a red 0 (a model that runs requests but generates nothing stays a red 0).
 */
function throughputSignal(s: AppSettings, m: Matcher[]): Signal {
  const thr = `sum by (model_name) (rate(${selector('vllm:generation_tokens_total', m)}[${RATE_WINDOW}]))`;
  const finished = `sum by (model_name) (rate(${selector(s.metrics.slaSuccessCounter, m)}[${RATE_WINDOW}]))`;
  const running = `sum by (model_name) (${selector('vllm:num_requests_running', m)})`;
  const idleModels = `((${finished} == 0) and on (model_name) (${running} == 0))`;
  return {
    id: 'throughput',
    expr: `(${thr} unless on (model_name) ${idleModels}) or ${idleModels} - 1`,
    trendExpr: thr,
    legend: '{{model_name}}',
  };
}

function inferenceSignals(s: AppSettings): Signal[] {
  const m: Matcher[] = [job(s.jobs.vllm)];
  return [
    throughputSignal(s, m),
    ...requestOutcomeSignals(s, m),
    {
      id: 'queueWaiting',
      expr: `sum by (model_name) (${selector('vllm:num_requests_waiting', m)})`,
      legend: '{{model_name}}',
    },
    {
      id: 'running',
      expr: `sum by (model_name) (${selector('vllm:num_requests_running', m)})`,
      legend: '{{model_name}}',
    },
    {
      // vLLM renamed gpu_cache_usage_perc to kv_cache_usage_perc; `or` takes the new name where both exist.
      id: 'kvCache',
      expr: `max by (model_name) (${selector('vllm:kv_cache_usage_perc', m)} or ${selector('vllm:gpu_cache_usage_perc', m)})`,
      legend: '{{model_name}}',
    },
    ...engineSignals(s, m),
  ];
}

/** CPU busy, memory used and worst disk used (ratios 0–1) of one node_exporter job, per host. */
function nodeSignals(s: AppSettings, jobName: string, o: QueryOptions, ids: [SignalId, SignalId, SignalId]): Signal[] {
  const m: Matcher[] = [job(jobName), ...hostMatchers(s, o)];
  const by = `by (${s.labels.host})`;
  const fs: Matcher[] = [...m, ['fstype', '!~', PSEUDO_FS]];
  const legend = `{{${s.labels.host}}}`;
  return [
    {
      id: ids[0],
      expr: `1 - avg ${by} (rate(${selector('node_cpu_seconds_total', [...m, ['mode', '=', 'idle']])}[${RATE_WINDOW}]))`,
      legend,
    },
    {
      id: ids[1],
      expr: `1 - sum ${by} (${selector('node_memory_MemAvailable_bytes', m)}) / sum ${by} (${selector('node_memory_MemTotal_bytes', m)})`,
      legend,
    },
    {
      id: ids[2],
      expr: `max ${by} (1 - ${selector('node_filesystem_avail_bytes', fs)} / ${selector('node_filesystem_size_bytes', fs)})`,
      legend,
    },
  ];
}

function gpuSignals(s: AppSettings, o: QueryOptions): Signal[] {
  const m: Matcher[] = [job(s.jobs.dcgm), ...hostMatchers(s, o)];
  const by = `by (${s.labels.host})`;
  const legend = `{{${s.labels.host}}}`;
  const used = `sum ${by} (${selector('DCGM_FI_DEV_FB_USED', m)})`;
  const free = `sum ${by} (${selector('DCGM_FI_DEV_FB_FREE', m)})`;
  // dcgm-exporter etc/default-counters.csv exports FB_USED, FB_FREE and FB_RESERVED (MiB); the card is their sum and
  // reserved memory is not free. Exporters from before FB_RESERVED count it inside FB_USED: 0 keeps them right.
  const reserved = `(sum ${by} (${selector('DCGM_FI_DEV_FB_RESERVED', m)}) or 0 * ${used})`;
  return [
    { id: 'gpuUtil', expr: `avg ${by} (${selector('DCGM_FI_DEV_GPU_UTIL', m)})`, legend },
    { id: 'gpuTemp', expr: `max ${by} (${selector('DCGM_FI_DEV_GPU_TEMP', m)})`, legend },
    { id: 'gpuPower', expr: `sum ${by} (${selector('DCGM_FI_DEV_POWER_USAGE', m)})`, legend },
    // Unified memory (DGX Spark) has no FB_* fields: this stays empty and the panel says so. Never `or vector(0)`.
    { id: 'gpuMemory', expr: `1 - ${free} / (${used} + ${free} + ${reserved})`, legend },
    // DCGM_FI_DEV_XID_ERRORS is a gauge holding the last XID code (default-counters.csv), not a count: never sum it.
    { id: 'gpuXid', expr: `max ${by} (${selector('DCGM_FI_DEV_XID_ERRORS', m)})`, legend },
  ];
}

function vpsSignals(s: AppSettings, o: QueryOptions): Signal[] {
  const m: Matcher[] = [job(s.jobs.nodeFloki), ...hostMatchers(s, o)];
  return [
    { id: 'vpsUp', expr: `min by (${s.labels.host}) (${selector('up', m)})`, legend: `{{${s.labels.host}}}` },
    ...nodeSignals(s, s.jobs.nodeFloki, o, ['vpsCpu', 'vpsMemory', 'vpsDisk']),
  ];
}

function mcpSignals(s: AppSettings, o: QueryOptions): Signal[] {
  const m: Matcher[] = [job(s.jobs.mcp), ...hostMatchers(s, o)];
  // prometheus-fastapi-instrumentator metrics.py default(): `status` is on http_requests_total only; the latency
  // histograms carry handler and method (lowr, buckets 0.1/0.5/1 s) or nothing (highr, up to 60 s).
  const c = s.metrics.mcpRequestCounter;
  const total = `sum(rate(${selector(c, m)}[${RATE_WINDOW}]))`;
  const errors = `sum(rate(${selector(c, [...m, ['status', '=~', '5..']])}[${RATE_WINDOW}]))`;
  return [
    { id: 'mcpRate', expr: total, legend: 'requests/s' },
    { id: 'mcpErrorShare', ...share(errors, total), legend: '5xx share' },
    { id: 'mcpP95', ...quantile(0.95, s.metrics.mcpLatencyHistogram, m, []), legend: 'p95' },
  ];
}

function lightningSignals(s: AppSettings, o: QueryOptions): Signal[] {
  const m: Matcher[] = [job(s.jobs.lightning), ...hostMatchers(s, o)];
  const one = (id: SignalId, agg: 'min' | 'sum', metric: string, legend: string): Signal => ({
    id,
    expr: `${agg}(${selector(metric, m)})`,
    legend,
  });
  // lndmon collectors/channels_collector.go Collect: one bandwidth series per channel, {chan_id,status,initiator,peer}
  // with status "active" or "inactive"; only an active channel's local balance can be spent.
  const outgoing = 'lnd_channels_bandwidth_outgoing_sat';
  // No channel in a state is 0 sats there (while lndmon reports channels at all), not No data.
  const byStatus = (id: SignalId, status: string, legend: string): Signal => ({
    id,
    expr: `sum(${selector(outgoing, [...m, ['status', '=', status]])}) or 0 * sum(${selector(outgoing, m)})`,
    legend,
  });
  return [
    one('lnChainSynced', 'min', 'lnd_chain_synced', 'chain'),
    one('lnGraphSynced', 'min', 'lnd_graph_synced', 'graph'),
    one('lnActiveChannels', 'sum', 'lnd_channels_active_total', 'active'),
    one('lnInactiveChannels', 'sum', 'lnd_channels_inactive_total', 'inactive'),
    byStatus('lnOutgoingSats', 'active', 'outgoing'),
    byStatus('lnInactiveSats', 'inactive', 'stuck in inactive channels'),
    one('lnPeers', 'sum', 'lnd_peer_count', 'peers'),
  ];
}

function alertSignals(): Signal[] {
  // Zero alerts is a true zero when Prometheus answers (ALERTS only holds active alerts), so `or vector(0)` is
  // honest here, unlike for a metric an exporter might not expose.
  const count = (state: string) => `count(${selector('ALERTS', [['alertstate', '=', state]])}) or vector(0)`;
  return [
    { id: 'alertsFiring', expr: count('firing'), legend: 'firing' },
    { id: 'alertsPending', expr: count('pending'), legend: 'pending' },
  ];
}

/**
 * Scrape coverage per expected job: 1 = every target up, 0 = some target down, -1 = not scraped at all (absent
 * from `up`: the blind spot). Undefined when no job is expected.
 */
export function coverageExpr(s: AppSettings): string | undefined {
  const jobs = s.jobs.expected;
  if (jobs.length === 0) {
    return undefined;
  }
  const present = `min by (job) (${selector('up', [['job', '=~', regexAlternatives(jobs)]])})`;
  const absent = jobs.map((j) => `-absent(${selector('up', [job(j)])})`);
  return [present, ...absent].join(' or ');
}

/** Meaning of the coverage query's values. */
export const COVERAGE = { up: 1, down: 0, notScraped: -1 } as const;

function tagged(sig: Signal, trend: boolean): string {
  return withLabel(trend ? (sig.trendExpr ?? sig.expr) : sig.expr, SIGNAL_LABEL, sig.id);
}

/**
 * The signals' queries joined into one: each part tagged with its signal id so panels can pick their series. Trends
 * (range queries) use each signal's trend query.
 */
export function combineSignals(signals: Signal[], trend = false): string {
  return signals.map((sig) => (signals.length > 1 ? `(${tagged(sig, trend)})` : tagged(sig, trend))).join(' or ');
}

function target(refId: string, signals: Signal[], instant: boolean, format: QueryTarget['format'] = 'time_series') {
  return { refId, signals, expr: combineSignals(signals, !instant), instant, format };
}

/** Every signal of the page by id (the stand-alone query of each panel). */
export function overviewSignals(s: AppSettings, o: QueryOptions = {}): Record<SignalId, Signal> {
  const all = [
    ...inferenceSignals(s),
    ...nodeSignals(s, s.jobs.nodeSpark, o, ['sparkCpu', 'sparkMemory', 'sparkDisk']),
    ...gpuSignals(s, o),
    ...vpsSignals(s, o),
    ...mcpSignals(s, o),
    ...lightningSignals(s, o),
    ...alertSignals(),
    { id: 'alertList' as const, expr: 'ALERTS', legend: '{{alertname}}' },
    { id: 'coverage' as const, expr: coverageExpr(s) ?? '', legend: '{{job}}' },
  ];
  return Object.fromEntries(all.map((sig) => [sig.id, sig])) as Record<SignalId, Signal>;
}

/** Reference ids of the page's query targets. */
export const TARGETS = {
  inference: 'inference',
  inferenceTrend: 'inferenceTrend',
  spark: 'spark',
  sparkTrend: 'sparkTrend',
  vps: 'vps',
  mcp: 'mcp',
  mcpTrend: 'mcpTrend',
  lightning: 'lightning',
  alerts: 'alerts',
  alertList: 'alertList',
  coverage: 'coverage',
} as const;

/**
 * The page's query plan: the Prometheus queries it sends on first load. Headline numbers use instant queries
 * (the value now, never a stale last sample); trends use range queries. Coverage is left out when no job is
 * expected.
 */
export function overviewTargets(s: AppSettings, o: QueryOptions = {}): QueryTarget[] {
  const sig = overviewSignals(s, o);
  const ids = (...list: SignalId[]) => list.map((id) => sig[id]);
  const targets: QueryTarget[] = [
    target(
      TARGETS.inference,
      ids(
        'throughput',
        'failedShare',
        'abortShare',
        'lengthShare',
        'queueWaiting',
        'running',
        'kvCache',
        'ttftP95',
        'itlP95',
        'queueP95',
        'preemptions',
        'prefixCacheHit'
      ),
      true
    ),
    target(TARGETS.inferenceTrend, ids('throughput', 'kvCache', 'ttftP95', 'itlP95'), false),
    target(
      TARGETS.spark,
      ids('sparkCpu', 'sparkMemory', 'sparkDisk', 'gpuUtil', 'gpuTemp', 'gpuPower', 'gpuMemory', 'gpuXid'),
      true
    ),
    target(TARGETS.sparkTrend, ids('sparkCpu', 'sparkMemory', 'sparkDisk', 'gpuUtil'), false),
    target(TARGETS.vps, ids('vpsUp', 'vpsCpu', 'vpsMemory', 'vpsDisk'), true),
    target(TARGETS.mcp, ids('mcpRate', 'mcpErrorShare', 'mcpP95'), true),
    target(TARGETS.mcpTrend, ids('mcpRate', 'mcpP95'), false),
    target(
      TARGETS.lightning,
      ids(
        'lnChainSynced',
        'lnGraphSynced',
        'lnActiveChannels',
        'lnInactiveChannels',
        'lnOutgoingSats',
        'lnInactiveSats',
        'lnPeers'
      ),
      true
    ),
    target(TARGETS.alerts, ids('alertsFiring', 'alertsPending'), true),
    target(TARGETS.alertList, ids('alertList'), true, 'table'),
  ];
  if (sig.coverage.expr) {
    targets.push(target(TARGETS.coverage, ids('coverage'), true));
  }
  return targets;
}

/** Jobs whose hosts the `host` variable lists: the rows that span several hosts. */
export function hostVariableJobs(s: AppSettings): string[] {
  return [s.jobs.nodeSpark, s.jobs.dcgm, s.jobs.nodeFloki, s.jobs.mcp, s.jobs.lightning];
}

/** The `host` variable's query (Grafana's `label_values`), over `up` of the host-spanning jobs. */
export function hostVariableQuery(s: AppSettings): string {
  return `label_values(${selector('up', [['job', '=~', regexAlternatives(hostVariableJobs(s))]])}, ${s.labels.host})`;
}

/** Keeps the host part of `host:port` label values, so exporters on one machine collapse into one option. */
export const HOST_VARIABLE_REGEX = '/^([^:]+)/';

/** Requests besides the PromQL targets on first load: host variable, rules API (actions), annotations API. */
export const FIRST_LOAD_OTHER_REQUESTS = ['hostVariable', 'rulesApi', 'incidentAnnotations'] as const;

/** Number of requests the page sends on first load (budget: fewer than 20). */
export function firstLoadRequestCount(s: AppSettings): number {
  return overviewTargets(s).length + FIRST_LOAD_OTHER_REQUESTS.length;
}
