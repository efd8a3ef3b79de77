import type { ReviewSettings } from '../../settings/types';
import { finding, isPhoneRouted, quote, severityLabel, type Check, type CheckContext } from './check';
import { deliberatePattern } from './patterns';
import type { ReviewRule } from '../types';

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

function heartbeatOnPhone(rule: ReviewRule, ctx: CheckContext) {
  return finding(
    'routing/severity',
    'bug',
    'An always-firing heartbeat is routed to the phone: it pages on every repeat interval, forever.',
    [`expression selects no series and always fires: ${quote(rule.expr)}`, `severity: ${rule.labels.severity}`],
    `Route it to the dead man's switch receiver only (a label the Alertmanager route matches, or "severity: none"); keep ${ctx.review.phoneSeverities.join('/') || 'phone'} for alerts someone must act on.`
  );
}

/**
 * `routing/severity`: no severity label, or one the settings route to neither phone nor email. `severity: none`
 * is the convention for alerts that must never notify (inhibitors, heartbeats) and is left alone; a heartbeat that
 * does reach the phone is a bug.
 */
export const routingSeverity: Check = {
  id: 'routing/severity',
  title: 'Severity not routed',
  run(rule, ctx) {
    if (rule.kind !== 'alerting') {
      return undefined;
    }
    const pattern = deliberatePattern(rule, ctx);
    if (pattern === 'inhibitor') {
      return undefined;
    }
    if (pattern === 'heartbeat' && isPhoneRouted(rule, ctx)) {
      return heartbeatOnPhone(rule, ctx);
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
