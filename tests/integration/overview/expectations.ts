// What the overview must show for each fixture scenario, derived from the scenario parameters (not from running
// the queries): value per series name (undefined = No data) and the colour of that value.
import { KNOWN_HISTOGRAM_BOUNDS } from '../../../src/exporters/histograms';
import { NO_TRAFFIC, type SignalId } from '../../../src/overview/queries';
import type { Colour } from '../../../src/overview/thresholds';
import { DEFAULT_JOBS } from '../../../src/settings/defaults';
import {
  DEGRADED,
  HEALTHY,
  IDLE,
  INSTANCES,
  MCP_LATENCY,
  MODELS,
  type Scenario,
  type ScenarioParams,
} from '../../fixtures/overview/generate';
import { type Anchors, bucketShares, histogramQuantile } from '../../helpers/histogram';

export interface Expected {
  value: number;
  colour: Colour;
}
/** Series name → expectation; an empty object means the panel must say No data. */
export type SignalExpectation = Record<string, Expected>;

/** Relative tolerance of every comparison (counters are rounded to 1e-3 in the fixture). */
export const REL_TOLERANCE = 1e-3;
/** Absolute floor of the tolerance for values near zero. */
export const ABS_TOLERANCE = 1e-6;

export function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(ABS_TOLERANCE, REL_TOLERANCE * Math.abs(expected));
}

const e = (value: number, colour: Colour): Expected => ({ value, colour });
const perModel = (x: Expected) => ({ [MODELS.big]: x, [MODELS.small]: x });
const band = (v: number, yellow: number, red: number): Colour => (v >= red ? 'red' : v >= yellow ? 'yellow' : 'green');
const noTraffic = e(NO_TRAFFIC, 'text');
/** A share, or "No traffic" when its total is 0. */
const shareOf = (part: number, total: number, colour: (v: number) => Colour) =>
  total > 0 ? e(part / total, colour(part / total)) : noTraffic;

function p95(histogram: string, anchors: Anchors, traffic: number): number | undefined {
  const bounds = KNOWN_HISTOGRAM_BOUNDS[histogram];
  return traffic > 0 ? histogramQuantile(0.95, bounds, bucketShares(bounds, anchors)) : undefined;
}

function latency(histogram: string, anchors: Anchors, traffic: number, yellow: number, red: number) {
  const v = p95(histogram, anchors, traffic);
  return v === undefined ? noTraffic : e(v, band(v, yellow, red));
}

function inference(p: ScenarioParams): Partial<Record<SignalId, SignalExpectation>> {
  const finished = p.stop + p.length + p.streamedErrors;
  const ok = finished + p.aborted;
  const throughputColour: Colour = p.throughput < 20 ? 'red' : p.throughput < 50 ? 'yellow' : 'green';
  return {
    throughput: perModel(finished > 0 ? e(p.throughput, throughputColour) : noTraffic),
    failedShare: { 'failed share': shareOf(p.http5xx + p.streamedErrors, ok + p.http5xx, (v) => band(v, 0.01, 0.05)) },
    abortShare: { 'aborted share': shareOf(p.aborted, ok, (v) => band(v, 0.05, 0.2)) },
    lengthShare: perModel(shareOf(p.length, finished, (v) => band(v, 0.1, 0.3))),
    queueWaiting: perModel(e(p.waiting, band(p.waiting, 1, 10))),
    running: perModel(e(p.running, 'blue')),
    kvCache: perModel(e(p.kvCache, band(p.kvCache, 0.8, 0.9))),
    ttftP95: perModel(latency('vllm:time_to_first_token_seconds', p.ttft, finished, 2, 10)),
    itlP95: perModel(latency('vllm:inter_token_latency_seconds', p.itl, p.throughput, 0.1, 0.25)),
    queueP95: perModel(latency('vllm:request_queue_time_seconds', p.queue, finished, 1, 10)),
    preemptions: perModel(e(p.preemptionsPerSecond * 300, band(p.preemptionsPerSecond * 300, 1, 20))),
    prefixCacheHit: perModel(p.prefixQueries > 0 ? e(p.prefixHits / p.prefixQueries, 'blue') : noTraffic),
  };
}

