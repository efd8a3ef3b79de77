// Reading the SLI recipe and the vLLM panel levels from `jsonData`: same rules as parseSettings (never throws,
// defaults for what is missing, a problem for what is wrong).
import { knownBounds, risingThresholdReachable, topFiniteBound } from '../exporters/histograms';
import { own } from '../shared/narrow';
import type { NumberRange, Reader } from './parseSettings';
import type { Band, SliRecipeId, SliSettings, VllmThresholds } from './types';

const RECIPES: readonly SliRecipeId[] = ['tenant-label', 'traefik', 'litellm', 'route-label'];
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const MAX_PATTERN = 200;

// Prometheus regexes are RE2: no lookaround, no backreferences, named groups only as (?P<n>…).
const NOT_RE2 = /\(\?<?[=!]|\\[1-9]|\(\?<[a-zA-Z]/;

/** Why `pattern` cannot be a Prometheus label regex with `groups` capture groups; undefined when it can. */
export function patternProblem(pattern: string, groups?: number): string | undefined {
  if (pattern.length > MAX_PATTERN) {
    return `is ${pattern.length} characters long; at most ${MAX_PATTERN}`;
  }
  if (NOT_RE2.test(pattern)) {
    return 'uses lookaround, a backreference or a JavaScript-style named group, which Prometheus (RE2) rejects';
  }
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern.replace(/\(\?P</g, '(?<')})$`);
  } catch (e) {
    return `is not a valid regular expression (${e instanceof Error ? e.message : 'parse error'})`;
  }
  // An alternation with the empty string always matches, and the match array has one entry per group.
  const count = (new RegExp(`${re.source}|`).exec('')?.length ?? 1) - 1;
  if (groups !== undefined && count !== groups) {
    return `must have exactly ${groups} capture group${groups === 1 ? '' : 's'} (the tenant id), has ${count}`;
  }
  return undefined;
}

function readRecipe(r: Reader, o: unknown, fallback: SliRecipeId): SliRecipeId {
  const v = own(o, 'recipe');
  if (v === undefined || v === null || v === '') {
    return fallback;
  }
  if (typeof v === 'string' && (RECIPES as readonly string[]).includes(v)) {
    return v as SliRecipeId;
  }
  r.problem('sli.recipe', `must be one of ${RECIPES.join(', ')}, got ${JSON.stringify(v)?.slice(0, 40)}`);
  return fallback;
}

function readPattern(r: Reader, o: unknown, path: string, fallback: string, groups?: number): string {
  const v = r.string(o, path, fallback);
  const problem = v === '' ? undefined : patternProblem(v, groups);
  if (problem) {
    r.problem(path, problem);
    return fallback;
  }
  return v;
}

/** The `sli` section: which recipe produces the per-tenant series, and its parameters. */
export function readSli(r: Reader, o: unknown, d: SliSettings): SliSettings {
  const metric = (key: 'requestCounter' | 'latencyHistogram') =>
    r.string(o, `sli.${key}`, d[key], METRIC_NAME, 'a Prometheus metric name') || d[key];
  return {
    recipe: readRecipe(r, o, d.recipe),
    routeLabel: r.string(o, 'sli.routeLabel', d.routeLabel, LABEL_NAME, 'a Prometheus label name'),
    routePattern: readPattern(r, o, 'sli.routePattern', d.routePattern, 1),
    requestCounter: metric('requestCounter'),
    statusLabel: r.string(o, 'sli.statusLabel', d.statusLabel, LABEL_NAME, 'a Prometheus label name') || d.statusLabel,
    errorStatusPattern: readPattern(r, o, 'sli.errorStatusPattern', d.errorStatusPattern) || d.errorStatusPattern,
    latencyHistogram: metric('latencyHistogram'),
  };
}

/** Which vLLM histogram each latency level is judged against (its largest bucket is the most a p95 can show). */
const LEVEL_HISTOGRAM: Partial<Record<keyof VllmThresholds, string>> = {
  ttftP95Seconds: 'vllm:time_to_first_token_seconds',
  itlP95Seconds: 'vllm:inter_token_latency_seconds',
  queueP95Seconds: 'vllm:request_queue_time_seconds',
};

function readBand(r: Reader, o: unknown, key: keyof VllmThresholds, d: Band, range: NumberRange): Band {
  const path = `thresholds.vllm.${key}`;
  const band = own(o, key);
  const yellow = r.number(band, `${path}.yellow`, d.yellow, range);
  const red = r.number(band, `${path}.red`, d.red, range);
  if (yellow > red) {
    r.problem(`${path}.yellow`, `must not be above red (${red})`);
    return d;
  }
  const histogram = LEVEL_HISTOGRAM[key];
  const top = histogram ? topFiniteBound(knownBounds(histogram) ?? []) : undefined;
  if (top !== undefined && !risingThresholdReachable('>=', red, top)) {
    r.problem(`${path}.red`, `${red} s can never be reached: ${histogram} tops out at ${top} s (vLLM's largest bucket)`);
    return d;
  }
  return { yellow, red };
}

/** `thresholds.vllm`: the levels of the vLLM panels. */
export function readVllmThresholds(r: Reader, o: unknown, d: VllmThresholds): VllmThresholds {
  const seconds: NumberRange = { min: 0, max: 1e5, exclusive: true };
  return {
    ttftP95Seconds: readBand(r, o, 'ttftP95Seconds', d.ttftP95Seconds, seconds),
    itlP95Seconds: readBand(r, o, 'itlP95Seconds', d.itlP95Seconds, seconds),
    queueP95Seconds: readBand(r, o, 'queueP95Seconds', d.queueP95Seconds, seconds),
    lengthShare: readBand(r, o, 'lengthShare', d.lengthShare, { min: 0, max: 1 }),
    preemptionsPer5m: readBand(r, o, 'preemptionsPer5m', d.preemptionsPer5m, { min: 0, max: 1e9 }),
  };
}
