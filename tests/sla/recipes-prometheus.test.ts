/**
 * @jest-environment node
 */
// Each gateway SLI recipe against real Prometheus 2.42: 8 days of series shaped exactly as Traefik, LiteLLM or a
// route-labelled gateway emit them for three customers (one healthy, one with an outage and a slow model, one idle)
// and for traffic that is nobody's; the recipe's recording rules and sla-recording.yml evaluated over them; then the
// service-level page's queries and the pure core give each customer's figures, checked against the traffic.
import { defaultSettings, type AppSettings } from '../../src/settings';
import { buildSlaPageQueries } from '../../src/sla/pageQueries';
import { rawQueriesApply, RECORDED } from '../../src/sla/queries';
import { fixtureEnd } from '../helpers/openmetrics';
import {
  type ExporterShape,
  expectedQuantile,
  FAST,
  LITELLM,
  ROUTE_LABEL,
  SLOW,
  sumWindow,
  type TenantFixture,
  TRAEFIK,
} from './fixture';
import { page, recipeStack, rel, samples, value } from './harness';
import type { BlockPrometheus } from './promBlocks';

const DAY = 86400;
const end = fixtureEnd();
const start = end - 8 * DAY;
// Globex: 6 hours of outage two days before the end (every request fails), then a slower model.
const outageStart = end - 2 * DAY;
const outageEnd = outageStart + 6 * 3600;

const TENANTS: TenantFixture[] = [
  { id: 'acme', profile: () => ({ rps: 1, errorShare: 0.0002, shape: FAST }) },
  {
    id: 'globex',
    profile: (t) => ({
      rps: 0.5,
      errorShare: t > outageStart && t <= outageEnd ? 1 : 0.0002,
      shape: t > outageStart ? SLOW : FAST,
    }),
  },
  // A customer whose route exists but who sent nothing.
  { id: 'initech', profile: () => ({ rps: 0, errorShare: 0, shape: FAST }) },
];

function settingsFor(shape: ExporterShape, id: string): AppSettings {
  const base = shape.settings(defaultSettings());
  return { ...base, mode: 'tenant', tenant: { id, name: id }, sla: { ...base.sla, windowDays: 7 } };
}

describe.each([TRAEFIK, LITELLM, ROUTE_LABEL])('the "$recipe" recipe from its exporter’s series', (shape) => {
  let prom: BlockPrometheus;
  let inc: Awaited<ReturnType<typeof recipeStack>>['inc'];

  beforeAll(async () => {
    ({ prom, inc } = await recipeStack(shape, TENANTS, { start, end, step: 300, rateStep: 600 }));
  }, 240_000);

  afterAll(async () => {
    await prom?.stop();
  });

  const expected = (id: string, from: number) => {
    const w = sumWindow(shape, inc[id], from, end);
    return { ...w, p95: expectedQuantile(shape, 0.95, w.buckets) };
  };
  const figures = (id: string) => page(prom, settingsFor(shape, id), id, 'recorded', end);

  it('records exactly the customers: tenant ids from the route, nobody else’s traffic', async () => {
    const tenants = samples(await prom.query(`count by (tenant) (${RECORDED.requestsRate5m})`, end)).map((s) => s.labels.tenant);
    expect(tenants.sort()).toEqual(['acme', 'globex', 'initech']);
    // The series name the customer in another label: raw queries could not be scoped by a tenant's label proxy.
    expect(rawQueriesApply(settingsFor(shape, 'acme'))).toBe(false);
  });

  it('acme: requests, failures and p95 of the last 7 days as the traffic implies; meeting', async () => {
    const r = await figures('acme');
    const exp = expected('acme', end - 7 * DAY);
    rel(value(r.answers.rolling.requests), exp.requests, 3e-3);
    rel(value(r.answers.rolling.errors), exp.errors, 5e-2);
    rel(value(r.answers.rolling.latency), exp.p95, 3e-2);
    expect(r.rolling.status).toBe('meeting');
    expect(r.rolling.sentences[0]).toMatch(/^Your workload completed in \S+ s \(95th percentile, last 7 days\), well within the 5-second SLA\.$/);
  });

  it('globex: the outage exhausts the budget and the slow model shows in the p95', async () => {
    const r = await figures('globex');
    const exp = expected('globex', end - 7 * DAY);
    rel(value(r.answers.rolling.requests), exp.requests, 3e-3);
    // Everything that failed at the gateway: 5xx. A failure after a streamed 200 is a 200 there.
    rel(value(r.answers.rolling.errors), exp.errors, 2e-2);
    expect(exp.errors).toBeGreaterThan(0.2 * 0.5 * 6 * 3600);
    rel(value(r.answers.rolling.latency), exp.p95, 3e-2);
    expect(r.rolling.availabilityStatus).toBe('breaching');
    expect(r.rolling.budget!.exhausted).toBe(true);
    expect(r.rolling.latencyStatus).toBe(exp.p95 > 5 ? 'breaching' : exp.p95 > 4 ? 'at-risk' : 'meeting');
    // The last hour is after the outage: burning no more.
    const burn5m = value(r.burn['5m']);
    expect(burn5m).toBeDefined();
    expect(burn5m!).toBeLessThan(0.001);
  });

  it('initech: no requests, said plainly, never 100 %', async () => {
    const r = await figures('initech');
    expect(r.rolling.sentences).toEqual(['No requests in this period.']);
    expect(r.rolling.availability).toBeUndefined();
  });

  it('the 7-day budget burn-down sums the recorded rates: exhausted for globex, mostly left for acme', async () => {
    const at = async (id: string) =>
      value(samples(await prom.query(buildSlaPageQueries(settingsFor(shape, id), { label: 'tenant', id }, 'recorded', end).budgetRemaining, end)));
    expect(await at('globex')).toBeLessThan(0);
    const acme = expected('acme', end - 7 * DAY);
    rel(await at('acme'), 1 - acme.errors / acme.requests / 0.001, 3e-2);
  });
});
