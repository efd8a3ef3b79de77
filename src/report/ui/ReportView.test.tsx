import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { defaultSettings, type AppSettings } from '../../settings';
import { testIds } from '../../testIds';
import type { NarrativeOutcome } from '../narrative';
import type { ReportDataSource } from '../types';
import type { ReportDeps } from './deps';
import { monthOptions, ReportView } from './ReportView';

const NOW = Date.parse('2026-11-20T12:00:00Z') / 1000;
const settings: AppSettings = {
  ...defaultSettings(),
  mode: 'tenant',
  tenant: { id: 'acme', name: 'Acme Corp' },
  sla: { ...defaultSettings().sla, timeZone: 'Europe/Berlin' },
};

/** A Prometheus stand-in by expression shape: 1,000 requests a day, 1 failing, p95 1.2 s, no token counters. */
function fakePrometheus(times: number[]): ReportDataSource {
  return {
    instant: async (expr, time) => {
      times.push(time);
      if (expr.startsWith('count(')) {
        return [];
      }
      if (expr.includes('vllm:prompt_tokens_total') || expr.includes('vllm:generation_tokens_total')) {
        return [];
      }
      if (expr.startsWith('histogram_quantile')) {
        return [{ labels: {}, value: 1.2 }];
      }
      if (expr.includes('_bucket')) {
        return [
          { labels: { le: '5.0' }, value: 990 },
          { labels: { le: '+Inf' }, value: 1000 },
        ];
      }
      const seconds = Number(/\[(\d+)s\]/.exec(expr)?.[1] ?? 86400);
      const requests = (1000 * seconds) / 86400;
      return [{ labels: {}, value: expr.includes('5..') ? requests / 1000 : requests }];
    },
  };
}

function deps(over: Partial<ReportDeps> = {}, times: number[] = []): ReportDeps {
  return {
    data: () => fakePrometheus(times),
    incidents: () => ({
      annotations: async () => [
        {
          time: Date.parse('2026-10-14T08:00:00Z'),
          timeEnd: Date.parse('2026-10-14T09:30:00Z'),
          text: 'Upstream <b>outage</b>',
          tags: ['customer-visible', 'acme'],
        },
        {
          time: Date.parse('2026-10-15T08:00:00Z'),
          timeEnd: Date.parse('2026-10-15T09:00:00Z'),
          text: 'Another tenant',
          tags: ['customer-visible', 'globex'],
        },
      ],
    }),
    canNarrate: () => false,
    narrate: async () => ({ status: 'unavailable', reason: 'not asked' }),
    now: () => NOW,
    print: jest.fn(),
    ...over,
  };
}

// Grafana's Combobox is slow to render in jsdom on a shared machine.
jest.setTimeout(60_000);

// jsdom has no canvas; Grafana's Combobox measures its option labels with one.
beforeAll(() => {
  jest
    .spyOn(HTMLCanvasElement.prototype, 'getContext')
    .mockImplementation(
      () => ({ measureText: (t: string) => ({ width: t.length * 7 }), font: '' }) as unknown as CanvasRenderingContext2D
    );
});

describe('ReportView', () => {
  it('offers this month so far and the twelve before it, in the org time zone', () => {
    const o = monthOptions(Date.parse('2026-10-31T23:30:00Z') / 1000, 'Europe/Berlin');
    expect(o[0]).toEqual({ value: '2026-11', label: 'November 2026 (so far)' });
    expect(o[1].value).toBe('2026-10');
    expect(o).toHaveLength(13);
  });

  it("shows last month's report to a viewer: no summary button, only the tenant's incidents, printable", async () => {
    const d = deps();
    render(<ReportView settings={settings} scope={{ label: 'tenant', id: 'acme' }} deps={d} />);
    const doc = await screen.findByTestId(testIds.report.document);
    expect(within(doc).getByText('Acme Corp')).toBeInTheDocument();
    expect(within(doc).getAllByText('October 2026').length).toBeGreaterThan(0);
    const incidents = within(doc).getByTestId(testIds.report.incidents);
    expect(within(incidents).getByText('Upstream outage')).toBeInTheDocument();
    expect(within(incidents).queryByText('Another tenant')).toBeNull();
    expect(within(incidents).getByText('1 h 30 min')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.report.narrate)).toBeNull();
    fireEvent.click(screen.getByTestId(testIds.report.print));
    expect(d.print).toHaveBeenCalledWith(doc);
  });

  it('an editor asks for the summary; a dropped one says why, in the document', async () => {
    const outcomes: NarrativeOutcome[] = [
      { status: 'dropped', reason: 'the narrator wrote a number the facts do not contain (42)', invented: ['42'] },
      { status: 'ok', text: 'October went well for Acme Corp.', model: 'm', seconds: 1 },
    ];
    const narrate = jest.fn(async () => outcomes.shift()!);
    render(
      <ReportView
        settings={settings}
        scope={{ label: 'tenant', id: 'acme' }}
        deps={deps({ canNarrate: () => true, narrate })}
      />
    );
    fireEvent.click(await screen.findByTestId(testIds.report.narrate));
    expect(await screen.findByTestId(testIds.report.narrativeNote)).toHaveTextContent(
      'Summary unavailable: the narrator wrote a number the facts do not contain (42).'
    );
    fireEvent.click(screen.getByTestId(testIds.report.narrate));
    expect(await screen.findByTestId(testIds.report.narrative)).toHaveTextContent('October went well for Acme Corp.');
    expect(narrate).toHaveBeenCalledTimes(2);
  });

  it('says what went wrong when there is no data source, or the data source fails', async () => {
    const { unmount } = render(
      <ReportView
        settings={settings}
        scope={{ label: 'tenant', id: 'acme' }}
        deps={deps({ data: () => 'No Prometheus here' })}
      />
    );
    expect(await screen.findByTestId(testIds.report.error)).toHaveTextContent('No Prometheus here');
    unmount();
    const failing = deps({ data: () => ({ instant: async () => Promise.reject(new Error('bad_data: parse error')) }) });
    render(<ReportView settings={settings} scope={{ label: 'tenant', id: 'acme' }} deps={failing} />);
    await waitFor(() => expect(screen.getByTestId(testIds.report.error)).toHaveTextContent('bad_data: parse error'));
  });

  it('queries only inside the picked month (Berlin midnight to midnight) and the month before', async () => {
    const times: number[] = [];
    render(<ReportView settings={settings} scope={{ label: 'tenant', id: 'acme' }} deps={deps({}, times)} />);
    await screen.findByTestId(testIds.report.document);
    const septStart = Date.parse('2026-08-31T22:00:00Z') / 1000;
    const octEnd = Date.parse('2026-10-31T23:00:00Z') / 1000;
    expect(times.length).toBeGreaterThan(60);
    expect(times.every((t) => t > septStart && t <= octEnd)).toBe(true);
  });
});
