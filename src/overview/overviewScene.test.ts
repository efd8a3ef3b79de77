// Scene-structure tests: the tree the page builds, checked at the state level (rendering is covered by
// overviewScene.render.test.tsx).
import {
  type EmbeddedScene,
  QueryVariable,
  SceneCSSGridLayout,
  sceneGraph,
  SceneQueryRunner,
  VizPanel,
} from '@grafana/scenes';
import { defaultSettings } from '../settings/defaults';
import type { AppSettings } from '../settings/types';
import { AlertsList } from './AlertsList';
import { ExploreLink } from './ExploreLink';
import { Incidents } from './Incidents';
import { OverviewRow } from './OverviewRow';
import { installDataSources } from '../../tests/helpers/grafanaRuntime';
import { DEFAULT_RANGE, buildOverviewScene } from './overviewScene';
import { overviewRows } from './panels';
import { FIRST_LOAD_OTHER_REQUESTS, firstLoadRequestCount, overviewSignals, overviewTargets } from './queries';

beforeAll(() => {
  // Row "Data source references": a type-only ref resolves by type; no ref is the org default (here Loki, as it may be).
  installDataSources([
    { uid: 'org-default-loki', type: 'loki' },
    { uid: 'default-prom', type: 'prometheus' },
  ]);
});

function settingsWith(patch: Partial<AppSettings> = {}): AppSettings {
  return { ...defaultSettings(), datasources: { prometheusUid: 'prom', lokiUid: '' }, ...patch };
}

function rowsOf(scene: EmbeddedScene): OverviewRow[] {
  return sceneGraph.findAllObjects(scene, (o) => o instanceof OverviewRow) as OverviewRow[];
}

function panelsOf(section: unknown): VizPanel[] {
  return (section as SceneCSSGridLayout).state.children.filter((c): c is VizPanel => c instanceof VizPanel);
}

