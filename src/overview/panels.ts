// The page as plain data: four rows, each with its headline numbers first and its trends second. The scene
// builder turns this into VizPanels; tests read it to know which query and colour every panel has.
import type { AppSettings } from '../settings/types';
import { type SignalId, TARGETS } from './queries';
import { type Mapping, type Step, signalMappings, signalSteps, throughputSteps } from './thresholds';

export type RowId = 'inference' | 'inferenceHost' | 'edge' | 'alerts';

/** A headline number: a stat or gauge over one signal of an instant query target. */
export interface HeadlineSpec {
  kind: 'stat' | 'gauge';
  signal: SignalId;
  target: string;
  title: string;
  description: string;
  /** Grafana unit id. */
  unit: string;
  steps: Step[];
  /** Per-series steps by display name (throughput per model). */
  seriesSteps: Record<string, Step[]>;
  mappings: Mapping[];
  /** What the panel says when the query returns nothing: why, in a few words. */
  noValue: string;
  min?: number;
  max?: number;
}

/** A trend: a time series over one or more signals of a range query target. */
export interface TrendSpec {
  signals: SignalId[];
  target: string;
  title: string;
  unit: string;
  noValue: string;
}

export interface RowSpec {
  id: RowId;
  title: string;
  /** Rows spanning several hosts filter by the `host` variable. */
  usesHostVariable: boolean;
  headlines: HeadlineSpec[];
  trends: TrendSpec[];
  /** Panels that are not PromQL numbers: the alert list with actions, the incident annotations. */
  extras: Array<'alertList' | 'incidents'>;
}

/** Grafana custom unit for generation throughput. */
export const UNIT_TOKENS_PER_SECOND = 'suffix:tok/s';
export const UNIT_SATS = 'suffix:sat';

type HeadlineInit = Pick<HeadlineSpec, 'signal' | 'title' | 'unit' | 'description'> &
  Partial<Pick<HeadlineSpec, 'kind' | 'noValue' | 'min' | 'max' | 'seriesSteps'>>;

function headline(s: AppSettings, target: string, init: HeadlineInit): HeadlineSpec {
  return {
    kind: init.kind ?? 'stat',
    target,
    steps: signalSteps(init.signal, s),
    mappings: signalMappings(init.signal),
    seriesSteps: init.seriesSteps ?? {},
    noValue: init.noValue ?? 'No data',
    ...init,
  };
}

function ratioGauge(signal: SignalId, title: string, description: string): HeadlineInit {
  return { signal, title, description, kind: 'gauge', unit: 'percentunit', min: 0, max: 1 };
}

