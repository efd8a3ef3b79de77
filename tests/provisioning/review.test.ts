/**
 * @jest-environment node
 */
import { runCliText } from '../helpers/cli';

// The stack's own rules must pass the review engine they ship with: nothing at `bug` or above.
describe('npm run review -- provisioning/prometheus/rules', () => {
  it('reports no finding at bug or fatal, and reads every rule', async () => {
    const r = await runCliText('review', ['provisioning/prometheus/rules', '--format', 'json', '--fail-on', 'bug'], {
      timeoutMs: 90_000,
    });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      rules: Array<{ name: string; findings: Array<{ check: string; severity: string; summary: string }> }>;
      summary: { rules: number; alerting: number; bySeverity: Record<string, number> };
    };
    const serious = out.rules.flatMap((rule) =>
      rule.findings.filter((f) => f.severity === 'bug' || f.severity === 'fatal').map((f) => `${rule.name}: ${f.check} ${f.summary}`)
    );
    expect(serious).toEqual([]);
    expect(r.code).toBe(0);
    // The alert set of issue 7 (12 alerts) plus the SLA recording rules once they land.
    expect(out.summary.alerting).toBeGreaterThanOrEqual(12);
    expect(out.rules.filter((x) => x.findings.some((f) => f.check.startsWith('action/')))).toEqual([]);
  });
});
