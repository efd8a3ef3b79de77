import { isObj, own } from '../shared/narrow';
import { isTimeZone } from '../sla/zoned';
import { defaultSettings } from './defaults';
import { readMode } from './mode';
import { readSli, readVllmThresholds } from './parseSli';
import type { AppSettings, ParsedSettings, SettingsProblem, ThroughputThreshold } from './types';

/** Longest string accepted in any setting; longer input is hostile or a paste accident. */
export const MAX_STRING_LENGTH = 2048;
const MAX_LIST_ITEMS = 100;

/** Prometheus label name. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Prometheus metric name (recording-rule colons allowed). */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** Values that end up inside PromQL/LogQL string literals: no quotes, backslashes or control characters. */
export const SAFE_VALUE = /^[A-Za-z0-9_.:\/@+-]+$/;
/** Tenant ids scope every SLA query: kept to a conservative label-value alphabet. */
export const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const SEVERITY = /^[a-z][a-z0-9_-]{0,31}$/;
const DS_UID = /^[A-Za-z0-9_-]{0,40}$/;

export class Reader {
  readonly problems: SettingsProblem[] = [];

  problem(field: string, message: string) {
    this.problems.push({ field, message });
  }

  section(root: unknown, key: string): unknown {
    const v = own(root, key);
    if (v !== undefined && !isObj(v)) {
      this.problem(key, `must be an object, got ${describe(v)}; defaults used`);
      return undefined;
    }
    return v;
  }

  string(o: unknown, path: string, fallback: string, pattern?: RegExp, hint?: string): string {
    const v = own(o, lastKey(path));
    if (v === undefined || v === null) {
      return fallback;
    }
    if (typeof v !== 'string') {
      this.problem(path, `must be text, got ${describe(v)}`);
      return fallback;
    }
    const s = v.trim();
    if (s.length > MAX_STRING_LENGTH) {
      this.problem(path, `is ${s.length} characters long; at most ${MAX_STRING_LENGTH} allowed`);
      return fallback;
    }
    if (pattern && s !== '' && !pattern.test(s)) {
      this.problem(path, `"${preview(s)}" is not valid${hint ? `: ${hint}` : ''}`);
      return fallback;
    }
    return s;
  }

  number(o: unknown, path: string, fallback: number, range: NumberRange): number {
    let v = own(o, lastKey(path));
    if (v === undefined || v === null || v === '') {
      return fallback;
    }
    if (typeof v === 'string' && v.length < 40 && v.trim() !== '' && Number.isFinite(Number(v))) {
      v = Number(v);
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.problem(path, `must be a number, got ${describe(v)}`);
      return fallback;
    }
    const err = rangeError(v, range);
    if (err) {
      this.problem(path, err);
      return fallback;
    }
    return v;
  }

  list(o: unknown, path: string, fallback: string[], pattern: RegExp, hint: string): string[] {
    const v = own(o, lastKey(path));
    if (v === undefined || v === null) {
      return fallback;
    }
    if (!Array.isArray(v)) {
      this.problem(path, `must be a list of text values, got ${describe(v)}`);
      return fallback;
    }
    if (v.length > MAX_LIST_ITEMS) {
      this.problem(path, `has ${v.length} entries; at most ${MAX_LIST_ITEMS} allowed`);
      return fallback;
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item.length > MAX_STRING_LENGTH || !pattern.test(item.trim())) {
        this.problem(`${path}[${i}]`, `${describe(item)} is not valid: ${hint}`);
        return;
      }
      if (!out.includes(item.trim())) {
        out.push(item.trim());
      }
    });
    return out;
  }
}

export interface NumberRange {
  min?: number;
  max?: number;
  /** Bounds excluded (e.g. an objective of exactly 1). */
  exclusive?: boolean;
  integer?: boolean;
}

