import { reviewAll, type ReviewOutcome } from './engine';
import { byWorst, toCsv, toGithub, toJsonReport, toMarkdown, toText } from './report';
import { summarize, summarySentence } from './summary';
import { TEST_NOW, testReview, testRule } from './testRules';

const outcome: ReviewOutcome = reviewAll(
  [
    testRule({ key: 'ok', location: { file: 'a.yml', line: 4 } }),
    testRule({
      key: 'bad',
      name: 'Mem | high',
      expr: 'x > 1',
      annotations: { action: '=cmd|investigate' },
      labels: {},
      location: { file: 'b.yml', line: 9 },
    }),
    testRule({ key: 'rec', name: 'job:x:sum', kind: 'recording', expr: 'sum(x)', annotations: {} }),
  ],
  { review: testReview, now: TEST_NOW }
);
const reviews = outcome.reviews;

describe('toJsonReport', () => {
  it('has the documented shape: rules with findings, whole-set findings, silenced, problems, summary', () => {
    const json = toJsonReport(outcome);
    expect(Object.keys(json)).toEqual(['rules', 'general', 'silenced', 'problems', 'summary']);
    expect(Object.keys(json.rules[0])).toEqual(['name', 'kind', 'group', 'source', 'line', 'findings']);
    expect(json.rules[1].findings.map((f) => Object.keys(f))).toEqual([
      ['check', 'severity', 'summary', 'evidence', 'fix'],
      ['check', 'severity', 'summary', 'evidence', 'fix'],
    ]);
    expect(json.general.map((f) => f.check)).toEqual(['review/stale']);
    expect(json.summary).toEqual({
      rules: 3,
      alerting: 2,
      withFindings: 1,
      bySeverity: { info: 1, bug: 2 },
      byCheck: { 'action/vague': 1, 'routing/severity': 1, 'review/stale': 1 },
      silenced: { disabled: 0, snoozed: 0 },
    });
  });
});

describe('summarySentence', () => {
  it('leads with rules lacking an action, then the SMS budget when known', () => {
    const s = { ...summarize(reviews), lackAction: 14, alerting: 52, vagueAction: 0, overSmsBudget: 3 };
    expect(summarySentence(s, 4, true)).toBe(
      '14 of 52 alert rules lack an action; 3 would have exceeded the 4-per-hour SMS budget last week.'
    );
    expect(summarySentence(summarize(reviews), 4, false)).toBe(
      'All 2 alert rules have an action (1 more has a vague one).'
    );
    expect(summarySentence(summarize([]), 4, true)).toBe('No alert rules found.');
  });
});

describe('byWorst', () => {
  it('puts rules lacking an action before other rules of the same severity', () => {
    const r = reviewAll(
      [
        testRule({ key: 'x', name: 'A-unrouted', expr: 'a == 1', labels: {} }),
        testRule({ key: 'y', name: 'B-no-action', expr: 'b == 1', annotations: { reviewed: '2026-11-01' } }),
      ],
      { review: testReview, now: TEST_NOW }
    ).reviews;
    expect(byWorst(r).map((x) => x.rule.name)).toEqual(['B-no-action', 'A-unrouted']);
  });
});

describe('toMarkdown', () => {
  it('lists every finding worst first, escaping pipes and HTML from rule text, whole-set findings first', () => {
    const md = toMarkdown(reviews, 'Review', 'summary line', outcome.general);
    const rows = md.split('\n').filter((l) => l.startsWith('| Mem'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Mem \\| high');
    expect(rows[0]).toContain('| bug | action/vague |');
    expect(md.split('\n').slice(0, 3)).toEqual(['# Review', '', 'summary line']);
    expect(md).toMatch(/^- \*\*info\*\* review\/stale: /m);
    const clean = reviewAll([testRule()], { review: testReview, now: TEST_NOW });
    expect(toMarkdown(clean.reviews, 'R', 's')).toContain('No findings.');
  });
});

describe('toCsv', () => {
  it('quotes per RFC 4180, defuses formulas, one row per finding plus clean rules', () => {
    const csv = toCsv(reviews);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('rule,group,folder,source,location,severity,check,summary,evidence,fix');
    expect(lines.filter((l) => l.startsWith('Mem | high'))).toHaveLength(2);
    expect(csv).toContain('"action: ""=cmd|investigate"""');
    expect(lines.some((l) => l.startsWith('InferenceEngineDown,inference,rules.yml,rules.yml,a.yml:4,,,,,'))).toBe(
      true
    );
  });
  it('prefixes cells that a spreadsheet would run as a formula', () => {
    const r = reviewAll([testRule({ name: '=HYPERLINK("x")', annotations: {} })], {
      review: testReview,
      now: TEST_NOW,
    });
    expect(toCsv(r.reviews)).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('toText', () => {
  const t = toText(outcome, 'the summary');
  it('opens with a summary: counts per severity and check, worst files, whole-set findings', () => {
    const lines = t.split('\n');
    expect(lines[0]).toBe('Alert rule review: 3 rules (2 alerting) in 3 files. the summary');
    expect(lines[1]).toBe('Findings: 2 bug, 1 info');
    expect(lines).toContain('  action/vague           1 bug');
    expect(lines).toContain('Worst files:');
    expect(lines).toContain('  b.yml: 2 findings, worst bug');
    expect(t).toContain('INFO    review/stale: 1 of 2 alert rules carry no review date.');
  });
  it('keeps the counts in one column when a check id is longer than the usual width', () => {
    const long = reviewAll(
      [
        testRule({
          key: 'p',
          expr: 'histogram_quantile(0.95, sum by (le) (rate(vllm:e2e_request_latency_seconds_bucket[5m]))) > 9000',
        }),
      ],
      { review: testReview, now: TEST_NOW }
    );
    const rows = toText(long, 's')
      .split('\n')
      .filter((l) => /^ {2}[a-z]+\/[a-z-]+ +\d/.test(l));
    expect(rows.map((r) => r.trim().split(/ +/)[0])).toContain('histogram/threshold-unreachable');
    expect(new Set(rows.map((r) => r.search(/\d/))).size).toBe(1);
  });
  it("groups findings by file, with each rule's line, evidence and fix", () => {
    expect(t).toContain(
      '== b.yml (1 rules, 2 findings)\nMem | high  (line 9, group inference)\n  BUG     action/vague'
    );
    expect(t).toContain('fix: ');
    expect(t).not.toContain('== a.yml');
  });
});

describe('toGithub', () => {
  it('prints one workflow command per finding with file, line and escaped text', () => {
    const lines = toGithub(outcome, 'the summary').trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^::error file=b\.yml,line=9,title=action\/vague Mem \| high::The "action" annotation is not a step/
    );
    expect(lines[0]).toContain('%0A');
    expect(lines).toContainEqual(expect.stringMatching(/^::notice title=review\/stale::1 of 2 alert rules/));
    expect(lines[lines.length - 1]).toBe('the summary');
  });
  it('escapes commas and colons in properties so GitHub reads the right file', () => {
    const r = reviewAll([testRule({ annotations: {}, location: { file: 'a,b:c.yml', line: 2 } })], {
      review: testReview,
      now: TEST_NOW,
    });
    expect(toGithub(r, '')).toContain('::error file=a%2Cb%3Ac.yml,line=2,');
  });
});
