import { testRule } from '../testRules';
import type { Finding, RuleReview } from '../types';
import type { NoiseEstimate } from '../noise/types';
import {
  applyView,
  episodesPerDay,
  findingsByCheck,
  groupRules,
  loudestRules,
  parseSearch,
  rankWork,
  ruleLocation,
  sortShown,
  worstShown,
} from './view';

const f = (check: Finding['check'], severity: Finding['severity']): Finding => ({ check, severity, summary: check, evidence: [], fix: 'fix' });
const PROM = { id: 'prom', label: 'Prometheus', kind: 'prometheus' as const };
const review = (over: Parameters<typeof testRule>[0], findings: Finding[]): RuleReview => ({
  rule: testRule({ source: PROM, ...over }),
  findings,
  worst: findings.length ? findings.map((x) => x.severity).sort().reverse()[0] : undefined,
});

const a = review({ key: 'a', name: 'DiskFull', labels: { severity: 'critical', team: 'ops' }, folder: '/etc/prometheus/rules/node/disk.yml', group: 'node' }, [
  f('action/missing', 'bug'),
  f('rule/duplicate', 'warning'),
]);
const b = review({ key: 'b', name: 'GpuHot', labels: { severity: 'warning' }, folder: 'Ops', group: 'gpu' }, [f('review/stale', 'info')]);
const c = review({ key: 'c', name: 'VllmDown', labels: { severity: 'critical' }, folder: 'Ops', group: 'gpu' }, []);

describe('the rules view', () => {
  it('shows the worst of the findings the filter lets through, not of the rule', () => {
    const shown = applyView([a, b, c], { check: 'rule/duplicate' }, '');
    expect(shown.map((s) => s.review.rule.name)).toEqual(['DiskFull']);
    expect(shown[0].worst).toBe('warning');
    expect(shown[0].findings.map((x) => x.check)).toEqual(['rule/duplicate']);
    expect(worstShown(shown)).toBe('warning');
    expect(worstShown(applyView([a, b, c], {}, ''))).toBe('bug');
  });

  it('lists findings worst first', () => {
    const [shown] = applyView([review({ key: 'x' }, [f('review/stale', 'info'), f('promql/syntax', 'fatal'), f('action/vague', 'bug')])], {}, '');
    expect(shown.findings.map((x) => x.severity)).toEqual(['fatal', 'bug', 'info']);
  });

  it('searches names and label values; key=value or key:value pins a label', () => {
    expect(parseSearch(' Disk  team=OPS ')).toEqual([{ text: 'disk' }, { label: 'team', text: 'ops' }]);
    const names = (q: string) => applyView([a, b, c], {}, q).map((s) => s.review.rule.name);
    expect(names('gpu')).toEqual(['GpuHot']);
    expect(names('severity=critical')).toEqual(['DiskFull', 'VllmDown']);
    expect(names('severity:crit down')).toEqual(['VllmDown']);
    expect(names('ops')).toEqual(['DiskFull']);
    expect(names('nomatch')).toEqual([]);
  });

  it('groups source › folder › group with counts, the worst first', () => {
    const tree = groupRules(applyView([b, c, a], {}, ''));
    expect(tree).toHaveLength(1);
    const [src] = tree;
    expect(src.rules).toBe(3);
    expect(src.children.map((x) => [x.label, x.title, x.rules, x.worst])).toEqual([
      ['…/node/disk.yml', '/etc/prometheus/rules/node/disk.yml', 1, 'bug'],
      ['Ops', 'Ops', 2, 'info'],
    ]);
    expect(src.children[1].counts).toEqual({ info: 1, ok: 1 });
    expect(src.children[1].children[0].shown.map((s) => s.review.rule.name)).toEqual(['GpuHot', 'VllmDown']);
  });

  it('sorts by any column both ways', () => {
    const shown = applyView([b, c, a], {}, '');
    const names = (k: Parameters<typeof sortShown>[1], desc: boolean) => sortShown(shown, k, desc).map((s) => s.review.rule.name);
    expect(names('worst', true)).toEqual(['DiskFull', 'GpuHot', 'VllmDown']);
    expect(names('worst', false)).toEqual(['VllmDown', 'GpuHot', 'DiskFull']);
    expect(names('name', true)).toEqual(['DiskFull', 'GpuHot', 'VllmDown']);
    expect(names('findings', true)[0]).toBe('DiskFull');
  });

  it('shortens locations and keeps the full path for the tooltip', () => {
    expect(ruleLocation(a)).toEqual({ short: '…/node/disk.yml', full: 'Prometheus › /etc/prometheus/rules/node/disk.yml › node' });
    const file = review({ key: 'f', location: { file: 'rules/a.yml', line: 12 } }, []);
    expect(ruleLocation(file).short).toBe('rules/a.yml:12');
  });

  it('ranks the work by worst severity, then by rules hit', () => {
    const many = [a, b, review({ key: 'd' }, [f('review/stale', 'info')]), review({ key: 'e' }, [f('action/missing', 'bug')])];
    expect(rankWork(many)).toEqual([
      { check: 'action/missing', severity: 'bug', rules: 2 },
      { check: 'rule/duplicate', severity: 'warning', rules: 1 },
      { check: 'review/stale', severity: 'info', rules: 2 },
    ]);
    expect(findingsByCheck(applyView(many, {}, ''))[0]).toEqual({ check: 'action/missing', bySeverity: { bug: 2 }, total: 2 });
  });

  it('names the rules that fired most, phone-routed ones first, and buckets episodes per day', () => {
    const day = 86400;
    const est = (episodes: number, fireTimes: number[]): NoiseEstimate => ({ method: 'expression', episodes, fireTimes, windowStart: 0, windowEnd: 7 * day });
    const noise = new Map([
      ['a', est(3, [10, day + 10, 6 * day + 5])],
      ['b', est(9, [])],
      ['c', est(0, [])],
    ]);
    const shown = applyView([a, b, c], {}, '', noise);
    const phone = (r: RuleReview) => r.rule.labels.severity === 'critical';
    expect(loudestRules(shown, phone).map((s) => s.review.rule.name)).toEqual(['DiskFull']);
    expect(loudestRules(shown, () => false).map((s) => s.review.rule.name)).toEqual(['GpuHot', 'DiskFull']);
    expect(episodesPerDay(noise.get('a')!)).toEqual([1, 1, 0, 0, 0, 0, 1]);
  });
});
