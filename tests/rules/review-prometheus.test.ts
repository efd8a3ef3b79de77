/**
 * @jest-environment node
 */
import { defaultSettings } from '../../src/settings/defaults';
import { reviewRules } from '../../src/rules/engine';
import { collectDataFacts, WEEK_SECONDS, type DataFacts } from '../../src/rules/noise/estimate';
import { fetchApiGet } from '../../src/rules/noise/fetchApiGet';
import { prometheusApiQuerier } from '../../src/rules/noise/prometheusApiQuerier';
import { rulesFromPrometheusApi } from '../../src/rules/sources/prometheusApi';
import type { ReviewRule, RuleReview } from '../../src/rules/types';
import { runCliText } from '../helpers/cli';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { flappyTarget, historyFixture, RULES_YAML } from './fixture';

// History is backfilled (promtool), so Prometheus has no ALERTS_FOR_STATE for it and the review must re-evaluate the
// expressions; the live rule is flipped by the test while Prometheus evaluates every second, so its episodes come
// from ALERTS_FOR_STATE written by Prometheus itself. (`promtool tsdb create-blocks-from rules` only backfills
// recording rules, so it cannot produce ALERTS_FOR_STATE.)
describe('rule review against a real Prometheus 2.42', () => {
  const review = defaultSettings().review;
  const fixture = historyFixture();
  let prom: RunningPrometheus;
  let flappy: Awaited<ReturnType<typeof flappyTarget>>;
  let rules: ReviewRule[];
  let facts: DataFacts;
  let reviews: RuleReview[];
  const byName = (name: string) => reviews.find((r) => r.rule.name === name)!;
  const ruleKey = (name: string) => rules.find((r) => r.name === name)!.key;

  async function ruleState(name: string): Promise<string | undefined> {
    const { body } = await prom.get('/api/v1/rules');
    const answer = rulesFromPrometheusApi(body, { id: 'p', label: 'p', kind: 'prometheus' });
    const b = body as { data: { groups: Array<{ rules: Array<{ name: string; state?: string }> }> } };
    expect(answer.ok).toBe(true);
    return b.data.groups.flatMap((g) => g.rules).find((r) => r.name === name)?.state;
  }
  async function waitFor(name: string, state: string) {
    const deadline = Date.now() + 20_000;
    while ((await ruleState(name)) !== state) {
      if (Date.now() > deadline) {
        throw new Error(`${name} never reached ${state}\n${prom.logs()}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    flappy = await flappyTarget();
    prom = await startPrometheus({
      openmetrics: fixture.openmetrics,
      ruleFiles: { 'review.yml': RULES_YAML },
      evaluationInterval: '1s',
      scrapeInterval: '1s',
      scrapeConfigsYaml: `  - job_name: flappy\n    static_configs:\n      - targets: ['${flappy.target}']`,
    });
    for (let i = 0; i < 3; i++) {
      flappy.set(0);
      await waitFor('FlappyDown', 'firing');
      flappy.set(1);
      await waitFor('FlappyDown', 'inactive');
    }
    const { body } = await prom.get('/api/v1/rules');
    const answer = rulesFromPrometheusApi(body, { id: prom.url, label: prom.url, kind: 'prometheus' });
    if (!answer.ok) {
      throw new Error(answer.message);
    }
    rules = answer.rules;
    const querier = prometheusApiQuerier(fetchApiGet(prom.url));
    facts = await collectDataFacts(rules, () => querier, review, {
      end: Math.floor(Date.now() / 1000),
      seconds: WEEK_SECONDS,
    });
    reviews = reviewRules(rules, {
      review,
      now: Date.now(),
      noise: facts.noise,
      sms: facts.sms,
      missingMetrics: facts.missingMetrics,
    });
  }, 180_000);

  afterAll(async () => {
    await prom?.stop();
    await flappy?.stop();
  });

  it('reads every rule through the real /api/v1/rules with for, interval and health', () => {
    expect(rules.map((r) => r.name).sort()).toEqual(
      ['DiskFull', 'DuplicateLabelsets', 'FlappyDown', 'GpuHot', 'NoSuchMetric', 'SparkHot', 'job:flappy_up:sum'].sort()
    );
    const disk = rules.find((r) => r.name === 'DiskFull')!;
    expect(disk).toMatchObject({ forSeconds: 60, intervalSeconds: 1, labels: { severity: 'critical' }, health: 'ok' });
  });

  it('counts the live rule from ALERTS_FOR_STATE written by Prometheus', () => {
    expect(facts.noise.get(ruleKey('FlappyDown'))).toMatchObject({ method: 'alerts-for-state', episodes: 3 });
  });

  it('re-evaluates backfilled history and counts only runs longer than "for"', () => {
    expect(facts.noise.get(ruleKey('GpuHot'))).toMatchObject({ method: 'expression', episodes: 5, step: 15 });
    expect(facts.noise.get(ruleKey('SparkHot'))).toMatchObject({ method: 'expression', episodes: 5 });
    expect(facts.noise.get(ruleKey('DiskFull'))).toMatchObject({ method: 'expression', episodes: 7 });
    expect(facts.noise.get(ruleKey('NoSuchMetric'))).toMatchObject({ episodes: 0 });
    expect(byName('GpuHot').findings.find((f) => f.check === 'noise/episodes')?.summary).toBe(
      'Would have fired 5 times in the last 7 days.'
    );
  });

  it('finds the one hour over the SMS budget and each phone rule share', () => {
    expect(facts.sms.overHours).toEqual([
      { hour: fixture.diskHour, pages: 7, byRule: { [ruleKey('DiskFull')]: 6, [ruleKey('SparkHot')]: 1 } },
    ]);
    expect(byName('DiskFull').findings.find((f) => f.check === 'noise/sms-budget')?.summary).toBe(
      "Would have exceeded the 4-per-hour SMS budget in 1 hour last week; 6 of the 7 pages in those hours were this rule's."
    );
    expect(byName('SparkHot').findings.map((f) => f.check)).toContain('noise/sms-budget');
    expect(byName('GpuHot').findings.map((f) => f.check)).not.toContain('noise/sms-budget');
  });

  it('flags the metric that does not exist, and only that rule', () => {
    expect(byName('NoSuchMetric').findings.find((f) => f.check === 'coverage/never-fires')?.evidence).toEqual([
      'no series named vllm_metric_that_does_not_exist_total in the last 7 days',
    ]);
    const flagged = reviews
      .filter((r) => r.findings.some((f) => f.check === 'coverage/never-fires'))
      .map((r) => r.rule.name);
    expect(flagged).toEqual(['NoSuchMetric']);
  });

  it('reports the rule Prometheus fails to evaluate with its last error', () => {
    const f = byName('DuplicateLabelsets').findings.find((x) => x.check === 'health/broken');
    expect(f?.evidence[0]).toMatch(/same labelset/);
  });

  it('the command line reviews the same server with --prometheus and exits 1 on the bugs', async () => {
    const r = await runCliText('review', ['--prometheus', prom.url, '--format', 'json'], {
      timeoutMs: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      rules: Array<{ name: string; findings: Array<{ check: string }> }>;
      general: Array<{ check: string; summary: string }>;
      summary: { rules: number };
    };
    expect(report.summary.rules).toBe(7);
    expect(report.rules.find((x) => x.name === 'DiskFull')?.findings.map((f) => f.check)).toContain('noise/sms-budget');
    expect(report.rules.find((x) => x.name === 'NoSuchMetric')?.findings.map((f) => f.check)).toEqual(
      expect.arrayContaining(['coverage/never-fires', 'action/vague'])
    );
    // A rule without a review date is counted once for the whole review, not as a finding of its own.
    expect(report.general).toEqual([
      expect.objectContaining({ check: 'review/stale', summary: expect.stringMatching(/carry no review date/) }),
    ]);
  }, 120_000);
});
