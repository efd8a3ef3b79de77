// The screenshot harness's browser entry: renders one page of the app the way Grafana would (its theme, its
// runtime services, the page's own scene and data code) with real data served by scripts/screenshots.ts.
import React, { useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, ThemeContext, type AppPluginMeta, type PluginConfigPageProps } from '@grafana/data';
import { config, locationService, LocationServiceProvider, setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import { Router } from 'react-router-dom';
import { UrlSyncContextProvider, type EmbeddedScene } from '@grafana/scenes';
import { GlobalStyles, Stack, Text } from '@grafana/ui';
import { PAGE_TITLES } from '../../src/app/pages';
import AppConfig from '../../src/app/config/AppConfig';
import { ROUTES } from '../../src/constants';
import { buildReportScene } from '../../src/report/ui/reportPage';
import { rulesPage } from '../../src/rules/rulesPage';
import { parseSettings } from '../../src/settings';
import { triagePage } from '../../src/triage/triagePage';
import { installBrowserBackendSrv } from './browserBackendSrv';
import { imageStats, measurePage } from './measure';

interface Org {
  settings: unknown;
  datasources: Array<{ uid: string; name: string; type: string }>;
}

interface HarnessData {
  /** The operator org: rules, triage, configuration. */
  operator: Org;
  /** A customer's org, for its monthly report (absent without Prometheus). */
  tenant?: Org;
}

// Data sources' logos are served by Grafana; the harness draws a plain one.
const LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6" fill="#8e8e8e"/></svg>')}`;

function installDataSources(list: Org['datasources']) {
  const settings = list.map((d) => ({ ...d, id: 1, meta: { id: d.type, name: d.name, info: { logos: { small: LOGO, large: LOGO } } }, jsonData: {}, access: 'proxy', readOnly: true }));
  setDataSourceSrv({
    getList: (f?: { type?: string | string[] }) =>
      settings.filter((d) => !f?.type || (Array.isArray(f.type) ? f.type.includes(d.type) : f.type === d.type)),
    getInstanceSettings: (ref: unknown) => settings.find((d) => d.uid === (typeof ref === 'string' ? ref : (ref as { uid?: string })?.uid)),
    get: () => Promise.reject(new Error('not available in the screenshot harness')),
    reload: () => Promise.resolve(),
    registerRuntimeDataSource: () => undefined,
  } as unknown as DataSourceSrv);
}

/**
 * Grafana renders app pages in a router over locationService's history (a history v4 object, whose listeners get
 * the location itself); scenes' URL sync reads the route through it.
 */
function GrafanaRouter({ children }: { children: React.ReactNode }) {
  const history = locationService.getHistory();
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((loc: typeof history.location) => setLocation(loc)), [history]);
  return (
    <Router location={location} navigator={history as never}>
      {children}
    </Router>
  );
}

function ScenePage({ slug, scene }: { slug: keyof typeof PAGE_TITLES; scene: EmbeddedScene }) {
  const t = PAGE_TITLES[slug];
  return (
    <Stack direction="column" gap={2}>
      <div>
        <Text element="h1">{t.title}</Text>
        <Text color="secondary">{t.subTitle}</Text>
      </div>
      <UrlSyncContextProvider scene={scene} updateUrlOnInit createBrowserHistorySteps>
        <scene.Component model={scene} />
      </UrlSyncContextProvider>
    </Stack>
  );
}

/** The measures' positive control: text below 4.5:1 and a box wider than the page, which they must report. */
function Control() {
  return (
    <div data-testid="data-testid sovgrid-control">
      <p style={{ color: '#bbbbbb', background: '#ffffff' }}>Light grey on white: about 1.9:1</p>
      <div style={{ width: 2000, height: 10 }} />
    </div>
  );
}

function Page({ page, org }: { page: string; org: Org }) {
  if (page === 'control') {
    return <Control />;
  }
  const { settings } = parseSettings(org.settings);
  if (page === 'report') {
    // The "Monthly report" tab of a tenant org's Service levels page.
    return <ScenePage slug={ROUTES.Sla} scene={buildReportScene(settings)} />;
  }
  if (page === 'config') {
    const meta = { id: 'sovgrid-ops-app', enabled: true, pinned: true, jsonData: org.settings, secureJsonFields: {} } as unknown as AppPluginMeta;
    const props = { plugin: { meta }, query: {} } as unknown as PluginConfigPageProps<AppPluginMeta>;
    return (
      <Stack direction="column" gap={2}>
        <Text element="h1">Sovgrid Ops · Configuration</Text>
        <AppConfig {...props} />
      </Stack>
    );
  }
  const slug = page === 'triage' ? ROUTES.Triage : ROUTES.Rules;
  const factory = page === 'triage' ? triagePage : rulesPage;
  const scene = factory(settings).state.getScene!(undefined as never) as EmbeddedScene;
  return <ScenePage slug={slug} scene={scene} />;
}

async function main() {
  const q = new URLSearchParams(window.location.search);
  const mode = q.get('theme') === 'dark' ? 'dark' : 'light';
  const theme = createTheme({ colors: { mode } });
  config.theme2 = theme;
  config.bootData.user.lightTheme = mode === 'light';
  const data: HarnessData = await (await fetch('/harness/data.json')).json();
  const page = q.get('page') ?? 'rules';
  const org = page === 'report' && data.tenant ? data.tenant : data.operator;
  installBrowserBackendSrv();
  installDataSources(org.datasources);
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <LocationServiceProvider service={locationService}>
        <GrafanaRouter>
          <div style={{ padding: theme.spacing(2, 3) }}>
            <Page page={page} org={org} />
          </div>
        </GrafanaRouter>
      </LocationServiceProvider>
    </ThemeContext.Provider>
  );
}

void main();

// The harness runner measures through these (a function serialised from Node would carry its compiler's helpers).
Object.assign(window, { sovgridMeasure: { measurePage, imageStats } });
