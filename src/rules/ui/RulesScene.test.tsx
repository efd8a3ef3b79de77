import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { renderScene, stubLayout } from '../../../tests/helpers/render';
import { defaultSettings } from '../../settings/defaults';
import { testIds } from '../../testIds';
import type { HttpResult } from '../../shared/http';
import type { ReviewDeps } from './deps';
import { RulesScene } from './RulesScene';

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

const PAGE = '/a/sovgrid-ops-app/rules';

async function renderDone(deps = makeDeps(), query = 'layout=flat') {
  const scene = new RulesScene({ settings: defaultSettings() }, deps);
  const page = renderScene(scene, `${PAGE}?${query}`);
  await waitFor(() => expect(screen.getByTestId(testIds.rules.summary)).toHaveTextContent(/SMS budget/));
  return Object.assign(deps, { scene, page });
}

/** Rule names in the order shown, across every table on the page (one per group in the grouped layout). */
function rowNames(): string[] {
  return screen
    .getAllByTestId(testIds.rules.table)
    .flatMap((table) => within(table).getAllByRole('row').slice(1))
    .map((r) => within(r).getAllByRole('cell')[0].textContent ?? '');
}

const urlParam = (k: string) => new URLSearchParams(locationService.getSearch()).getAll(k);

async function choose(label: string, option: string) {
  const input = screen.getByLabelText(label);
  await act(async () => fireEvent.click(input));
  const opt = await screen.findByRole('option', { name: option });
  await act(async () => fireEvent.click(opt));
}

beforeAll(stubLayout);
// A hang guard, not a performance assertion: each test renders the whole page and drives several Comboboxes, which
// on a loaded 2-core box (the full suite beside other jobs) takes longer than the project's 30 s default.
jest.setTimeout(120_000);

