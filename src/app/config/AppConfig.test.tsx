import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { installDataSources } from '../../../tests/helpers/grafanaRuntime';
import { installBackendStandIn, type BackendStandIn } from '../../../tests/helpers/backendSrv';
import { defaultSettings } from '../../settings';
import { testIds } from '../../testIds';
import AppConfig, { buildPayload, type SettingsPayload } from './AppConfig';
import { SECTIONS } from './sections';

const SETTINGS_URL = 'POST /api/plugins/sovgrid-ops-app/settings';
const MODELS_URL = 'GET /api/plugin-proxy/sovgrid-ops-app/vllm/v1/models';

function props(jsonData: unknown, extra: Partial<AppPluginMeta> = {}): PluginConfigPageProps<AppPluginMeta> {
  const meta = { id: 'sovgrid-ops-app', enabled: false, pinned: true, jsonData, ...extra } as unknown as AppPluginMeta;
  return { plugin: { meta } as PluginConfigPageProps<AppPluginMeta>['plugin'], query: {} as never };
}

let backend: BackendStandIn;
let saved: SettingsPayload[];

beforeEach(() => {
  backend = installBackendStandIn();
  saved = [];
  backend.on(SETTINGS_URL, (req) => {
    saved.push(req.data as SettingsPayload);
    return { status: 200, data: { message: 'Plugin settings updated' } };
  });
  // DataSourceSrv stand-in for an org without data sources (row "Data source references": nothing resolves).
  installDataSources([]); // an org with no data sources yet: the pickers offer none
  jest.spyOn(locationService, 'reload').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

function input(path: string): HTMLInputElement {
  const el = document.getElementById(`sovgrid-${path.replace(/\./g, '-')}`);
  if (!el) {
    throw new Error(`no input for ${path}`);
  }
  return el as HTMLInputElement;
}

/** Opens a closed section of the page, as a person clicks its header. */
function openSection(id: string) {
  const header = within(screen.getByTestId(testIds.appConfig.section(id))).getAllByRole('button')[0];
  if (header.getAttribute('aria-expanded') !== 'true') {
    fireEvent.click(header);
  }
}

async function clickSave() {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testIds.appConfig.save));
  });
}

