// The AppPlugin wiring, imported by module.tsx. Everything here lands in module.js, which Grafana loads on every
// page: keep it to wiring; every page and the config page are lazy chunks, and so are the translations.
import React, { Suspense, lazy } from 'react';
import { AppPlugin, type AppRootProps, type PluginConfigPageProps, type AppPluginMeta } from '@grafana/data';
import { config } from '@grafana/runtime';
import { LoadingPlaceholder } from '@grafana/ui';
import { ALERT_INSTANCE_ACTION, ALERT_LINK_DESCRIPTION, ALERT_LINK_TITLE, alertTriageLink } from './triage/alertLink';

/** A lazy chunk that renders only once the translations are registered (they load in a chunk of their own). */
export function withTranslations<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => {
    const [{ loadTranslations }, chunk] = await Promise.all([import('./translations'), load()]);
    await loadTranslations();
    return chunk;
  };
}

const LazyApp = lazy(withTranslations(() => import('./app/App')));
const LazyAppConfig = lazy(withTranslations(() => import('./app/config/AppConfig')));

const App = (props: AppRootProps) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading Sovgrid Ops…" />}>
    <LazyApp {...props} />
  </Suspense>
);

const AppConfig = (props: PluginConfigPageProps<AppPluginMeta>) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading configuration…" />}>
    <LazyAppConfig {...props} />
  </Suspense>
);

export const plugin = new AppPlugin<{}>()
  .setRootPage(App)
  .addConfigPage({
    title: 'Configuration',
    icon: 'cog',
    body: AppConfig,
    id: 'configuration',
  })
  .addLink({
    targets: [ALERT_INSTANCE_ACTION],
    title: ALERT_LINK_TITLE,
    description: ALERT_LINK_DESCRIPTION,
    icon: 'bolt',
    // Viewers get no link (undefined hides it); the route's reqRole guards the vLLM call as well.
    configure: (context) => alertTriageLink(context, config.bootData.user),
  });
