import { finding, isPhoneRouted, type Check } from './check';

function hourText(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 13).replace('T', ' ') + ':00Z';
}

/** `noise/sms-budget`: hours in which all phone-routed rules together exceeded the SMS budget, and this rule's share. */
export const noiseSmsBudget: Check = {
  id: 'noise/sms-budget',
  title: 'Exceeded the SMS budget',
  run(rule, ctx) {
    const sms = ctx.sms;
    if (rule.kind !== 'alerting' || !sms || !isPhoneRouted(rule, ctx)) {
      return undefined;
    }
    const hours = sms.overHours.filter((h) => (h.byRule[rule.key] ?? 0) > 0);
    if (hours.length === 0) {
      return undefined;
    }
    const mine = hours.reduce((n, h) => n + h.byRule[rule.key], 0);
    const all = hours.reduce((n, h) => n + h.pages, 0);
    return finding(
      'noise/sms-budget',
      'bug',
      `Would have exceeded the ${sms.budgetPerHour}-per-hour SMS budget in ${hours.length} hour${hours.length === 1 ? '' : 's'} last week; ${mine} of the ${all} pages in those hours were this rule's.`,
      hours.slice(0, 10).map((h) => `${hourText(h.hour)}: ${h.pages} pages, ${h.byRule[rule.key]} from this rule`),
      'Pages beyond the budget are dropped or ignored: lengthen "for", group the alerts, or move this rule to email (severity warning).'
    );
  },
};
