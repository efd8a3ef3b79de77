// Long-term history (issue 14): the Service levels page's queries for a 90-day window on Prometheus 2.42 holding
// 40 backfilled days and on VictoriaMetrics 1.79.5 holding 400 days, side by side in one run, and the on-disk size
// of each store for the same 40 days. Prints figures only; nothing passes or fails on a timer.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { allExpressions, buildSlaPageQueries } from '../src/sla/pageQueries';
import { startVictoriaMetrics } from '../tests/helpers/victoriametrics';
import {
  DAY,
  settingsFor,
  since,
  startHistoryWorld,
  toVmSeries,
  type InstantFn,
  type RangeFn,
} from '../tests/history/slaHistory';

/** Grafana's step for a 90-day range on a ~1,000-pixel panel (2 h, rounded as its interval calculator does). */
const RANGE_STEP = 7200;
const RUNS = 5;

function du(dir: string): number {
  return Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]) * 1024;
}

/** One page load for a tenant: the headline's instant queries, the budget and latency charts over 90 days at 2 h, the 90 daily bars. */
async function pageLoad(query: InstantFn, queryRange: RangeFn, id: string, at: number): Promise<number> {
  const q = buildSlaPageQueries(settingsFor(id), { label: 'tenant', id }, 'raw', at);
  const instant = [...q.rolling.queries, ...q.month.queries, ...q.burn].map((x) => x.expr);
  const start = performance.now();
  // Grafana sends a panel's queries together: one request per runner, the runners in parallel.
  await Promise.all([
    Promise.all(instant.map((e) => query(e, at))),
    queryRange(q.budgetRemaining, at - 90 * DAY, at, RANGE_STEP),
    queryRange(q.latencyOverTime, at - 90 * DAY, at, RANGE_STEP),
    queryRange(q.dailyAvailability, Math.floor(at / DAY) * DAY - 89 * DAY, Math.floor(at / DAY) * DAY, DAY),
  ]);
  return performance.now() - start;
}

async function timed(query: InstantFn, queryRange: RangeFn, at: number) {
  await pageLoad(query, queryRange, 'globex', at); // warm-up: file cache, and VictoriaMetrics' rollup cache is per query
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A different evaluation time each run (one minute apart) so no store answers from a result cache.
    runs.push(await pageLoad(query, queryRange, i % 2 ? 'acme' : 'globex', at - 60 * (i + 1)));
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(RUNS / 2)], best: runs[0] };
}

export default async function run() {
  const t0 = performance.now();
  const w = await startHistoryWorld();
  try {
    console.log(
      `setup: ${w.samples.vm.toLocaleString('en-US')} samples (400 days, 2 tenants) imported into VictoriaMetrics, ` +
        `${w.samples.prom.toLocaleString('en-US')} (the last 40 days) backfilled into Prometheus, in ${((performance.now() - t0) / 1000).toFixed(1)} s`
    );
    const exprs = allExpressions(
      buildSlaPageQueries(settingsFor('acme'), { label: 'tenant', id: 'acme' }, 'raw', w.end)
    ).length;
    const prom = await timed(w.prom.query, w.prom.queryRange, w.end);
    const vm = await timed(w.vm.query, w.vm.queryRange, w.end);
    console.log(`SLA page, 90-day window, ${exprs} queries per load (raw series, median / best of ${RUNS}):`);
    console.log(
      `  Prometheus 2.42, 40 days held:         ${prom.median.toFixed(0)} ms / ${prom.best.toFixed(0)} ms (only 40 of the 90 days exist)`
    );
    console.log(`  VictoriaMetrics 1.79.5, 400 days held: ${vm.median.toFixed(0)} ms / ${vm.best.toFixed(0)} ms`);

    // The same 40 days in a VictoriaMetrics of their own, for the on-disk comparison.
    const vm40 = await startVictoriaMetrics({ retention: '13' });
    try {
      await vm40.importJson(toVmSeries(since(w.gen.families, w.overlapStart)));
      await vm40.flush();
      // Every sample is there before its size is taken (nothing still in memory, nothing dropped).
      const held = await vm40.query(`sum(count_over_time({__name__=~".+"}[${41 * DAY}s]))`, w.end);
      const n = held.resultType === 'vector' ? Number(held.result[0]?.value[1]) : NaN;
      if (n !== w.samples.prom) {
        throw new Error(`VictoriaMetrics holds ${n} samples of the 40 days, expected ${w.samples.prom}`);
      }
      console.log(
        `on disk, the same 40 days (${w.samples.prom.toLocaleString('en-US')} samples, ${w.gen.families.reduce((n, f) => n + f.series.length, 0)} series):`
      );
      console.log(
        `  Prometheus 2.42 (promtool blocks of 24 h, not yet compacted): ${(du(w.promBlocksDir) / 1024).toFixed(0)} KB`
      );
      console.log(
        `  VictoriaMetrics 1.79.5 (after force_flush, data and indexdb): ${(du(vm40.dataDir) / 1024).toFixed(0)} KB`
      );
    } finally {
      await vm40.stop();
    }
  } finally {
    await w.stop();
  }
}
