import type { ReviewSettings } from '../../settings/types';
import { finding, severityLabel, type Check } from './check';

interface Routes {
  text: string;
  known: string[];
}

function routes(review: ReviewSettings): Routes {
  const { phoneSeverities, emailSeverities } = review;
  return {
    text: `phone: ${phoneSeverities.join(', ') || 'none'}; email: ${emailSeverities.join(', ') || 'none'}`,
    known: [...phoneSeverities, ...emailSeverities].map((s) => s.toLowerCase()),
  };
}

/** `routing/severity`: no severity label, or one the settings route to neither phone nor email. */
export const routingSeverity: Check = {
  id: 'routing/severity',
  title: 'Severity not routed',
  run(rule, ctx) {
    if (rule.kind !== 'alerting') {
      return undefined;
    }
    const { phoneSeverities, emailSeverities } = ctx.review;
    // The settings are the same for every rule of a review: describe the routes once, not once per rule.
    const { text: routesText, known } = ctx.cache.memoFor('routes', ctx.review, routes);
    const sev = severityLabel(rule);
    if (sev === undefined) {
      return finding(
        'routing/severity',
        'bug',
        'No severity label: the alert reaches neither the phone nor the email route.',
        [`labels: ${Object.keys(rule.labels).join(', ') || 'none'}`, `routes in the settings: ${routesText}`],
        `Add a "severity" label: "${phoneSeverities[0] ?? 'critical'}" if it must wake you, "${emailSeverities[0] ?? 'warning'}" if it can wait for email.`
      );
    }
    if (known.includes(sev)) {
      return undefined;
    }
    return finding(
      'routing/severity',
      'warning',
      `Severity "${rule.labels.severity}" is routed to neither phone nor email.`,
      [`routes in the settings: ${routesText}`],
      `Use one of the routed severities (${known.join(', ')}), or add "${sev}" to a route in the app settings.`
    );
  },
};
