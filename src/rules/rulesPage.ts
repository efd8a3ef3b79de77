import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout, SceneReactObject } from '@grafana/scenes';
import { getDataSourceSrv } from '@grafana/runtime';
import { PAGE_TITLES } from '../app/pages';
import { prefixRoute, ROUTES } from '../constants';
import { grafanaHttp } from '../grafana/http';
import type { AppSettings } from '../settings';
import type { DatasourceInfo } from './grafanaSources';
import { browserDownload, type ReviewDeps } from './ui/deps';
import { RulesReview } from './ui/RulesReview';

const TIMEOUT_MS = 30_000;

/** Grafana's own services for the review page: reads only (GET), never writes a rule. */
export function grafanaReviewDeps(): ReviewDeps {
  return {
    get: (url, params) => grafanaHttp({ url, params, method: 'GET', timeoutMs: TIMEOUT_MS }),
    datasources: () =>
      getDataSourceSrv()
        .getList({ type: ['prometheus', 'loki'] })
        .map((d): DatasourceInfo => ({ uid: d.uid, name: d.name, type: d.type })),
    now: () => Date.now(),
    download: browserDownload,
  };
}

/** The alert-rule review page of the operator org. */
export function rulesPage(settings: AppSettings): SceneAppPage {
  const deps = grafanaReviewDeps();
  return new SceneAppPage({
    ...PAGE_TITLES[ROUTES.Rules],
    url: prefixRoute(ROUTES.Rules),
    routePath: `${ROUTES.Rules}/*`,
    getScene: () =>
      new EmbeddedScene({
        body: new SceneFlexLayout({
          children: [
            new SceneFlexItem({ body: new SceneReactObject({ component: RulesReview, props: { settings, deps } }) }),
          ],
        }),
      }),
  });
}
