import type { ExprNode, SelectorNode } from './ast';
import { constantOf, unwrap } from './firing';
import { unquote } from './lexical';
import type { LiteralText } from './validate';

// What the measured side of a firing comparison is, read from the expression's structure and metric names: which
// resource (memory, CPU, temperature), whether it is a share of the whole (and of what is used or what is free),
// in which scale (0–1 or percent), whether it is smoothed over a window or compared with its own past. A measure
// the reader cannot place is `unknown`, and the checks stay silent on it.

export type Resource = 'memory' | 'CPU' | 'temperature' | 'latency';
export type Part = 'used' | 'free' | 'total';

export interface Measure {
  resource?: Resource;
  /** `quantity`: an amount (bytes, degrees, seconds); `share`: a part of a whole; `unknown`: anything else. */
  kind: 'quantity' | 'share' | 'unknown';
  part?: Part;
  /** 1 for a share in 0–1, 100 for a percentage. */
  scale: 1 | 100;
  /** Smoothed over a window (avg/min/quantile_over_time): a brief spike does not reach the threshold. */
  smoothed: boolean;
  /** Divided by its own value at an offset: a change against the past. */
  relative: boolean;
  /** A chip's temperature (CPU, GPU, a hwmon sensor), which moves within seconds; disks and rooms move slowly. */
  fast?: boolean;
  /** For CPU quantities: cgroup quota and period, which divide into cores. */
  unit?: 'quota' | 'period';
  /** Metrics the measure was read from. */
  metrics: string[];
}

const UNKNOWN: Measure = { kind: 'unknown', scale: 1, smoothed: false, relative: false, metrics: [] };

/** Lower-case words of a metric name: `node_memory_MemAvailable_bytes` → node memory mem available bytes. */
export function metricWords(name: string): string[] {
  const words: string[] = [];
  let part = 0;
  let camel = 0;
  let split = false;
  const end = (i: number) => {
    if (i > part) {
      words.push(name.slice(part, i).toLowerCase());
      // `MemAvailable` is also `mem` and `available`.
      if (split && i > camel) {
        words.push(name.slice(camel, i).toLowerCase());
      }
    }
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 95 || c === 58) {
      end(i);
      part = camel = i + 1;
      split = false;
    } else if (c >= 65 && c <= 90 && i > part && !isUpper(name.charCodeAt(i - 1))) {
      if (i > camel) {
        words.push(name.slice(camel, i).toLowerCase());
      }
      camel = i;
      split = true;
    }
  }
  end(name.length);
  return words;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

const FREE = new Set(['available', 'avail', 'free']);
const TOTAL = new Set(['total', 'limit', 'size', 'capacity', 'max']);
const USED = new Set(['used', 'usage', 'working', 'rss', 'resident', 'active']);
const TEMPERATURE = new Set(['temp', 'temperature', 'celsius', 'fahrenheit']);
const CHIP = new Set(['cpu', 'gpu', 'core', 'coretemp', 'hwmon', 'thermal', 'package', 'chip', 'soc', 'junction']);
// Words that make a temperature metric a limit or an alarm flag rather than a reading.
const NOT_A_READING = new Set([
  'alarm',
  'crit',
  'critical',
  'max',
  'min',
  'threshold',
  'limit',
  'hyst',
  'warn',
  'trip',
]);

function partOf(words: string[]): Part | undefined {
  // `MemTotal` is the whole even though the counter convention also ends names with `_total`.
  if (words.some((w) => FREE.has(w))) {
    return 'free';
  }
  if (words.some((w) => USED.has(w))) {
    return 'used';
  }
  return words.some((w) => TOTAL.has(w)) ? 'total' : undefined;
}

function selectorMeasure(n: SelectorNode, text: LiteralText): Measure {
  const name = n.name ?? nameMatcher(n, text);
  if (!name) {
    return UNKNOWN;
  }
  const words = metricWords(name);
  const base = { ...UNKNOWN, metrics: [name] };
  if (words.includes('swap')) {
    return base;
  }
  if ((words.includes('memory') || words.includes('mem')) && words.includes('bytes')) {
    return { ...base, resource: 'memory', kind: 'quantity', part: partOf(words) };
  }
  if (words.includes('cpu')) {
    return cpuGauge(n, words, text, base);
  }
  if (words.some((w) => TEMPERATURE.has(w)) && !words.some((w) => NOT_A_READING.has(w))) {
    return { ...base, resource: 'temperature', kind: 'quantity', fast: words.some((w) => CHIP.has(w)) };
  }
  return base;
}

function nameMatcher(n: SelectorNode, text: LiteralText): string | undefined {
  const m = n.matchers.find((x) => x.name === '__name__' && x.op === '=');
  const u = m ? unquote(text(m.value)) : undefined;
  return u?.ok ? u.value : undefined;
}

/** The value of a `mode`/`dimension`/`state` matcher that picks a CPU mode, when it is exactly one. */
function modeMatcher(n: SelectorNode, text: LiteralText): { op: string; value: string } | undefined {
  const m = n.matchers.find((x) => x.name === 'mode' || x.name === 'dimension' || x.name === 'state');
  const v = m ? unquote(text(m.value)) : undefined;
  return m && v?.ok && (m.op === '=' || m.op === '!=') ? { op: m.op, value: v.value } : undefined;
}

