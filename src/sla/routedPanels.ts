import { PanelBuilders, SceneFlexItem, SceneQueryRunner, SceneTimeRange, type VizPanel } from '@grafana/scenes';
import type { DataSourceRef } from '@grafana/schema';
import { historyRef, MIXED_REF, prometheusRef } from '../grafana/datasources';
import type { Store, StorePlan } from '../history/routing';
import type { AppSettings } from '../settings';
import { shortenedText, unavailableText, type PartRoute } from './coverage';
import type { InstantQuery } from './pageQueries';

/**
 * Query runners and chart slots of the Service levels page routed by its coverage (src/sla/coverage.ts): each part
 * on the store that holds its window, shortened with a note, or replaced by the reason it cannot be shown.
 */

/** The data source of a store: the history one only exists when configured (routing never picks it otherwise). */
function storeRef(settings: AppSettings, store: Store): DataSourceRef {
  return store === 'history' ? (historyRef(settings) ?? prometheusRef(settings)) : prometheusRef(settings);
}

export function rangeRunner(settings: AppSettings, store: Store, expr: string, refId: string, interval?: string) {
  return new SceneQueryRunner({
    datasource: storeRef(settings, store),
    queries: [{ refId, expr, range: true, instant: false, ...(interval ? { interval } : {}) }],
    ...(interval ? { minInterval: interval } : {}),
  });
}

/** The headline's instant queries, each on the store its period routes to; unroutable periods are not asked. */
export function headlineRunner(settings: AppSettings, parts: Array<[InstantQuery[], PartRoute]>): SceneQueryRunner {
  const routed = parts.flatMap(([queries, r]) =>
    r.ok ? queries.map((x) => ({ ...x, ref: storeRef(settings, r.store) })) : []
  );
  // A tenant behind vmauth has one data source for both stores: then no Mixed runner is needed.
  const refs = new Set(routed.map((x) => JSON.stringify(x.ref)));
  const single = refs.size <= 1;
  return new SceneQueryRunner({
    // Two data sources in one runner: Grafana's Mixed data source sends each query to the data source it names.
    datasource: single ? (routed[0]?.ref ?? prometheusRef(settings)) : MIXED_REF,
    queries: routed.map(({ ref, ...x }) => ({
      ...x,
      ...(single ? {} : { datasource: ref }),
      instant: true,
      range: false,
    })),
  });
}

/** A range runner on the part's store (Prometheus when it cannot be routed: the panel is replaced anyway). */
export function routedRunner(settings: AppSettings, r: PartRoute, expr: string, refId: string, interval?: string) {
  return rangeRunner(settings, r.ok ? r.store : 'prometheus', expr, refId, interval);
}

/**
 * One chart of the page: as built when its store covers it; over a shorter range, with a note saying so, when only
 * Prometheus' recent days can be shown; replaced by the reason when nothing of it can.
 */
export function partItem(
  settings: AppSettings,
  plan: StorePlan,
  r: PartRoute,
  what: string,
  panel: VizPanel,
  range?: string
) {
  if (!r.ok) {
    return new SceneFlexItem({
      height: 120,
      body: PanelBuilders.text()
        .setTitle(what)
        .setOption('content', unavailableText(what, r.reason, settings.mode))
        .build(),
    });
  }
  if (r.from !== undefined) {
    panel.setState({
      description: [panel.state.description, shortenedText(what, r.from, plan)].filter(Boolean).join(' '),
    });
    const from = new Date(r.from * 1000).toISOString();
    return new SceneFlexItem({
      height: 300,
      $timeRange: new SceneTimeRange({ from, to: 'now', timeZone: 'utc' }),
      body: panel,
    });
  }
  return new SceneFlexItem({
    height: 300,
    ...(range ? { $timeRange: new SceneTimeRange({ from: range, to: 'now', timeZone: 'utc' }) } : {}),
    body: panel,
  });
}