describe('AppConfig saving', () => {
  it('posts the whole settings object, enabled and pinned, never the key in jsonData', async () => {
    render(<AppConfig {...props({ mode: 'operator', vllm: { url: 'http://spark:8000' } })} />);
    fireEvent.change(input('sla.latencyTargetSeconds'), { target: { value: '2.5' } });
    fireEvent.change(screen.getByTestId(testIds.appConfig.apiKey), { target: { value: 'sk-secret-123' } });
    await clickSave();

    expect(saved).toHaveLength(1);
    const p = saved[0];
    const expected = defaultSettings();
    expected.vllm.url = 'http://spark:8000';
    expected.sla.latencyTargetSeconds = 2.5;
    expect(p.jsonData).toEqual(expected);
    // The switch mirrors the stored state; saving sends it as it stands.
    expect(p.enabled).toBe(false);
    expect(p.pinned).toBe(true);
    expect(p.secureJsonData).toEqual({ vllmApiKey: 'sk-secret-123' });
    expect(JSON.stringify(p.jsonData)).not.toContain('sk-secret-123');
    expect(locationService.reload).toHaveBeenCalled();
  });

  it('offers the optional history data source and keeps a stored one on save', async () => {
    render(<AppConfig {...props({ mode: 'operator', datasources: { historyUid: 'vm-history' } })} />);
    expect(screen.getByText('History (VictoriaMetrics, optional)')).toBeInTheDocument();
    expect(screen.getByText(/windows of 14 days or more, and anything older than Prometheus keeps/)).toBeInTheDocument();
    await clickSave();
    expect(saved[0].jsonData.datasources.historyUid).toBe('vm-history');
  });

  it('keeps a configured key untouched unless it is reset', async () => {
    render(<AppConfig {...props({ mode: 'operator' }, { secureJsonFields: { vllmApiKey: true } })} />);
    await clickSave();
    expect(saved[0].secureJsonData).toBeUndefined();
    openSection('vllm');
    fireEvent.click(screen.getByRole('button', { name: /reset/i }));
    await clickSave();
    expect(saved[1].secureJsonData).toEqual({ vllmApiKey: '' });
  });

  it('sends the enabled switch', async () => {
    render(<AppConfig {...props({ mode: 'operator' }, { enabled: true })} />);
    fireEvent.click(screen.getByRole('switch'));
    await clickSave();
    expect(saved[0].enabled).toBe(false);
  });

  it('shows inline validation and blocks saving while a field is invalid', async () => {
    render(<AppConfig {...props({ mode: 'operator' })} />);
    fireEvent.change(input('sla.availabilityObjective'), { target: { value: '1' } });
    // The summary names the field by its label, not its settings path.
    expect(await screen.findByTestId(testIds.appConfig.problems)).toHaveTextContent('Availability objective (0–1): must be');
    expect(screen.getByTestId(testIds.appConfig.problems)).not.toHaveTextContent('sla.availabilityObjective');
    expect(screen.getByTestId(testIds.appConfig.saveWhy)).toHaveTextContent('Saving is blocked: 1 problem to fix');
    expect(screen.getAllByText(/between \(exclusive\) 0 and 1/).length).toBeGreaterThan(0);
    expect(screen.getByTestId(testIds.appConfig.save)).toBeDisabled();
    fireEvent.change(input('sla.availabilityObjective'), { target: { value: '0.995' } });
    expect(screen.queryByTestId(testIds.appConfig.problems)).toBeNull();
    await clickSave();
    expect(saved[0].jsonData.sla.availabilityObjective).toBe(0.995);
  });

  it('requires the tenant in tenant mode', async () => {
    render(<AppConfig {...props({ mode: 'operator' })} />);
    fireEvent.click(screen.getByLabelText('Tenant'));
    expect(await screen.findByTestId(testIds.appConfig.problems)).toHaveTextContent('Tenant id');
    fireEvent.change(input('tenant.id'), { target: { value: 'acme' } });
    fireEvent.change(input('tenant.name'), { target: { value: 'Acme Corp' } });
    await clickSave();
    expect(saved[0].jsonData.mode).toBe('tenant');
    expect(saved[0].jsonData.tenant).toEqual({ id: 'acme', name: 'Acme Corp' });
  });

  it('says what failed when Grafana refuses the save, and keeps the edits', async () => {
    backend.on(SETTINGS_URL, () => ({ status: 403, data: { message: 'Permission denied' } }));
    render(<AppConfig {...props({ mode: 'operator' })} />);
    fireEvent.change(input('jobs.vllm'), { target: { value: 'sglang' } });
    await clickSave();
    expect(await screen.findByText(/Settings were not saved: Grafana answered HTTP 403: Permission denied\. Nothing changed/)).toBeInTheDocument();
    expect(input('jobs.vllm').value).toBe('sglang');
    expect(locationService.reload).not.toHaveBeenCalled();
  });

  it('an org that never chose a mode: nothing preselected, saving blocked until Operator or Tenant is picked', async () => {
    render(<AppConfig {...props(undefined)} />);
    expect(screen.getByLabelText('Operator')).not.toBeChecked();
    expect(screen.getByLabelText('Tenant')).not.toBeChecked();
    expect(screen.getByTestId(testIds.appConfig.problems)).toHaveTextContent('Mode: choose Operator or Tenant');
    expect(screen.getByTestId(testIds.appConfig.save)).toBeDisabled();
    fireEvent.click(screen.getByLabelText('Operator'));
    expect(screen.queryByTestId(testIds.appConfig.problems)).toBeNull();
    await clickSave();
    expect(saved[0].jsonData.mode).toBe('operator');
  });

  it('warns about stored settings that do not parse', () => {
    render(<AppConfig {...props({ mode: 'operator', sla: { windowDays: 'forever' } })} />);
    expect(screen.getByText(/stored settings have problems/)).toBeInTheDocument();
    expect(screen.getByText(/Rolling window \(days\) \(sla.windowDays\): must be a number/)).toBeInTheDocument();
  });
});

