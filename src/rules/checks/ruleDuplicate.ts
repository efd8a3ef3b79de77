import { finding, type Check } from './check';

function where(r: { source: { label: string }; group: string; location?: { line: number } }): string {
  return `${r.source.label} › ${r.group}${r.location ? `:${r.location.line}` : ''}`;
}

/**
 * `rule/duplicate`: another rule is identical (same kind, same expression once spelling is normalised, same
 * labels), so Alertmanager gets the same alert twice; or, at most as info, another alerting rule has the same name
 * and labels but a different expression, so its alerts cannot be told apart. Same-named variants with different
 * labels (warning and critical tiers) and split recording rules are the normal way to write rules.
 */
export const ruleDuplicate: Check = {
  id: 'rule/duplicate',
  title: 'Duplicate rule',
  run(rule, ctx) {
    const dups = ctx.duplicates.get(rule.key);
    if (!dups || dups.length === 0) {
      return undefined;
    }
    const identical = dups.filter((d) => d.relation === 'identical');
    if (identical.length > 0) {
      return finding(
        'rule/duplicate',
        'warning',
        identical.some((d) => d.rule.name === rule.name)
          ? 'An identical rule exists: the same alert is sent twice.'
          : 'A rule with another name has the same expression and labels: the same condition alerts twice.',
        identical
          .slice(0, 5)
          .map(
            (d) =>
              `identical expression and labels: "${d.rule.name}" in ${where(d.rule)}${d.rule.forSeconds !== rule.forSeconds ? ' (another "for")' : ''}`
          ),
        'Keep one of them (the one with the better action and "for") and delete the other.'
      );
    }
    return finding(
      'rule/duplicate',
      'info',
      'Ambiguous name: another alert has the same name and labels but a different expression.',
      dups.slice(0, 5).map((d) => `same name and labels: "${d.rule.name}" in ${where(d.rule)}`),
      'Give each variant a label that tells them apart (or its own name), so whoever gets the alert knows which condition fired.'
    );
  },
};
