import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import type { DataFrame, DataQueryRequest } from '@grafana/data';
import {
  CustomVariable,
  dataLayers,
  EmbeddedScene,
  QueryVariable,
  SceneQueryRunner,
  SceneTimeRange,
  sceneGraph,
  SceneVariableSet,
  VizPanel,
  type SceneObject,
} from '@grafana/scenes';
import { defaultSettings, type AppSettings } from '../settings';
import { testIds } from '../testIds';
import type { StorePlan } from '../history/routing';
import { SlaBody } from './SlaBody';
import { SlaHeadlineScene } from './SlaHeadlineScene';
import { buildSlaScene, slaPage } from './slaPage';
import { prometheusSeries } from '../../tests/helpers/grafanaFrames';
import { installDataSources, installRunRequest } from '../../tests/helpers/grafanaRuntime';

type Expr = { refId: string; expr: string };

const tenant: AppSettings = { ...defaultSettings(), mode: 'tenant', tenant: { id: 'acme', name: 'Acme Corp' } };

/** One Prometheus series as a scenes query receives it (tests/helpers/grafanaFrames.ts, row "/api/ds/query frames"). */
function frame(refId: string, value: number, labels: Record<string, string> = {}): DataFrame {
  return prometheusSeries(refId, labels, [[Date.now(), value]]);
}

/** Prometheus-like answers by refId: acme served 100,000 requests, 20 failed, p95 1.23 s. */
function answer(t: Expr, probeCount: number): DataFrame[] {
  if (t.refId === 'probe') {
    return probeCount > 0 ? [frame('probe', probeCount)] : [];
  }
  const fact = t.refId.split('_')[1];
  switch (fact) {
    case 'requests':
      return [frame(t.refId, 100000)];
    case 'errors':
      return [frame(t.refId, 20)];
    case 'latency':
      return [frame(t.refId, 1.23)];
    case 'buckets':
      return [frame(t.refId, 99000, { le: '5.0' }), frame(t.refId, 100000, { le: '+Inf' })];
    default:
      return [frame(t.refId, 0)];
  }
}

let requests: Array<DataQueryRequest<Expr & { refId: string }>> = [];

/** Grafana's runtime stood in: data sources per row "Data source references", frames per "/api/ds/query frames". */
function installRuntime(probeCount: number, fail?: string) {
  installDataSources([
    { uid: 'prom', type: 'prometheus', name: 'Prometheus' },
    // Grafana's Mixed data source (public/app/plugins/datasource/mixed: uid "-- Mixed --", plugin.json "mixed": true)
    // runs each query on the data source it names.
    { uid: '-- Mixed --', type: 'datasource', api: { meta: { id: 'mixed', mixed: true } } },
    { uid: '-- Grafana --', type: 'grafana' },
    { uid: 'vm-acme', type: 'prometheus', name: 'History' },
    { uid: 'vm-globex', type: 'prometheus', name: 'Globex (vmauth)' },
  ]);
  requests = installRunRequest<Expr>((req) => {
    if (fail && req.targets.some((t) => t.refId !== 'probe')) {
      throw new Error(fail);
    }
    // The incidents layer's query (scenes' executeAnnotationQuery names it "Anno") goes to Grafana's built-in data
    // source; for an empty /api/annotations list it answers one empty frame (grafana/datasource.ts getAnnotations),
    // which scenes reads as no events (standardAnnotationsSupport getAnnotationsFromData): no frames is the same.
    return req.targets.filter((t) => t.refId !== 'Anno').flatMap((t) => answer(t, probeCount));
  });
}

function find<T extends SceneObject>(root: SceneObject, type: abstract new (...a: never[]) => T): T | undefined {
  return sceneGraph.findObject(root, (o) => o instanceof type) as T | undefined;
}

const DAY = 86400;
/** A Prometheus keeping 400 days: every part of the page from it (the plan before the history existed). */
const LONG: StorePlan = { history: false, retention: { kind: 'time', seconds: 400 * DAY, text: '400d' } };
const SHORT: StorePlan = { history: false, retention: { kind: 'time', seconds: 14 * DAY, text: '2w' } };

async function renderHeadline(
  settings: AppSettings,
  setup?: (scene: ReturnType<typeof buildSlaScene>) => void,
  plan: StorePlan = LONG
) {
  const scene = buildSlaScene(settings, async () => plan);
  setup?.(scene);
  const deactivate = scene.activate();
  const body = find(scene, SlaBody)!;
  body.activate();
  await waitFor(() => expect(body.state.layout).toBeDefined());
  const headline = find(scene, SlaHeadlineScene)!;
  const view = render(<headline.Component model={headline} />);
  return { scene, body, view, deactivate };
}

