/**
 * @jest-environment node
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PLANTED, SHAPES, plantedWords, type Conversation, type Shape } from '../fixtures/conversations/shapes';
import { blanked, checkable, leaked, wordsOf } from '../fixtures/conversations/words';
import { corpus } from '../helpers/corpora';
import { executeGoTemplate } from './goTemplate';
import { re2, runProcess, selector } from './alloyPipeline';
import { parseAlloy, type AlloyBlock } from './alloySyntax';
import { ROOT } from './files';

// The dev stack's Alloy pipelines run stage by stage on sample lines (tests/provisioning/alloyPipeline.ts follows
// Alloy's stage sources; goTemplate.ts Go's text/template): conversation content is cut before Loki, and the
// container level filter keeps what it should, including lines whose only sign of an error is a keyword.
const blocks = parseAlloy(readFileSync(join(ROOT, 'provisioning/alloy/config.alloy'), 'utf8'));
const block = (id: string) => blocks.find((b) => `${b.name}.${b.label}` === id)!;
const journal = block('loki.process.journal');
const containers = block('loki.process.containers');
const stages = (b: AlloyBlock) => b.blocks.filter((s) => s.name.startsWith('stage.'));
const conversationStages = stages(journal);

// Shapes whose content is only visible across lines (a line journald split at LineMax; SGLang's unescaped
// multi-line strings) or in a generic field Alloy does not guess at (a logfmt prompt=): the app strips those
// before triage (src/triage/conversation), the source rules do not claim to.
const APP_ONLY = new Set(['vllm-journald-split', 'sglang-unescaped', 'generic-completion-prompt']);

function throughJournal(lines: string[]): string[] {
  return lines.flatMap((l) => {
    const out = runProcess(journal, l, { unit: 'vllm.service', level: 'err' });
    return out.entry ? [out.entry.line] : [];
  });
}

const shipped = (shape: Shape, c: Conversation) => throughJournal(shape.render(c)).join('\n');

describe('conversation content at the source', () => {
  it('journal entries go through the conversation stages before Loki', () => {
    const source = block('loki.source.journal.host');
    const forward = (b: AlloyBlock) => b.attributes.find((a) => a.name === 'forward_to')?.raw.replace(/\s/g, '');
    expect(forward(source)).toBe('[loki.process.journal.receiver]');
    expect(forward(journal)).toBe('[loki.write.local.receiver]');
    expect(conversationStages.map((s) => s.name)).toEqual(['stage.drop', ...Array(5).fill('stage.replace')]);
  });

  it('container lines go through the very same stages, first', () => {
    const first = stages(containers).slice(0, conversationStages.length);
    const shape = (s: AlloyBlock) => [s.name, s.attributes.map((a) => [a.name, a.raw])];
    expect(first.map(shape)).toEqual(conversationStages.map(shape));
  });

  it('every expression is RE2 (no lookaround, no backreference) and compiles', () => {
    const exprs = [...stages(journal), ...stages(containers)].flatMap((s) => s.attributes.filter((a) => a.name === 'expression').map((a) => a.string!));
    expect(exprs.length).toBeGreaterThanOrEqual(14);
    for (const e of exprs) {
      expect(() => re2(e)).not.toThrow();
    }
    expect(() => re2('(?=x)a')).toThrow(/not RE2/);
  });

  describe.each(SHAPES.filter((s) => !APP_ONLY.has(s.id)).map((s) => [s.id, s] as const))('%s', (_id, shape) => {
    it.each(PLANTED.map((c, i) => [i, c] as const))('conversation %i: no word of it reaches Loki', (_i, c) => {
      const words = checkable(plantedWords(c), wordsOf(shipped(shape, blanked(c))));
      expect(words.length).toBeGreaterThanOrEqual(5);
      expect(leaked(words, shape.render(c).join('\n')).length).toBeGreaterThan(0);
      expect(leaked(words, shipped(shape, c))).toEqual([]);
    });
  });

  it.each([...APP_ONLY].filter((id) => id !== 'generic-completion-prompt'))('%s: the head line at least is cut', (id) => {
    const shape = SHAPES.find((s) => s.id === id)!;
    const [head] = throughJournal(shape.render(PLANTED[0]).slice(0, 1));
    expect(head).toContain('[conversation content removed]');
  });

  it('keeps the request id and the fact that the request was logged', () => {
    const c = PLANTED[0];
    expect(shipped(SHAPES.find((s) => s.id === 'vllm-0.6-log-inputs')!, c)).toBe(
      `INFO 05-06 12:00:01 [logger.py:39] Received request chatcmpl-${c.id}: [conversation content removed]`
    );
    expect(shipped(SHAPES.find((s) => s.id === 'vllm-log-outputs')!, c).split('\n')[0]).toBe(
      `(APIServer pid=2211) INFO 05-06 12:00:02 [logger.py:71] Generated response chatcmpl-${c.id}: [conversation content removed]`
    );
    const ollama = SHAPES.find((s) => s.id === 'ollama-trace-completion')!.render(c);
    expect(throughJournal([ollama[0]])).toEqual([ollama[0]]);
  });

  const loghub = corpus('loghub-2k');
  (loghub ? it : it.skip)('passes every loghub-2k line unchanged (no false drop or cut)', () => {
    const files = readdirSync(loghub!).filter((f) => f.endsWith('.log'));
    expect(files.length).toBe(8);
    for (const f of files) {
      const lines = readFileSync(join(loghub!, f), 'utf8').split('\n').filter(Boolean);
      const changed = lines.filter((l) => throughJournal([l])[0] !== l);
      expect([f, changed]).toEqual([f, []]);
    }
  });
});

describe('container level filter', () => {
  const level = (line: string) => {
    const out = runProcess(containers, line, { unit: 'vllm-sim' });
    return out.entry ? out.entry.labels.level : `dropped by ${out.droppedBy}`;
  };

  it.each([
    ['ts=1 level=error msg="boom"', 'error'],
    ['logger=x lvl=eror msg=y', 'error'],
    ['level=FATAL msg="engine died"', 'crit'],
    ['{"level":"critical","msg":"x"}', 'crit'],
    ['Traceback (most recent call last):', 'error'],
    ['torch.OutOfMemoryError: CUDA out of memory.', 'error'],
    ['RuntimeError: Engine loop has died', 'error'],
    ['java.lang.IllegalStateException: closed', 'error'],
  ])('%s → %s', (line, want) => {
    expect(level(line)).toBe(want);
  });

  it.each([
    ['{"level":"warn","msg":"x"}'],
    ['GET /v1/models 200'],
    ['level=info msg="retrying after error"'],
    ['the mirror and the terror of Errors'],
    ["INFO 05-06 12:00:01 [logger.py:39] Received request chatcmpl-1: prompt: 'fix the error in our contract', params: SamplingParams(n=1), lora_request: None."],
  ])('%s is dropped', (line) => {
    expect(level(line)).toBe('dropped by stage.match');
  });

  it('the level template: a line without a level reaches the keyword fallback (it used to fail on ToLower)', () => {
    const t = stages(containers).find((s) => s.name === 'stage.template')!.attributes.find((a) => a.name === 'template')!.string!;
    expect(executeGoTemplate(t, { keyword: 'Traceback' })).toBe('error');
    expect(executeGoTemplate(t, {})).toBe('');
    expect(executeGoTemplate(t, { Value: 'Warn', level: 'Warn' })).toBe('warn');
    // Positive control: the template as it was fails exactly there, as Go's text/template does.
    const before = t.replace('{{ $l := "" }}{{ with .Value }}{{ $l = ToLower . }}{{ end }}', '{{ $l := ToLower .Value }}');
    expect(before).not.toBe(t);
    expect(() => executeGoTemplate(before, { keyword: 'Traceback' })).toThrow(/invalid value; expected string/);
    expect(executeGoTemplate(before, { Value: 'ERROR' })).toBe('error');
  });

  it('the drop selector follows LogQL: a missing label is "" and regex matchers are anchored', () => {
    const drop = selector('{level!~"emerg|alert|crit|error"}');
    expect(drop({ line: '', labels: {}, extracted: {} })).toBe(true);
    expect(drop({ line: '', labels: { level: 'error' }, extracted: {} })).toBe(false);
    expect(drop({ line: '', labels: { level: 'errors' }, extracted: {} })).toBe(true);
  });
});
