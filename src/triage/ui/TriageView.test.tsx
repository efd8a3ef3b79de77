import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { SceneTimeRange } from '@grafana/scenes';
import { defaultSettings } from '../../settings';
import { testIds } from '../../testIds';
import { renderScene, stubLayout } from '../../../tests/helpers/render';
import { renderTriage } from '../../../tests/helpers/triage';
import { nodeFetch } from '../../../tests/helpers/vllmSim';
import { triageUrl } from '../links';
import { TriageScene } from '../TriageScene';
import type { fetchLokiLines } from './lokiSource';

const journal = readFileSync(join(__dirname, '../../../tests/fixtures/triage/journal-export.ndjson'), 'utf8');
const PAGE = '/a/sovgrid-ops-app/triage';
const urlParams = () => new URLSearchParams(locationService.getSearch());

beforeAll(stubLayout);

type LoadLines = typeof fetchLokiLines;
const tenLines: Awaited<ReturnType<LoadLines>> = {
  ok: true,
  query: '{instance="spark-host"}',
  problems: [],
  truncatedAt: 10,
  lines: Array.from({ length: 10 }, (_, i) => ({ time: Date.UTC(2026, 10, 23, 8, i), host: 'spark-host', unit: 'vllm.service', priority: 3, message: `boom ${i}` })),
};

function renderLoki(loadLines: LoadLines, url = `${PAGE}?host=spark-host&from=1795420800000&to=1795428000000`) {
  const settings = defaultSettings();
  const scene = new TriageScene({ settings }, { loadLines, fetch: nodeFetch });
  const page = renderScene(scene, url, { $timeRange: new SceneTimeRange({ from: 'now-1h', to: 'now' }) });
  return { scene, page, settings };
}

describe('Triage page', () => {
  it('triages a pasted journal export: facts as tiles, and says no vLLM is configured', async () => {
    renderTriage(defaultSettings(), {}, `${PAGE}?source=journal`);
    fireEvent.change(screen.getByTestId(testIds.triage.paste), { target: { value: journal } });
    await act(async () => fireEvent.click(screen.getByTestId(testIds.triage.run)));
    const facts = await screen.findByTestId(testIds.triage.facts);
    // Error and above only: 8 of the fixture's 9 entries (one is priority 5).
    expect(within(facts).getByRole('region', { name: 'Lines' })).toHaveTextContent(/^Lines8/);
    expect(facts.textContent).toContain('over 4096 bytes');
    expect(facts.textContent).toContain('1 line(s) below err priority skipped');
    expect(screen.getByTestId(testIds.triage.error).textContent).toMatch(/No vLLM URL is configured/);
  });

  it('has one primary action, and says why it cannot be pressed yet', () => {
    renderTriage(defaultSettings(), {}, `${PAGE}?source=journal`);
    expect(screen.getByTestId(testIds.triage.run)).toBeDisabled();
    expect(screen.getByTestId(testIds.triage.runWhy)).toHaveTextContent('Paste an export above, or upload a file.');
    fireEvent.change(screen.getByTestId(testIds.triage.paste), { target: { value: journal } });
    expect(screen.getByTestId(testIds.triage.run)).toBeEnabled();
    expect(screen.queryByTestId(testIds.triage.runWhy)).toBeNull();
  });

  it('explains unreadable pasted input instead of showing an empty result', async () => {
    renderTriage(defaultSettings(), {}, `${PAGE}?source=journal`);
    fireEvent.change(screen.getByTestId(testIds.triage.paste), { target: { value: 'hello, this is not a journal' } });
    await act(async () => fireEvent.click(screen.getByTestId(testIds.triage.run)));
    expect((await screen.findByTestId(testIds.triage.inputError)).textContent).toMatch(/journalctl -u <unit> -p err --since -1h -o json/);
    expect(screen.queryByTestId(testIds.triage.facts)).toBeNull();
  });

  it('queries Loki with the selection and the time range of the link, and shows "truncated at N lines"', async () => {
    const loadLines = jest.fn<ReturnType<LoadLines>, Parameters<LoadLines>>(async () => tenLines);
    const { settings } = renderLoki(loadLines);
    await act(async () => fireEvent.click(screen.getByTestId(testIds.triage.run)));
    const facts = await screen.findByTestId(testIds.triage.facts);
    expect(loadLines).toHaveBeenCalledWith(settings, { hosts: ['spark-host'], units: [], from: 1795420800000, to: 1795428000000 });
    expect(facts.textContent).toContain('truncated at 10 lines');
  });

  it('shows why Loki could not be asked', async () => {
    renderLoki(async () => ({ ok: false, message: 'No Loki data source is set for this org.' }));
    await act(async () => fireEvent.click(screen.getByTestId(testIds.triage.run)));
    expect((await screen.findByTestId(testIds.triage.inputError)).textContent).toContain('No Loki data source');
  });

  it('keeps the selection in the URL: a triage link opens it, edits write it back', async () => {
    const link = triageUrl({ hosts: ['spark-host', 'floki'], units: ['vllm.service'], alertname: 'VllmDown', rule: 'vLLM down', from: 'now-6h', to: 'now' });
    const { scene, page } = renderLoki(async () => tenLines, link);
    expect(scene.state).toMatchObject({ hosts: ['spark-host', 'floki'], units: ['vllm.service'], alertname: 'VllmDown', rule: 'vLLM down', source: 'loki' });
    expect(screen.getByText('Opened for alert VllmDown, rule vLLM down.')).toBeInTheDocument();
    act(() => scene.setSelection({ hosts: ['mgmt'], units: [] }));
    expect(urlParams().getAll('host')).toEqual(['mgmt']);
    expect(urlParams().getAll('unit')).toEqual([]);
    act(() => scene.setSource('journal'));
    expect(urlParams().get('source')).toBe('journal');
    // Unsafe values in a hand-made link are dropped, never trusted.
    act(() => page.navigate(`${PAGE}?host=ok-host&host=${encodeURIComponent('bad host;rm')}&source=elsewhere`));
    expect(scene.state).toMatchObject({ hosts: ['ok-host'], source: 'loki' });
  });

  it('drops the answer of a run the page no longer waits for', async () => {
    let release: () => void = () => undefined;
    const late = new Promise<void>((r) => (release = r));
    let calls = 0;
    const { scene } = renderLoki(async () => {
      calls++;
      if (calls === 1) {
        await late;
        return { ...tenLines, lines: tenLines.lines.map((l) => ({ ...l, message: 'stale line' })) };
      }
      return tenLines;
    });
    let first: Promise<void> = Promise.resolve();
    act(() => {
      first = scene.runLoki();
    });
    await act(async () => {
      await scene.runLoki();
    });
    release();
    await act(async () => {
      await first;
    });
    expect(screen.getByTestId(testIds.triage.facts).textContent).not.toContain('stale line');
    expect(scene.state.run?.prepared.facts.lines).toBe(10);
  });
});