describe('overview scene structure', () => {
  const settings = settingsWith();
  const scene = buildOverviewScene(settings);
  const specs = overviewRows(settings);
  const signals = overviewSignals(settings, { hostPattern: '$host' });

  it('has the four rows in order, each with a triage link target', () => {
    expect(rowsOf(scene).map((r) => [r.state.rowId, r.state.title])).toEqual([
      ['inference', 'Inference'],
      ['inferenceHost', 'Inference host'],
      ['edge', 'VPS, MCP server, Lightning'],
      ['alerts', 'Alerts, incidents, coverage'],
    ]);
    expect(rowsOf(scene).map((r) => r.state.usesHostVariable)).toEqual([false, true, true, false]);
  });

  it('defaults to the last 24 h and offers a host variable over the host-spanning jobs', () => {
    expect(sceneGraph.getTimeRange(scene).state.from).toBe(DEFAULT_RANGE.from);
    expect(DEFAULT_RANGE.from).toBe('now-24h');
    const host = sceneGraph.lookupVariable('host', rowsOf(scene)[1]) as QueryVariable;
    expect(host).toBeInstanceOf(QueryVariable);
    expect(host.state.query).toEqual({
      refId: 'hostVariable',
      query: 'label_values(up{job=~"node_spark|dcgm|node_floki|mcp_server|lightning"}, instance)',
    });
    expect([host.state.isMulti, host.state.includeAll, host.state.allValue, host.state.regex]).toEqual([
      true,
      true,
      '.+',
      '/^([^:]+)/',
    ]);
  });

  it.each(specs.map((s, i) => [s.id, i] as const))(
    'row %s: headlines with units, thresholds and No data text first',
    (_id, i) => {
      const row = rowsOf(scene)[i];
      const spec = specs[i];
      const headlines = panelsOf(row.state.sections[0]);
      expect(headlines.map((p) => p.state.title)).toEqual(spec.headlines.map((h) => h.title));
      headlines.forEach((panel, j) => {
        const h = spec.headlines[j];
        expect(panel.state.pluginId).toBe(h.kind);
        const d = panel.state.fieldConfig.defaults;
        expect(d.unit).toBe(h.unit);
        expect(d.noValue).toBe(h.noValue);
        expect(d.thresholds?.steps).toEqual(h.steps);
        const link = panel.state.headerActions as ExploreLink;
        expect(link).toBeInstanceOf(ExploreLink);
        expect(link.state.expr).toBe(signals[h.signal].expr);
      });
      const trends = row.state.sections[1] ? panelsOf(row.state.sections[1]) : [];
      expect(trends.map((p) => p.state.pluginId)).toEqual(spec.trends.map(() => 'timeseries'));
      expect(trends.map((p) => p.state.title)).toEqual(spec.trends.map((t) => t.title));
    }
  );

  it('feeds each row from one query runner carrying exactly the planned targets', () => {
    const planned = overviewTargets(settings, { hostPattern: '$host' });
    const sent = rowsOf(scene).flatMap((r) => (r.state.$data as SceneQueryRunner).state.queries);
    expect(sent.map((q) => q.refId).sort()).toEqual(planned.map((t) => t.refId).sort());
    for (const q of sent) {
      const t = planned.find((p) => p.refId === q.refId)!;
      expect([q.expr, q.instant, q.range]).toEqual([t.expr, t.instant, !t.instant]);
    }
    for (const r of rowsOf(scene)) {
      expect((r.state.$data as SceneQueryRunner).state.datasource).toEqual({ type: 'prometheus', uid: 'prom' });
    }
    // Queries on first load: the targets, the host variable, the rules API and the annotations API.
    expect(sent.length + FIRST_LOAD_OTHER_REQUESTS.length).toBe(firstLoadRequestCount(settings));
    expect(firstLoadRequestCount(settings)).toBeLessThan(20);
  });

  it('puts the alert list with actions and the incidents in the last row', () => {
    const last = rowsOf(scene)[3];
    expect(sceneGraph.findAllObjects(last, (o) => o instanceof AlertsList)).toHaveLength(1);
    expect(sceneGraph.findAllObjects(last, (o) => o instanceof Incidents)).toHaveLength(1);
    const alerts = sceneGraph.findAllObjects(last, (o) => o instanceof AlertsList)[0] as AlertsList;
    expect(alerts.state.datasourceUid).toBe('prom');
    expect(alerts.state.actionAnnotation).toBe('action');
  });

  it('colours throughput per model when per-model thresholds are configured', () => {
    const s = settingsWith({
      thresholds: { ...defaultSettings().thresholds, throughputByModel: { 'llama-3.1-8b': { red: 80, green: 150 } } },
    });
    const panel = panelsOf(rowsOf(buildOverviewScene(s))[0].state.sections[0])[0];
    const override = panel.state.fieldConfig.overrides[0];
    expect(override.matcher).toEqual({ id: 'byName', options: 'llama-3.1-8b' });
    expect(override.properties[0].value.steps.map((x: { value: number }) => x.value)).toEqual([-Infinity, 80, 150]);
  });

  it('falls back to the default data source uid for links and rules when none is configured', () => {
    const s = buildOverviewScene(defaultSettings());
    const alerts = sceneGraph.findAllObjects(s, (o) => o instanceof AlertsList)[0] as AlertsList;
    expect(alerts.state.datasourceUid).toBe('default-prom');
  });

  it('opens the panel query in Explore with the host selection interpolated like the data source does', () => {
    const s = buildOverviewScene(settings);
    const host = sceneGraph.lookupVariable('host', rowsOf(s)[1]) as QueryVariable;
    host.setState({ value: ['spark.lan', 'floki'], text: ['spark.lan', 'floki'] });
    const cpu = panelsOf(rowsOf(s)[1].state.sections[0])[0];
    const href = (cpu.state.headerActions as ExploreLink).href();
    const panes = JSON.parse(new URL(href, 'http://g').searchParams.get('panes')!);
    expect(panes.overview.queries[0].expr).toContain('instance=~"((spark\\\\.lan|floki))(:[0-9]+)?"');
    const triage = new URL(rowsOf(s)[1].triageHref(), 'http://g');
    expect(triage.searchParams.getAll('host')).toEqual(['spark.lan', 'floki']);
    expect(new URL(rowsOf(s)[0].triageHref(), 'http://g').searchParams.getAll('host')).toEqual([]);
  });
});
