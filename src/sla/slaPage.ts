import {
  EmbeddedScene,
  SceneAppPage,
  SceneControlsSpacer,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  VariableValueSelectors,
} from '@grafana/scenes';
import { PAGE_TITLES } from '../app/pages';
import { prefixRoute, ROUTES } from '../constants';
import type { AppSettings } from '../settings';
import { buildReportScene } from '../report/ui/reportPage';
import { SlaBody, type SlaBodyState } from './SlaBody';
import { tenantPickerVariables } from './tenantPicker';

/** The service-level scene: tenant mode has no variables at all; operator mode adds the tenant picker. */
export function buildSlaScene(settings: AppSettings, readPlan?: SlaBodyState['readPlan']): EmbeddedScene {
  const operator = settings.mode === 'operator';
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: `now-${settings.sla.windowDays}d`, to: 'now', timeZone: 'utc' }),
    $variables: tenantPickerVariables(settings),
    controls: [
      ...(operator ? [new VariableValueSelectors({})] : []),
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ intervals: ['5m', '15m', '1h'], isOnCanvas: true }),
    ],
    body: new SlaBody({ settings, readPlan }),
  });
}

/** Route of the monthly report tab, below the Service levels page (so it is scoped and guarded like the page). */
export const REPORT_TAB = 'report';

/** The "Service levels" page (the only page of a tenant org): the live view and the monthly report as tabs. */
export function slaPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    ...PAGE_TITLES[ROUTES.Sla],
    url: prefixRoute(ROUTES.Sla),
    routePath: `${ROUTES.Sla}/*`,
    getScene: () => buildSlaScene(settings),
    tabs: [
      new SceneAppPage({
        title: 'Service levels',
        url: prefixRoute(ROUTES.Sla),
        routePath: '/',
        getScene: () => buildSlaScene(settings),
      }),
      new SceneAppPage({
        title: 'Monthly report',
        url: `${prefixRoute(ROUTES.Sla)}/${REPORT_TAB}`,
        routePath: `${REPORT_TAB}/*`,
        getScene: () => buildReportScene(settings),
      }),
    ],
  });
}
