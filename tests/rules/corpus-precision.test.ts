/**
 * @jest-environment node
 */
import { requireCorpus } from '../helpers/corpora';
import { corpusPrecision, loadLabels } from './corpusPrecision';

// Hand-labelled judging findings on a real rule set nobody here wrote: every judging check must be right at
// least 95 % of the time, and the checks that only count (action/missing) must still see every alerting rule.
jest.setTimeout(60_000);

const root = requireCorpus('rules/awesome-prometheus-alerts');
const maybe = root ? describe : describe.skip;

maybe('precision on rules/awesome-prometheus-alerts', () => {
  const labels = loadLabels('awesome-prometheus-alerts.labels.json');
  const result = corpusPrecision(root!, labels);

  it('has at least 80 labelled judging findings, each with a reason', () => {
    expect(labels.length).toBeGreaterThanOrEqual(80);
    expect(labels.every((l) => l.reason.trim().length > 10)).toBe(true);
  });

  it('labels every judging finding the review gives (a new finding needs a label)', () => {
    expect(result.unlabelled).toEqual([]);
  });

  it('is right at least 95 % of the time for every judging check', () => {
    const low = result.rows.filter((r) => r.precision < 0.95).map((r) => `${r.check}: ${r.right}/${r.findings}`);
    expect(low).toEqual([]);
    expect(result.rows.map((r) => r.check)).toEqual(
      expect.arrayContaining(['for/missing', 'routing/severity', 'rule/duplicate', 'shape/not-actionable'])
    );
  });

  it('still finds every alerting rule without an action', () => {
    const alerting = result.outcome.reviews.filter((r) => r.rule.kind === 'alerting');
    expect(alerting.length).toBeGreaterThan(900);
    expect(
      alerting.filter((r) => !r.findings.some((f) => f.check === 'action/missing')).map((r) => r.rule.name)
    ).toEqual([]);
  });

  it('reads every file of the corpus without a problem and reports staleness once', () => {
    expect(result.outcome.general.map((f) => f.check)).toEqual(['review/stale']);
    expect(result.outcome.reviews.flatMap((r) => r.findings).filter((f) => f.check === 'review/stale')).toEqual([]);
  });
});