/** CPU gauges: a percentage split by mode (`{dimension="idle"}`), and a cgroup's quota and period. */
function cpuGauge(n: SelectorNode, words: string[], text: LiteralText, base: Measure): Measure {
  if (words.includes('quota') || words.includes('period')) {
    return { ...base, resource: 'CPU', kind: 'quantity', unit: words.includes('quota') ? 'quota' : 'period' };
  }
  const mode = modeMatcher(n, text);
  if ((words.includes('percentage') || words.includes('percent')) && mode?.value === 'idle') {
    return { ...base, resource: 'CPU', kind: 'share', part: mode.op === '=' ? 'free' : 'used', scale: 100 };
  }
  return base;
}

/** CPU time counters split by mode: the idle share (or the busy share) of a CPU, per core. */
function cpuShare(n: ExprNode, text: LiteralText): Measure | undefined {
  const sel = n.k === 'matrix' ? unwrap(n.expr) : undefined;
  if (!sel || sel.k !== 'selector' || !sel.name) {
    return undefined;
  }
  const words = metricWords(sel.name);
  if (!words.includes('cpu') || !(words.includes('seconds') || words.includes('time'))) {
    return undefined;
  }
  const mode = modeMatcher(sel, text);
  if (!mode) {
    // A container's or process's CPU seconds per second: cores in use.
    const usage = words.includes('usage') && sel.matchers.every((m) => m.name !== 'mode');
    return usage ? { ...UNKNOWN, resource: 'CPU', kind: 'quantity', part: 'used', metrics: [sel.name] } : undefined;
  }
  if (mode.value !== 'idle') {
    return undefined;
  }
  const part: Part = mode.op === '=' ? 'free' : 'used';
  return { ...UNKNOWN, resource: 'CPU', kind: 'share', part, metrics: [sel.name] };
}

const KEEPS_VALUE = new Set(['avg', 'max', 'min', 'quantile', 'topk', 'bottomk', 'sort', 'sort_desc', 'abs']);
const SMOOTHING = new Set(['avg_over_time', 'min_over_time', 'quantile_over_time']);
const OVER_TIME_KEEPS = new Set(['max_over_time', 'last_over_time', ...SMOOTHING]);

const LATENCY_WORDS = new Set(['seconds', 'latency', 'duration']);

/** Metric names selected anywhere under a node (names given by `__name__="…"` included). */
export function metricsUnder(n: ExprNode, text: LiteralText): string[] {
  return selectedNames(n, text);
}

/** Metric names selected anywhere under a node. */
function selectedNames(n: ExprNode, text: LiteralText, out: string[] = []): string[] {
  const x = unwrap(n);
  if (x.k === 'selector') {
    const name = x.name ?? nameMatcher(x, text);
    if (name) {
      out.push(name);
    }
  } else if (x.k === 'call' || x.k === 'aggregate') {
    x.args.forEach((a) => selectedNames(a, text, out));
  } else if (x.k === 'binary') {
    selectedNames(x.lhs, text, out);
    selectedNames(x.rhs, text, out);
  } else if ('expr' in x) {
    selectedNames(x.expr, text, out);
  }
  return out;
}

function quantileMeasure(n: ExprNode & { k: 'call' }, text: LiteralText): Measure {
  const names = selectedNames(n, text);
  const latency = names.length > 0 && names.every((m) => metricWords(m).some((w) => LATENCY_WORDS.has(w)));
  return latency ? { ...UNKNOWN, resource: 'latency', kind: 'quantity', metrics: names } : UNKNOWN;
}

function callMeasure(n: ExprNode & { k: 'call' }, text: LiteralText): Measure {
  if (n.fn === 'histogram_quantile') {
    return quantileMeasure(n, text);
  }
  if (n.fn === 'rate' || n.fn === 'irate') {
    return (n.args[0] && cpuShare(unwrap(n.args[0]), text)) ?? UNKNOWN;
  }
  const arg = n.args[n.args.length - 1];
  if (OVER_TIME_KEEPS.has(n.fn) && arg && unwrap(arg).k === 'matrix') {
    const inner = measureOf((unwrap(arg) as ExprNode & { k: 'matrix' }).expr, text);
    return { ...inner, smoothed: inner.smoothed || SMOOTHING.has(n.fn) };
  }
  if (KEEPS_VALUE.has(n.fn) && arg) {
    return measureOf(arg, text);
  }
  return UNKNOWN;
}

function aggregateMeasure(n: ExprNode & { k: 'aggregate' }, text: LiteralText): Measure {
  const arg = n.args[n.args.length - 1];
  if (!arg) {
    return UNKNOWN;
  }
  const inner = measureOf(arg, text);
  // A sum of quantities is still a quantity; a sum of shares is not a share any more.
  if (KEEPS_VALUE.has(n.op) || (n.op === 'sum' && inner.kind === 'quantity')) {
    return inner;
  }
  return UNKNOWN;
}

