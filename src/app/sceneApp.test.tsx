import React from 'react';
import { render, screen } from '@testing-library/react';
import { sceneGraph, type SceneAppPage } from '@grafana/scenes';
import { parseSettings } from '../settings';
import { testIds } from '../testIds';
import { installDataSources } from '../../tests/helpers/grafanaRuntime';
import { MessageScene } from './MessageScene';
import { buildPages } from './sceneApp';
import { overviewPage } from '../overview/overviewPage';
import { rulesPage } from '../rules/rulesPage';
import { triagePage } from '../triage/triagePage';

// The feature factories, observed (not replaced): a refused page must never call them.
jest.mock('../overview/overviewPage', () => ({ overviewPage: jest.fn(jest.requireActual('../overview/overviewPage').overviewPage) }));
jest.mock('../rules/rulesPage', () => ({ rulesPage: jest.fn(jest.requireActual('../rules/rulesPage').rulesPage) }));
jest.mock('../triage/triagePage', () => ({ triagePage: jest.fn(jest.requireActual('../triage/triagePage').triagePage) }));

const operator = parseSettings({ mode: 'operator' }).settings;
const tenant = parseSettings({ mode: 'tenant', tenant: { id: 'acme', name: 'Acme Corp' } }).settings;

function messageOf(page: SceneAppPage): MessageScene | undefined {
  const scene = page.state.getScene!(undefined as never);
  return sceneGraph.findAllObjects(scene, (o) => o instanceof MessageScene)[0] as MessageScene | undefined;
}

// Page builders ask Grafana for a data source when none is configured (Grafana cannot run here); the stand-in
// follows docs/grafana-contract.md row "Data source references" (a type-only ref resolves by type).
beforeAll(() => {
  installDataSources([{ uid: 'prom-default', type: 'prometheus', name: 'Prometheus' }]);
});

describe('buildPages', () => {
  it('gives the operator all four pages at their absolute URLs with relative route paths', () => {
    const pages = buildPages(operator, 'Editor');
    expect(pages.map((p) => p.state.url)).toEqual([
      '/a/sovgrid-ops-app/overview',
      '/a/sovgrid-ops-app/sla',
      '/a/sovgrid-ops-app/rules',
      '/a/sovgrid-ops-app/triage',
    ]);
    for (const p of pages) {
      expect(p.state.routePath).not.toMatch(/^\//);
    }
    expect(pages.map((p) => p.state.title)).toEqual(['Overview', 'Service levels', 'Alert rules', 'Triage']);
    // Every operator page is the real feature, not a refusal.
    for (const p of pages) {
      expect(messageOf(p)?.state.testId).not.toBe(testIds.app.notAvailable);
    }
  });

  it('in a tenant org renders the operator pages as a "not available" message, never the feature', () => {
    const pages = buildPages(tenant, 'Admin');
    const byUrl = new Map(pages.map((p) => [p.state.url, p]));
    for (const slug of ['overview', 'rules', 'triage']) {
      const msg = messageOf(byUrl.get(`/a/sovgrid-ops-app/${slug}`)!);
      expect(msg?.state.testId).toBe(testIds.app.notAvailable);
      expect(msg?.state.title).toBe('Not available in a tenant organization');
    }
    // The service-levels page is the tenant's own page, not the refusal.
    expect(messageOf(byUrl.get('/a/sovgrid-ops-app/sla')!)?.state.testId).not.toBe(testIds.app.notAvailable);
  });

  it('treats unreadable modes as tenant (fail closed)', () => {
    const pages = buildPages(parseSettings({ mode: 'root' }).settings, 'Admin');
    expect(messageOf(pages.find((p) => p.state.url?.endsWith('/overview'))!)?.state.testId).toBe(testIds.app.notAvailable);
  });
});

describe('buildPages checks the org role on every page, whatever the address', () => {
  const byUrl = (pages: SceneAppPage[], slug: string) => pages.find((p) => p.state.url === `/a/sovgrid-ops-app/${slug}`)!;

  it('a Viewer in the operator org gets the service levels, and a role message for each operator page', () => {
    const pages = buildPages(operator, 'Viewer');
    for (const slug of ['overview', 'rules', 'triage']) {
      const msg = messageOf(byUrl(pages, slug));
      expect(msg?.state.testId).toBe(testIds.app.roleRequired);
      expect(msg?.state.title).toBe('Needs the Editor role');
      expect(msg?.state.text).toMatch(/needs the Editor role in this organization; you have Viewer/);
      // The refusal is the whole page at every sub-path: the route still takes `<slug>/*`.
      expect(byUrl(pages, slug).state.routePath).toBe(`${slug}/*`);
    }
    expect(messageOf(byUrl(pages, 'sla'))).toBeUndefined();
  });

  it('a user without a role (None, or unknown) gets no page at all', () => {
    for (const role of ['None', undefined, 'Superuser']) {
      const pages = buildPages(operator, role);
      expect(pages.map((p) => messageOf(p)?.state.testId)).toEqual(Array(4).fill(testIds.app.roleRequired));
    }
  });

  it('never builds a refused feature page: its factory, and so its queries, do not run', () => {
    const factories = [overviewPage, rulesPage, triagePage] as jest.Mock[];
    factories.forEach((f) => f.mockClear());
    buildPages(operator, 'Viewer');
    buildPages(tenant, 'Admin');
    expect(factories.map((f) => f.mock.calls.length)).toEqual([0, 0, 0]);
    buildPages(operator, 'Editor');
    expect(factories.map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
  });
});

describe('MessageScene', () => {
  it('renders its title and text', () => {
    const scene = new MessageScene({ title: 'Not available', text: 'Operator page', severity: 'info', testId: 'x' });
    render(<scene.Component model={scene} />);
    expect(screen.getByTestId('x')).toHaveTextContent('Not available');
    expect(screen.getByTestId('x')).toHaveTextContent('Operator page');
  });
});
