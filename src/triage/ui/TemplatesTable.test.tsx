import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { testIds } from '../../testIds';
import type { TemplateFact } from '../facts';
import { TemplatesTable } from './TemplatesTable';

// 60 templates, the commonest first, as facts.ts ranks them; each with two redacted example lines and one variable.
const templates: TemplateFact[] = Array.from({ length: 60 }, (_, i) => ({
  template: `template ${i} <NUM>`,
  count: 600 - i,
  firstSeen: '2026-11-20T08:00:00Z',
  lastSeen: '2026-11-21T09:30:05Z',
  units: ['sshd.service'],
  hosts: ['spark-host'],
  callers: [],
  examples: [`line ${i} a`, `line ${i} b`],
  values: [{ position: 2, values: [[`api-${i}`, 3], ['worker-1', 1]], others: 2 }],
}));

const bodyRows = () => within(screen.getByTestId(testIds.triage.templates)).getAllByRole('row').slice(1);

describe('TemplatesTable', () => {
  it('shows the 50 commonest, and every template on request', async () => {
    render(<TemplatesTable templates={templates} />);
    expect(bodyRows()).toHaveLength(50);
    expect(screen.queryByText('template 55 <NUM>')).toBeNull();
    const all = screen.getByTestId(testIds.triage.showAll);
    expect(all).toHaveTextContent('Show all 60 templates (10 rarer ones)');
    await act(async () => fireEvent.click(all));
    expect(bodyRows()).toHaveLength(60);
    expect(screen.getByText('template 55 <NUM>')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.triage.showAll)).toBeNull();
  });

  it('opens a template to its example lines', async () => {
    render(<TemplatesTable templates={templates.slice(0, 3)} />);
    expect(screen.queryByText('line 1 a')).toBeNull();
    const row = bodyRows()[1];
    await act(async () => fireEvent.click(within(row).getByRole('button')));
    expect(screen.getByText('Example lines (redacted)')).toBeInTheDocument();
    expect(screen.getByText('line 1 a')).toBeInTheDocument();
    expect(screen.getByText('line 1 b')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.triage.showAll)).toBeNull();
  });

  it('shows times in the viewer’s zone with UTC on hover, counts in their own cell, the values variables took', () => {
    render(<TemplatesTable templates={templates.slice(0, 1)} />);
    const cells = within(bodyRows()[0]).getAllByRole('cell');
    const first = cells.find((c) => c.querySelector('[title$="(UTC)"]'))!;
    expect(first.querySelector('[title]')).toHaveAttribute('title', '2026-11-20T08:00:00Z (UTC)');
    expect(first.textContent).toMatch(/^Nov 20 \d\d:00:00$/);
    expect(cells.some((c) => c.textContent === '600')).toBe(true);
    expect(cells.some((c) => c.textContent === 'api-0 ×3, worker-1 ×1, …')).toBe(true);
  });
});
