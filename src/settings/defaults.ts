import type { AppSettings } from './types';

/** The stack's scrape jobs, in the order the overview shows them. */
export const DEFAULT_JOBS = {
  vllm: 'vllm_inference',
  nodeSpark: 'node_spark',
  nodeMgmt: 'node_mgmt',
  nodeFloki: 'node_floki',
  mcp: 'mcp_server',
  lightning: 'lightning',
  dcgm: 'dcgm',
  alertmanager: 'alertmanager',
} as const;

/** Settings of a freshly installed app: an operator org of the reference stack. */
export function defaultSettings(): AppSettings {
  return {
    mode: 'operator',
    tenant: { id: '', name: '' },
    datasources: { prometheusUid: '', lokiUid: '', historyUid: '' },
    labels: { tenant: 'tenant', host: 'instance', unit: 'unit', level: 'level' },
    jobs: { ...DEFAULT_JOBS, expected: Object.values(DEFAULT_JOBS) },
    thresholds: {
      throughputRed: 20,
      throughputGreen: 50,
      throughputByModel: {},
      kvCacheCritical: 0.9,
      diskCritical: 0.9,
      lightningRebalanceSats: 1_000_000,
      vllm: {
        ttftP95Seconds: { yellow: 2, red: 10 },
        itlP95Seconds: { yellow: 0.1, red: 0.25 },
        queueP95Seconds: { yellow: 1, red: 10 },
        lengthShare: { yellow: 0.1, red: 0.3 },
        preemptionsPer5m: { yellow: 1, red: 20 },
      },
    },
    sla: { latencyPercentile: 0.95, latencyTargetSeconds: 5, availabilityObjective: 0.999, windowDays: 30, timeZone: 'UTC' },
    review: {
      actionAnnotation: 'action',
      intervalWeeks: 6,
      smsBudgetPerHour: 4,
      phoneSeverities: ['critical'],
      emailSeverities: ['warning', 'info'],
    },
    vllm: { url: '', model: '', timeoutSeconds: 60, maxPromptTokens: 3000 },
    metrics: {
      mcpLatencyHistogram: 'http_request_duration_highr_seconds',
      slaLatencyHistogram: 'vllm:e2e_request_latency_seconds',
      slaSuccessCounter: 'vllm:request_success_total',
      slaHttpRequests: 'http_requests_total',
      mcpRequestCounter: 'http_requests_total',
    },
    triage: { maxLines: 5000, similarity: 0.4, maxClusters: 5000 },
    sli: {
      recipe: 'tenant-label',
      routeLabel: '',
      routePattern: '',
      requestCounter: 'http_requests_total',
      statusLabel: 'status',
      errorStatusPattern: '5..',
      latencyHistogram: 'http_request_duration_seconds',
    },
  };
}