describe('slaPage', () => {
  it('follows the page contract', () => {
    const page = slaPage(tenant);
    expect(page.state.url).toBe('/a/sovgrid-ops-app/sla');
    expect(page.state.routePath).toBe('sla/*');
    expect(page.state.title).toBe('Service levels');
    const [live, report] = page.state.tabs!;
    expect(live.state.url).toBe('/a/sovgrid-ops-app/sla');
    expect(report.state.title).toBe('Monthly report');
    expect(report.state.url).toBe('/a/sovgrid-ops-app/sla/report');
    // Same scoping as the page: a tenant org's report has no variable a viewer could change.
    expect((report.state.getScene!(undefined as never) as EmbeddedScene).state.$variables).toBeUndefined();
  });

  it('tenant mode has no variables; operator mode has the tenant picker', () => {
    expect(buildSlaScene(tenant).state.$variables).toBeUndefined();
    const op = buildSlaScene(defaultSettings()).state.$variables!.state.variables[0] as QueryVariable;
    expect(op).toBeInstanceOf(QueryVariable);
    expect(op.state.name).toBe('tenant');
    expect(op.state.query).toBe('label_values(http_requests_total, tenant)');
  });

  it('renders the headline computed from the query results (recorded series present)', async () => {
    installRuntime(3);
    const { body } = await renderHeadline(tenant, (scene) => {
      // The viewer looks at an older range for the charts.
      scene.setState({ $timeRange: new SceneTimeRange({ from: 'now-90d', to: 'now-60d' }) });
    });
    expect(body.state.source).toBe('recorded');
    await screen.findByText(
      'Your workload completed in 1.2 s (95th percentile, last 30 days), well within the 5-second SLA.'
    );
    expect(
      screen.getByText(
        'Availability was 99.98 % (100,000 requests, last 30 days), meeting the 99.9 % objective; 80 % of the error budget remains.'
      )
    ).toBeInTheDocument();
    expect(screen.getByText('Meeting the service levels')).toBeInTheDocument();
    expect(screen.getAllByTestId(testIds.sla.tiles)).toHaveLength(2);
    expect(screen.getAllByText('99.98 %')).toHaveLength(2);
    const headlineQueries = requests.find((r) => r.targets.some((t) => t.refId === 'rolling_requests'))!;
    // Evaluated now, not at the end of whatever range the charts show.
    expect(Math.abs(headlineQueries.range.to.valueOf() - Date.now())).toBeLessThan(60_000);
    expect(headlineQueries.targets.find((t) => t.refId === 'burn_1h')!.expr).toBe(
      'sovgrid:sla_error:ratio_rate1h{tenant="acme"}'
    );
  });

  it('falls back to raw queries when the recording rules have no series', async () => {
    installRuntime(0);
    const { body } = await renderHeadline(tenant);
    expect(body.state.source).toBe('raw');
    await screen.findByText(/well within the 5-second SLA/);
    const q = requests.find((r) => r.targets.some((t) => t.refId === 'rolling_requests'))!;
    expect(q.targets.find((t) => t.refId === 'rolling_requests')!.expr).toBe(
      'sum(increase(http_requests_total{tenant="acme", handler=~"/v1/chat/completions|/v1/completions|/v1/responses"}[2592000s]))'
    );
  });

  it('with a gateway recipe and no recorded series, says so instead of querying raw series it cannot scope', async () => {
    installRuntime(0);
    const traefik = { ...tenant, sli: { ...tenant.sli, recipe: 'traefik' as const } };
    const scene = buildSlaScene(traefik);
    render(<scene.Component model={scene} />);
    await screen.findByText(/No service-level data has been recorded for this organization yet/);
    expect(requests.flatMap((r) => r.targets.map((t) => t.refId))).toEqual(['probe']);
  });

  it('tenant mode ignores a "tenant" variable smuggled into the scene (e.g. from the URL)', async () => {
    installRuntime(0);
    const { body } = await renderHeadline(tenant, (scene) =>
      scene.setState({
        $variables: new SceneVariableSet({
          variables: [new CustomVariable({ name: 'tenant', query: 'globex', value: 'globex' })],
        }),
      })
    );
    await screen.findByText(/well within/);
    const targets = requests.flatMap((r) => r.targets as Array<Expr & { tags?: string[] }>);
    const exprs = targets.filter((t) => t.expr !== undefined).map((t) => t.expr);
    expect(exprs.length).toBeGreaterThan(10);
    expect(exprs.every((e) => e.includes('tenant="acme"') && !e.includes('globex'))).toBe(true);
    // The incident annotations are filtered by the configured tenant too.
    const layer = sceneGraph.findObject(body.state.layout!, (o) => o instanceof dataLayers.AnnotationsDataLayer);
    expect((layer as dataLayers.AnnotationsDataLayer).state.query.target).toMatchObject({
      tags: ['customer-visible', 'acme'],
      matchAny: false,
    });
  });

  it('operator mode shows the picked tenant', async () => {
    installRuntime(0);
    await renderHeadline(defaultSettings(), (scene) =>
      scene.setState({
        $variables: new SceneVariableSet({
          variables: [new CustomVariable({ name: 'tenant', query: 'globex', value: 'globex' })],
        }),
      })
    );
    await screen.findByText(/well within/);
    const exprs = requests.flatMap((r) => (r.targets as Expr[]).map((t) => t.expr)).filter(Boolean);
    expect(exprs.every((e) => e.includes('tenant="globex"'))).toBe(true);
  });

  it('says what went wrong when the data source fails', async () => {
    installRuntime(0, 'connection refused');
    await renderHeadline(tenant);
    expect(await screen.findByText('Service levels could not be loaded')).toBeInTheDocument();
    expect(screen.getByText(/connection refused\. Reload the page in a minute/)).toBeInTheDocument();
  });

  it('tenant mode without a tenant id explains instead of querying', async () => {
    installRuntime(0);
    const scene = buildSlaScene({ ...tenant, tenant: { id: '', name: '' } });
    scene.activate();
    const body = find(scene, SlaBody)!;
    body.activate();
    render(<body.Component model={body} />);
    expect(await screen.findByTestId(testIds.sla.message)).toHaveTextContent('no tenant id configured');
    expect(requests).toEqual([]);
  });
  it('Prometheus keeping 14 days and no history: the 30-day figures are not shown and not asked for; why and what to do is', async () => {
    installRuntime(0);
    const { body } = await renderHeadline(tenant, undefined, SHORT);
    expect(await screen.findByText('Not every service level can be shown')).toBeInTheDocument();
    expect(screen.getAllByTestId(testIds.sla.unavailable)[0]).toHaveTextContent(
      'Last 30 days cannot be shown: Prometheus keeps 14 days of data here, and no history data source is configured. Ask your provider for the long-term history.'
    );
    expect(screen.queryByText(/Availability was/)).not.toBeInTheDocument();
    const refIds = requests.flatMap((r) => r.targets.map((t) => t.refId));
    expect(refIds).toContain('burn_1h');
    expect(refIds.some((x) => x.startsWith('rolling_'))).toBe(false);
    // The budget burn-down reads 30 days back at every point: replaced by the reason, not drawn from 14.
    const texts = sceneGraph.findAllObjects(
      body.state.layout!,
      (o) => o instanceof VizPanel && o.state.pluginId === 'text'
    );
    expect(texts.map((t) => (t as VizPanel).state.title)).toContain('Error budget left, rolling 30 days');
    const daily = sceneGraph.findAllObjects(
      body.state.layout!,
      (o) => o instanceof VizPanel && /^Availability per day/.test(String(o.state.title))
    )[0] as VizPanel;
    expect(daily.state.title).toBe('Availability per day, last 14 days');
    expect(daily.state.description).toMatch(/shown from \d{4}-\d\d-\d\d only, since Prometheus keeps 14 days here/);
  });

  it('a tenant behind vmauth (one data source for both stores) gets one plain runner, not the Mixed one', async () => {
    installRuntime(0);
    const datasources = { ...tenant.datasources, prometheusUid: 'vm-globex', historyUid: 'vm-globex' };
    const { body } = await renderHeadline({ ...tenant, datasources }, undefined, { ...SHORT, history: true });
    await screen.findByText(/well within the 5-second SLA/);
    const runners = sceneGraph.findAllObjects(body.state.layout!, (o) => o instanceof SceneQueryRunner) as SceneQueryRunner[];
    const headline = runners.find((r) => r.state.queries.some((q) => q.refId === 'rolling_requests'))!;
    expect(headline.state.datasource).toEqual({ type: 'prometheus', uid: 'vm-globex' });
    expect(headline.state.queries.every((q) => q.datasource === undefined)).toBe(true);
  });

  it('with a history data source: long windows go to it, the burn windows to Prometheus, through the Mixed data source', async () => {
    installRuntime(0);
    const settings = { ...tenant, datasources: { ...tenant.datasources, historyUid: 'vm-acme' } };
    const { body } = await renderHeadline(settings, undefined, { ...SHORT, history: true });
    await screen.findByText(/well within the 5-second SLA/);
    expect(screen.queryByTestId(testIds.sla.unavailable)).not.toBeInTheDocument();
    const headline = requests.find((r) => r.targets.some((t) => t.refId === 'rolling_requests'))!;
    const ds = (refId: string) =>
      (headline.targets.find((t) => t.refId === refId) as { datasource?: unknown }).datasource;
    expect(ds('rolling_requests')).toEqual({ type: 'prometheus', uid: 'vm-acme' });
    // No Prometheus uid configured: the org's default Prometheus (a ref without uid is the default data source,
    // public/app/features/plugins/datasource_srv.ts getNameOrUid / getInstanceSettings).
    expect(ds('burn_5m')).toEqual({ type: 'prometheus' });
    const runners = sceneGraph.findAllObjects(
      body.state.layout!,
      (o) => o instanceof SceneQueryRunner
    ) as SceneQueryRunner[];
    const daily = runners.find((r) => r.state.queries[0]?.refId === 'daily')!;
    expect(daily.state.datasource).toEqual({ type: 'prometheus', uid: 'vm-acme' });
    expect(runners.find((r) => r.state.queries.some((q) => q.refId === 'rolling_requests'))!.state.datasource).toEqual({
      type: 'datasource',
      uid: '-- Mixed --',
    });
  });
});
