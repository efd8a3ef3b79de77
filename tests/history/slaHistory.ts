import { defaultSettings, type AppSettings } from '../../src/settings';
import { factsFromAnswers, type InstantSample, type PeriodAnswers } from '../../src/sla/facts';
import { buildHeadline, type Headline } from '../../src/sla/headline';
import { buildSlaPageQueries, parseRefId, type PeriodQueries } from '../../src/sla/pageQueries';
import type { BurnWindow } from '../../src/sla/slo';
import type { SlaSource } from '../../src/sla/queries';
import { fixtureEnd, timeline, toOpenMetrics, type MetricFamily } from '../helpers/openmetrics';
import { backfill, type PromData } from '../helpers/prometheus';
import { tempDir } from '../helpers/processes';
import { startVictoriaMetrics, type RunningVm, type VmSeries } from '../helpers/victoriametrics';
import { FAST, generate, SLOW, type Generated, type TenantFixture } from '../sla/fixture';
import { blocksIn, startOnBlocks, type BlockPrometheus } from '../sla/promBlocks';

/**
 * The history world of issue 14: 400 days of two tenants imported into a real VictoriaMetrics 1.79.5 (13 months'
 * retention) and the last 40 days of the very same samples backfilled into a real Prometheus 2.42. The parity test
 * and the bench both use it.
 */

export const DAY = 86400;
export const HISTORY_DAYS = 400;
export const OVERLAP_DAYS = 40;
/** The last 40 days at the SLA test's 150 s; older days at 15 minutes (only daily and longer windows read them). */
const FINE_STEP = 150;
const COARSE_STEP = 900;

export interface HistoryWorld {
  end: number;
  /** First sample Prometheus has (end − 40 days). */
  overlapStart: number;
  monthStart: number;
  gen: Generated;
  vm: RunningVm;
  prom: BlockPrometheus;
  /** Prometheus' blocks of the 40 days (promtool output, 24-hour blocks). */
  promBlocksDir: string;
  /** Samples imported into VictoriaMetrics / backfilled into Prometheus. */
  samples: { vm: number; prom: number };
  stop(): Promise<void>;
}

export function tenants(end: number, monthStart: number): TenantFixture[] {
  // Globex breaks in the middle of the month so far (12 h outage, then a slow model), and once 200 days ago.
  const incident = Math.min(monthStart + Math.floor((end - monthStart) / 2 / 3600) * 3600, end - 3600);
  const old = end - 200 * DAY;
  const down = (t: number) => (t > incident && t <= incident + 12 * 3600) || (t > old && t <= old + 6 * 3600);
  return [
    {
      id: 'acme',
      profile: () => ({ rps: 1, errorShare: 0.0001, shape: FAST }),
      resets: [end - 10 * DAY, end - 150 * DAY],
    },
    {
      id: 'globex',
      profile: (t) => ({ rps: 2, errorShare: down(t) ? 1 : 0.0001, shape: t > incident ? SLOW : FAST }),
    },
  ];
}

export function toVmSeries(families: MetricFamily[]): VmSeries[] {
  return families.flatMap((f) =>
    f.series.map((s) => ({
      metric: { __name__: s.seriesName ?? f.name, ...s.labels },
      values: s.samples.map(([, v]) => v),
      timestamps: s.samples.map(([t]) => t * 1000),
    }))
  );
}

export function since(families: MetricFamily[], from: number): MetricFamily[] {
  return families.map((f) => ({
    ...f,
    series: f.series.map((s) => ({ ...s, samples: s.samples.filter(([t]) => t >= from) })),
  }));
}

const count = (families: MetricFamily[]) =>
  families.reduce((n, f) => n + f.series.reduce((m, s) => m + s.samples.length, 0), 0);

export async function startHistoryWorld(): Promise<HistoryWorld> {
  const end = fixtureEnd();
  const overlapStart = end - OVERLAP_DAYS * DAY;
  const d = new Date(end * 1000);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  const ts = [
    ...timeline(end - HISTORY_DAYS * DAY, overlapStart - 1, COARSE_STEP),
    ...timeline(overlapStart, end, FINE_STEP),
  ];
  const gen = generate(tenants(end, monthStart), ts);
  const recent = since(gen.families, overlapStart);
  // 13 months of 31 days (lib/flagutil/duration.go): 403 days, the dev stack's setting.
  const vm = await startVictoriaMetrics({ retention: '13' });
  const work = tempDir('history-prom');
  try {
    await vm.importJson(toVmSeries(gen.families));
    await backfill(toOpenMetrics(recent), work.dir);
    const prom = await startOnBlocks(blocksIn(work.dir));
    return {
      end,
      overlapStart,
      monthStart,
      gen,
      vm,
      prom,
      promBlocksDir: work.dir,
      samples: { vm: count(gen.families), prom: count(recent) },
      stop: async () => {
        await prom.stop();
        await vm.stop();
        work.remove();
      },
    };
  } catch (e) {
    await vm.stop();
    work.remove();
    throw e;
  }
}

export function settingsFor(id: string): AppSettings {
  return { ...defaultSettings(), mode: 'tenant', tenant: { id, name: id } };
}

export function samplesOf(data: PromData): InstantSample[] {
  if (data.resultType !== 'vector') {
    throw new Error(`expected a vector, got ${data.resultType}`);
  }
  return data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
}

export type InstantFn = (expr: string, time: number) => Promise<PromData>;
export type RangeFn = (expr: string, start: number, end: number, step: number) => Promise<PromData>;

export interface PageFigures {
  rolling: Headline;
  month: Headline;
  answers: { rolling: PeriodAnswers; month: PeriodAnswers };
  burn: Partial<Record<BurnWindow, InstantSample[]>>;
}

/** What the SLA page computes for a tenant at `at`: its own queries, run on one store, reduced by the pure core. */
export async function pageFigures(
  query: InstantFn,
  id: string,
  at: number,
  source: SlaSource = 'raw'
): Promise<PageFigures> {
  const s = settingsFor(id);
  const q = buildSlaPageQueries(s, { label: 'tenant', id }, source, at);
  const burn: Partial<Record<BurnWindow, InstantSample[]>> = {};
  for (const b of q.burn) {
    const ref = parseRefId(b.refId);
    if (ref?.kind === 'burn') {
      burn[ref.window] = samplesOf(await query(b.expr, at));
    }
  }
  const run = async (p: PeriodQueries) => {
    const answers: PeriodAnswers = {};
    for (const x of p.queries) {
      const ref = parseRefId(x.refId);
      if (ref?.kind === 'period') {
        answers[ref.fact] = samplesOf(await query(x.expr, at));
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
    rolling: buildHeadline(factsFromAnswers(rolling, burn, 5), targets, q.rolling.period.label),
    month: buildHeadline(factsFromAnswers(month, burn, 5), targets, q.month.period.label),
    answers: { rolling, month },
    burn,
  };
}

/** The page's 90 daily bars ending at the last UTC midnight (Grafana aligns a 1-day step to whole days). */
export async function dailyBars(queryRange: RangeFn, id: string, at: number): Promise<Array<[number, number]>> {
  const q = buildSlaPageQueries(settingsFor(id), { label: 'tenant', id }, 'raw', at);
  const last = Math.floor(at / DAY) * DAY;
  const data = await queryRange(q.dailyAvailability, last - 89 * DAY, last, DAY);
  if (data.resultType !== 'matrix') {
    throw new Error(`expected a matrix, got ${data.resultType}`);
  }
  return data.result.flatMap((s) => s.values.map(([t, v]) => [t, Number(v)] as [number, number]));
}
