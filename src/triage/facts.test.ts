/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeFacts } from './facts';
import { parseJournalExport } from './journal';

describe('computeFacts on the journal fixture', () => {
  const { lines } = parseJournalExport(
    readFileSync(join(__dirname, '../../tests/fixtures/triage/journal-export.ndjson'), 'utf8')
  );

  it('counts by priority, unit and host, skipping lines below the priority cap with a note', () => {
    const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters: 50, maxPriority: 3 });
    expect(facts.lines).toBe(8);
    expect(facts.byPriority).toEqual({ emerg: 1, crit: 1, err: 6 });
    expect(facts.byHost).toEqual({ 'spark-host': 7, floki: 1 });
    expect(facts.byUnit).toMatchObject({ 'vllm.service': 6, kernel: 1, 'mcp-server.service': 1 });
    expect(facts.notes).toContain('1 line(s) below err priority skipped');
  });

  it('reports the first error of the window with its sanitised message', () => {
    const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters: 50 });
    expect(facts.firstError).toEqual({
      time: '2026-11-23T08:00:00Z',
      host: 'spark-host',
      unit: 'vllm.service',
      priority: 'err',
      message: 'ERROR 11-23 08:00:00 [engine.py:112] EngineCore failed to start.',
    });
    // The binary line's ANSI colours are gone.
    expect(
      facts.templates.some((t) => t.examples.includes('ERROR CUDA error: an illegal memory access was encountered'))
    ).toBe(true);
  });

  it('redacts before mining: the bearer token of the fixture is nowhere in the facts', () => {
    const { facts, redactions } = computeFacts(lines, { similarity: 0.4, maxClusters: 50 });
    expect(JSON.stringify(facts)).not.toContain('sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0');
    expect(redactions['openai-style-key']).toBe(1);
  });

  it('shows truncation and templates with first/last seen', () => {
    const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters: 50, truncatedAt: 9 });
    expect(facts.notes.join(' ')).toMatch(/truncated at 9 lines/);
    const t = facts.templates.find((x) => x.template.startsWith('vllm.service: '));
    expect(t).toBeDefined();
    expect(t!.firstSeen <= t!.lastSeen).toBe(true);
  });

  it('is honest about an empty input', () => {
    const { facts } = computeFacts([], { similarity: 0.4, maxClusters: 50 });
    expect(facts).toMatchObject({ lines: 0, templates: [], firstError: null, window: null });
  });
});
