/**
 * @jest-environment node
 */
import { daysOf, dailyPlan, periodPlan, probeQueries, slaQueries, usagePlan } from '../../src/report/plan';
import { buildSlaPageQueries, allExpressions } from '../../src/sla/pageQueries';
import type { SlaSource } from '../../src/sla/queries';
import { monthOf, monthPeriod, previousMonth } from '../../src/sla/windows';
import { passwordEnv, tenantUrlPrefix, vmauthConfigYaml } from '../../src/tenants/vmauthConfig';
import { fixtureEnd, timeline } from '../helpers/openmetrics';
import {
  startVictoriaMetrics,
  startVmauth,
  vmToolsAvailable,
  type RunningVm,
  type VmSeries,
} from '../helpers/victoriametrics';
import { FAST, generate } from '../sla/fixture';
import { settingsFor } from './slaHistory';

/**
 * Isolation through vmauth 1.79.5 in front of VictoriaMetrics 1.79.5, with the config `npm run tenant -- vmauth-config`
 * writes (src/tenants/vmauthConfig.ts): every query the SLA page and the monthly report issue for acme, and hostile
 * ones, answer acme's series only or an error. Positive controls: the same requests through a catch-all user see
 * globex, so the checks would notice a leak (docs/victoriametrics-contract.md V1–V4, V12, V13).
 */

const DAY = 86400;
const end = fixtureEnd();
const ACME_PW = 'acme-secret';

let vm: RunningVm | undefined;
let auth: { url: string; stop: () => Promise<void> } | undefined;
let available = false;

beforeAll(async () => {
  available = await vmToolsAvailable(['victoria-metrics', 'vmauth']);
  if (!available) {
    return;
  }
  vm = await startVictoriaMetrics({ retention: '13' });
  const gen = generate(
    ['acme', 'globex'].map((id) => ({ id, profile: () => ({ rps: 1, errorShare: 0.001, shape: FAST }) })),
    timeline(end - 70 * DAY, end, 1800)
  );
  const series: VmSeries[] = gen.families.flatMap((f) =>
    f.series.map((s) => ({
      metric: { __name__: s.seriesName ?? f.name, ...s.labels },
      values: s.samples.map(([, v]) => v),
      timestamps: s.samples.map(([t]) => t * 1000),
    }))
  );
  // Recorded series and token counters too, so the recorded and usage queries have something to leak.
  const extra = ['acme', 'globex'].flatMap((tenant) =>
    ['sovgrid:sla_requests:rate5m', 'sovgrid:sla_error:ratio_rate1d', 'vllm:prompt_tokens_total'].map((name) => ({
      metric: { __name__: name, tenant },
      values: [1, 2, 3],
      timestamps: [end - 2 * DAY, end - DAY, end].map((t) => t * 1000),
    }))
  );
  await vm.importJson([...series, ...extra]);
  const config = vmauthConfigYaml(vm.url, [
    { id: 'acme', label: 'tenant' },
    { id: 'globex', label: 'tenant' },
  ]);
  // A catch-all user, the way vmauth is usually shown (one url_prefix, no route list): the positive control.
  const control = `  - username: "control"\n    password: "control"\n    url_prefix: ${JSON.stringify(
    tenantUrlPrefix(vm.url, { id: 'acme', label: 'tenant' })
  )}\n  - username: "operator"\n    password: "operator"\n    url_prefix: ${JSON.stringify(vm.url)}\n`;
  auth = await startVmauth({
    config: config + control,
    env: { [passwordEnv('acme')]: ACME_PW, [passwordEnv('globex')]: 'globex-secret' },
  });
}, 120_000);

afterAll(async () => {
  await auth?.stop();
  await vm?.stop();
});

const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;

