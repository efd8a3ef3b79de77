import {
  dataLayers,
  PanelBuilders,
  SceneDataLayerSet,
  SceneFlexItem,
  SceneFlexLayout,
  SceneTimeRange,
  VizPanel,
} from '@grafana/scenes';
import { GraphDrawStyle, ThresholdsMode, GraphThresholdsStyleMode } from '@grafana/schema';
import type { StorePlan } from '../history/routing';
import type { AppSettings } from '../settings';
import { DAILY_BARS, pageCoverage, unavailableText, type PartRoute } from './coverage';
import { buildSlaPageQueries } from './pageQueries';
import { headlineRunner, partItem, routedRunner } from './routedPanels';
import type { SlaSource, TenantScope } from './queries';
import { INCIDENT_TAG } from './incidents';
import { SlaHeadlineScene } from './SlaHeadlineScene';
import { TenantIncidentsLayer, TenantIncidentsList } from './TenantIncidentsLayer';

export { INCIDENT_TAG };

/** Incidents the operator marked for this customer: Grafana annotations tagged `customer-visible` and the tenant id. */
export function incidentLayer(scope: TenantScope) {
  return new SceneDataLayerSet({
    layers: [
      new dataLayers.AnnotationsDataLayer({
        name: 'Incidents',
        query: {
          name: 'Incidents',
          enable: true,
          iconColor: 'red',
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          target: { type: 'tags', tags: [INCIDENT_TAG, scope.id], matchAny: false, limit: 100, refId: 'incidents' },
        } as never,
      }),
    ],
  });
}

/**
 * The SLA page body for one tenant: headline and tiles, budget burn-down, 90 daily availability bars, the latency
 * percentile against its target, and the customer-visible incidents. Only service-level series; nothing internal.
 */
export function buildSlaLayout(
  settings: AppSettings,
  scope: TenantScope,
  source: SlaSource,
  now: number,
  plan: StorePlan
): SceneFlexLayout {
  const q = buildSlaPageQueries(settings, scope, source, now);
  const c = pageCoverage(settings, plan, now);
  const { sla } = settings;
  const unavailable = (what: string, r: PartRoute) =>
    r.ok ? undefined : unavailableText(what, r.reason, settings.mode);
  const headline = new SlaHeadlineScene({
    settings,
    labels: { rolling: q.rolling.period.label, month: q.month.period.label },
    unavailable: {
      rolling: unavailable(capitalized(q.rolling.period.label), c.rolling),
      month: unavailable(capitalized(q.month.period.label), c.month),
    },
    // The headline speaks about "the last N days" and "this month": its instant queries are evaluated now, whatever
    // time range the viewer picks for the charts.
    $timeRange: new SceneTimeRange({ from: `now-${sla.windowDays}d`, to: 'now', timeZone: 'utc' }),
    $data: headlineRunner(settings, [
      [q.rolling.queries, c.rolling],
      [q.month.queries, c.month],
      [q.burn, c.burn],
    ]),
  });

  const burnDown = PanelBuilders.timeseries()
    .setTitle(`Error budget left, rolling ${sla.windowDays} days`)
    .setDescription('1 = untouched, 0 = used up, below 0 = the objective is missed.')
    .setData(routedRunner(settings, c.budget, q.budgetRemaining, 'budget'))
    .setUnit('percentunit')
    .setNoValue('No requests in this period')
    .setCustomFieldConfig('thresholdsStyle', { mode: GraphThresholdsStyleMode.LineAndArea })
    .setThresholds({
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'red' },
        { value: 0, color: 'yellow' },
        { value: 0.25, color: 'green' },
      ],
    })
    .build();

  const daily = PanelBuilders.timeseries()
    .setTitle(
      c.daily.ok && c.daily.days < DAILY_BARS
        ? `Availability per day, last ${c.daily.days} days`
        : 'Availability per day, last 90 days'
    )
    .setDescription(
      `Objective ${Math.round(sla.availabilityObjective * 100000) / 1000} %. Days without requests stay empty.`
    )
    .setData(routedRunner(settings, c.daily, q.dailyAvailability, 'daily', '1d'))
    .setUnit('percentunit')
    .setDecimals(3)
    .setNoValue('No requests in this period')
    .setCustomFieldConfig('drawStyle', GraphDrawStyle.Bars)
    .setCustomFieldConfig('fillOpacity', 80)
    .setCustomFieldConfig('thresholdsStyle', { mode: GraphThresholdsStyleMode.Line })
    .setThresholds({
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'red' },
        { value: sla.availabilityObjective, color: 'green' },
      ],
    })
    .setOverrides((b) => b.matchFieldsWithName('Value').overrideColor({ mode: 'thresholds' }))
    .build();

  const latency = PanelBuilders.timeseries()
    .setTitle(
      `Latency, ${Math.round(sla.latencyPercentile * 1000) / 10}th percentile against the ${sla.latencyTargetSeconds} s target`
    )
    .setData(routedRunner(settings, c.latency, q.latencyOverTime, 'latency'))
    .setUnit('s')
    .setNoValue('No requests in this period')
    .setCustomFieldConfig('thresholdsStyle', { mode: GraphThresholdsStyleMode.Line })
    .setThresholds({
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'green' },
        { value: sla.latencyTargetSeconds, color: 'red' },
      ],
    })
    .build();

  const incidents = settings.mode === 'operator' ? operatorIncidents(scope) : customerIncidents(scope);

  return new SceneFlexLayout({
    direction: 'column',
    // Query runners below pick up the annotation layer of an ancestor: every time series shows the incidents.
    $data: incidents.layer,
    children: [
      new SceneFlexItem({ body: headline }),
      partItem(settings, plan, c.budget, `Error budget left, rolling ${sla.windowDays} days`, burnDown),
      partItem(settings, plan, c.daily, 'Availability per day', daily, 'now-90d'),
      partItem(settings, plan, c.latency, 'Latency', latency),
      new SceneFlexItem({ height: 240, body: incidents.list }),
    ],
  });
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Operator mode previews a tenant: its incidents are read from the tenant's own org, never taken from the
 * operator org's annotations (which the customer does not see).
 */
function operatorIncidents(scope: TenantScope) {
  const list = new TenantIncidentsList({ tenantId: scope.id });
  const layer = new TenantIncidentsLayer(
    { name: 'Incidents', isEnabled: true, tenantId: scope.id, tags: [INCIDENT_TAG, scope.id] },
    list
  );
  return { layer: new SceneDataLayerSet({ layers: [layer] }), list };
}

/** Tenant mode: the org's own customer-visible annotations, as Grafana's annotation list shows them. */
function customerIncidents(scope: TenantScope) {
  const list = new VizPanel({
    pluginId: 'annolist',
    title: 'Incidents',
    options: {
      onlyFromThisDashboard: false,
      onlyInTimeRange: true,
      tags: [INCIDENT_TAG, scope.id],
      limit: 20,
      showUser: false,
      showTime: true,
      showTags: false,
      navigateToPanel: false,
    },
  });
  return { layer: incidentLayer(scope), list };
}