function mcp(p: ScenarioParams): Partial<Record<SignalId, SignalExpectation>> {
  if (!p.mcpUp) {
    return { mcpRate: {}, mcpErrorShare: {}, mcpP95: {} };
  }
  const top = p95('http_request_duration_highr_seconds', MCP_LATENCY, p.mcpRate);
  return {
    mcpRate: { 'requests/s': e(p.mcpRate, 'blue') },
    mcpErrorShare: { '5xx share': shareOf(p.mcpErrors, p.mcpRate, (v) => band(v, 0.01, 0.05)) },
    mcpP95: { p95: top === undefined ? noTraffic : e(top, band(top, 1, 2.5)) },
  };
}

function lightning(p: ScenarioParams): Partial<Record<SignalId, SignalExpectation>> {
  const flag = (v: number) => e(v, v >= 1 ? 'green' : 'red');
  const active = p.lnActiveChannels.reduce((a, b) => a + b, 0);
  const inactive = p.lnInactiveChannels.reduce((a, b) => a + b, 0);
  return {
    lnChainSynced: { chain: flag(p.lnChainSynced) },
    lnGraphSynced: { graph: flag(p.lnGraphSynced) },
    lnActiveChannels: { active: flag(p.lnActiveChannels.length) },
    lnInactiveChannels: { inactive: e(p.lnInactiveChannels.length, p.lnInactiveChannels.length >= 1 ? 'yellow' : 'green') },
    lnOutgoingSats: { outgoing: e(active, active >= 1_000_000 ? 'green' : 'red') },
    lnInactiveSats: { 'stuck in inactive channels': e(inactive, inactive >= 1 ? 'yellow' : 'green') },
    lnPeers: { peers: flag(p.lnPeers) },
  };
}

function expectationsFor(p: ScenarioParams): Partial<Record<SignalId, SignalExpectation>> {
  const fb = p.gpuFb;
  return {
    ...inference(p),
    sparkCpu: { [INSTANCES.sparkNode]: e(p.sparkCpu, band(p.sparkCpu, 0.85, 0.97)) },
    sparkMemory: { [INSTANCES.sparkNode]: e(p.sparkMemory, band(p.sparkMemory, 0.92, 0.97)) },
    // The tmpfs at 99 % must not count: worst real filesystem only.
    sparkDisk: { [INSTANCES.sparkNode]: e(p.sparkDisk, band(p.sparkDisk, 0.8, 0.9)) },
    gpuUtil: { [INSTANCES.dcgm]: e(p.gpuUtil, 'blue') },
    gpuTemp: { [INSTANCES.dcgm]: e(p.gpuTemp, band(p.gpuTemp, 80, 88)) },
    gpuPower: { [INSTANCES.dcgm]: e(p.gpuPower, 'blue') },
    // Reserved framebuffer is not free: not-free over used + free + reserved.
    gpuMemory: fb ? { [INSTANCES.dcgm]: e(1 - fb.free / (fb.used + fb.free + fb.reserved), 'green') } : {},
    gpuXid: { [INSTANCES.dcgm]: e(p.gpuXid, p.gpuXid >= 1 ? 'yellow' : 'green') },
    vpsUp: { [INSTANCES.flokiNode]: e(1, 'green') },
    vpsCpu: { [INSTANCES.flokiNode]: e(p.vpsCpu, band(p.vpsCpu, 0.8, 0.95)) },
    vpsMemory: { [INSTANCES.flokiNode]: e(p.vpsMemory, band(p.vpsMemory, 0.8, 0.92)) },
    vpsDisk: { [INSTANCES.flokiNode]: e(p.vpsDisk, band(p.vpsDisk, 0.8, 0.9)) },
    ...mcp(p),
    ...lightning(p),
    coverage: Object.fromEntries(
      Object.values(DEFAULT_JOBS).map((job) => {
        if (p.neverScraped.includes(job)) {
          return [job, e(-1, 'red')];
        }
        return [job, job === DEFAULT_JOBS.mcp && !p.mcpUp ? e(0, 'red') : e(1, 'green')];
      })
    ),
  };
}

export const EXPECTED: Record<Scenario, Partial<Record<SignalId, SignalExpectation>>> = {
  healthy: expectationsFor(HEALTHY),
  degraded: expectationsFor(DEGRADED),
  idle: expectationsFor(IDLE),
};
