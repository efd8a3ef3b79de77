import { SceneApp, type SceneAppPage } from '@grafana/scenes';
import { ROUTES, type RouteSlug } from '../constants';
import type { AppSettings } from '../settings';
import { overviewPage } from '../overview/overviewPage';
import { rulesPage } from '../rules/rulesPage';
import { triagePage } from '../triage/triagePage';
import { slaPage } from '../sla/slaPage';
import { pageRefusal } from './access';
import { notAvailablePage, roleRequiredPage } from './pages';

/** Page factories of the features; each takes the org's settings. */
const FEATURE_PAGES: Record<RouteSlug, (s: AppSettings) => SceneAppPage> = {
  [ROUTES.Overview]: overviewPage,
  [ROUTES.Sla]: slaPage,
  [ROUTES.Rules]: rulesPage,
  [ROUTES.Triage]: triagePage,
};

/** One page, or the reason it is refused; the feature's factory (and so any query) runs only when allowed. */
function guardedPage(slug: RouteSlug, settings: AppSettings, orgRole: string | undefined): SceneAppPage {
  const refusal = pageRefusal(slug, settings.mode, orgRole);
  if (refusal?.reason === 'mode') {
    return notAvailablePage(slug);
  }
  if (refusal?.reason === 'role') {
    return roleRequiredPage(slug, refusal.need, refusal.have);
  }
  return FEATURE_PAGES[slug](settings);
}

/**
 * The pages of this org for this user. Every page keeps its route in every mode, so a URL typed by hand explains
 * itself (a tenant org, a missing role) instead of rendering operator internals.
 */
export function buildPages(settings: AppSettings, orgRole: string | undefined): SceneAppPage[] {
  return [ROUTES.Overview, ROUTES.Sla, ROUTES.Rules, ROUTES.Triage].map((slug) => guardedPage(slug, settings, orgRole));
}

export function buildSceneApp(settings: AppSettings, orgRole: string | undefined): SceneApp {
  return new SceneApp({
    pages: buildPages(settings, orgRole),
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}
