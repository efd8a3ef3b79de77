import { defaultSettings } from '../../settings';
import { computeFacts } from '../facts';
import { prepareTriage } from '../pipeline';
import { buildPrompt, promptText } from '../prompt';
import type { LogLine } from '../types';
import { SHAPES, PLANTED, journalLines, plantedWords, tokenIds, type Shape } from '../../../tests/fixtures/conversations/shapes';
import { blanked, checkable, leaked, wordsOf } from '../../../tests/fixtures/conversations/words';
import { MARKER_RE, stripConversations, stripLine } from '.';

// Every format of every server, in the exact wording and escaping its source writes (tests/fixtures/
// conversations/shapes.ts cites file and function per shape), with the conversations of the issue.

const T0 = Date.UTC(2026, 10, 23, 12);
const strippedText = (shape: Shape, c = PLANTED[0]) =>
  stripConversations(journalLines(shape, c, T0))
    .lines.map((l) => l.message)
    .join('\n');
// The format's own words (a conversation with no words in the same shape) cannot reveal a leak.
const scaffoldOf = (shape: Shape, c = PLANTED[0]) => wordsOf(strippedText(shape, blanked(c)));

describe.each(SHAPES.map((s) => [s.id, s] as const))('%s', (_id, shape) => {
  it.each(PLANTED.map((c, i) => [i, c] as const))('conversation %i: no word of 4+ letters is left; id and status are', (_i, c) => {
    const before = journalLines(shape, c, T0)
      .map((l) => l.message)
      .join('\n');
    const after = strippedText(shape, c);
    const words = checkable(plantedWords(c), scaffoldOf(shape, c));
    // Positive control: the raw lines do carry the words the check looks for.
    expect(words.length).toBeGreaterThanOrEqual(5);
    expect(leaked(words, before).length).toBeGreaterThan(0);
    expect(leaked(words, after)).toEqual([]);
    for (const kept of shape.keeps(c)) {
      expect(after).toContain(kept);
    }
    expect(after).toMatch(MARKER_RE);
  });

  it('leaves no token ids (they decode back to the text)', () => {
    const ids = tokenIds(PLANTED[0].answer).slice(1, 6).join(', ');
    expect(strippedText(shape)).not.toContain(ids);
    const promptIds = tokenIds(`<|im_start|>system\n${PLANTED[0].turns[0].content}`).slice(1, 6).join(', ');
    expect(strippedText(shape)).not.toContain(promptIds);
  });

  it(`counts the removals under ${shape.server}`, () => {
    const r = stripConversations(journalLines(shape, PLANTED[0], T0));
    expect(r.removed.lines).toBeGreaterThan(0);
    expect(r.removed.byServer[shape.server]).toBeGreaterThan(0);
    expect(r.removed.chars).toBeGreaterThan(50);
    expect(r.removed.byUnit[shape.unit]).toBe(r.removed.lines);
  });
});

describe('exact output for one line per server', () => {
  const c = PLANTED[0];
  it('vLLM RequestLogger.log_inputs keeps the head, the id and the request\'s counts', () => {
    const [line] = SHAPES.find((s) => s.id === 'vllm-0.6-log-inputs')!.render(c);
    expect(stripLine(line).text).toBe(
      'INFO 05-06 12:00:01 [logger.py:39] Received request chatcmpl-4f2a9c0d1e2b3a4c5d6e7f8091a2b3c4: [conversation content removed, 1,038 chars] n=1 max_tokens=512 min_tokens=0'
    );
  });

  it('SGLang Finish keeps rid, finish reason, token counts and latency', () => {
    const [, finish] = SHAPES.find((s) => s.id === 'sglang-receive-finish')!.render(c);
    expect(stripLine(finish).text).toBe(
      '[2025-05-06 12:00:02] Finish: obj= [conversation content removed, 1,013 chars] max_new_tokens=128 rid=4f2a9c0d1e2b3a4c5d6e7f8091a2b3c4 stream=False id=4f2a9c0d1e2b3a4c5d6e7f8091a2b3c4 finish_reason=stop prompt_tokens=57 completion_tokens=31 cached_tokens=0 e2e_latency=0.52'
    );
  });

  it('Ollama keeps its slog fields before the payload and a length that is only a number', () => {
    const lines = SHAPES.find((s) => s.id === 'ollama-trace-completion')!.render(c);
    expect(stripLine(lines[0]).removed).toBe(0);
    expect(stripLine(lines[1]).text).toMatch(/^time=\S+ level=TRACE source=server.go:717 msg="completion request" \[conversation content removed, [\d,]+ chars\]$/);
  });
});