function inferenceRow(s: AppSettings): RowSpec {
  const t = TARGETS.inference;
  const job = s.jobs.vllm;
  const byModel = Object.fromEntries(
    Object.keys(s.thresholds.throughputByModel).map((m) => [m, throughputSteps(s, m)])
  );
  return {
    id: 'inference',
    title: 'Inference',
    usesHostVariable: false,
    headlines: [
      headline(s, t, {
        signal: 'throughput',
        title: 'Generation throughput',
        unit: UNIT_TOKENS_PER_SECOND,
        description: `Tokens generated per second per model, rate over 5 m (job ${job}).`,
        noValue: `No data: no vllm:generation_tokens_total from job ${job}`,
        seriesSteps: byModel,
      }),
      headline(s, t, {
        signal: 'failedShare',
        title: 'Failed requests',
        unit: 'percentunit',
        description:
          'Share of text-generation requests answered 5xx or finished with "error" (a failure after a streamed 200), over 5 m. "No traffic" when nothing was requested.',
      }),
      headline(s, t, {
        signal: 'abortShare',
        title: 'Aborted by clients (est.)',
        unit: 'percentunit',
        description:
          'Requests the client abandoned: vLLM does not count them as finished (vllm issue #31503), so this is the 2xx requests that never finished, plus any vLLM counts as "abort".',
      }),
      headline(s, t, {
        signal: 'lengthShare',
        title: 'Cut at max_tokens',
        unit: 'percentunit',
        description:
          'Share of answers that stopped at the length limit (finished_reason="length"), per model: clients asking too little, or runaway generations.',
      }),
      headline(s, t, { signal: 'queueWaiting', title: 'Queue depth', unit: 'none', description: 'Requests waiting.' }),
      headline(s, t, { signal: 'running', title: 'Running requests', unit: 'none', description: 'Requests running.' }),
      headline(s, t, {
        ...ratioGauge('kvCache', 'KV-cache usage', 'Above the critical level latency spikes.'),
        noValue: 'No data: neither kv_cache_usage_perc nor gpu_cache_usage_perc',
      }),
      headline(s, t, {
        signal: 'ttftP95',
        title: 'Time to first token p95',
        unit: 's',
        description: 'What a streaming user waits before the first word, per model, over 5 m (queue + prefill).',
      }),
      headline(s, t, {
        signal: 'itlP95',
        title: 'Inter-token latency p95',
        unit: 's',
        description: 'Time between two generated tokens, per model (time_per_output_token on vLLM before 0.11).',
      }),
      headline(s, t, {
        signal: 'queueP95',
        title: 'Queue time p95',
        unit: 's',
        description: 'Time requests waited before the engine took them, per model.',
      }),
      headline(s, t, {
        signal: 'preemptions',
        title: 'Preemptions (5 m)',
        unit: 'none',
        description: 'Requests the scheduler evicted for lack of KV-cache space in the last 5 m, per model: recomputed, so slower.',
      }),
      headline(s, t, {
        signal: 'prefixCacheHit',
        title: 'Prefix-cache hit rate',
        unit: 'percentunit',
        description: 'Share of prompt tokens served from the prefix cache, per model: shared system prompts make it high.',
      }),
    ],
    trends: [
      {
        signals: ['throughput'],
        target: TARGETS.inferenceTrend,
        title: 'Throughput',
        unit: UNIT_TOKENS_PER_SECOND,
        noValue: 'No data',
      },
      {
        signals: ['kvCache'],
        target: TARGETS.inferenceTrend,
        title: 'KV-cache usage',
        unit: 'percentunit',
        noValue: 'No data',
      },
      {
        signals: ['ttftP95', 'itlP95'],
        target: TARGETS.inferenceTrend,
        title: 'Time to first token and inter-token latency, p95',
        unit: 's',
        noValue: 'No requests',
      },
    ],
    extras: [],
  };
}

function inferenceHostRow(s: AppSettings): RowSpec {
  const t = TARGETS.spark;
  return {
    id: 'inferenceHost',
    title: 'Inference host',
    usesHostVariable: true,
    headlines: [
      headline(s, t, ratioGauge('sparkCpu', 'CPU busy', `Non-idle CPU share (job ${s.jobs.nodeSpark}).`)),
      headline(
        s,
        t,
        ratioGauge('sparkMemory', 'Memory used', 'Host memory in use; on unified memory this is GPU memory too.')
      ),
      headline(s, t, ratioGauge('sparkDisk', 'Disk used (worst)', 'The fullest real filesystem.')),
      headline(s, t, {
        signal: 'gpuUtil',
        title: 'GPU utilisation',
        unit: 'percent',
        description: `dcgm-exporter (job ${s.jobs.dcgm}).`,
      }),
      headline(s, t, { signal: 'gpuTemp', title: 'GPU temperature', unit: 'celsius', description: 'Hottest GPU.' }),
      headline(s, t, { signal: 'gpuPower', title: 'GPU power', unit: 'watt', description: 'Sum over GPUs.' }),
      headline(s, t, {
        signal: 'gpuMemory',
        title: 'GPU memory',
        unit: 'percentunit',
        min: 0,
        max: 1,
        description:
          'Framebuffer not free / (used + free + reserved). Unified-memory GPUs (DGX Spark) expose no FB_* fields: read Memory used instead.',
        noValue: 'No FB_* series (unified memory?): see Memory used',
      }),
      headline(s, t, {
        signal: 'gpuXid',
        title: 'Last XID error',
        unit: 'none',
        description:
          'The code of the last XID the driver reported (dcgm keeps the last code, it is not a count). Look it up in NVIDIA\'s XID table; 0 = none.',
        noValue: 'No XID field (unified memory or dcgm not scraped)',
      }),
    ],
    trends: [
      {
        signals: ['sparkCpu', 'sparkMemory', 'sparkDisk'],
        target: TARGETS.sparkTrend,
        title: 'CPU, memory, disk',
        unit: 'percentunit',
        noValue: 'No data',
      },
      {
        signals: ['gpuUtil'],
        target: TARGETS.sparkTrend,
        title: 'GPU utilisation',
        unit: 'percent',
        noValue: 'No data',
      },
    ],
    extras: [],
  };
}

