import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { getDataSourceSrv } from '@grafana/runtime';
import { PAGE_TITLES } from '../app/pages';
import { prefixRoute, ROUTES } from '../constants';
import { grafanaHttp } from '../grafana/http';
import type { AppSettings } from '../settings';
import type { DatasourceInfo } from './grafanaSources';
import { browserDownload, type ReviewDeps } from './ui/deps';
import { RulesScene } from './ui/RulesScene';

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

/** The alert-rule review page of the operator org; its view (filters, search, open rule) lives in the URL. */
export function rulesPage(settings: AppSettings, deps: ReviewDeps = grafanaReviewDeps()): SceneAppPage {
  return new SceneAppPage({
    ...PAGE_TITLES[ROUTES.Rules],
    url: prefixRoute(ROUTES.Rules),
    routePath: `${ROUTES.Rules}/*`,
    getScene: () => new EmbeddedScene({ body: new RulesScene({ settings }, deps) }),
  });
}
