import type { ReviewSettings } from '../../settings/types';
import { analyzeExpr } from '../promql/analyze';
import type { ReviewRule } from '../types';
import type { NoiseEstimate, RangeQuerier, Series, SmsBudgetReport } from './types';

export const WEEK_SECONDS = 7 * 86400;
/** Prometheus refuses range queries over 11,000 points; stay well below. */
export const MAX_POINTS_PER_QUERY = 10_000;
/** At most this many evaluation steps per rule over the window (7 days at 15 s), so a 1 s interval stays affordable. */
export const MAX_STEPS_PER_RULE = 40_320;
const DEFAULT_STEP = 60;

export interface NoiseWindow {
  /** Unix seconds. */
  end: number;
  seconds: number;
}

/** Escapes a label value for a PromQL string literal. */
export function promString(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The `ALERTS_FOR_STATE` selector of a rule: its name and its static (untemplated) labels. */
export function forStateSelector(rule: ReviewRule): string {
  const matchers = [`alertname=${promString(rule.name)}`];
  for (const [k, v] of Object.entries(rule.labels)) {
    if (!v.includes('{{') && /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) && k !== 'alertname') {
      matchers.push(`${k}=${promString(v)}`);
    }
  }
  return `ALERTS_FOR_STATE{${matchers.join(',')}}`;
}

/**
 * Episodes from `ALERTS_FOR_STATE` raw samples. Its value is the alert's `activeAt`; each distinct value is one
 * activation, and the activation fired when a sample exists at least `for` after it.
 */
export function episodesFromForState(series: Series[], forSeconds: number, start: number, end: number): number[] {
  const fires: number[] = [];
  for (const s of series) {
    for (const activeAt of firedActivations(s, forSeconds)) {
      const fireAt = activeAt + forSeconds;
      if (fireAt >= start && fireAt <= end) {
        fires.push(fireAt);
      }
    }
  }
  return fires.sort((a, b) => a - b);
}

/** The `activeAt` values of one series that lasted past `for` (a sample at least `for` after them). */
function firedActivations(s: Series, forSeconds: number): Set<number> {
  const fired = new Set<number>();
  for (const [t, activeAt] of s.points) {
    if (t - activeAt >= forSeconds) {
      fired.add(activeAt);
    }
  }
  return fired;
}

/**
 * Episodes from the expression evaluated at `step` (as pint estimates): per series, runs of consecutive results;
 * a run lasting at least `for` fires once, at its start plus `for`.
 */
export function episodesFromEvaluation(series: Series[], step: number, forSeconds: number): number[] {
  const fires: number[] = [];
  for (const s of series) {
    let runStart: number | undefined;
    let prev: number | undefined;
    const close = () => {
      if (runStart !== undefined && prev !== undefined && prev - runStart >= forSeconds) {
        fires.push(runStart + forSeconds);
      }
    };
    for (const [t] of s.points) {
      if (prev === undefined || t - prev > step * 1.5) {
        close();
        runStart = t;
      }
      prev = t;
    }
    close();
  }
  return fires.sort((a, b) => a - b);
}

/** Evaluation step for a rule: its group interval, coarsened so the window needs at most `MAX_STEPS_PER_RULE`. */
export function evaluationStep(rule: ReviewRule, windowSeconds: number): number {
  const interval = rule.intervalSeconds && rule.intervalSeconds > 0 ? rule.intervalSeconds : DEFAULT_STEP;
  return Math.max(interval, Math.ceil(windowSeconds / MAX_STEPS_PER_RULE));
}

/** Range query split into requests of at most `MAX_POINTS_PER_QUERY` points; series merged by labels. */
export async function chunkedRange(
  q: RangeQuerier,
  expr: string,
  start: number,
  end: number,
  step: number
): Promise<Series[]> {
  const bySeries = new Map<string, Series>();
  const span = step * (MAX_POINTS_PER_QUERY - 1);
  for (let s = start; s <= end; s += span + step) {
    const part = await q.range(expr, s, Math.min(end, s + span), step);
    for (const series of part) {
      const key = JSON.stringify(Object.entries(series.labels).sort());
      const have = bySeries.get(key);
      have
        ? have.points.push(...series.points)
        : bySeries.set(key, { labels: series.labels, points: [...series.points] });
    }
  }
  return [...bySeries.values()];
}

/** The PromQL to evaluate for a rule's history, or undefined when it has none (LogQL, multi-query Grafana rules). */
export function evaluableExpr(rule: ReviewRule): string | undefined {
  if (rule.evalExpr) {
    return rule.evalExpr;
  }
  return rule.language === 'promql' && rule.expr.trim() && !analyzeExpr(rule.expr).syntaxError ? rule.expr : undefined;
}

/**
 * How often an alerting rule fired in the window: from `ALERTS_FOR_STATE` when Prometheus has it for the rule,
 * otherwise by evaluating the expression over the window. Query failures come back as an estimate with `error`.
 */
