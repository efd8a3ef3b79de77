// Imported by module.tsx, so it lands in module.js (loaded on every Grafana page): kept deliberately small.
import { isObj, type Obj } from '../shared/narrow';
import { triageUrl } from './links';

/** Grafana's alert-instance extension point (facts.md §3). */
export const ALERT_INSTANCE_ACTION = 'grafana/alerting/instance/action';
/**
 * Title and description of the link. Grafana registers an added link only when plugin.json lists one with the
 * same title and targets (docs/grafana-contract.md, "Added links"); the schema wants a title of 10+ characters.
 */
export const ALERT_LINK_TITLE = 'Triage with Sovgrid Ops';
export const ALERT_LINK_DESCRIPTION = 'Journal errors of this alert, narrated by your vLLM';

const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The signed-in user as Grafana's boot data describes it. */
export interface LinkUser {
  orgRole?: string;
  isGrafanaAdmin?: boolean;
}

/**
 * Roles that may triage: the vLLM route's `reqRole` is Editor and Grafana checks only the org role there, not
 * server-admin status (docs/grafana-contract.md, "reqRole vs reqAction"), so the button follows the same rule.
 */
export function canTriage(u: LinkUser | undefined): boolean {
  return !!u && (u.orgRole === 'Editor' || u.orgRole === 'Admin');
}

/**
 * The `configure` of the alert-instance link: a triage URL for the alert's host (Prometheus' `instance` without
 * its port), unit, name, rule and time (30 min before activation to 2 h after, or now), or undefined — which
 * makes Grafana hide the link — for viewers and contexts without an alert instance.
 */
export function alertTriageLink(context: unknown, user: LinkUser | undefined, now = Date.now()): { path: string } | undefined {
  const instance = obj(obj(context).instance);
  if (!canTriage(user) || !instance.labels) {
    return undefined;
  }
  const l = obj(instance.labels);
  // `||` rather than `??`/`?.` keeps the transpiled code (in module.js) short.
  const host = (str(l.host) || str(l.hostname) || str(l.nodename) || str(l.instance) || '').replace(/:\d+$/, '');
  const unit = [l.unit, l.systemd_unit, l.name].map(str).find((u) => u && /\.(service|socket|timer|mount|scope)$/.test(u));
  // Grafana uses year 0001 for "never active": Date.parse gives a negative number.
  const at = Date.parse(str(instance.activeAt) || '');
  const known = at > 0;
  return {
    path: triageUrl({
      hosts: host ? [host] : [],
      units: unit ? [unit] : [],
      from: known ? at - 18e5 : 'now-1h',
      to: known && at + 72e5 < now ? at + 72e5 : 'now',
      alertname: str(l.alertname),
      rule: str(obj(obj(context).rule).name),
    }),
  };
}