describe('streams', () => {
  it('follows a split line per host and unit even when other streams interleave', () => {
    const shape = SHAPES.find((s) => s.id === 'vllm-journald-split')!;
    const split = journalLines(shape, PLANTED[0], T0);
    const other = journalLines(shape, PLANTED[1], T0, 'other-host');
    const interleaved = split.flatMap((l, i) => (other[i] ? [l, other[i]] : [l]));
    const out = stripConversations(interleaved).lines.map((l) => l.message).join('\n');
    expect(leaked(checkable(plantedWords(PLANTED[0]), scaffoldOf(shape)), out)).toEqual([]);
    expect(leaked(checkable(plantedWords(PLANTED[1]), scaffoldOf(shape, PLANTED[1])), out)).toEqual([]);
  });

  it('reads Loki\'s newest-first answers in write order', () => {
    const shape = SHAPES.find((s) => s.id === 'litellm-request-received')!;
    const lines = journalLines(shape, PLANTED[0], T0).map((l, i) => ({ ...l, time: T0 + i }));
    const out = stripConversations([...lines].reverse());
    expect(leaked(checkable(plantedWords(PLANTED[0]), scaffoldOf(shape)), out.lines.map((l) => l.message).join('\n'))).toEqual([]);
    // Lines come back in input order: the head, written first, is last.
    expect(out.lines[out.lines.length - 1].message).toContain('Request received by LiteLLM:');
    expect(out.removed.lines).toBe(lines.length - 1);
  });

  it('a payload left open ends with the gap: lines of the same unit seconds later are read afresh', () => {
    const open = { time: T0, host: 'h', unit: 'u', priority: 6, message: `DEBUG 05-06 12:00:01 [logger.py:33] Request x1 JSON body: {"messages": [{"content": "unterminated` };
    const later: LogLine = { time: T0 + 3_000, host: 'h', unit: 'u', priority: 3, message: 'ERROR 05-06 12:00:04 CUDA error: an illegal memory access' };
    const sameTime: LogLine = { ...later, time: T0 + 10, message: 'more of the body' };
    expect(stripConversations([open, later]).lines[1].message).toBe(later.message);
    expect(stripConversations([open, sameTime]).lines[1].message).toMatch(MARKER_RE);
  });
});

describe('the prompt', () => {
  const big = defaultSettings();
  big.vllm.maxPromptTokens = 1_000_000;
  const all = (c: (typeof PLANTED)[number]) =>
    SHAPES.flatMap((shape, i) => journalLines(shape, c, T0 + i * 60_000, i % 2 ? 'spark-host' : 'mgmt-host'));

  it.each(PLANTED.map((c, i) => [i, c] as const))('conversation %i in every format: facts and prompt carry no word of it', (_i, c) => {
    const prepared = prepareTriage(all(c), big, { facts: { maxPriority: 7 } });
    const sent = `${promptText(prepared.prompt)}\n${JSON.stringify(prepared.facts)}`;
    const scaffold = wordsOf(`${promptText(prepareTriage(all(blanked(c)), big, { facts: { maxPriority: 7 } }).prompt)}`);
    const words = checkable(plantedWords(c), scaffold);
    expect(words.length).toBeGreaterThanOrEqual(5);
    expect(leaked(words, sent)).toEqual([]);
    expect(prepared.prompt.included.examples).toBeGreaterThan(0);
    // What triage needs stays: request ids and statuses in the examples, the marker in the templates.
    expect(JSON.stringify(prepared.facts)).toContain(`chatcmpl-${c.id}`);
    expect(JSON.stringify(prepared.facts)).toContain('finish_reason=stop');
    expect(prepared.facts.templates.some((t) => t.template.includes('[conversation content removed'))).toBe(true);
    // Positive control: the same lines mined without the recogniser put the conversation into the prompt.
    const raw = computeFacts(all(c), { similarity: big.triage.similarity, maxClusters: big.triage.maxClusters, maxPriority: 7 });
    const rawPrompt = promptText(buildPrompt(raw.facts, prepared.promptOptions));
    expect(leaked(words, rawPrompt).length).toBeGreaterThan(words.length / 3);
  });

  it('says request logging is on, per unit, with how to turn it off, and counts the removals', () => {
    const lines = all(PLANTED[0]);
    const prepared = prepareTriage(lines, big, { facts: { maxPriority: 7 } });
    const notes = prepared.facts.notes.join('\n');
    expect(notes).toMatch(/\d+ request log lines? from vllm\.service \(\d+% of its lines\): request logging is on \(vLLM --enable-log-requests \/ --enable-log-outputs\)/);
    expect(notes).toContain('from sglang.service');
    expect(notes).toContain('(LiteLLM --detailed_debug or LITELLM_LOG=DEBUG)');
    expect(notes).toContain('(Ollama OLLAMA_DEBUG)');
    expect(promptText(prepared.prompt)).toContain('request logging is on');
    expect(prepared.conversations.lines).toBeGreaterThan(20);
    expect(Object.keys(prepared.conversations.byServer).sort()).toEqual(['generic', 'litellm', 'ollama', 'sglang', 'vllm']);
  });

  it('ordinary error lines are not touched and raise no finding', () => {
    const lines: LogLine[] = [
      { time: T0, host: 'h', unit: 'vllm.service', priority: 3, message: 'ERROR 05-06 12:00:01 [async_llm.py:420] AsyncLLM output_handler failed.' },
      { time: T0 + 1, host: 'h', unit: 'vllm.service', priority: 4, message: 'WARNING 05-06 12:00:01 [serving_chat.py:200] prompt throughput: 12.3 tokens/s, output: 4 requests' },
    ];
    const prepared = prepareTriage(lines, big, { facts: { maxPriority: 7 } });
    expect(prepared.conversations.lines).toBe(0);
    expect(prepared.facts.notes).toEqual([]);
  });
});