function rangeError(v: number, r: NumberRange): string | undefined {
  if (r.integer && !Number.isInteger(v)) {
    return `must be a whole number, got ${v}`;
  }
  const low = r.min !== undefined && (r.exclusive ? v <= r.min : v < r.min);
  const high = r.max !== undefined && (r.exclusive ? v >= r.max : v > r.max);
  if (low || high) {
    const open = r.exclusive ? 'between (exclusive)' : 'between';
    return `must be ${open} ${r.min ?? '-∞'} and ${r.max ?? '∞'}, got ${v}`;
  }
  return undefined;
}

function lastKey(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

function describe(v: unknown): string {
  if (v === null) {
    return 'null';
  }
  if (Array.isArray(v)) {
    return 'a list';
  }
  if (typeof v === 'string') {
    return `"${preview(v)}"`;
  }
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v).slice(0, 40)}`;
}

function preview(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Defaults for an org whose settings are missing or unreadable: the narrower tenant view, and not configured. */
function notConfigured(r: Reader): ParsedSettings {
  return { settings: { ...defaultSettings(), mode: 'tenant' }, problems: r.problems, configured: false };
}

/**
 * Reads the app's `jsonData` for one org. Never throws and never trusts the input: every field that is missing
 * falls back to its default silently; every field of the wrong type or out of range falls back to its default and
 * is reported as a problem, so the config page can show it and the app still runs. The mode fails closed
 * (see readMode): settings that were never saved, or cannot be read at all, are `configured: false`.
 */
export function parseSettings(jsonData: unknown): ParsedSettings {
  const r = new Reader();
  try {
    if (jsonData === undefined || jsonData === null) {
      return notConfigured(r);
    }
    if (!isObj(jsonData)) {
      r.problem('', `settings must be an object, got ${describe(jsonData)}; nothing is shown until they are saved again`);
      return notConfigured(r);
    }
    const mode = readMode(jsonData);
    if (mode.problem) {
      r.problem('mode', mode.problem);
    }
    const settings = readAll(r, jsonData, mode.mode);
    checkCrossField(r, settings, mode.configured);
    return { settings, problems: r.problems, configured: mode.configured };
  } catch (e) {
    r.problem('', `settings could not be read (${e instanceof Error ? e.message : 'unknown error'}); nothing is shown until they are saved again`);
    return notConfigured(r);
  }
}

function readAll(r: Reader, root: unknown, mode: AppSettings['mode']): AppSettings {
  const d = defaultSettings();
  const tenant = r.section(root, 'tenant');
  const ds = r.section(root, 'datasources');
  const labels = r.section(root, 'labels');
  const labelHint = 'a Prometheus label name (letters, digits, _)';
  return {
    mode,
    tenant: {
      id: r.string(tenant, 'tenant.id', '', TENANT_ID, 'lowercase letters, digits, - and _, at most 63'),
      name: r.string(tenant, 'tenant.name', ''),
    },
    datasources: {
      prometheusUid: r.string(ds, 'datasources.prometheusUid', '', DS_UID, 'a data source uid'),
      lokiUid: r.string(ds, 'datasources.lokiUid', '', DS_UID, 'a data source uid'),
      historyUid: r.string(ds, 'datasources.historyUid', '', DS_UID, 'a data source uid'),
    },
    labels: {
      tenant: r.string(labels, 'labels.tenant', d.labels.tenant, LABEL_NAME, labelHint) || d.labels.tenant,
      host: r.string(labels, 'labels.host', d.labels.host, LABEL_NAME, labelHint) || d.labels.host,
      unit: r.string(labels, 'labels.unit', d.labels.unit, LABEL_NAME, labelHint) || d.labels.unit,
      level: r.string(labels, 'labels.level', d.labels.level, LABEL_NAME, labelHint) || d.labels.level,
    },
    jobs: readJobs(r, r.section(root, 'jobs'), d),
    thresholds: readThresholds(r, r.section(root, 'thresholds'), d),
    sla: readSla(r, r.section(root, 'sla'), d),
    review: readReview(r, r.section(root, 'review'), d),
    vllm: readVllm(r, r.section(root, 'vllm'), d),
    metrics: readMetrics(r, r.section(root, 'metrics'), d),
    triage: readTriage(r, r.section(root, 'triage'), d),
    sli: readSli(r, r.section(root, 'sli'), d.sli),
  };
}

function readJobs(r: Reader, o: unknown, d: AppSettings): AppSettings['jobs'] {
  const hint = 'a job name without quotes or spaces';
  const job = (key: keyof Omit<AppSettings['jobs'], 'expected'>) =>
    r.string(o, `jobs.${key}`, d.jobs[key], SAFE_VALUE, hint) || d.jobs[key];
  return {
    vllm: job('vllm'),
    nodeSpark: job('nodeSpark'),
    nodeMgmt: job('nodeMgmt'),
    nodeFloki: job('nodeFloki'),
    mcp: job('mcp'),
    lightning: job('lightning'),
    dcgm: job('dcgm'),
    alertmanager: job('alertmanager'),
    expected: r.list(o, 'jobs.expected', d.jobs.expected, SAFE_VALUE, hint),
  };
}

function readThresholds(r: Reader, o: unknown, d: AppSettings): AppSettings['thresholds'] {
  const t = d.thresholds;
  return {
    throughputRed: r.number(o, 'thresholds.throughputRed', t.throughputRed, { min: 0, max: 1e6 }),
    throughputGreen: r.number(o, 'thresholds.throughputGreen', t.throughputGreen, { min: 0, max: 1e6 }),
    throughputByModel: readThroughputByModel(r, own(o, 'throughputByModel')),
    kvCacheCritical: r.number(o, 'thresholds.kvCacheCritical', t.kvCacheCritical, { min: 0, max: 1, exclusive: true }),
    diskCritical: r.number(o, 'thresholds.diskCritical', t.diskCritical, { min: 0, max: 1, exclusive: true }),
    lightningRebalanceSats: r.number(o, 'thresholds.lightningRebalanceSats', t.lightningRebalanceSats, {
      min: 0,
      max: 2.1e15,
      integer: true,
    }),
    vllm: readVllmThresholds(r, own(o, 'vllm'), t.vllm),
  };
}

function readThroughputByModel(r: Reader, v: unknown): Record<string, ThroughputThreshold> {
  const out: Record<string, ThroughputThreshold> = {};
  if (v === undefined || v === null) {
    return out;
  }
  if (!isObj(v)) {
    r.problem('thresholds.throughputByModel', `must be an object keyed by model name, got ${describe(v)}`);
    return out;
  }
  const entries = Object.keys(v).slice(0, MAX_LIST_ITEMS);
  for (const model of entries) {
    const path = `thresholds.throughputByModel.${model}`;
    const entry = v[model];
    const red = r.number(entry, `${path}.red`, NaN, { min: 0, max: 1e6 });
    const green = r.number(entry, `${path}.green`, NaN, { min: 0, max: 1e6 });
    if (model.length > 200 || !isObj(entry) || !Number.isFinite(red) || !Number.isFinite(green) || red > green) {
      r.problem(path, 'needs numeric "red" ≤ "green" (tokens/s); ignored');
      continue;
    }
    out[model] = { red, green };
  }
  return out;
}

function readSla(r: Reader, o: unknown, d: AppSettings): AppSettings['sla'] {
  const s = d.sla;
  return {
    latencyPercentile: r.number(o, 'sla.latencyPercentile', s.latencyPercentile, { min: 0, max: 1, exclusive: true }),
    latencyTargetSeconds: r.number(o, 'sla.latencyTargetSeconds', s.latencyTargetSeconds, {
      min: 0,
      max: 3600,
      exclusive: true,
    }),
    availabilityObjective: r.number(o, 'sla.availabilityObjective', s.availabilityObjective, {
      min: 0,
      max: 1,
      exclusive: true,
    }),
    windowDays: r.number(o, 'sla.windowDays', s.windowDays, { min: 1, max: 90, integer: true }),
    timeZone: readTimeZone(r, o, s.timeZone),
  };
}

function readTimeZone(r: Reader, o: unknown, fallback: string): string {
  const tz = r.string(o, 'sla.timeZone', fallback);
  if (tz === '') {
    return fallback;
  }
  if (!isTimeZone(tz)) {
    r.problem('sla.timeZone', `"${preview(tz)}" is not a time zone name (like Europe/Berlin or UTC)`);
    return fallback;
  }
  return tz;
}

function readReview(r: Reader, o: unknown, d: AppSettings): AppSettings['review'] {
  const v = d.review;
  const sevHint = 'a lowercase severity name';
  return {
    actionAnnotation:
      r.string(o, 'review.actionAnnotation', v.actionAnnotation, LABEL_NAME, 'an annotation name') ||
      v.actionAnnotation,
    intervalWeeks: r.number(o, 'review.intervalWeeks', v.intervalWeeks, { min: 1, max: 52, integer: true }),
    smsBudgetPerHour: r.number(o, 'review.smsBudgetPerHour', v.smsBudgetPerHour, { min: 1, max: 1000, integer: true }),
    phoneSeverities: r.list(o, 'review.phoneSeverities', v.phoneSeverities, SEVERITY, sevHint),
    emailSeverities: r.list(o, 'review.emailSeverities', v.emailSeverities, SEVERITY, sevHint),
  };
}

function readVllm(r: Reader, o: unknown, d: AppSettings): AppSettings['vllm'] {
  const v = d.vllm;
  let url = r.string(o, 'vllm.url', v.url);
  if (url !== '' && !isHttpUrl(url)) {
    r.problem('vllm.url', 'must be an http(s) URL without credentials, e.g. http://spark-host:8000');
    url = v.url;
  }
  return {
    url: url.replace(/\/+$/, ''),
    model: r.string(o, 'vllm.model', v.model, /^[^\s"'`\\]+$/, 'a model id without spaces or quotes'),
    timeoutSeconds: r.number(o, 'vllm.timeoutSeconds', v.timeoutSeconds, { min: 1, max: 600 }),
    maxPromptTokens: r.number(o, 'vllm.maxPromptTokens', v.maxPromptTokens, { min: 256, max: 1_000_000, integer: true }),
  };
}

