// A real Prometheus 2.42 holding a recipe's exporter series and the recording rules evaluated over them, and the
// page's answer for a tenant: its queries run there, reduced by the pure core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AppSettings } from '../../src/settings';
import { factsFromAnswers, type InstantSample, type PeriodAnswers } from '../../src/sla/facts';
import { buildHeadline, type Headline } from '../../src/sla/headline';
import { buildSlaPageQueries, parseRefId, type PeriodQueries } from '../../src/sla/pageQueries';
import type { SlaSource } from '../../src/sla/queries';
import { recipeFor, recipeRules } from '../../src/sla/recipes';
import type { BurnWindow } from '../../src/sla/slo';
import { timeline, toOpenMetrics } from '../helpers/openmetrics';
import { backfill, type PromData } from '../helpers/prometheus';
import { tempDir } from '../helpers/processes';
import { type ExporterShape, type Increments, type TenantFixture, traffic } from './fixture';
import { blocksIn, evaluateRules, startOnBlocks, type BlockPrometheus } from './promBlocks';

const COMMON = readFileSync(join(__dirname, '../../provisioning/prometheus/rules/sla-recording.yml'), 'utf8');

function commonGroups() {
  return (parse(COMMON) as { groups: Array<{ name: string; rules: Array<{ record?: string; expr: string }> }> }).groups;
}

export interface RecipeStack {
  prom: BlockPrometheus;
  inc: Record<string, Increments[]>;
}

/**
 * Backfills the shape's series for `tenants` from `start` to `end` every `step` seconds, evaluates the recipe's rules
 * (for the shape's settings) every `rateStep` seconds and the ratio rules every hour, the way
 * `promtool tsdb create-blocks-from rules` does, and starts a Prometheus over all of it.
 */
export async function recipeStack(
  shape: ExporterShape,
  tenants: TenantFixture[],
  range: { start: number; end: number; step: number; rateStep: number }
): Promise<RecipeStack> {
  const ts = timeline(range.start, range.end, range.step);
  const inc = traffic(tenants, ts);
  const work = tempDir(`sla-${shape.recipe}`);
  const instances: BlockPrometheus[] = [];
  try {
    // Blocks live in directories this test owns; every Prometheus runs on its own copy (a running Prometheus
    // compacts its blocks, so they cannot be read from under it).
    const raw = join(work.dir, 'raw');
    await backfill(toOpenMetrics(shape.families(tenants, inc, ts)), raw);
    const rawProm = await startOnBlocks(blocksIn(raw));
    instances.push(rawProm);
    const rates = join(work.dir, 'rates');
    const group = { name: 'sovgrid-sla-rates', rules: recipeRules(recipeFor(shape.settings())) };
    await backfill(toOpenMetrics(await evaluateRules(rawProm.queryRange, [group], range.start, range.end, range.rateStep)), rates);
    const mid = await startOnBlocks(blocksIn(rates));
    instances.push(mid);
    const ratios = join(work.dir, 'ratios');
    await backfill(toOpenMetrics(await evaluateRules(mid.queryRange, commonGroups(), range.start, range.end, 3600)), ratios);
    const prom = await startOnBlocks([...blocksIn(raw), ...blocksIn(rates), ...blocksIn(ratios)]);
    return { prom, inc };
  } finally {
    for (const p of instances) {
      await p.stop();
    }
    work.remove();
  }
}

export function samples(data: PromData): InstantSample[] {
  if (data.resultType !== 'vector') {
    throw new Error(`expected a vector, got ${data.resultType}`);
  }
  return data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
}

export interface PageResult {
  rolling: Headline;
  month: Headline;
  answers: { rolling: PeriodAnswers; month: PeriodAnswers };
  burn: Partial<Record<BurnWindow, InstantSample[]>>;
}

/** What the page computes for one tenant at `now`: its queries, run against Prometheus, reduced by the pure core. */
export async function page(prom: BlockPrometheus, s: AppSettings, id: string, source: SlaSource, now: number): Promise<PageResult> {
  const q = buildSlaPageQueries(s, { label: 'tenant', id }, source, now);
  const burn: Partial<Record<BurnWindow, InstantSample[]>> = {};
  for (const b of q.burn) {
    const ref = parseRefId(b.refId);
    if (ref?.kind === 'burn') {
      burn[ref.window] = samples(await prom.query(b.expr, now));
    }
  }
  const run = async (p: PeriodQueries) => {
    const answers: PeriodAnswers = {};
    for (const x of p.queries) {
      const ref = parseRefId(x.refId);
      if (ref?.kind === 'period') {
        answers[ref.fact] = samples(await prom.query(x.expr, now));
      }
    }
    return answers;
  };
  const rolling = await run(q.rolling);
  const month = await run(q.month);
  const targets = {
    objective: s.sla.availabilityObjective,
    latencyTargetSeconds: s.sla.latencyTargetSeconds,
    latencyPercentile: s.sla.latencyPercentile,
  };
  return {
    rolling: buildHeadline(factsFromAnswers(rolling, burn, s.sla.latencyTargetSeconds), targets, q.rolling.period.label),
    month: buildHeadline(factsFromAnswers(month, burn, s.sla.latencyTargetSeconds), targets, q.month.period.label),
    answers: { rolling, month },
    burn,
  };
}

export const value = (xs: InstantSample[] | undefined) => xs?.[0]?.value;

export function rel(actual: number | undefined, expected: number, tolerance: number) {
  if (actual === undefined) {
    throw new Error(`no value, expected ${expected}`);
  }
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
  if (err > tolerance) {
    throw new Error(`got ${actual}, expected ${expected} (relative error ${err} > ${tolerance})`);
  }
}
