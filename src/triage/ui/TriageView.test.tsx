import React from 'react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen } from '@testing-library/react';
import { defaultSettings } from '../../settings';
import { testIds } from '../../testIds';
import { nodeFetch } from '../../../tests/helpers/vllmSim';
import type { fetchLokiLines } from './lokiSource';
import { TriageView, type TriageViewProps } from './TriageView';

const journal = readFileSync(join(__dirname, '../../../tests/fixtures/triage/journal-export.ndjson'), 'utf8');

function renderView(over: Partial<TriageViewProps> = {}) {
  const props: TriageViewProps = {
    settings: defaultSettings(),
    hosts: ['spark-host'],
    units: [],
    range: { from: Date.UTC(2026, 10, 23, 7), to: Date.UTC(2026, 10, 23, 9) },
    onSelection: jest.fn(),
    fetch: nodeFetch,
    ...over,
  };
  render(<TriageView {...props} />);
  return props;
}

describe('TriageView', () => {
  it('triages a pasted journal export: the drawer shows facts and says no vLLM is configured', async () => {
    renderView();
    fireEvent.change(screen.getByTestId(testIds.triage.paste), { target: { value: journal } });
    fireEvent.click(screen.getByTestId(testIds.triage.runPasted));
    const facts = await screen.findByTestId(testIds.triage.facts);
    // Error and above only: 8 of the fixture's 9 entries (one is priority 5).
    expect(facts.textContent).toContain('8 lines');
    expect(facts.textContent).toContain('over 4096 bytes');
    expect(facts.textContent).toContain('1 line(s) below err priority skipped');
    expect(screen.getByTestId(testIds.triage.error).textContent).toMatch(/No vLLM URL is configured/);
  });

  it('explains unreadable pasted input instead of opening an empty drawer', async () => {
    renderView();
    fireEvent.change(screen.getByTestId(testIds.triage.paste), { target: { value: 'hello, this is not a journal' } });
    fireEvent.click(screen.getByTestId(testIds.triage.runPasted));
    expect((await screen.findByTestId(testIds.triage.inputError)).textContent).toMatch(
      /journalctl -u <unit> -p err --since -1h -o json/
    );
    expect(screen.queryByTestId(testIds.triage.drawer)).toBeNull();
  });

  it('queries Loki with the selection and range, and shows "truncated at N lines"', async () => {
    const settings = defaultSettings();
    settings.triage.maxLines = 10;
    const loadLines = jest.fn<ReturnType<typeof fetchLokiLines>, Parameters<typeof fetchLokiLines>>(async () => ({
      ok: true,
      query: '{instance="spark-host"}',
      problems: [],
      truncatedAt: 10,
      lines: Array.from({ length: 10 }, (_, i) => ({
        time: Date.UTC(2026, 10, 23, 8, i),
        host: 'spark-host',
        unit: 'vllm.service',
        priority: 3,
        message: `boom ${i}`,
      })),
    }));
    const props = renderView({ settings, loadLines });
    fireEvent.click(screen.getByTestId(testIds.triage.runLoki));
    const facts = await screen.findByTestId(testIds.triage.facts);
    expect(loadLines).toHaveBeenCalledWith(settings, { hosts: ['spark-host'], units: [], ...props.range });
    expect(facts.textContent).toContain('truncated at 10 lines');
  });

  it('shows why Loki could not be asked', async () => {
    renderView({ loadLines: async () => ({ ok: false, message: 'No Loki data source is set for this org.' }) });
    fireEvent.click(screen.getByTestId(testIds.triage.runLoki));
    expect((await screen.findByTestId(testIds.triage.inputError)).textContent).toContain('No Loki data source');
  });
});
