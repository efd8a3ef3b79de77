import { arr, isObj } from '../../shared/narrow';

/**
 * vmalert (VictoriaMetrics' rule evaluator) serves a Prometheus-compatible `GET /api/v1/rules`, so its rules are read
 * by `rulesFromPrometheusApi` unchanged, but it has no query API: the rules' history (`ALERTS_FOR_STATE`, the
 * series the expressions read) lives in the VictoriaMetrics it writes to. These helpers tell a vmalert answer apart
 * and find that VictoriaMetrics. Pure; read in vmalert 1.79.5's source (app/vmalert/web_types.go, web.go,
 * lib/flagutil/flag.go) and checked against the real binary in tests/rules/review-vmalert.test.ts.
 */

/**
 * True when a rules answer comes from vmalert: its groups carry `id`, `type` (datasource type) and `concurrency`,
 * its rules `datasourceType` and `group_id` (APIGroup, APIRule in app/vmalert/web_types.go), which Prometheus'
 * answer never has.
 */
export function isVmalertRules(body: unknown): boolean {
  const data = isObj(body) ? body.data : undefined;
  const groups = isObj(data) ? arr(data.groups).filter(isObj) : [];
  return groups.some(
    (g) =>
      (typeof g.concurrency === 'number' && typeof g.id === 'string') ||
      arr(g.rules).some((r) => isObj(r) && typeof r.datasourceType === 'string' && typeof r.group_id === 'string')
  );
}

/**
 * The VictoriaMetrics a vmalert reads its state back from, from its `GET /flags` text (`-name="value"` per set flag,
 * lib/flagutil/flag.go WriteFlags): `-remoteRead.url` (where `ALERTS_FOR_STATE` is read back), else
 * `-datasource.url`. vmalert prints both as "secret" unless started with `-remoteRead.showURL` /
 * `-datasource.showURL` (datasource/init.go InitSecretFlags): then undefined, and the caller must be told.
 */
export function historyUrlFromVmalertFlags(text: string): string | undefined {
  const flags = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^-([A-Za-z0-9_.]+)="(.*)"$/.exec(line.trim());
    if (m) {
      flags.set(m[1], m[2].replace(/\\(.)/g, '$1'));
    }
  }
  for (const name of ['remoteRead.url', 'datasource.url']) {
    const v = flags.get(name);
    if (v && /^https?:\/\//.test(v)) {
      return v.replace(/\/+$/, '');
    }
  }
  return undefined;
}

/** The message when vmalert's history cannot be found: what it is, and the two ways to fix it. */
export function vmalertHistoryMissing(url: string): string {
  return (
    `${url} is vmalert: it serves the rules but not their history. Pass --history <VictoriaMetrics URL> (the ` +
    'URL vmalert writes ALERTS_FOR_STATE to, its -remoteWrite.url), or start vmalert with -remoteRead.showURL, ' +
    'or point --prometheus at a VictoriaMetrics started with -vmalert.proxyURL=<vmalert URL>'
  );
}
