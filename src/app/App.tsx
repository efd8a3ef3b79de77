import React, { useMemo } from 'react';
import type { AppRootProps } from '@grafana/data';
import { config } from '@grafana/runtime';
import { type SceneApp, useSceneApp } from '@grafana/scenes';
import { Alert } from '@grafana/ui';
import { parseSettings, type AppSettings } from '../settings';
import { testIds } from '../testIds';
import { buildSceneApp } from './sceneApp';
import { SetUpPage } from './SetUpPage';

// useSceneApp caches by factory identity: one stable factory per distinct settings and role, kept at module level.
const factories = new Map<string, () => SceneApp>();
function sceneAppFactory(settings: AppSettings, orgRole: string | undefined): () => SceneApp {
  const key = JSON.stringify([settings, orgRole]);
  let factory = factories.get(key);
  if (!factory) {
    factory = () => buildSceneApp(settings, orgRole);
    factories.set(key, factory);
  }
  return factory;
}

function SceneAppRoot({ settings, orgRole }: { settings: AppSettings; orgRole: string | undefined }) {
  const scene = useSceneApp(sceneAppFactory(settings, orgRole));
  return <scene.Component model={scene} />;
}

/**
 * The app root: parses this org's settings, and shows the set-up page until they name a mode; otherwise warns
 * about problems and renders the pages this org and user may open.
 */
export default function App(props: AppRootProps) {
  const jsonData = props.meta.jsonData;
  const { settings, problems, configured } = useMemo(() => parseSettings(jsonData), [jsonData]);
  // The org role of the signed-in user, as Grafana's boot data gives it (pkg/api/index.go setIndexViewData).
  const orgRole = config.bootData?.user?.orgRole || undefined;
  if (!configured) {
    return <SetUpPage orgRole={orgRole} problems={problems} />;
  }
  return (
    <>
      {problems.length > 0 && (
        <div data-testid={testIds.app.settingsProblems}>
          <Alert title="Some settings are invalid" severity="warning">
            {problems.map((p) => `${p.field || 'settings'}: ${p.message}`).join('; ')}. Fix them on the app&apos;s
            configuration page.
          </Alert>
        </div>
      )}
      <SceneAppRoot settings={settings} orgRole={orgRole} />
    </>
  );
}
