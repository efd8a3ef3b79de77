import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { defaultSettings } from '../../settings/defaults';
import { testIds } from '../../testIds';
import type { HttpResult } from '../../shared/http';
import type { ReviewDeps } from './deps';
import { RulesReview } from './RulesReview';

// A stand-in for Grafana that answers in Grafana's and Prometheus' own shapes (facts.md §2–3), including errors.
const NOW = Date.parse('2026-11-22T12:00:00Z');
const HOUR = Math.floor(NOW / 1000 / 3600) * 3600 - 5 * 3600;
const ACTION = 'SSH to spark-host, run: systemctl status vllm.service && journalctl -u vllm.service -n 50';

const ok = (data: unknown): HttpResult => ({ ok: true, status: 200, data });
const promRule = (name: string, query: string, annotations: Record<string, string>, severity = 'critical') => ({
  type: 'alerting',
  name,
  query,
  duration: 300,
  labels: { severity },
  annotations,
  health: 'ok',
  lastError: '',
  state: 'inactive',
  alerts: [],
});

const ANSWERS: Record<string, HttpResult> = {
  '/api/prometheus/grafana/api/v1/rules': ok({
    status: 'success',
    data: {
      groups: [
        {
          name: 'gpu',
          file: 'Ops',
          folderUid: 'f1',
          rules: [{ type: 'alerting', name: 'GPU hot', uid: 'g1', health: 'ok', query: 'A' }],
        },
      ],
    },
  }),
  '/api/ruler/grafana/api/v1/rules': ok({
    Ops: [
      {
        name: 'gpu',
        interval: '1m',
        rules: [
          {
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { runbook_url: 'https://wiki.example/gpu' },
            grafana_alert: {
              uid: 'g1',
              title: 'GPU hot',
              updated: '2026-11-20T10:00:00Z',
              data: [
                { refId: 'A', datasourceUid: 'prom1', model: { expr: 'max(gpu_temp_celsius)' } },
                {
                  refId: 'C',
                  datasourceUid: '__expr__',
                  model: {
                    type: 'threshold',
                    expression: 'A',
                    conditions: [{ evaluator: { type: 'gt', params: [85] } }],
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  }),
  '/api/prometheus/prom1/api/v1/rules': ok({
    status: 'success',
    data: {
      groups: [
        {
          name: 'stack',
          file: '/etc/prometheus/rules/stack.yml',
          interval: 15,
          rules: [
            promRule('InferenceEngineDown', 'up{job="vllm_inference"} == 0', {
              action: ACTION,
              reviewed: '2026-11-01',
            }),
            promRule('DiskFull', 'disk_full == 1', { action: 'investigate', reviewed: '2026-11-01' }),
            promRule('MissingAction', 'up{job="mcp_server"} == 0', { summary: 'MCP down', reviewed: '2026-11-01' }),
          ],
        },
      ],
    },
  }),
  '/api/prometheus/mimir/api/v1/rules': {
    ok: false,
    error: { kind: 'http', status: 502, message: 'Bad Gateway', body: { message: 'Bad Gateway' } },
  },
  '/api/prometheus/loki1/api/v1/rules': ok({ status: 'success', data: { groups: [] } }),
};

// ALERTS_FOR_STATE: DiskFull activated on five disks within one hour, each firing (sample ≥ for after activeAt).
const forState = Array.from({ length: 5 }, (_, i) => ({
  metric: { __name__: 'ALERTS_FOR_STATE', alertname: 'DiskFull', severity: 'critical', mount: `/m${i}` },
  values: [
    [HOUR + 60 + i, String(HOUR + i)],
    [HOUR + 400 + i, String(HOUR + i)],
  ],
}));

function proxy(url: string, params: Record<string, string> = {}): HttpResult | undefined {
  if (!url.startsWith('/api/datasources/proxy/uid/prom1/')) {
    return undefined;
  }
  if (url.endsWith('/api/v1/label/__name__/values')) {
    return ok({ status: 'success', data: ['up', 'disk_full', 'gpu_temp_celsius'] });
  }
  if (url.endsWith('/api/v1/query')) {
    const hit = params.query.startsWith('ALERTS_FOR_STATE{alertname="DiskFull"');
    return ok({ status: 'success', data: { resultType: 'matrix', result: hit ? forState : [] } });
  }
  if (url.endsWith('/api/v1/query_range')) {
    return ok({ status: 'success', data: { resultType: 'matrix', result: [] } });
  }
  return undefined;
}

function makeDeps(): ReviewDeps & { downloads: Array<[string, string, string]>; urls: string[] } {
  const downloads: Array<[string, string, string]> = [];
  const urls: string[] = [];
  return {
    downloads,
    urls,
    get: async (url, params) => {
      urls.push(url);
      const r = ANSWERS[url] ?? proxy(url, params);
      return (
        r ?? { ok: false, error: { kind: 'http', status: 404, message: 'Not found', body: { message: 'Not found' } } }
      );
    },
    datasources: () => [
      { uid: 'prom1', name: 'Prometheus', type: 'prometheus' },
      { uid: 'mimir', name: 'Mimir', type: 'prometheus' },
      { uid: 'loki1', name: 'Loki', type: 'loki' },
      { uid: 'tempo', name: 'Tempo', type: 'tempo' },
    ],
    now: () => NOW,
    download: (f, c, m) => downloads.push([f, c, m]),
  };
}

async function renderDone(deps = makeDeps()) {
  render(<RulesReview settings={defaultSettings()} deps={deps} />);
  await waitFor(() => expect(screen.getByTestId(testIds.rules.summary)).toHaveTextContent(/SMS budget/));
  return deps;
}

function rowNames(): string[] {
  const table = screen.getByTestId(testIds.rules.table);
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0].textContent ?? '');
}

async function choose(label: string, option: string) {
  const input = screen.getByLabelText(label);
  await act(async () => fireEvent.click(input));
  const opt = await screen.findByRole('option', { name: option });
  await act(async () => fireEvent.click(opt));
}

// Grafana's Select and Drawer are slow to render in jsdom on a shared machine.
jest.setTimeout(60_000);

// Combobox measures option text on a canvas (jsdom has no 2D context) and virtualises its list by element size
// (jsdom lays nothing out): give both a size so the options render.
beforeAll(() => {
  for (const prop of ['clientHeight', 'clientWidth', 'offsetHeight', 'offsetWidth'] as const) {
    jest.spyOn(HTMLElement.prototype, prop, 'get').mockReturnValue(400);
  }
  jest
    .spyOn(HTMLCanvasElement.prototype, 'getContext')
    .mockImplementation(
      () => ({ measureText: (t: string) => ({ width: t.length * 7 }), font: '' }) as unknown as CanvasRenderingContext2D
    );
});

describe('RulesReview page', () => {
  it('puts the summary sentence first, counting rules without action and the SMS budget', async () => {
    await renderDone();
    expect(screen.getByTestId(testIds.rules.summary)).toHaveTextContent(
      '2 of 4 alert rules lack an action (1 more has a vague one); 1 would have exceeded the 4-per-hour SMS budget last week.'
    );
  });

  it('shows findings about the whole rule set once, above the table (rules without a review date)', async () => {
    const deps = makeDeps();
    const base = deps.get;
    // One Loki rule without a `reviewed` annotation: the set gets one finding, the rule none of its own.
    deps.get = async (url, params) =>
      url === '/api/prometheus/loki1/api/v1/rules'
        ? ok({
            status: 'success',
            data: {
              groups: [{ name: 'logs', file: 'logs.yml', rules: [promRule('LogErrors', 'x > 1', { action: ACTION })] }],
            },
          })
        : base(url, params);
    await renderDone(deps);
    const general = screen.getAllByTestId(testIds.rules.generalFinding);
    expect(general).toHaveLength(1);
    expect(general[0]).toHaveTextContent(/1 of 5 alert rules carry no review date/);
    expect(general[0]).toHaveTextContent(/LogErrors/);
  });

  it('shows a failing source with its error while the other sources load', async () => {
    const deps = await renderDone();
    const errors = screen.getAllByTestId(testIds.rules.sourceError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toHaveTextContent('Could not load rules from Mimir');
    expect(errors[0]).toHaveTextContent('HTTP 502: Bad Gateway');
    expect(rowNames().sort()).toEqual(['DiskFull', 'GPU hot', 'InferenceEngineDown', 'MissingAction']);
    // only Prometheus-compatible data sources are asked for rules, and nothing is written
    expect(deps.urls).not.toContain('/api/prometheus/tempo/api/v1/rules');
  });

  it('sorts worst first and filters by check, severity, source and folder', async () => {
    await renderDone();
    expect(rowNames()[0]).toBe('DiskFull');
    await choose(testIds.rules.filterCheck, 'action/runbook-only');
    expect(rowNames()).toEqual(['GPU hot']);
    await choose(testIds.rules.filterCheck, 'All checks');
    await choose(testIds.rules.filterSource, 'Prometheus');
    expect(rowNames().sort()).toEqual(['DiskFull', 'InferenceEngineDown', 'MissingAction']);
    await choose(testIds.rules.filterSeverity, 'bug');
    expect(rowNames().sort()).toEqual(['DiskFull', 'MissingAction']);
    await choose(testIds.rules.filterSource, 'All sources');
    await choose(testIds.rules.filterSeverity, 'All severities');
    await choose(testIds.rules.filterFolder, 'Ops');
    expect(rowNames()).toEqual(['GPU hot']);
  });

  it('exports what is shown as Markdown and CSV', async () => {
    const deps = await renderDone();
    await choose(testIds.rules.filterSource, 'Prometheus');
    fireEvent.click(screen.getByTestId(testIds.rules.exportMarkdown));
    fireEvent.click(screen.getByTestId(testIds.rules.exportCsv));
    const [[mdName, md, mdType], [csvName, csv, csvType]] = deps.downloads;
    expect([mdName, mdType, csvName, csvType]).toEqual([
      'rule-review-2026-11-22.md',
      'text/markdown',
      'rule-review-2026-11-22.csv',
      'text/csv',
    ]);
    expect(md).toContain('| DiskFull | Prometheus › stack | bug | action/vague |');
    expect(md).toContain('| bug | noise/sms-budget |');
    expect(md).not.toContain('GPU hot');
    expect(csv.split('\r\n')[0]).toBe('rule,group,folder,source,location,severity,check,summary,evidence,fix');
    expect(csv).toContain('DiskFull,stack,/etc/prometheus/rules/stack.yml,Prometheus,,bug,action/vague,');
  });

  it('opens a drawer with every finding, its evidence and fix, an edit link and a triage link', async () => {
    await renderDone();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Details of DiskFull' })));
    const drawer = await screen.findByTestId(testIds.rules.drawer);
    const sms = within(drawer).getByRole('region', { name: 'noise/sms-budget' });
    expect(sms).toHaveTextContent(
      "Would have exceeded the 4-per-hour SMS budget in 1 hour last week; 5 of the 5 pages in those hours were this rule's."
    );
    expect(sms).toHaveTextContent('Fix: Pages beyond the budget');
    expect(within(drawer).getByRole('region', { name: 'noise/episodes' })).toHaveTextContent(
      'Fired 5 times in the last 7 days (each one an SMS).'
    );
    const find = within(drawer)
      .getByRole('link', { name: /Find rule in Grafana alerting/ })
      .getAttribute('href')!;
    expect(find.startsWith('/alerting/list?')).toBe(true);
    expect(new URL(find, 'http://grafana').searchParams.get('search')).toBe('datasource:"Prometheus" rule:"DiskFull"');
    expect(within(drawer).getByRole('link', { name: /Triage/ })).toHaveAttribute(
      'href',
      '/a/sovgrid-ops-app/triage?from=now-7d&to=now&alertname=DiskFull&rule=DiskFull'
    );
  });

  it('links Grafana-managed rules to their editor', async () => {
    await renderDone();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Details of GPU hot' })));
    const drawer = await screen.findByTestId(testIds.rules.drawer);
    expect(within(drawer).getByRole('link', { name: /Edit rule in Grafana/ })).toHaveAttribute(
      'href',
      '/alerting/g1/edit'
    );
  });

  it('says "No data" honestly when no source has rules', async () => {
    const deps = makeDeps();
    deps.datasources = () => [];
    const get = deps.get;
    deps.get = async (url, p) =>
      url.includes('grafana')
        ? ok(url.includes('ruler') ? {} : { status: 'success', data: { groups: [] } })
        : get(url, p);
    render(<RulesReview settings={defaultSettings()} deps={deps} />);
    expect(await screen.findByText(/No alert rules were found/)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.rules.summary)).toHaveTextContent('No alert rules found.');
  });
});