describe('Rules page', () => {
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
    // The fix is its own labelled line, not run on after the evidence.
    expect(within(general[0]).getByText('Fix:').parentElement).toHaveTextContent(/^Fix: \S/);
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
    // Worst first: the bug-level findings come before the info-level episode count.
    const order = within(drawer)
      .getAllByRole('region')
      .map((r) => r.getAttribute('aria-label'))
      .filter((n) => n?.includes('/'));
    expect(order.indexOf('noise/sms-budget')).toBeLessThan(order.indexOf('noise/episodes'));
    // The rule's own annotations are shown, as text.
    expect(within(drawer).getAllByRole('definition').map((d) => d.textContent)).toContain('investigate');
    expect(within(drawer).getByRole('region', { name: 'noise/episodes' })).toHaveTextContent(
      'Fired 5 times in the last 7 days (each one an SMS).'
    );
    const findLink = within(drawer).getByRole('link', { name: /Find rule in Grafana alerting/ });
    // A data source rule is found, not edited, in Grafana: a search icon, not a pen.
    expect(within(findLink).getByTestId('search')).toBeInTheDocument();
    expect(within(findLink).queryByTestId('pen')).toBeNull();
    const find = findLink.getAttribute('href')!;
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
    const edit = within(drawer).getByRole('link', { name: /Edit rule in Grafana/ });
    expect(edit).toHaveAttribute('href', '/alerting/g1/edit');
    expect(within(edit).getByTestId('pen')).toBeInTheDocument();
  });

  it('links a duplicate to its partner: the related rule opens in the drawer and in the URL', async () => {
    const deps = makeDeps();
    const base = deps.get;
    const copy = { name: 'copy', file: '/etc/prometheus/rules/copy.yml', interval: 15, rules: [promRule('DiskFull', 'disk_full == 1', { action: 'investigate', reviewed: '2026-11-01' })] };
    deps.get = async (url, params) => {
      const r = await base(url, params);
      if (url !== '/api/prometheus/prom1/api/v1/rules' || !r.ok) {
        return r;
      }
      const answer = r.data as { data: { groups: unknown[] } };
      return ok({ status: 'success', data: { groups: [...answer.data.groups, copy] } });
    };
    await renderDone(deps);
    const [first] = screen.getAllByRole('button', { name: 'Details of DiskFull' });
    await act(async () => fireEvent.click(first));
    const drawer = await screen.findByTestId(testIds.rules.drawer);
    const related = within(drawer).getByRole('region', { name: 'Related rules' });
    const openedFirst = urlParam('rule')[0];
    expect(related).toHaveTextContent(/DiskFull/);
    const partnerFile = /copy\.yml/.test(related.textContent ?? '') ? /copy\.yml/ : /stack\.yml/;
    const firstFile = partnerFile.source.startsWith('copy') ? /stack\.yml/ : /copy\.yml/;
    await act(async () => fireEvent.click(within(related).getByRole('button', { name: 'DiskFull' })));
    const partner = urlParam('rule')[0];
    expect(partner).not.toBe(openedFirst);
    // The drawer now shows the partner, which names the first rule as its own relation.
    const again = await screen.findByTestId(testIds.rules.drawer);
    expect(within(again).getByRole('region', { name: 'Related rules' })).toHaveTextContent(firstFile);
    expect(within(again).getByRole('region', { name: 'Related rules' })).not.toHaveTextContent(partnerFile);
  });

  it('says "No data" honestly when no source has rules', async () => {
    const deps = makeDeps();
    deps.datasources = () => [];
    const get = deps.get;
    deps.get = async (url, p) =>
      url.includes('grafana')
        ? ok(url.includes('ruler') ? {} : { status: 'success', data: { groups: [] } })
        : get(url, p);
    renderScene(new RulesScene({ settings: defaultSettings() }, deps), PAGE);
    expect(await screen.findByText(/No alert rules were found/)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.rules.summary)).toHaveTextContent('No alert rules found.');
  });

  it('keeps filters, search, layout and the open rule in the URL, and restores them from a link', async () => {
    const deps = await renderDone(makeDeps(), 'layout=flat&check=action%2Fvague&q=disk');
    expect(rowNames()).toEqual(['DiskFull']);
    // The worst severity is that of the findings the filter shows.
    expect(screen.getByTestId(testIds.rules.shownCount)).toHaveTextContent('1 of 4 rules shown (filtered); worst:bug');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Details of DiskFull' })));
    expect(await screen.findByTestId(testIds.rules.drawer)).toBeInTheDocument();
    const key = deps.scene.state.selected!;
    expect(urlParam('rule')).toEqual([key]);
    expect(urlParam('check')).toEqual(['action/vague']);
    // A reload: a new scene opened at the same URL shows the same view with the drawer open.
    deps.page.unmount();
    const again = await renderDone(makeDeps(), locationService.getSearch().toString());
    expect(again.scene.state).toMatchObject({ filters: { check: 'action/vague' }, search: 'disk', layout: 'flat', selected: key });
    expect(await screen.findByTestId(testIds.rules.drawer)).toBeInTheDocument();
    // Back to the plain page: the URL drives the scene.
    act(() => again.page.navigate(PAGE));
    expect(again.scene.state).toMatchObject({ filters: {}, search: '', layout: 'grouped', selected: undefined });
  });

  it('ignores URL values it does not know instead of breaking', async () => {
    const deps = await renderDone(makeDeps(), 'layout=sideways&check=no%2Fsuch&severity=huge&sort=nonsense&order=asc');
    expect(deps.scene.state).toMatchObject({ layout: 'grouped', filters: { check: undefined, severity: undefined }, sort: 'worst', desc: false });
  });

  it('searches by rule name and by label', async () => {
    const deps = await renderDone();
    act(() => deps.scene.setSearch('severity=warning'));
    expect(rowNames()).toEqual(['GPU hot']);
    act(() => deps.scene.setSearch('engine'));
    expect(rowNames()).toEqual(['InferenceEngineDown']);
    expect(urlParam('q')).toEqual(['engine']);
  });

  it('groups by source, folder and group with counts in the grouped layout', async () => {
    await renderDone(makeDeps(), '');
    const grouped = screen.getByTestId(testIds.rules.grouped);
    expect(within(grouped).getByRole('region', { name: 'Rules from Prometheus' })).toHaveTextContent('3 rules');
    expect(within(grouped).getByRole('region', { name: 'Rules from Grafana-managed' })).toHaveTextContent('1 rule');
    expect(grouped).toHaveTextContent('Group stack');
    expect(rowNames().sort()).toEqual(['DiskFull', 'GPU hot', 'InferenceEngineDown', 'MissingAction']);
  });

  it('ranks the work: per-severity counts, what to fix first, the rules that would page most', async () => {
    await renderDone();
    expect(screen.getByTestId(testIds.rules.work)).toHaveTextContent(/^Fix firstbugNo action annotation1 rule/);
    expect(screen.getByTestId(testIds.rules.loudest)).toHaveTextContent('DiskFull5 episodes');
    expect(screen.getByTestId(testIds.rules.chart)).toBeInTheDocument();
  });

  it('drops the answers of a load the page no longer waits for', async () => {
    const deps = makeDeps();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const get = deps.get;
    let first = true;
    deps.get = async (url, p) => {
      if (first && url === '/api/prometheus/prom1/api/v1/rules') {
        first = false;
        await gate;
        return ok({ status: 'success', data: { groups: [{ name: 'late', file: 'late.yml', rules: [promRule('LateRule', 'up == 0', {})] }] } });
      }
      return get(url, p);
    };
    const scene = new RulesScene({ settings: defaultSettings() }, deps);
    renderScene(scene, `${PAGE}?layout=flat`);
    await act(async () => {
      await scene.load();
    });
    release();
    await act(async () => {
      await gate;
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(rowNames()).not.toContain('LateRule');
    expect(rowNames()).toContain('DiskFull');
  });
});