export async function estimateFiringEpisodes(
  rule: ReviewRule,
  q: RangeQuerier,
  win: NoiseWindow
): Promise<NoiseEstimate | undefined> {
  const expr = evaluableExpr(rule);
  if (rule.kind !== 'alerting' || !expr) {
    return undefined;
  }
  const start = win.end - win.seconds;
  const base = { windowStart: start, windowEnd: win.end };
  const forSeconds = rule.forSeconds ?? 0;
  try {
    if (rule.language === 'promql') {
      const state = await q.instant(`${forStateSelector(rule)}[${win.seconds}s]`, win.end);
      if (state.length > 0) {
        const fireTimes = episodesFromForState(state, forSeconds, start, win.end);
        return { ...base, method: 'alerts-for-state', episodes: fireTimes.length, fireTimes };
      }
    }
    const step = evaluationStep(rule, win.seconds);
    const series = await chunkedRange(q, expr, start, win.end, step);
    const fireTimes = episodesFromEvaluation(series, step, forSeconds);
    return { ...base, method: 'expression', episodes: fireTimes.length, fireTimes, step };
  } catch (e) {
    return {
      ...base,
      method: 'expression',
      episodes: 0,
      fireTimes: [],
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

/** Pages per hour from all phone-routed rules; the hours above the budget with each rule's count. */
export function smsBudgetReport(
  rules: ReviewRule[],
  noise: Map<string, NoiseEstimate>,
  review: ReviewSettings
): SmsBudgetReport {
  const phone = new Set(review.phoneSeverities.map((s) => s.toLowerCase()));
  const hours = new Map<number, Record<string, number>>();
  let totalPages = 0;
  for (const rule of rules) {
    const est = noise.get(rule.key);
    if (rule.kind !== 'alerting' || !est || !phone.has((rule.labels.severity ?? '').trim().toLowerCase())) {
      continue;
    }
    for (const t of est.fireTimes) {
      const hour = Math.floor(t / 3600) * 3600;
      const byRule = hours.get(hour) ?? {};
      byRule[rule.key] = (byRule[rule.key] ?? 0) + 1;
      hours.set(hour, byRule);
      totalPages++;
    }
  }
  const overHours = [...hours.entries()]
    .map(([hour, byRule]) => ({ hour, byRule, pages: Object.values(byRule).reduce((a, b) => a + b, 0) }))
    .filter((h) => h.pages > review.smsBudgetPerHour)
    .sort((a, b) => a.hour - b.hour);
  return { budgetPerHour: review.smsBudgetPerHour, overHours, totalPages };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Which querier answers for a rule (its data source), or undefined when none is reachable. */
export type QuerierFor = (rule: ReviewRule) => RangeQuerier | undefined;

export interface DataFacts {
  noise: Map<string, NoiseEstimate>;
  sms: SmsBudgetReport;
  missingMetrics: Map<string, string[]>;
  /** Data sources whose metric list could not be read. */
  problems: string[];
}

/** Collects noise estimates, the SMS budget report and missing metrics for the rules that have a data source. */
export async function collectDataFacts(
  rules: ReviewRule[],
  querierFor: QuerierFor,
  review: ReviewSettings,
  win: NoiseWindow,
  concurrency = 4
): Promise<DataFacts> {
  const noise = new Map<string, NoiseEstimate>();
  await mapLimit(rules, concurrency, async (rule) => {
    const q = querierFor(rule);
    const est = q ? await estimateFiringEpisodes(rule, q, win) : undefined;
    if (est) {
      noise.set(rule.key, est);
    }
  });
  const { missing, problems } = await findMissingMetrics(rules, querierFor, win);
  return { noise, sms: smsBudgetReport(rules, noise, review), missingMetrics: missing, problems };
}

/** Metrics each rule selects that have no series in its data source over the window. */
export async function findMissingMetrics(
  rules: ReviewRule[],
  querierFor: QuerierFor,
  win: NoiseWindow
): Promise<{ missing: Map<string, string[]>; problems: string[] }> {
  const names = new Map<RangeQuerier, Promise<Set<string> | string>>();
  // A metric recorded by a rule under review counts as present: it exists once that rule is deployed.
  const recorded = new Set(rules.filter((r) => r.kind === 'recording').map((r) => r.name));
  const missing = new Map<string, string[]>();
  const problems = new Set<string>();
  for (const rule of rules) {
    const q = querierFor(rule);
    const expr = evaluableExpr(rule);
    if (!q || !expr) {
      continue;
    }
    const a = analyzeExpr(expr);
    if (a.functions.some((f) => f.startsWith('absent'))) {
      continue; // absent() fires precisely when the metric is missing
    }
    if (!names.has(q)) {
      names.set(
        q,
        q.metricNames(win.end - win.seconds, win.end).then(
          (list) => new Set(list),
          (e: unknown) => `could not list metric names: ${e instanceof Error ? e.message : String(e)}`
        )
      );
    }
    const known = await names.get(q)!;
    if (typeof known === 'string') {
      problems.add(known);
      continue;
    }
    const absentOnes = a.metrics.filter((m) => !known.has(m) && !recorded.has(m));
    if (absentOnes.length) {
      missing.set(rule.key, absentOnes);
    }
  }
  return { missing, problems: [...problems] };
}
