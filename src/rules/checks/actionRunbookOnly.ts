import { annotation, finding, quote, runbookLink, type Check } from './check';

/** `action/runbook-only`: a runbook link stands in for the action; nobody follows a link from an SMS at 02:00. */
export const actionRunbookOnly: Check = {
  id: 'action/runbook-only',
  title: 'Runbook link instead of an action',
  run(rule, ctx) {
    const name = ctx.review.actionAnnotation;
    const text = annotation(rule, name);
    const link = runbookLink(rule, ctx);
    if (rule.kind !== 'alerting' || !link || (text !== undefined && text.trim() !== '')) {
      return undefined;
    }
    return finding(
      'action/runbook-only',
      'bug',
      `Only a runbook link, no "${name}": nobody can act on a link from an SMS at 02:00.`,
      [`${link.name}: ${quote(link.value)}`, text === undefined ? `no "${name}" annotation` : `"${name}" is empty`],
      `Copy the runbook's first step into a "${name}" annotation (the command to run, on which host); keep the link as background.`
    );
  },
};
