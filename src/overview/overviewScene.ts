// The operator overview as a scene: plain-data specs (panels.ts, queries.ts) turned into scenes objects.
import { MappingType, SpecialValueMatch, ThresholdsMode, type ValueMapping } from '@grafana/data';
import {
  EmbeddedScene,
  PanelBuilders,
  SceneCSSGridLayout,
  SceneDataTransformer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariableSet,
  VariableValueSelectors,
  type SceneObject,
  type VizPanel,
} from '@grafana/scenes';
import { prometheusRef } from '../grafana/datasources';
import { BigValueColorMode, BigValueGraphMode } from '@grafana/schema';
import type { AppSettings } from '../settings/types';
import { AlertsList } from './AlertsList';
import { ExploreLink } from './ExploreLink';
import { buildHostVariable } from './hostVariable';
import { Incidents } from './Incidents';
import { prometheusUid } from './links';
import { OverviewRow } from './OverviewRow';
import { type HeadlineSpec, overviewRows, type RowSpec, type TrendSpec } from './panels';
import { overviewSignals, overviewTargets, type QueryTarget, type Signal, TARGETS } from './queries';
import { signalsTransform, signalTransform } from './signalFrames';
import type { Mapping, Step } from './thresholds';

/** Default time range of the page: the last day. */
export const DEFAULT_RANGE = { from: 'now-24h', to: 'now' };
/** Host rows use `$host`; Grafana's Prometheus data source interpolates it regex-escaped. */
const SCENE_QUERY_OPTIONS = { hostPattern: '$host' };

function gfSteps(steps: Step[]) {
  return { mode: ThresholdsMode.Absolute, steps: steps.map((s) => ({ value: s.value, color: s.color })) };
}

// No data must not look green: a null (or an empty answer) is shown in the neutral text colour, never a band's.
const NO_DATA_NEUTRAL: ValueMapping = {
  type: MappingType.SpecialValue,
  options: { match: SpecialValueMatch.NullAndNaN, result: { color: 'text', index: 0 } },
};

function gfMappings(mappings: Mapping[]): ValueMapping[] {
  if (mappings.length === 0) {
    return [NO_DATA_NEUTRAL];
  }
  const options = Object.fromEntries(
    mappings.map((m, i) => [String(m.value), { text: m.text, index: i + 1, ...(m.color ? { color: m.color } : {}) }])
  );
  return [NO_DATA_NEUTRAL, { type: MappingType.ValueToText, options }];
}

function dataFor(target: string, signal: Signal) {
  return new SceneDataTransformer({ transformations: [signalTransform(target, signal)] });
}

function explore(signal: Signal, uid: string) {
  return new ExploreLink({ expr: signal.expr, datasourceUid: uid });
}

type AnyBuilder = ReturnType<typeof PanelBuilders.stat> | ReturnType<typeof PanelBuilders.gauge>;

function configureHeadline<B extends AnyBuilder>(b: B, h: HeadlineSpec, signal: Signal, uid: string): B {
  // Stat and gauge builders share these setters (one VizPanelBuilder class); one type keeps the chain checked.
  const x = b as ReturnType<typeof PanelBuilders.stat>;
  x.setTitle(h.title)
    .setDescription(h.description)
    .setUnit(h.unit)
    .setNoValue(h.noValue)
    .setThresholds(gfSteps(h.steps))
    .setMappings(gfMappings(h.mappings))
    .setData(dataFor(h.target, signal))
    .setHeaderActions(explore(signal, uid))
    .setOption('reduceOptions', { calcs: ['lastNotNull'], values: false })
    .setOverrides((o) => {
      for (const [name, steps] of Object.entries(h.seriesSteps)) {
        o.matchFieldsWithName(name).overrideThresholds(gfSteps(steps));
      }
    });
  if (h.min !== undefined) {
    x.setMin(h.min);
  }
  if (h.max !== undefined) {
    x.setMax(h.max);
  }
  return b;
}

/** A headline number: gauge for ratios with a natural 0–1 scale, stat with a coloured background otherwise. */
function headlinePanel(h: HeadlineSpec, signal: Signal, uid: string): VizPanel {
  if (h.kind === 'gauge') {
    return configureHeadline(PanelBuilders.gauge(), h, signal, uid).build();
  }
  return configureHeadline(PanelBuilders.stat(), h, signal, uid)
    .setOption('colorMode', BigValueColorMode.Background)
    .setOption('graphMode', BigValueGraphMode.None)
    .build();
}

