// Threshold colours of every headline number, as plain data. The scene hands these steps to Grafana and the
// integration test maps real Prometheus values through `colourFor`, which follows Grafana's own rule, so "the
// fixture is red" in a test means "the panel is red" on screen.
import type { AppSettings, Band } from '../settings/types';
import { COVERAGE, NO_TRAFFIC, type SignalId } from './queries';

/** Threshold colours, and `text`: the neutral colour of words like "No traffic" (never a band's colour). */
export type Colour = 'green' | 'yellow' | 'red' | 'blue' | 'text';

/** A threshold step: from `value` (inclusive) up to the next step, the number shows in `color`. */
export interface Step {
  value: number;
  color: Colour;
}

/** A value shown as words (Up, Not synced…) instead of the number; `color` overrides the threshold colour. */
export interface Mapping {
  value: number;
  text: string;
  color?: Colour;
}

/** Colour of `value` under `steps`: the last step whose value is ≤ it (Grafana's rule); undefined = No data. */
export function colourFor(value: number | null | undefined, steps: Step[]): Colour | undefined {
  if (value === null || value === undefined || steps.length === 0) {
    return undefined;
  }
  let active = steps[0];
  for (const step of steps) {
    if (value >= step.value) {
      active = step;
    } else {
      break;
    }
  }
  return active.color;
}

/** Text shown for `value`: its mapping, if any. */
export function mappedText(value: number, mappings: Mapping[]): string | undefined {
  return mappings.find((m) => m.value === value)?.text;
}

/** The colour Grafana paints `value` in: a mapping's own colour wins over the thresholds (Grafana's rule). */
export function displayColour(value: number | null | undefined, steps: Step[], mappings: Mapping[]): Colour | undefined {
  const mapped = value === null || value === undefined ? undefined : mappings.find((m) => m.value === value)?.color;
  return mapped ?? colourFor(value, steps);
}

/** Green below `yellow`, yellow below `red`, red from `red` on (for "more is worse" numbers). */
export function rising(yellow: number, red: number): Step[] {
  return [
    { value: -Infinity, color: 'green' },
    { value: yellow, color: 'yellow' },
    { value: red, color: 'red' },
  ];
}

/** Red below `green` (for "less is worse" numbers: synced flags, channels, peers, balance). */
function atLeast(green: number): Step[] {
  return [
    { value: -Infinity, color: 'red' },
    { value: green, color: 'green' },
  ];
}

/** Informational numbers: no judgement, one neutral colour. */
const NEUTRAL: Step[] = [{ value: -Infinity, color: 'blue' }];

/** Throughput: red below `red`, yellow below `green`, green from `green` (tokens/s). */
export function throughputSteps(s: AppSettings, model?: string): Step[] {
  const t = (model !== undefined && s.thresholds.throughputByModel[model]) || {
    red: s.thresholds.throughputRed,
    green: s.thresholds.throughputGreen,
  };
  return [
    { value: -Infinity, color: 'red' },
    { value: t.red, color: 'yellow' },
    { value: t.green, color: 'green' },
  ];
}

// Levels not in the settings: chosen for the reference stack and documented in the README section.
export const FIXED_LEVELS = {
  errorShare: { yellow: 0.01, red: 0.05 },
  abortShare: { yellow: 0.05, red: 0.2 },
  queueWaiting: { yellow: 1, red: 10 },
  /** An inference box is supposed to use its memory (creed 1): only near-full is worth a colour. */
  sparkMemory: { yellow: 0.92, red: 0.97 },
  sparkCpu: { yellow: 0.85, red: 0.97 },
  vpsCpu: { yellow: 0.8, red: 0.95 },
  vpsMemory: { yellow: 0.8, red: 0.92 },
  gpuTempCelsius: { yellow: 80, red: 88 },
  gpuMemory: { yellow: 0.9, red: 0.97 },
  /** Reachable with the instrumentator's high-resolution histogram (up to 60 s), not with its 1-second one. */
  mcpP95Seconds: { yellow: 1, red: 2.5 },
  /** The yellow band below a configured critical ratio (KV cache, disk). */
  warnBelowCritical: 0.1,
} as const;

function belowCritical(critical: number): Step[] {
  // Rounded: 0.8 - 0.1 is 0.7000000000000001 in floating point, which would leave exactly 70 % green.
  const warn = Math.round((critical - FIXED_LEVELS.warnBelowCritical) * 1e9) / 1e9;
  return rising(Math.max(0, warn), critical);
}

function band(b: Band): Step[] {
  return rising(b.yellow, b.red);
}

