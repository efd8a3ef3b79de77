import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { config } from '@grafana/runtime';
import {
  dataLayers,
  EmbeddedScene,
  SceneDataLayerSet,
  sceneGraph,
  SceneFlexLayout,
  SceneTimeRange,
} from '@grafana/scenes';
import { installBackendStandIn } from '../../tests/helpers/backendSrv';
import { defaultSettings } from '../settings';
import { testIds } from '../testIds';
import { buildSlaLayout } from './panels';
import { incidentsQuery, parseUserOrgs, settingsBelongTo } from './tenantIncidents';
import { TenantIncidentsLayer, TenantIncidentsList } from './TenantIncidentsLayer';

const acmeSettings = { enabled: true, jsonData: { mode: 'tenant', tenant: { id: 'acme', name: 'Acme Corp' } } };

describe('tenant incidents (pure)', () => {
  it('finds the tenant org only by tenant mode and id in its app settings', () => {
    expect(settingsBelongTo(acmeSettings, 'acme')).toBe(true);
    expect(settingsBelongTo(acmeSettings, 'globex')).toBe(false);
    expect(settingsBelongTo({ jsonData: { mode: 'operator', tenant: { id: 'acme' } } }, 'acme')).toBe(false);
    expect(settingsBelongTo({ jsonData: null }, 'acme')).toBe(false);
    expect(parseUserOrgs([{ orgId: 2, name: 'Acme Corp', role: 'Admin' }, { name: 'x' }, 'y'])).toEqual([
      { orgId: 2, name: 'Acme Corp', role: 'Admin' },
    ]);
  });

  it('asks Grafana for the tenant org with targetOrgId and every tag required', () => {
    const q = new URLSearchParams(incidentsQuery(7, ['customer-visible', 'acme'], 1, 2));
    expect(q.get('targetOrgId')).toBe('7');
    expect(q.getAll('tags')).toEqual(['customer-visible', 'acme']);
    expect(q.get('matchAny')).toBe('false');
  });
});

function previewScene(tenantId: string) {
  const list = new TenantIncidentsList({ tenantId });
  const layer = new TenantIncidentsLayer(
    { name: 'Incidents', isEnabled: true, tenantId, tags: ['customer-visible', tenantId] },
    list
  );
  const scene = new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-7d', to: 'now' }),
    $data: new SceneDataLayerSet({ layers: [layer] }),
    body: new SceneFlexLayout({ children: [] }),
  });
  return { scene, list, layer };
}

