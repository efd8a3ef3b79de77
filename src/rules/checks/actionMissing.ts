import { annotation, finding, runbookLink, type Check } from './check';

/** `action/missing`: an alerting rule without the action annotation (and no runbook either: that is runbook-only). */
export const actionMissing: Check = {
  id: 'action/missing',
  title: 'No action annotation',
  run(rule, ctx) {
    const name = ctx.review.actionAnnotation;
    if (rule.kind !== 'alerting' || annotation(rule, name) !== undefined || runbookLink(rule, ctx)) {
      return undefined;
    }
    const present = Object.keys(rule.annotations);
    return finding(
      'action/missing',
      'bug',
      `No "${name}" annotation: whoever gets this alert is not told what to do.`,
      [`annotations present: ${present.length ? present.join(', ') : 'none'}`],
      `Add the "${name}" annotation with the first concrete step, e.g. "SSH to <host>, run: systemctl status <unit>". If you cannot write one, retire the rule.`
    );
  },
};