async function ask(user: [string, string], path: string, body?: string) {
  const res = await fetch(`${auth!.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: basic(...user),
      ...(body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const ACME: [string, string] = ['acme', ACME_PW];

/** Every tenant value in an answer: series' `tenant` labels and label-values lists. */
function tenantsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/"tenant":"([^"]*)"|tenant="([^"]*)"/g)].map((m) => m[1] ?? m[2]))].sort();
}

const isError = (r: { status: number }) => r.status >= 400;

/** The page's and the report's queries for acme, raw and recorded. */
function productQueries(): Array<{ expr: string; time: number }> {
  const out: Array<{ expr: string; time: number }> = [];
  for (const source of ['raw', 'recorded'] as SlaSource[]) {
    const s = settingsFor('acme');
    const scope = { label: 'tenant', id: 'acme' };
    for (const expr of allExpressions(buildSlaPageQueries(s, scope, source, end))) {
      out.push({ expr, time: end });
    }
    const ym = previousMonth(monthOf(end, 'UTC'));
    const period = monthPeriod(ym, 'UTC', end)!;
    const q = slaQueries(s, scope, source);
    const timed = [
      ...probeQueries(scope, period),
      ...periodPlan(q, period, false),
      ...dailyPlan(q, daysOf(period, ym, 'UTC')),
      ...usagePlan(scope, period),
    ];
    out.push(...timed.map((t) => ({ expr: t.expr, time: t.time })));
  }
  return out;
}

const live = (name: string, fn: () => Promise<void>) => it(name, async () => (available ? fn() : undefined), 120_000);

describe('tenant isolation through vmauth 1.79.5 (the generated config) on VictoriaMetrics 1.79.5', () => {
  live("every query of the SLA page and the monthly report answers acme's series only", async () => {
    const queries = productQueries();
    expect(queries.length).toBeGreaterThan(40);
    let answered = 0;
    for (const { expr, time } of queries) {
      for (const path of ['/api/v1/query', '/api/v1/query_range']) {
        const params: Record<string, string> =
          path === '/api/v1/query'
            ? { query: expr, time: String(time) }
            : { query: expr, start: String(time - 3 * DAY), end: String(time), step: '3600' };
        const r = await ask(ACME, `${path}?${new URLSearchParams(params)}`);
        expect([expr, r.status]).toEqual([expr, 200]);
        expect([expr, tenantsIn(r.text).filter((t) => t !== 'acme')]).toEqual([expr, []]);
        answered += r.text.includes('"result":[]') ? 0 : 1;
      }
    }
    // The queries answered with data, not only with nothing.
    expect(answered).toBeGreaterThan(queries.length);
  });

  live('the same page query as the operator (no boundary) sees both tenants: the check above can fail', async () => {
    const r = await ask(
      ['operator', 'operator'],
      `/api/v1/query?${new URLSearchParams({ query: 'sum by (tenant) (http_requests_total)', time: String(end) })}`
    );
    expect(tenantsIn(r.text)).toEqual(['acme', 'globex']);
  });

  const hostile: Array<[string, string, string | undefined]> = [
    [
      'every series',
      `/api/v1/query?${new URLSearchParams({ query: '{__name__=~".+"}', time: String(end) })}`,
      undefined,
    ],
    [
      'the other tenant by label',
      `/api/v1/query?${new URLSearchParams({ query: 'http_requests_total{tenant="globex"}', time: String(end) })}`,
      undefined,
    ],
    [
      'a regex over tenants',
      `/api/v1/query?${new URLSearchParams({ query: 'count by (tenant) ({tenant=~".*"})', time: String(end) })}`,
      undefined,
    ],
    [
      'its own extra_label in the URL',
      `/api/v1/query?${new URLSearchParams({ query: 'count by (tenant) (http_requests_total)', time: String(end), extra_label: 'tenant=globex' })}`,
      undefined,
    ],
    [
      'extra_label and extra_filters in the body',
      '/api/v1/query',
      new URLSearchParams({
        query: 'count by (tenant) (http_requests_total)',
        time: String(end),
        extra_label: 'tenant=globex',
        'extra_filters[]': '{tenant="globex"}',
      }).toString(),
    ],
    [
      'a subquery',
      `/api/v1/query?${new URLSearchParams({ query: 'max_over_time(count by (tenant) ({__name__=~".+"})[2d:1h])', time: String(end) })}`,
      undefined,
    ],
    [
      'a range query over everything',
      `/api/v1/query_range?${new URLSearchParams({ query: 'count by (tenant) ({__name__=~".+"})', start: String(end - DAY), end: String(end), step: '3600' })}`,
      undefined,
    ],
    [
      'the series API',
      `/api/v1/series?${new URLSearchParams({ 'match[]': '{__name__=~".+"}', start: String(end - 80 * DAY), end: String(end) })}`,
      undefined,
    ],
    [
      'the label values API',
      `/api/v1/label/tenant/values?${new URLSearchParams({ start: String(end - 80 * DAY), end: String(end) })}`,
      undefined,
    ],
    [
      'the labels API',
      `/api/v1/labels?${new URLSearchParams({ start: String(end - 80 * DAY), end: String(end) })}`,
      undefined,
    ],
    ['the export API', `/api/v1/export?${new URLSearchParams({ 'match[]': '{__name__=~".+"}' })}`, undefined],
    ['the native export', `/api/v1/export/native?${new URLSearchParams({ 'match[]': '{__name__=~".+"}' })}`, undefined],
    ['federate', `/federate?${new URLSearchParams({ 'match[]': '{__name__=~".+"}' })}`, undefined],
    ['series count', '/api/v1/series/count', undefined],
    ['top queries', '/api/v1/status/top_queries', undefined],
    ['TSDB status', '/api/v1/status/tsdb', undefined],
    ['Graphite metric index', '/metrics/index.json', undefined],
    ['a write through import', '/api/v1/import/prometheus', 'http_requests_total{tenant="globex",status="5xx"} 1e9'],
    [
      'a path that cleans into the query API',
      '/api/v1/query/../../../api/v1/export?match[]={__name__=~".%2B"}',
      undefined,
    ],
  ];

  it.each(hostile)('%s: acme sees acme only, or gets an error', async (_name, path, body) => {
    if (!available) {
      return;
    }
    const r = await ask(ACME, path, body);
    expect(isError(r) || tenantsIn(r.text).every((t) => t === 'acme')).toBe(true);
    // An error may echo the request itself (vmauth's "missing route" quotes the URI); an answer never names globex.
    expect(isError(r) ? '' : r.text).not.toContain('globex');
  });

  it('a catch-all vmauth user with the same extra_label leaks through the paths VictoriaMetrics does not filter (positive control)', async () => {
    if (!available) {
      return;
    }
    const control: [string, string] = ['control', 'control'];
    // Filtered by VictoriaMetrics itself: the catch-all user is fine here too.
    expect(tenantsIn((await ask(control, hostile[0][1])).text)).toEqual(['acme']);
    // Not filtered (contract V4): only the route list stops these.
    const count = await ask(control, '/api/v1/series/count');
    expect(count.status).toBe(200);
    expect(await ask(ACME, '/api/v1/series/count')).toMatchObject({ status: 400 });
    const index = await ask(control, '/metrics/index.json');
    expect(index.text).toContain('vllm:prompt_tokens_total');
    const write = await ask(control, '/api/v1/import/prometheus', 'sovgrid_isolation_probe 1');
    expect(write.status).toBe(204);
  });

  it('nothing acme tried wrote into the store', async () => {
    if (!available) {
      return;
    }
    await vm!.flush();
    const r = await vm!.query('max(http_requests_total{tenant="globex",status="5xx"})', end);
    expect(r.resultType === 'vector' && Number(r.result[0].value[1])).toBeLessThan(1e9);
  });
});
