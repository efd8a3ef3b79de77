// Renders the real overview scene in jsdom with Grafana's runtime services stood in (facts.md §1): a panel
// plugin that displays values through Grafana's own display pipeline (units, thresholds, mappings, noValue), a
// Prometheus data source answering with frames per docs/grafana-contract.md row "/api/ds/query frames", and
// backend answers per rows "Data-source rules API" and "Annotations API".
import React from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { of } from 'rxjs';
import {
  createTheme,
  displayNameOverrideProcessor,
  type FieldConfigPropertyItem,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  valueMappingsOverrideProcessor,
  type DataFrame,
  type DataQueryRequest,
  getFieldDisplayValues,
  PanelPlugin,
  type PanelProps,
} from '@grafana/data';
import { setBackendSrv, setPluginImportUtils } from '@grafana/runtime';
import { defaultSettings } from '../settings/defaults';
import type { AppSettings } from '../settings/types';
import { testIds } from '../testIds';
import { buildOverviewScene } from './overviewScene';
import { SIGNAL_LABEL } from './queries';
import { prometheusSeries } from '../../tests/helpers/grafanaFrames';
import { installDataSources, installRunRequest } from '../../tests/helpers/grafanaRuntime';

const theme = createTheme();
const DS_UID = 'prom-test';

interface StandInOptions {
  reduceOptions: { calcs: string[]; values: boolean };
}

// The stand-in panel: what a stat/gauge shows, computed by @grafana/data exactly as the real panels do.
function DisplayPanel(props: PanelProps<StandInOptions>) {
  const values = getFieldDisplayValues({
    data: props.data.series,
    reduceOptions: props.options.reduceOptions ?? { calcs: ['lastNotNull'], values: false },
    fieldConfig: props.fieldConfig,
    replaceVariables: (s) => s,
    theme,
  });
  return (
    <ul>
      {values.map((v, i) => (
        <li key={i} data-color={v.display.color} data-testid="display-value">
          {v.display.title ? `${v.display.title}: ` : ''}
          {`${v.display.prefix ?? ''}${v.display.text}${v.display.suffix ?? ''}`}
        </li>
      ))}
    </ul>
  );
}

// Grafana core registers its standard field options (unit, thresholds, mappings…) at start-up; these use the same
// processors from @grafana/data, without the option editors a test never opens.
function standardOption(id: string, process: FieldConfigPropertyItem['process']): FieldConfigPropertyItem {
  return { id, path: id, name: id, process, shouldApply: () => true, override: () => null, editor: () => null };
}
standardFieldConfigEditorRegistry.setInit(() => [
  standardOption('unit', stringOverrideProcessor),
  standardOption('min', numberOverrideProcessor),
  standardOption('max', numberOverrideProcessor),
  standardOption('decimals', numberOverrideProcessor),
  standardOption('noValue', stringOverrideProcessor),
  standardOption('displayName', displayNameOverrideProcessor),
  standardOption('thresholds', thresholdsOverrideProcessor),
  standardOption('mappings', valueMappingsOverrideProcessor),
  standardOption('color', identityOverrideProcessor),
]);

const plugins: Record<string, PanelPlugin> = {};
function plugin(id: string): PanelPlugin {
  if (!plugins[id]) {
    const p = new PanelPlugin(DisplayPanel).useFieldConfig({});
    p.meta = { id, name: id, info: { version: '1' } } as PanelPlugin['meta'];
    plugins[id] = p;
  }
  return plugins[id];
}

/** One Prometheus series as a scenes query receives it (tests/helpers/grafanaFrames.ts, row "/api/ds/query frames"). */
function series(refId: string, labels: Record<string, string>, value: number): DataFrame {
  return prometheusSeries(refId, labels, [[Date.UTC(2026, 0, 1), value]]);
}

let requests: Array<DataQueryRequest<{ refId: string; expr: string }>> = [];

function answer(request: DataQueryRequest<{ refId: string; expr: string }>): DataFrame[] {
  const frames: DataFrame[] = [];
  for (const q of request.targets) {
    const tag = (signal: string, labels: Record<string, string>, v: number) =>
      frames.push(series(q.refId, { ...labels, [SIGNAL_LABEL]: signal }, v));
    if (q.refId === 'inference') {
      tag('throughput', { model_name: 'qwen3-32b' }, 12);
      tag('kvCache', { model_name: 'qwen3-32b' }, 0.95);
      tag('queueWaiting', { model_name: 'qwen3-32b' }, 3);
    }
    if (q.refId === 'spark') {
      tag('sparkMemory', { instance: 'spark:9100' }, 0.5);
      // No gpuMemory series: unified memory.
    }
    if (q.refId === 'coverage') {
      tag('coverage', { job: 'vllm_inference' }, 1);
      tag('coverage', { job: 'alertmanager' }, -1);
    }
    if (q.refId === 'alerts') {
      tag('alertsFiring', {}, 1);
      tag('alertsPending', {}, 0);
    }
    if (q.refId === 'alertList') {
      tag(
        'alertList',
        { alertname: 'VllmThroughputLow', alertstate: 'firing', severity: 'critical', instance: 'spark:8000' },
        1
      );
    }
  }
  return frames;
}

