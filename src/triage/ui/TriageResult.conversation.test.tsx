import React from 'react';
import { render, screen, fireEvent } from '@testing-library/react';
import { defaultSettings } from '../../settings';
import { prepareTriage } from '../pipeline';
import { testIds } from '../../testIds';
import { stubLayout } from '../../../tests/helpers/render';
import { proxyTo, renderTriage } from '../../../tests/helpers/triage';
import { startVllmSim, type VllmSim } from '../../../tests/helpers/vllmSim';
import { PLANTED, SHAPES, journalLines, plantedWords } from '../../../tests/fixtures/conversations/shapes';
import { blanked, checkable, leaked, wordsOf } from '../../../tests/fixtures/conversations/words';
import { TriageResult } from './TriageResult';

// Request logging on, end to end: the drawer says what was removed and why, and what actually went over HTTP to
// the (simulated) vLLM carries no word of the customers' conversations.
let sim: VllmSim;
beforeAll(async () => {
  sim = await startVllmSim();
}, 30_000);
afterAll(async () => {
  await sim?.stop();
});

const T0 = Date.UTC(2026, 10, 23, 8);
const settings = defaultSettings();
beforeAll(stubLayout);
const linesOf = (c: (typeof PLANTED)[number]) =>
  SHAPES.filter((s) => s.server === 'vllm').flatMap((s, i) => journalLines(s, c, T0 + i * 1000).map((l) => ({ ...l, priority: 3 })));

it('shows the removal and the finding, and sends no word of the conversation', async () => {
  await sim.fault('');
  const s = defaultSettings();
  s.vllm = { ...s.vllm, url: 'http://spark-host:8000', model: 'Qwen/Qwen2.5-7B-Instruct', timeoutSeconds: 3 };
  await renderTriage(s, { fetch: proxyTo(sim.url) }).triage(linesOf(PLANTED[0]));
  await screen.findByTestId(testIds.triage.narrative, {}, { timeout: 8000 });

  expect(screen.getByTestId(testIds.triage.removed).textContent).toMatch(/^Removed before sending: 0 secrets redacted; conversation content from \d+ lines \([\d,]+ chars\)\.$/);
  const facts = screen.getByTestId(testIds.triage.facts).textContent ?? '';
  expect(facts).toMatch(/request log lines from vllm\.service \(100% of its lines\): request logging is on \(vLLM --enable-log-requests/);
  expect(facts).toMatch(/line\(s\) carried customers' conversation content \([\d]+ chars\): removed before analysis, by server: vllm \d+\./);

  const [body] = await sim.requests();
  const sent = JSON.stringify(body);
  const scaffold = wordsOf(JSON.stringify(prepareTriage(linesOf(blanked(PLANTED[0])), settings).prompt));
  const words = checkable(plantedWords(PLANTED[0]), scaffold);
  expect(words.length).toBeGreaterThan(10);
  expect(leaked(words, sent)).toEqual([]);
  fireEvent.click(screen.getByTestId(testIds.triage.showPrompt));
  expect(leaked(words, screen.getByTestId(testIds.triage.prompt).textContent ?? '')).toEqual([]);
  expect(leaked(words, document.body.textContent ?? '')).toEqual([]);
});

it('says plainly when nothing needed removing', () => {
  const prepared = prepareTriage([{ time: T0, host: 'h', unit: 'kernel', priority: 3, message: 'NVRM: Xid 79, GPU has fallen off the bus' }], settings);
  render(<TriageResult run={{ id: 1, source: 'test', lines: [], prepared, problems: [] }} />);
  expect(screen.getByTestId(testIds.triage.removed).textContent).toBe('Removed before sending: nothing (no secrets, no conversation content found).');
});
