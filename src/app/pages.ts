import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';
import { prefixRoute, ROUTES, type RouteSlug } from '../constants';
import { testIds } from '../testIds';
import { MessageScene } from './MessageScene';

/** Title and subtitle of every page, in one place. */
export const PAGE_TITLES: Record<RouteSlug, { title: string; subTitle: string }> = {
  [ROUTES.Overview]: { title: 'Overview', subTitle: 'The once-a-day look: if everything is green, you are done.' },
  [ROUTES.Sla]: { title: 'Service levels', subTitle: 'Latency and availability against the agreed objectives.' },
  [ROUTES.Rules]: { title: 'Alert rules', subTitle: 'Every rule checked against the on-call creed.' },
  [ROUTES.Triage]: { title: 'Triage', subTitle: 'Journal errors summarised by code, narrated by your own vLLM.' },
};

function messagePage(slug: RouteSlug, body: MessageScene): SceneAppPage {
  return new SceneAppPage({
    ...PAGE_TITLES[slug],
    url: prefixRoute(slug),
    routePath: `${slug}/*`,
    getScene: () =>
      new EmbeddedScene({ body: new SceneFlexLayout({ children: [new SceneFlexItem({ body })] }) }),
  });
}

/** A page the user's org role does not reach: say which role it needs, render and query nothing. */
export function roleRequiredPage(slug: RouteSlug, need: string, have: string): SceneAppPage {
  return messagePage(
    slug,
    new MessageScene({
      title: `Needs the ${need} role`,
      text: `${PAGE_TITLES[slug].title} needs the ${need} role in this organization; you have ${have}. Ask an org admin for the ${need} role.`,
      severity: 'info',
      testId: testIds.app.roleRequired,
    })
  );
}

/** An operator page opened by URL in a tenant org: explain instead of rendering anything. */
export function notAvailablePage(slug: RouteSlug): SceneAppPage {
  return messagePage(
    slug,
    new MessageScene({
      title: 'Not available in a tenant organization',
      text: `${PAGE_TITLES[slug].title} is an operator page. This organization sees its service levels only.`,
      severity: 'info',
      testId: testIds.app.notAvailable,
    })
  );
}
