import { reviewRules } from './engine';
import { TEST_NOW, testReview, testRule } from './testRules';

const review = (rules: Parameters<typeof reviewRules>[0]) =>
  reviewRules(rules, { review: testReview, now: TEST_NOW }).map((r) => r.findings.map((f) => f.check));

// Analyses, action judgements and review dates are cached across rules; the findings must stay per rule.
describe('caches shared between rules', () => {
  it('gives each rule its own findings when two rules share one expression text', () => {
    const expr = 'absent(up{job="mcp_server"})';
    const paging = testRule({ key: 'a', name: 'McpGone', expr, forSeconds: undefined });
    const email = testRule({ key: 'b', name: 'McpGone', expr, forSeconds: 300, labels: { severity: 'warning' } });
    const [a, b] = reviewRules([paging, email], { review: testReview, now: TEST_NOW });
    expect(a.findings.find((f) => f.check === 'for/missing')?.severity).toBe('bug');
    expect(b.findings).toEqual([]);
    // Reviewing again (everything cached now) gives the same answer, in either order.
    expect(review([email, paging])).toEqual([[], a.findings.map((f) => f.check)]);
  });

  it('judges expressions of one shape by their own label values', () => {
    // The CPU mode is a label value: one shape, three verdicts.
    const shape = (mode: string) => `1 - avg(rate(node_cpu_seconds_total{mode="${mode}"}[5m])) > 0.5`;
    const [idle, busy, iowait] = reviewRules(
      [
        testRule({ key: 'm', name: 'A', expr: shape('idle') }),
        testRule({ key: 'c', name: 'B', expr: shape('user') }),
        testRule({ key: 'n', name: 'C', expr: shape('iowait') }),
      ],
      { review: testReview, now: TEST_NOW }
    );
    expect(idle.findings.find((f) => f.check === 'shape/not-actionable')?.summary).toMatch(/CPU at 50 %/);
    expect(busy.findings).toEqual([]);
    expect(iowait.findings).toEqual([]);
  });

  it('reports a syntax error in a file rule even when a valid rule of the same shape came first', () => {
    const ok = testRule({ key: 'ok', name: 'Ok', expr: 'up{job="a"} == 0' });
    const bad = testRule({ key: 'bad', name: 'Bad', expr: 'up{job="a} == 0', location: { file: 'r.yml', line: 3 } });
    expect(review([ok, bad])).toEqual([[], ['promql/syntax']]);
  });

  it('keeps the action and review-date verdicts per text', () => {
    const vague = testRule({ key: 'v', name: 'V', annotations: { action: 'investigate', reviewed: '2026-11-01' } });
    const stale = testRule({
      key: 's',
      name: 'S',
      expr: 'up{job="s"} == 0',
      annotations: { ...testRule().annotations, reviewed: '2026-01-01' },
    });
    const good = testRule({ key: 'g', name: 'G', expr: 'up{job="g"} == 0' });
    expect(review([vague, stale, good, vague])).toEqual([['action/vague'], ['review/stale'], [], ['action/vague']]);
  });
});
