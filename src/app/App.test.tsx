import React from 'react';
import { render, screen } from '@testing-library/react';
import type { AppRootProps } from '@grafana/data';
import { config } from '@grafana/runtime';
import { testIds } from '../testIds';
import App from './App';
import { buildSceneApp } from './sceneApp';
import { CONFIG_PAGE_URL } from './SetUpPage';

// The pages themselves are tested in sceneApp.test.tsx; here only whether App builds them, and with what.
jest.mock('./sceneApp', () => ({
  buildSceneApp: jest.fn(() => ({ Component: () => <div data-testid="the-pages" /> })),
}));
const built = buildSceneApp as jest.Mock;

function renderApp(jsonData: unknown, orgRole: string) {
  Object.assign(config, { bootData: { ...config.bootData, user: { ...config.bootData?.user, orgRole } } });
  const props = { meta: { id: 'sovgrid-ops-app', jsonData }, basename: '/a/sovgrid-ops-app', query: {}, path: '/a/sovgrid-ops-app/overview', onNavChanged: () => undefined } as unknown as AppRootProps;
  return render(<App {...props} />);
}

const throwing = Object.defineProperty({}, 'mode', { enumerable: true, get: () => { throw new Error('boom'); } });

beforeEach(() => built.mockClear());

describe('App with settings that name no mode', () => {
  it.each([
    ['never saved (undefined)', undefined],
    ['never saved (null)', null],
    ['saved without a mode or tenant ({})', {}],
    ['a list', ['operator']],
    ['text', 'operator'],
    ['a throwing getter', throwing],
    ['a mode only on the prototype', JSON.parse('{"__proto__": {"mode": "operator"}}')],
  ])('%s: the set-up page and no page at all, not even for an Admin', (_name, jsonData) => {
    renderApp(jsonData, 'Admin');
    expect(screen.getByTestId(testIds.app.setUp)).toHaveTextContent('Set up Sovgrid Ops');
    expect(screen.queryByTestId('the-pages')).toBeNull();
    expect(built).not.toHaveBeenCalled();
  });

  it('an Admin gets the link to the configuration page; anyone else is told to ask an admin', () => {
    const admin = renderApp(undefined, 'Admin');
    expect(screen.getByRole('link', { name: /Open the configuration page/ })).toHaveAttribute('href', CONFIG_PAGE_URL);
    admin.unmount();
    renderApp(undefined, 'Editor');
    expect(screen.queryByRole('link', { name: /configuration page/ })).toBeNull();
    expect(screen.getByTestId(testIds.app.setUp)).toHaveTextContent('Ask your Grafana admin to set up Sovgrid Ops');
  });

  it('says what it found in garbage settings', () => {
    renderApp(42, 'Admin');
    expect(screen.getByTestId(testIds.app.setUp)).toHaveTextContent('Found: settings: settings must be an object, got number 42');
  });
});

describe('App with a mode', () => {
  it('builds the pages for the org mode and the user role (positive control of the set-up check)', () => {
    renderApp({ mode: 'operator' }, 'Viewer');
    expect(screen.getByTestId('the-pages')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.app.setUp)).toBeNull();
    expect(built).toHaveBeenCalledWith(expect.objectContaining({ mode: 'operator' }), 'Viewer');
  });

  it.each([
    ['an empty `mode:` in provisioning YAML', { mode: null, tenant: { id: 'acme', name: 'Acme' }, sla: { windowDays: 28 } }, 'is empty (null), not "operator" or "tenant": tenant mode is used'],
    ['a tenant id without a mode', { tenant: { id: 'acme', name: 'Acme' } }, 'is missing while tenant id "acme" is set: tenant mode is used'],
  ])('%s is the tenant view, and the warning says exactly that', (_name, jsonData, said) => {
    // App caches one scene app per settings and role (useSceneApp): a fresh one is built per case.
    built.mockClear();
    renderApp(jsonData, 'Admin');
    expect(built).toHaveBeenCalledWith(expect.objectContaining({ mode: 'tenant', tenant: { id: 'acme', name: 'Acme' } }), 'Admin');
    expect(screen.getByTestId(testIds.app.settingsProblems)).toHaveTextContent(`mode: ${said}`);
  });
});