function readMetrics(r: Reader, o: unknown, d: AppSettings): AppSettings['metrics'] {
  const m = d.metrics;
  const metric = (key: keyof AppSettings['metrics']) =>
    r.string(o, `metrics.${key}`, m[key], METRIC_NAME, 'a Prometheus metric name') || m[key];
  return {
    mcpLatencyHistogram: metric('mcpLatencyHistogram'),
    slaLatencyHistogram: metric('slaLatencyHistogram'),
    slaSuccessCounter: metric('slaSuccessCounter'),
    slaHttpRequests: metric('slaHttpRequests'),
    mcpRequestCounter: metric('mcpRequestCounter'),
  };
}

function readTriage(r: Reader, o: unknown, d: AppSettings): AppSettings['triage'] {
  const t = d.triage;
  return {
    maxLines: r.number(o, 'triage.maxLines', t.maxLines, { min: 10, max: 100_000, integer: true }),
    similarity: r.number(o, 'triage.similarity', t.similarity, { min: 0, max: 1, exclusive: true }),
    maxClusters: r.number(o, 'triage.maxClusters', t.maxClusters, { min: 1, max: 10_000, integer: true }),
  };
}

function checkCrossField(r: Reader, s: AppSettings, configured: boolean) {
  // Unconfigured settings are tenant only by default (fail closed): nobody chose tenant mode, so nothing is missing.
  const tenantChosen = configured && s.mode === 'tenant';
  if (tenantChosen && s.tenant.id === '') {
    r.problem('tenant.id', 'is required in tenant mode: it scopes every service-level query of this org');
  }
  if (tenantChosen && s.tenant.name === '') {
    r.problem('tenant.name', 'is required in tenant mode: customers see it in every headline');
  }
  if (s.thresholds.throughputRed > s.thresholds.throughputGreen) {
    r.problem('thresholds.throughputRed', 'must not be above the green threshold');
  }
  const both = s.review.phoneSeverities.filter((x) => s.review.emailSeverities.includes(x));
  if (both.length > 0) {
    r.problem('review.phoneSeverities', `${both.join(', ')} routed to both phone and email`);
  }
}