describe('AppConfig Test vLLM', () => {
  async function runTest() {
    render(<AppConfig {...props({ mode: 'operator', vllm: { url: 'http://spark:8000', timeoutSeconds: 1 } })} />);
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.appConfig.testVllm));
    });
    return screen.findByTestId(testIds.appConfig.testVllmResult, {}, { timeout: 3000 });
  }

  it('lists the served models', async () => {
    backend.on(MODELS_URL, () => ({
      status: 200,
      data: { object: 'list', data: [{ id: 'Qwen/Qwen2.5-32B-Instruct', object: 'model', max_model_len: 32768 }] },
    }));
    expect(await runTest()).toHaveTextContent('Qwen/Qwen2.5-32B-Instruct (context 32768 tokens)');
  });

  it.each([
    ['401 wrong key', () => ({ status: 401, data: { error: 'Unauthorized' } }), /Wrong API key.*Unauthorized/],
    // Grafana's proxy answers (docs/grafana-contract.md, "Proxy answers"): an upstream it cannot reach is a bare 502.
    ['unreachable upstream', () => ({ status: 502, text: '' }), /vLLM unreachable from Grafana.*\(502\)/],
    ['connect timeout', () => ({ status: 504, text: '' }), /timed out connecting to vLLM/],
    ['a Grafana without the vllm/* route', () => ({ status: 404, data: { message: 'plugin route match not found' } }), /no route for this request.*restart Grafana/],
    ['a Viewer', () => ({ status: 403, data: { message: 'plugin proxy route access denied' } }), /Your role cannot use the vLLM route.*Editor/],
    ['an org without saved settings', () => ({ status: 500, data: { message: 'Failed to fetch plugin settings', traceID: '' } }), /not set up in this organization/],
    ['not an OpenAI server (404)', () => ({ status: 404, text: '404 page not found', contentType: 'text/plain' }), /Not a vLLM\/OpenAI server/],
    ['not an OpenAI server (HTML 200)', () => ({ status: 200, text: '<html>Grafana</html>', contentType: 'text/html' }), /Not a vLLM\/OpenAI server/],
    ['network failure', () => ({ network: 'Failed to fetch' }), /Unreachable.*Failed to fetch/],
    ['timeout', () => ({ hang: true as const }), /Timed out.*1 s/],
  ])('explains %s', async (_name, handler, text) => {
    backend.on(MODELS_URL, handler);
    expect(await runTest()).toHaveTextContent(text);
  });

  it('cannot be pressed without a saved URL, and says so', () => {
    render(<AppConfig {...props({ mode: 'operator' })} />);
    expect(screen.getByTestId(testIds.appConfig.testVllm)).toBeDisabled();
    expect(screen.getByTestId(testIds.appConfig.testVllmWhy)).toHaveTextContent('Enter the vLLM URL above and save first');
  });
});

describe('buildPayload', () => {
  it('only sends secureJsonData when the key changed', () => {
    const s = defaultSettings();
    expect(buildPayload(s, true, false, { value: '', configured: true, reset: false })).toEqual({
      enabled: true,
      pinned: false,
      jsonData: s,
    });
    expect(buildPayload(s, true, false, { value: 'k', configured: false, reset: true }).secureJsonData).toEqual({
      vllmApiKey: 'k',
    });
  });
});

describe('AppConfig layout', () => {
  it('starts with the required sections open and the rest closed, each with a description', () => {
    render(<AppConfig {...props({ mode: 'operator' })} />);
    const header = (id: string) => within(screen.getByTestId(testIds.appConfig.section(id))).getAllByRole('button')[0];
    expect(header('organization')).toHaveAttribute('aria-expanded', 'true');
    expect(header('datasources')).toHaveAttribute('aria-expanded', 'true');
    expect(header('sla')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByTestId(testIds.appConfig.section('sla'))).toHaveTextContent('What customers were promised');
  });

  it('every field has help text', () => {
    for (const spec of SECTIONS) {
      for (const f of spec.fields) {
        expect(`${f.path}: ${f.description.trim().length > 10}`).toBe(`${f.path}: true`);
      }
    }
  });

  it('links a problem to its field: the section opens and the field gets the focus', async () => {
    render(<AppConfig {...props({ mode: 'operator' })} />);
    fireEvent.change(input('sla.availabilityObjective'), { target: { value: '2' } });
    const link = within(screen.getByTestId(testIds.appConfig.problems)).getByRole('button', { name: 'Availability objective (0–1)' });
    expect(link).toHaveAttribute('aria-controls', 'sovgrid-sla-availabilityObjective');
    await act(async () => {
      fireEvent.click(link);
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(document.activeElement).toBe(input('sla.availabilityObjective'));
  });

  it('colours severities by what they mean, not by their name', () => {
    render(<AppConfig {...props({ mode: 'operator', review: { phoneSeverities: ['critical', 'page'], emailSeverities: ['warning', 'info'] } })} />);
    openSection('review');
    // A Badge's class carries its colour: same meaning, same class; another meaning, another class.
    const colour = (text: string) => screen.getByText(text).closest('div')!.className;
    expect(colour('page')).toBe(colour('critical'));
    expect(new Set([colour('critical'), colour('warning'), colour('info')]).size).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Remove warning' }));
    expect(screen.queryByText('warning')).toBeNull();
  });
});