function sameResource(a: Measure, b: Measure): boolean {
  return a.resource !== undefined && a.resource === b.resource;
}

/** A part divided by the whole of the same resource: the used or free share. */
function shareOf(l: Measure, r: Measure): Measure | undefined {
  const quantities = l.kind === 'quantity' && r.kind === 'quantity';
  if (!quantities || !sameResource(l, r) || r.part !== 'total') {
    return undefined;
  }
  const part = l.part === 'free' || l.part === 'used' ? l.part : undefined;
  return part ? { ...l, kind: 'share', part, scale: 1, metrics: [...l.metrics, ...r.metrics] } : UNKNOWN;
}

function divide(l: Measure, r: Measure, rhs: ExprNode): Measure {
  // quota / period is the number of cores a cgroup may use.
  if (l.unit === 'quota' && r.unit === 'period') {
    return { ...l, unit: undefined, part: 'total', metrics: [...l.metrics, ...r.metrics] };
  }
  const share = shareOf(l, r);
  if (share) {
    return share;
  }
  const c = constantOf(rhs);
  if (l.kind === 'share' && c === 100 && l.scale === 100) {
    return { ...l, scale: 1 };
  }
  if (hasOffset(rhs) && l.metrics.length > 0 && l.metrics.every((m) => r.metrics.includes(m))) {
    return { ...l, kind: 'unknown', relative: true };
  }
  return UNKNOWN;
}

function hasOffset(n: ExprNode): boolean {
  const x = unwrap(n);
  if (x.k === 'offset') {
    return true;
  }
  if (x.k === 'call' || x.k === 'aggregate') {
    return x.args.some(hasOffset);
  }
  if (x.k === 'binary') {
    return hasOffset(x.lhs) || hasOffset(x.rhs);
  }
  return 'expr' in x ? hasOffset(x.expr) : false;
}

function multiply(l: Measure, r: Measure, lhs: ExprNode, rhs: ExprNode): Measure {
  const [m, c] = constantOf(lhs) !== undefined ? [r, constantOf(lhs)] : [l, constantOf(rhs)];
  if (m.kind === 'share' && m.scale === 1 && c === 100) {
    return { ...m, scale: 100 };
  }
  return c === 1 ? m : UNKNOWN;
}

function subtract(l: Measure, r: Measure, lhs: ExprNode): Measure {
  const c = constantOf(lhs);
  if (r.kind === 'share' && c !== undefined && c === r.scale) {
    return { ...r, part: r.part === 'free' ? 'used' : r.part === 'used' ? 'free' : undefined };
  }
  // total - free (- buffers - cache …) is what is used.
  if (
    l.kind === 'quantity' &&
    r.kind === 'quantity' &&
    sameResource(l, r) &&
    (l.part === 'total' || l.part === 'used')
  ) {
    return r.part === 'total' ? UNKNOWN : { ...l, part: 'used', metrics: [...l.metrics, ...r.metrics] };
  }
  return UNKNOWN;
}

const FILTERS = new Set(['==', '!=', '>', '<', '>=', '<=']);

function binaryMeasure(n: ExprNode & { k: 'binary' }, text: LiteralText): Measure {
  // `and`, `unless` and a comparison without bool (`limit > 0`) keep the left side's values, only fewer series.
  if (n.op === 'and' || n.op === 'unless' || (FILTERS.has(n.op) && !n.bool && constantOf(n.rhs) !== undefined)) {
    return measureOf(n.lhs, text);
  }
  const l = measureOf(n.lhs, text);
  const r = measureOf(n.rhs, text);
  switch (n.op) {
    case '/':
      return divide(l, r, n.rhs);
    case '*':
      return multiply(l, r, n.lhs, n.rhs);
    case '-':
      return subtract(l, r, n.lhs);
    default:
      return UNKNOWN;
  }
}

/** Reads what an expression measures; `unknown` when the structure does not say. */
export function measureOf(n: ExprNode, text: LiteralText): Measure {
  const x = unwrap(n);
  switch (x.k) {
    case 'selector':
      return selectorMeasure(x, text);
    case 'call':
      return callMeasure(x, text);
    case 'aggregate':
      return aggregateMeasure(x, text);
    case 'binary':
      return binaryMeasure(x, text);
    case 'offset':
    case 'at':
      return measureOf(x.expr, text);
    default:
      return UNKNOWN;
  }
}

/** The share a comparison alerts at, as the percentage of the resource in use; undefined unless it is one. */
export function usedPercentAt(m: Measure, op: string, threshold: number): number | undefined {
  if (m.kind !== 'share' || !m.part || m.part === 'total') {
    return undefined;
  }
  const pct = m.scale === 1 ? threshold * 100 : threshold;
  if (pct < 0 || pct > 100) {
    return undefined;
  }
  const above = op === '>' || op === '>=';
  const below = op === '<' || op === '<=';
  if (m.part === 'used' && above) {
    return pct;
  }
  return m.part === 'free' && below ? 100 - pct : undefined;
}