const RULES = {
  status: 'success',
  data: {
    groups: [
      {
        name: 'inference',
        file: 'rules.yml',
        rules: [
          {
            type: 'alerting',
            name: 'VllmThroughputLow',
            query: 'x < 20',
            annotations: { action: 'SSH to {{ $labels.instance }}' },
            alerts: [
              {
                labels: { alertname: 'VllmThroughputLow', severity: 'critical', instance: 'spark:8000' },
                annotations: { action: 'SSH to spark-host, run: systemctl status vllm.service' },
                state: 'firing',
              },
            ],
          },
        ],
      },
    ],
  },
};
const ANNOTATIONS = [
  {
    id: 7,
    time: Date.UTC(2026, 0, 1, 3),
    timeEnd: Date.UTC(2026, 0, 1, 4),
    text: 'Spark PSU swap',
    tags: ['incident'],
    login: 'op',
  },
];
const fetched: string[] = [];

// jsdom has no layout: panels measure 0×0 and render no content. This observer reports a fixed size instead.
class SizedResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const contentRect = { x: 0, y: 0, top: 0, left: 0, width: 400, height: 200, bottom: 200, right: 400 };
    this.callback([{ target, contentRect } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}
const originalResizeObserver = globalThis.ResizeObserver;
afterAll(() => {
  globalThis.ResizeObserver = originalResizeObserver;
});

beforeAll(() => {
  globalThis.ResizeObserver = SizedResizeObserver as unknown as typeof ResizeObserver;
  installDataSources([
    {
      uid: DS_UID,
      type: 'prometheus',
      name: 'Prometheus',
      api: { metricFindQuery: async () => [{ text: 'spark' }, { text: 'floki' }] },
    },
  ]);
  requests = installRunRequest<{ expr: string }>((request) => answer(request as never));
  setPluginImportUtils({
    importPanelPlugin: async (id) => plugin(id),
    getPanelPluginFromCache: (id) => plugin(id),
  });
  setBackendSrv({
    fetch: (opts: { url: string }) => {
      fetched.push(opts.url.split('?')[0]);
      const data = opts.url.includes('/api/v1/rules') ? RULES : ANNOTATIONS;
      return of({
        status: 200,
        data,
        ok: true,
        headers: new Headers(),
        redirected: false,
        statusText: 'OK',
        type: 'basic',
        url: opts.url,
        config: opts,
      });
    },
  } as never);
});

function renderOverview(
  settings: AppSettings = { ...defaultSettings(), datasources: { prometheusUid: DS_UID, lokiUid: '' } }
) {
  const scene = buildOverviewScene(settings);
  render(<scene.Component model={scene} />);
  return scene;
}

jest.setTimeout(30_000);

describe('overview scene rendered with a stand-in data source', () => {
  it('shows row titles, panel titles, values with units and threshold colours, and honest No data', async () => {
    renderOverview();
    const inference = await screen.findByTestId(testIds.overview.row('inference'));
    expect(within(inference).getByText('Inference')).toBeInTheDocument();
    expect(within(inference).getByText('Generation throughput')).toBeInTheDocument();
    await waitFor(() => expect(within(inference).getByText('qwen3-32b: 12 tok/s')).toBeInTheDocument());
    // 12 tok/s is below the red threshold (20): the real display pipeline colours it red.
    expect(within(inference).getByText('qwen3-32b: 12 tok/s').getAttribute('data-color')).toBe(
      theme.visualization.getColorByName('red')
    );
    expect(within(inference).getByText('qwen3-32b: 95%')).toBeInTheDocument();
    const host = screen.getByTestId(testIds.overview.row('inferenceHost'));
    const noFb = await within(host).findByText('No FB_* series (unified memory?): see Memory used');
    // Honest No data: neutral, never a threshold colour that reads as "fine".
    expect(noFb.getAttribute('data-color')).toBe(theme.colors.text.primary);
  });

  it('shows colours of the real display pipeline for each band', async () => {
    renderOverview();
    const inference = await screen.findByTestId(testIds.overview.row('inference'));
    const queue = await within(inference).findByText('qwen3-32b: 3');
    expect(queue.getAttribute('data-color')).toBe(theme.visualization.getColorByName('yellow'));
    const host = screen.getByTestId(testIds.overview.row('inferenceHost'));
    const memory = await within(host).findByText('spark:9100: 50%');
    expect(memory.getAttribute('data-color')).toBe(theme.visualization.getColorByName('green'));
  });

  it('shows coverage as words, alerts with their action, and incidents', async () => {
    renderOverview();
    const alerts = await screen.findByTestId(testIds.overview.row('alerts'));
    await waitFor(() => expect(within(alerts).getByText('alertmanager: Not scraped')).toBeInTheDocument());
    expect(within(alerts).getByText('vllm_inference: Up')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText('SSH to spark-host, run: systemctl status vllm.service')).toBeInTheDocument()
    );
    await waitFor(() => expect(screen.getByText('Spark PSU swap')).toBeInTheDocument());
    expect(fetched).toContain(`/api/prometheus/${DS_UID}/api/v1/rules`);
    expect(fetched).toContain('/api/annotations');
  });

  it('sends fewer than 20 queries on first load, host rows carrying the host variable', async () => {
    requests.length = 0;
    fetched.length = 0;
    renderOverview();
    await screen.findByTestId(testIds.overview.row('alerts'));
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    const targets = requests.flatMap((r) => r.targets);
    expect(targets.length + fetched.length + 1).toBeLessThan(20);
    const spark = targets.find((t) => t.refId === 'spark')!;
    expect(spark.expr).toContain('instance=~"($host)(:[0-9]+)?"');
  });
});
