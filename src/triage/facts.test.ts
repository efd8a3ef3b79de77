/** @jest-environment node */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOGHUB_2K, corpusAvailable } from '../../tests/triage/corpus';
import { computeFacts, keepEnds } from './facts';
import { parseJournalExport } from './journal';
import type { LogLine } from './types';

describe('computeFacts on the journal fixture', () => {
  const { lines } = parseJournalExport(
    readFileSync(join(__dirname, '../../tests/fixtures/triage/journal-export.ndjson'), 'utf8')
  );

  it('counts by priority, unit and host, skipping lines below the priority cap with a note', () => {
    const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters: 50, maxPriority: 3 });
    expect(facts.lines).toBe(8);
    expect(facts.read).toEqual({ lines: 9, byPriority: { emerg: 1, crit: 1, err: 6, notice: 1 } });
    expect(facts.byPriority).toEqual({ emerg: 1, crit: 1, err: 6 });
    expect(facts.byHost).toEqual({ 'spark-host': 7, floki: 1 });
    expect(facts.byUnit).toMatchObject({ 'vllm.service': 6, kernel: 1, 'mcp-server.service': 1 });
    expect(facts.notes).toContain('1 line(s) below err priority skipped');
  });

  it('reports the first error with its caller taken out of the Python logging header', () => {
    const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters: 50 });
    expect(facts.firstError).toEqual({
      time: '2026-11-23T08:00:00Z',
      host: 'spark-host',
      unit: 'vllm.service',
      priority: 'err',
      caller: 'engine.py:112',
      message: 'EngineCore failed to start.',
    });
    // The binary line's ANSI colours are gone.
    expect(
      facts.templates.some((t) => t.examples.includes('ERROR CUDA error: an illegal memory access was encountered'))
    ).toBe(true);
  });

  it('redacts before mining: the bearer token of the fixture is nowhere in the facts', () => {
    const { facts, redactions } = computeFacts(lines, { similarity: 0.4, maxClusters: 50 });
    expect(JSON.stringify(facts)).not.toContain('sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0');
    expect(redactions['bearer-token']).toBe(1);
  });

  it('redacts an exact configured secret (the CLI passes VLLM_API_KEY) in messages and labels', () => {
    const line: LogLine = {
      time: 0,
      host: 'h-plainkey1',
      unit: 'u',
      priority: 3,
      message: 'upstream said 401 for plainkey1',
    };
    const { facts, redactions } = computeFacts([line], { similarity: 0.4, maxClusters: 50, secrets: ['plainkey1'] });
    expect(JSON.stringify(facts)).not.toContain('plainkey1');
    expect(redactions['configured-secret']).toBe(2);
  });

  it('shows truncation and templates with first/last seen', () => {
    const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters: 50, truncatedAt: 9 });
    expect(facts.notes.join(' ')).toMatch(/truncated at 9 lines/);
    const t = facts.templates.find((x) => x.template.includes('Main process exited'));
    expect(t).toBeDefined();
    expect(t!.firstSeen <= t!.lastSeen).toBe(true);
  });

  it('is honest about an empty input', () => {
    const { facts } = computeFacts([], { similarity: 0.4, maxClusters: 50 });
    expect(facts).toMatchObject({
      lines: 0,
      templates: [],
      firstError: null,
      window: null,
      other: { templates: 0, lines: 0 },
      read: { lines: 0 },
    });
  });
});

describe('facts say which values the variables took', () => {
  it('names the crash-looping container and the exit status', () => {
    const lines: LogLine[] = [];
    const pods = ['api-0', 'api-0', 'api-0', 'worker-1'];
    pods.forEach((pod, i) =>
      lines.push({
        time: i,
        host: 'k8s',
        unit: 'kubelet.service',
        priority: 3,
        message: `Back-off restarting failed container app in pod ${pod}`,
      })
    );
    [137, 137, 1].forEach((s, i) =>
      lines.push({
        time: 10 + i,
        host: 'spark-host',
        unit: 'init.scope',
        priority: 3,
        message: `vllm.service: Main process exited, code=exited, status=${s}/FAILURE`,
      })
    );
    const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters: 50 });
    const backoff = facts.templates.find((t) => t.template.startsWith('Back-off'))!;
    expect(backoff.values).toContainEqual({
      position: 7,
      values: [
        ['api-0', 3],
        ['worker-1', 1],
      ],
      others: 0,
    });
    const exited = facts.templates.find((t) => t.template.includes('exited'))!;
    expect(exited.values.find((v) => v.values[0][0] === 'status=137/FAILURE')).toEqual({
      position: 5,
      values: [
        ['status=137/FAILURE', 2],
        ['status=1/FAILURE', 1],
      ],
      others: 0,
    });
  });

  it('keeps the head and the tail of a huge message, with the cut shown', () => {
    const s = `${'a '.repeat(5000)}cause: connection refused`;
    const kept = keepEnds(s, 200);
    expect(kept.length).toBeLessThan(260);
    expect(kept).toMatch(/chars cut/);
    expect(kept.endsWith('cause: connection refused')).toBe(true);
  });
});

(corpusAvailable(LOGHUB_2K) ? describe : describe.skip)('facts on real mixed text never drop lines silently', () => {
  it('accounts for every line of the eight loghub sets, with the template memory far too small', () => {
    const lines: LogLine[] = readdirSync(LOGHUB_2K)
      .filter((f) => f.endsWith('.log'))
      .flatMap((f) => readFileSync(join(LOGHUB_2K, f), 'utf8').split('\n').filter(Boolean))
      .map((message, i) => ({ time: i * 1000, host: 'h', unit: 'u', priority: 3, message }));
    for (const maxClusters of [50, 300, 10_000]) {
      const { facts } = computeFacts(lines, { similarity: 0.4, maxClusters });
      const listed = facts.templates.reduce((s, t) => s + t.count, 0);
      expect(listed + facts.other.lines).toBe(lines.length);
      expect(facts.templates.length).toBeLessThanOrEqual(200);
      if (maxClusters === 50) {
        expect(facts.other.lines).toBeGreaterThan(0);
        expect(facts.notes.join(' ')).toMatch(/counted under other/);
      }
    }
  });
});
