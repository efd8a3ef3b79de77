import { finding, isPhoneRouted, type Check } from './check';

const DAY = 86400;

function when(t: number): string {
  return new Date(t * 1000).toISOString().replace(/:\d\d\.\d+Z$/, 'Z');
}

/** `noise/episodes`: how many times the rule fired (or would have) in the last 7 days. */
export const noiseEpisodes: Check = {
  id: 'noise/episodes',
  title: 'Fired often in the last 7 days',
  run(rule, ctx) {
    const est = ctx.noise?.get(rule.key);
    if (rule.kind !== 'alerting' || !est) {
      return undefined;
    }
    if (est.error) {
      return finding(
        'noise/episodes',
        'info',
        'Could not estimate how often this rule fired.',
        [est.error],
        'Check that the data source answers range queries, then reload.'
      );
    }
    if (est.episodes === 0) {
      return undefined;
    }
    const days = Math.max(1, Math.round((est.windowEnd - est.windowStart) / DAY));
    const perDay = est.episodes / days;
    const phone = isPhoneRouted(rule, ctx);
    const severity = perDay > 1 ? (phone ? 'bug' : 'warning') : 'info';
    const how =
      est.method === 'alerts-for-state'
        ? 'counted from ALERTS_FOR_STATE (activations that lasted past "for")'
        : `estimated by evaluating the expression every ${est.step ?? '?'} s and counting runs longer than "for"`;
    const verb = est.method === 'alerts-for-state' ? 'Fired' : 'Would have fired';
    return finding(
      'noise/episodes',
      severity,
      `${verb} ${est.episodes} time${est.episodes === 1 ? '' : 's'} in the last ${days} days${phone ? ' (each one an SMS)' : ''}.`,
      [how, `first: ${when(est.fireTimes[0])}, last: ${when(est.fireTimes[est.fireTimes.length - 1])}`],
      perDay > 1
        ? 'More than once a day is noise: raise the threshold, lengthen "for", or retire the rule.'
        : 'Check each episode led to an action; if not, retire or rephrase the rule.'
    );
  },
};
