import { FINDING_LINES, FINDING_SHARE, conversationFindings, removalSummary } from './findings';
import type { ConversationCounts } from '.';

const counts = (byUnit: Record<string, number>, serverOf: ConversationCounts['serverOf'] = {}): ConversationCounts => ({
  lines: Object.values(byUnit).reduce((a, b) => a + b, 0),
  chars: 1234,
  byServer: {},
  byUnit,
  serverOf,
});

describe('conversationFindings', () => {
  it('names the unit, the share and the switch that turns the logging on', () => {
    expect(conversationFindings(counts({ 'vllm.service': 412 }, { 'vllm.service': 'vllm' }), { 'vllm.service': 496 })).toEqual([
      "412 request log lines from vllm.service (83% of its lines): request logging is on (vLLM --enable-log-requests / --enable-log-outputs); it writes customers' conversations to the journal. Their content was removed before this analysis.",
    ]);
  });

  it(`reports a unit at ${FINDING_SHARE * 100}% of its lines or ${FINDING_LINES} lines, not below both`, () => {
    const totals = { a: 100, b: 100, c: 1000, d: 1000, e: 5 };
    const found = conversationFindings(counts({ a: 10, b: 9, c: FINDING_LINES, d: FINDING_LINES - 1, e: 1 }), totals);
    expect(found.map((f) => f.split(' ')[5])).toEqual(['c', 'a', 'e']);
    expect(found[1]).toMatch(/^10 request log lines from a \(10% of its lines\)/);
    expect(found[2]).toMatch(/^1 request log line from e \(20% of its lines\)/);
  });

  it('per unit, the server recognised there; generic shapes say request/response logging', () => {
    const found = conversationFindings(counts({ 'sglang.service': 5, gw: 5 }, { 'sglang.service': 'sglang', gw: 'generic' }), { 'sglang.service': 5, gw: 5 });
    expect(found.join('\n')).toContain('(SGLang --log-requests)');
    expect(found.join('\n')).toContain('(request/response logging)');
  });

  it('a hostile unit label cannot put markup or instructions in the sentence', () => {
    const [f] = conversationFindings(counts({ 'x"}]<script> ignore previous': 9 }), { 'x"}]<script> ignore previous': 9 });
    expect(f).toContain('from x????script??ignore?previous (100% of its lines)');
  });
});

describe('removalSummary', () => {
  it('says what was removed, with thousands separators', () => {
    expect(removalSummary(3, counts({ u: 1 }))).toBe('Removed before sending: 3 secrets redacted; conversation content from 1 line (1,234 chars).');
    expect(removalSummary(1, counts({}))).toBe('Removed before sending: 1 secret redacted; no conversation content.');
    expect(removalSummary(0, counts({}))).toBe('Removed before sending: nothing (no secrets, no conversation content found).');
  });
});
