/**
 * @jest-environment node
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { overviewTargets } from '../../src/overview/queries';
import { daysOf, dailyPlan, periodPlan, probeQueries, slaQueries, usagePlan } from '../../src/report/plan';
import { defaultSettings } from '../../src/settings';
import { allExpressions, buildSlaPageQueries } from '../../src/sla/pageQueries';
import { monthOf, monthPeriod, previousMonth } from '../../src/sla/windows';
import { fixtureEnd, timeline, toOpenMetrics } from '../helpers/openmetrics';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { startVictoriaMetrics, vmToolsAvailable, type RunningVm } from '../helpers/victoriametrics';
import { FAST, generate } from '../sla/fixture';
import { settingsFor, toVmSeries } from './slaHistory';

/**
 * "One query language for both": every PromQL expression the product issues — the overview's targets, the stack's
 * alert and recording rules, the SLA page's and the monthly report's queries — is accepted and evaluated by the
 * real Prometheus 2.42 and the real VictoriaMetrics 1.79.5 over the same data. (Numbers are compared where they
 * are the product's figures: tests/history/sla-parity.test.ts.)
 */

const DAY = 86400;
const ROOT = join(__dirname, '../..');
const end = fixtureEnd();

function ruleExpressions(): Array<{ name: string; expr: string }> {
  const dir = join(ROOT, 'provisioning/prometheus/rules');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .flatMap((f) => {
      const doc = parse(readFileSync(join(dir, f), 'utf8')) as {
        groups: Array<{ rules: Array<{ alert?: string; record?: string; expr: string }> }>;
      };
      return doc.groups.flatMap((g) =>
        g.rules.map((r) => ({ name: `${f} ${r.alert ?? r.record}`, expr: String(r.expr) }))
      );
    });
}

function productExpressions(): Array<{ name: string; expr: string; range?: boolean }> {
  const s = defaultSettings();
  const overview = overviewTargets(s, { hostPattern: 'spark' }).map((t) => ({
    name: `overview ${t.refId}`,
    expr: t.expr,
    range: !t.instant,
  }));
  const sla = (['raw', 'recorded'] as const).flatMap((source) => {
    const scope = { label: 'tenant', id: 'acme' };
    const settings = settingsFor('acme');
    const ym = previousMonth(monthOf(end, 'UTC'));
    const period = monthPeriod(ym, 'UTC', end)!;
    const q = slaQueries(settings, scope, source);
    return [
      ...allExpressions(buildSlaPageQueries(settings, scope, source, end)),
      ...[
        ...probeQueries(scope, period),
        ...periodPlan(q, period, true),
        ...dailyPlan(q, daysOf(period, ym, 'UTC')),
        ...usagePlan(scope, period),
      ].map((t) => t.expr),
    ].map((expr) => ({ name: `sla/report (${source})`, expr }));
  });
  return [...overview, ...ruleExpressions(), ...sla];
}

let vm: RunningVm | undefined;
let prom: RunningPrometheus | undefined;
let available = false;

beforeAll(async () => {
  available = await vmToolsAvailable(['victoria-metrics']);
  if (!available) {
    return;
  }
  const gen = generate(
    ['acme', 'globex'].map((id) => ({ id, profile: () => ({ rps: 1, errorShare: 0.01, shape: FAST }) })),
    timeline(end - 3 * DAY, end, 300)
  );
  vm = await startVictoriaMetrics();
  await vm.importJson(toVmSeries(gen.families));
  prom = await startPrometheus({ openmetrics: toOpenMetrics(gen.families) });
}, 180_000);

afterAll(async () => {
  await prom?.stop();
  await vm?.stop();
});

describe('every PromQL expression of the product runs on Prometheus 2.42 and VictoriaMetrics 1.79.5', () => {
  it('the list is the product’s, not a sample of it', () => {
    const all = productExpressions();
    expect(all.filter((x) => x.name.startsWith('overview')).length).toBeGreaterThanOrEqual(10);
    expect(all.filter((x) => x.name.includes('.yml')).length).toBeGreaterThanOrEqual(20);
    expect(all.every((x) => x.expr.trim().length > 0)).toBe(true);
  });

  it('each is accepted and evaluated by both (an error names the expression)', async () => {
    if (!available) {
      return;
    }
    const failures: string[] = [];
    for (const { name, expr, range } of productExpressions()) {
      for (const [store, run] of [
        ['Prometheus', prom!],
        ['VictoriaMetrics', vm!],
      ] as const) {
        try {
          await (range ? run.queryRange(expr, end - DAY, end, 600) : run.query(expr, end));
        } catch (e) {
          failures.push(`${store} · ${name}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('a query only one of them accepts is caught (positive control)', async () => {
    if (!available) {
      return;
    }
    // MetricsQL accepts a range selector without a window; Prometheus refuses it.
    await expect(vm!.query('rate(http_requests_total)', end)).resolves.toBeDefined();
    await expect(prom!.query('rate(http_requests_total)', end)).rejects.toThrow();
  });
});