describe("operator mode's tenant preview shows the customer's incidents, or says it cannot", () => {
  beforeEach(() => {
    (config.bootData.user as { orgId: number }).orgId = 1;
  });

  it('reads them from the tenant org, not the operator org', async () => {
    const be = installBackendStandIn();
    be.on('GET /api/user/orgs', () => ({
      status: 200,
      data: [
        { orgId: 1, name: 'Main Org.', role: 'Admin' },
        { orgId: 3, name: 'Globex', role: 'Admin' },
        { orgId: 2, name: 'Acme Corp', role: 'Admin' },
      ],
    }));
    be.on('GET /api/plugins/sovgrid-ops-app/settings', (req) =>
      req.url.includes('targetOrgId=2')
        ? { status: 200, data: acmeSettings }
        : { status: 200, data: { jsonData: { mode: 'tenant', tenant: { id: 'globex' } } } }
    );
    be.on('GET /api/annotations', () => ({
      status: 200,
      data: [
        {
          id: 5,
          time: Date.now() - 3600_000,
          text: 'Inference degraded for 20 minutes',
          tags: ['customer-visible', 'acme'],
        },
      ],
    }));
    const { scene, list } = previewScene('acme');
    scene.activate();
    render(<list.Component model={list} />);
    expect(await screen.findByText(/Inference degraded for 20 minutes/)).toBeInTheDocument();
    expect(screen.getByText('Incidents, as "Acme Corp" sees them')).toBeInTheDocument();
    const annotationCalls = be.requests.filter((r) => r.url.startsWith('/api/annotations'));
    expect(annotationCalls).toHaveLength(1);
    expect(new URLSearchParams(annotationCalls[0].url.split('?')[1]).get('targetOrgId')).toBe('2');
    // The operator org (1, the current one) is never asked for its settings nor its annotations.
    expect(be.requests.some((r) => r.url.includes('targetOrgId=1'))).toBe(false);
  });

  it('no org for the tenant: says so and shows no annotations at all', async () => {
    const be = installBackendStandIn();
    be.on('GET /api/user/orgs', () => ({ status: 200, data: [{ orgId: 1, name: 'Main Org.', role: 'Admin' }] }));
    const { scene, list } = previewScene('acme');
    scene.activate();
    render(<list.Component model={list} />);
    expect(await screen.findByTestId(testIds.sla.incidentsPreview)).toHaveTextContent(
      'you are not a member of an organization running the app for tenant "acme". The operator org\'s own annotations are not shown in their place.'
    );
    expect(be.requests.some((r) => r.url.startsWith('/api/annotations'))).toBe(false);
  });

  it('the annotations cannot be read: says why', async () => {
    const be = installBackendStandIn();
    be.on('GET /api/user/orgs', () => ({ status: 200, data: [{ orgId: 2, name: 'Acme Corp', role: 'Viewer' }] }));
    be.on('GET /api/plugins/sovgrid-ops-app/settings', () => ({ status: 200, data: acmeSettings }));
    be.on('GET /api/annotations', () => ({ status: 403, data: { message: 'Permission denied' } }));
    const { scene, list } = previewScene('acme');
    scene.activate();
    render(<list.Component model={list} />);
    await waitFor(() =>
      expect(screen.getByTestId(testIds.sla.incidentsPreview)).toHaveTextContent(
        'cannot read the annotations of "Acme Corp": Grafana answered HTTP 403: Permission denied.'
      )
    );
  });

  it('an answer that is not a list: says so instead of showing no incidents', async () => {
    const be = installBackendStandIn();
    be.on('GET /api/user/orgs', () => ({ status: 200, data: [{ orgId: 2, name: 'Acme Corp', role: 'Viewer' }] }));
    be.on('GET /api/plugins/sovgrid-ops-app/settings', () => ({ status: 200, data: acmeSettings }));
    be.on('GET /api/annotations', () => ({ status: 200, data: { message: 'not a list' } }));
    const { scene, list } = previewScene('acme');
    scene.activate();
    render(<list.Component model={list} />);
    await waitFor(() =>
      expect(screen.getByTestId(testIds.sla.incidentsPreview)).toHaveTextContent(
        'cannot read the annotations of "Acme Corp": the annotations API did not answer with a list'
      )
    );
  });

  it('the SLA layout uses this layer in operator mode and the org-local annotation layer in tenant mode', () => {
    const scope = { label: 'tenant', id: 'acme' };
    const plan = { history: false, retention: { kind: 'time' as const, seconds: 400 * 86400, text: '400d' } };
    const op = buildSlaLayout(defaultSettings(), scope, 'raw', Date.now() / 1000, plan);
    expect(sceneGraph.findObject(op, (o) => o instanceof TenantIncidentsLayer)).toBeTruthy();
    expect(sceneGraph.findObject(op, (o) => o instanceof dataLayers.AnnotationsDataLayer)).toBeNull();
    const tenantMode = buildSlaLayout(
      { ...defaultSettings(), mode: 'tenant', tenant: { id: 'acme', name: 'Acme' } },
      scope,
      'raw',
      Date.now() / 1000,
      plan
    );
    expect(sceneGraph.findObject(tenantMode, (o) => o instanceof TenantIncidentsLayer)).toBeNull();
    expect(sceneGraph.findObject(tenantMode, (o) => o instanceof dataLayers.AnnotationsDataLayer)).toBeTruthy();
  });
});