function trendPanel(t: TrendSpec, signals: Signal[], uid: string): VizPanel {
  // Several signals on one trend (CPU, memory, disk) get their signal id in front of the series name.
  const prefixed = signals.length > 1;
  return PanelBuilders.timeseries()
    .setTitle(t.title)
    .setUnit(t.unit)
    .setNoValue(t.noValue)
    .setData(
      new SceneDataTransformer({
        transformations: [signalsTransform(t.target, signals, prefixed)],
      })
    )
    .setHeaderActions(signals.map((s) => explore(s, uid)))
    .build();
}

function queryRunner(settings: AppSettings, targets: QueryTarget[]): SceneQueryRunner {
  return new SceneQueryRunner({
    datasource: prometheusRef(settings),
    maxDataPoints: 500,
    queries: targets.map((t) => ({
      refId: t.refId,
      expr: t.expr,
      instant: t.instant,
      range: !t.instant,
      format: t.format,
      legendFormat: '__auto',
    })),
  });
}

function rowTargets(row: RowSpec, all: QueryTarget[]): QueryTarget[] {
  const used = new Set<string>([...row.headlines.map((h) => h.target), ...row.trends.map((t) => t.target)]);
  if (row.extras.includes('alertList')) {
    used.add(TARGETS.alertList);
  }
  return all.filter((t) => used.has(t.refId));
}

function grid(children: SceneObject[], minWidth: string, height: string): SceneCSSGridLayout {
  return new SceneCSSGridLayout({
    templateColumns: `repeat(auto-fill, minmax(${minWidth}, 1fr))`,
    autoRows: height,
    rowGap: 1,
    columnGap: 1,
    children,
  });
}

function buildRow(row: RowSpec, settings: AppSettings, targets: QueryTarget[], uid: string): OverviewRow {
  const sig = overviewSignals(settings, SCENE_QUERY_OPTIONS);
  const sections: SceneObject[] = [
    grid(
      row.headlines.map((h) => headlinePanel(h, sig[h.signal], uid)),
      '180px',
      '130px'
    ),
  ];
  if (row.trends.length) {
    sections.push(
      grid(
        row.trends.map((t) =>
          trendPanel(
            t,
            t.signals.map((id) => sig[id]),
            uid
          )
        ),
        '380px',
        '240px'
      )
    );
  }
  const extras: SceneObject[] = [];
  if (row.extras.includes('alertList')) {
    extras.push(
      new AlertsList({
        actionAnnotation: settings.review.actionAnnotation,
        hostLabel: settings.labels.host,
        datasourceUid: uid,
        $data: dataFor(TARGETS.alertList, sig.alertList),
      })
    );
  }
  if (row.extras.includes('incidents')) {
    extras.push(new Incidents());
  }
  if (extras.length) {
    sections.push(
      new SceneCSSGridLayout({
        templateColumns: 'repeat(auto-fit, minmax(380px, 1fr))',
        autoRows: 'auto',
        columnGap: 2,
        children: extras,
      })
    );
  }
  return new OverviewRow({
    rowId: row.id,
    title: row.title,
    usesHostVariable: row.usesHostVariable,
    sections,
    $data: queryRunner(settings, rowTargets(row, targets)),
  });
}

/** The overview scene: host variable, 24 h default range, four rows each fed by one query runner. */
export function buildOverviewScene(settings: AppSettings): EmbeddedScene {
  const targets = overviewTargets(settings, SCENE_QUERY_OPTIONS);
  const uid = prometheusUid(settings);
  const rows = overviewRows(settings).map((r) => buildRow(r, settings, targets, uid));
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange(DEFAULT_RANGE),
    $variables: new SceneVariableSet({ variables: [buildHostVariable(settings)] }),
    controls: [new VariableValueSelectors({}), new SceneTimePicker({}), new SceneRefreshPicker({})],
    body: new SceneFlexLayout({
      direction: 'column',
      children: rows.map((r) => new SceneFlexItem({ body: r })),
    }),
  });
}
