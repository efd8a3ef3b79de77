import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { installDataSources } from '../../../tests/helpers/grafanaRuntime';
import { installBackendStandIn } from '../../../tests/helpers/backendSrv';
import { testIds } from '../../testIds';
import AppConfig, { type SettingsPayload } from './AppConfig';

function props(jsonData: unknown): PluginConfigPageProps<AppPluginMeta> {
  const meta = { id: 'sovgrid-ops-app', enabled: true, pinned: true, jsonData } as unknown as AppPluginMeta;
  return { plugin: { meta } as PluginConfigPageProps<AppPluginMeta>['plugin'], query: {} as never };
}

let saved: SettingsPayload[];

beforeEach(() => {
  const backend = installBackendStandIn();
  saved = [];
  backend.on('POST /api/plugins/sovgrid-ops-app/settings', (req) => {
    saved.push(req.data as SettingsPayload);
    return { status: 200, data: {} };
  });
  installDataSources([]); // an org with no data sources yet: the pickers offer none
  jest.spyOn(locationService, 'reload').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

const field = (path: string) => document.getElementById(`sovgrid-${path.replace(/\./g, '-')}`) as HTMLInputElement;
// The SLI section starts closed (it is not needed to get going); a person opens it by its header.
function openSli() {
  const header = within(screen.getByTestId(testIds.appConfig.section('sli'))).getAllByRole('button')[0];
  expect(header).toHaveAttribute('aria-expanded', 'false');
  fireEvent.click(header);
}

const rules = () => (screen.getByTestId(testIds.appConfig.sliRules) as HTMLTextAreaElement).value;

describe('the SLI recipe on the configuration page', () => {
  it('shows the recording rules for the picked recipe and its pattern, and saves the choice', async () => {
    render(<AppConfig {...props({ mode: 'operator' })} />);
    openSli();
    expect(rules()).toContain('# Sovgrid Ops per-customer SLI recipe "tenant-label"');
    fireEvent.click(screen.getByRole('radio', { name: 'Traefik' }));
    expect(rules()).toContain('traefik_router_requests_total{router=~"tenant-([a-z0-9][a-z0-9_-]*)@[a-z0-9_-]+"}');
    fireEvent.change(field('sli.routePattern'), { target: { value: 'cust-(.+)@docker' } });
    expect(rules()).toContain('traefik_router_requests_total{router=~"cust-(.+)@docker"}');
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.appConfig.save));
    });
    expect(saved[0].jsonData.sli).toMatchObject({ recipe: 'traefik', routePattern: 'cust-(.+)@docker' });
  });

  it('asks for the generic recipe’s metric names only when that recipe is picked', () => {
    render(<AppConfig {...props({ mode: 'operator' })} />);
    openSli();
    expect(field('sli.requestCounter')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Route label' }));
    fireEvent.change(field('sli.requestCounter'), { target: { value: 'kong_http_requests_total' } });
    expect(rules()).toContain('kong_http_requests_total');
  });

  it('refuses a pattern without the tenant capture group, inline, and blocks saving', () => {
    render(<AppConfig {...props({ mode: 'operator', sli: { recipe: 'litellm' } })} />);
    fireEvent.change(field('sli.routePattern'), { target: { value: 'cust-.+' } });
    expect(screen.getAllByText(/must have exactly 1 capture group/).length).toBeGreaterThan(0);
    expect(screen.getByTestId(testIds.appConfig.save)).toBeDisabled();
  });

  it('refuses a vLLM red level no p95 can reach, naming the histogram’s largest bucket', () => {
    render(<AppConfig {...props({ mode: 'operator' })} />);
    fireEvent.change(field('thresholds.vllm.itlP95Seconds.red'), { target: { value: '90' } });
    expect(screen.getAllByText(/inter_token_latency_seconds tops out at 80 s/).length).toBeGreaterThan(0);
    expect(screen.getByTestId(testIds.appConfig.save)).toBeDisabled();
  });
});