/** Threshold steps of a signal's headline number (throughput: the default model; see `throughputSteps`). */
export function signalSteps(id: SignalId, s: AppSettings): Step[] {
  const L = FIXED_LEVELS;
  const v = s.thresholds.vllm;
  const table: Record<SignalId, () => Step[]> = {
    throughput: () => throughputSteps(s),
    failedShare: () => rising(L.errorShare.yellow, L.errorShare.red),
    abortShare: () => rising(L.abortShare.yellow, L.abortShare.red),
    lengthShare: () => band(v.lengthShare),
    queueWaiting: () => rising(L.queueWaiting.yellow, L.queueWaiting.red),
    running: () => NEUTRAL,
    kvCache: () => belowCritical(s.thresholds.kvCacheCritical),
    ttftP95: () => band(v.ttftP95Seconds),
    itlP95: () => band(v.itlP95Seconds),
    queueP95: () => band(v.queueP95Seconds),
    preemptions: () => band(v.preemptionsPer5m),
    prefixCacheHit: () => NEUTRAL,
    sparkCpu: () => rising(L.sparkCpu.yellow, L.sparkCpu.red),
    sparkMemory: () => rising(L.sparkMemory.yellow, L.sparkMemory.red),
    sparkDisk: () => belowCritical(s.thresholds.diskCritical),
    gpuUtil: () => NEUTRAL,
    gpuTemp: () => rising(L.gpuTempCelsius.yellow, L.gpuTempCelsius.red),
    gpuPower: () => NEUTRAL,
    gpuMemory: () => rising(L.gpuMemory.yellow, L.gpuMemory.red),
    // Any XID is worth a look (NVIDIA's XID table says which need a reset); it stays until the driver reloads.
    gpuXid: () => rising(1, Infinity),
    vpsUp: () => atLeast(1),
    vpsCpu: () => rising(L.vpsCpu.yellow, L.vpsCpu.red),
    vpsMemory: () => rising(L.vpsMemory.yellow, L.vpsMemory.red),
    vpsDisk: () => belowCritical(s.thresholds.diskCritical),
    mcpRate: () => NEUTRAL,
    mcpErrorShare: () => rising(L.errorShare.yellow, L.errorShare.red),
    mcpP95: () => rising(L.mcpP95Seconds.yellow, L.mcpP95Seconds.red),
    lnChainSynced: () => atLeast(1),
    lnGraphSynced: () => atLeast(1),
    lnActiveChannels: () => atLeast(1),
    lnInactiveChannels: () => rising(1, Infinity),
    lnOutgoingSats: () => atLeast(s.thresholds.lightningRebalanceSats),
    lnInactiveSats: () => rising(1, Infinity),
    lnPeers: () => atLeast(1),
    alertsFiring: () => rising(Infinity, 1),
    alertsPending: () => rising(1, Infinity),
    alertList: () => NEUTRAL,
    coverage: () => atLeast(COVERAGE.up),
  };
  // Infinite levels are bands that never start: drop them so Grafana gets only reachable steps.
  return table[id]().filter((step) => step.value === -Infinity || Number.isFinite(step.value));
}

const UP_DOWN: Mapping[] = [
  { value: 1, text: 'Up' },
  { value: 0, text: 'Down' },
];
const SYNCED: Mapping[] = [
  { value: 1, text: 'Synced' },
  { value: 0, text: 'Not synced' },
];

/** The histogram each latency headline's p95 comes from: its largest bucket caps what the panel can show. */
export function quantileHistograms(s: AppSettings): Partial<Record<SignalId, string>> {
  return {
    ttftP95: 'vllm:time_to_first_token_seconds',
    itlP95: 'vllm:inter_token_latency_seconds',
    queueP95: 'vllm:request_queue_time_seconds',
    mcpP95: s.metrics.mcpLatencyHistogram,
  };
}

const NO_TRAFFIC_WORDS: Mapping[] = [{ value: NO_TRAFFIC, text: 'No traffic', color: 'text' }];

/** Signals whose query answers `NO_TRAFFIC` for an idle window. */
export const IDLE_AWARE: readonly SignalId[] = [
  'throughput',
  'failedShare',
  'abortShare',
  'lengthShare',
  'ttftP95',
  'itlP95',
  'queueP95',
  'prefixCacheHit',
  'mcpErrorShare',
  'mcpP95',
];

/** Value mappings of a signal's headline (flags shown as words). */
export function signalMappings(id: SignalId): Mapping[] {
  if (IDLE_AWARE.includes(id)) {
    return NO_TRAFFIC_WORDS;
  }
  switch (id) {
    case 'vpsUp':
      return UP_DOWN;
    case 'gpuXid':
      return [{ value: 0, text: 'None' }];
    case 'lnChainSynced':
    case 'lnGraphSynced':
      return SYNCED;
    case 'coverage':
      return [
        { value: COVERAGE.up, text: 'Up' },
        { value: COVERAGE.down, text: 'Down' },
        { value: COVERAGE.notScraped, text: 'Not scraped' },
      ];
    default:
      return [];
  }
}