function edgeRow(s: AppSettings): RowSpec {
  const vps = TARGETS.vps;
  const mcp = TARGETS.mcp;
  const ln = TARGETS.lightning;
  const lnJob = `job ${s.jobs.lightning}`;
  return {
    id: 'edge',
    title: 'VPS, MCP server, Lightning',
    usesHostVariable: true,
    headlines: [
      headline(s, vps, {
        signal: 'vpsUp',
        title: 'VPS up',
        unit: 'none',
        description: `up of job ${s.jobs.nodeFloki}.`,
      }),
      headline(s, vps, ratioGauge('vpsCpu', 'VPS CPU busy', 'Non-idle CPU share.')),
      headline(s, vps, ratioGauge('vpsMemory', 'VPS memory used', 'Memory in use.')),
      headline(s, vps, ratioGauge('vpsDisk', 'VPS disk used (worst)', 'The fullest real filesystem.')),
      headline(s, mcp, {
        signal: 'mcpRate',
        title: 'MCP requests',
        unit: 'reqps',
        description: `Rate of ${s.metrics.mcpRequestCounter} (job ${s.jobs.mcp}).`,
        noValue: `No data: MCP job ${s.jobs.mcp} sends no ${s.metrics.mcpRequestCounter}`,
      }),
      headline(s, mcp, {
        signal: 'mcpErrorShare',
        title: 'MCP 5xx share',
        unit: 'percentunit',
        description: `status=~"5.." share of ${s.metrics.mcpRequestCounter}. "No traffic" when nothing was requested.`,
      }),
      headline(s, mcp, {
        signal: 'mcpP95',
        title: 'MCP p95 latency',
        unit: 's',
        description: `From ${s.metrics.mcpLatencyHistogram}; a p95 never shows more than the histogram's largest bucket.`,
      }),
      headline(s, ln, {
        signal: 'lnChainSynced',
        title: 'Chain sync',
        unit: 'none',
        description: `lnd_chain_synced (${lnJob}).`,
      }),
      headline(s, ln, { signal: 'lnGraphSynced', title: 'Graph sync', unit: 'none', description: 'lnd_graph_synced.' }),
      headline(s, ln, {
        signal: 'lnActiveChannels',
        title: 'Active channels',
        unit: 'none',
        description: 'Channels up.',
      }),
      headline(s, ln, {
        signal: 'lnInactiveChannels',
        title: 'Inactive channels',
        unit: 'none',
        description: 'Channels down.',
      }),
      headline(s, ln, {
        signal: 'lnOutgoingSats',
        title: 'Outgoing balance (active)',
        unit: UNIT_SATS,
        description: `What active channels can send; red below the rebalancing threshold (${s.thresholds.lightningRebalanceSats} sat).`,
      }),
      headline(s, ln, {
        signal: 'lnInactiveSats',
        title: 'Balance in inactive channels',
        unit: UNIT_SATS,
        description: 'Local balance of channels whose peer is offline: not spendable until they come back.',
      }),
      headline(s, ln, { signal: 'lnPeers', title: 'Peers', unit: 'none', description: 'Connected peers.' }),
    ],
    trends: [
      { signals: ['mcpRate'], target: TARGETS.mcpTrend, title: 'MCP request rate', unit: 'reqps', noValue: 'No data' },
      { signals: ['mcpP95'], target: TARGETS.mcpTrend, title: 'MCP p95 latency', unit: 's', noValue: 'No data' },
    ],
    extras: [],
  };
}

function alertsRow(s: AppSettings): RowSpec {
  const coverage =
    s.jobs.expected.length > 0
      ? [
          headline(s, TARGETS.coverage, {
            signal: 'coverage',
            title: 'Scrape coverage',
            unit: 'none',
            description: 'Every expected job: Up, Down (a target fails) or Not scraped (absent from up: a blind spot).',
          }),
        ]
      : [];
  return {
    id: 'alerts',
    title: 'Alerts, incidents, coverage',
    usesHostVariable: false,
    headlines: [
      headline(s, TARGETS.alerts, {
        signal: 'alertsFiring',
        title: 'Firing alerts',
        unit: 'none',
        description: 'ALERTS firing now.',
      }),
      headline(s, TARGETS.alerts, {
        signal: 'alertsPending',
        title: 'Pending alerts',
        unit: 'none',
        description: 'ALERTS pending now.',
      }),
      ...coverage,
    ],
    trends: [],
    extras: ['alertList', 'incidents'],
  };
}

/** The four rows of the overview, built from the settings. */
export function overviewRows(s: AppSettings): RowSpec[] {
  return [inferenceRow(s), inferenceHostRow(s), edgeRow(s), alertsRow(s)];
}
