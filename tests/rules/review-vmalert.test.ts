/**
 * @jest-environment node
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { defaultSettings } from '../../src/settings/defaults';
import { reviewRules } from '../../src/rules/engine';
import { loadRuleSources, queriersByDatasource, type GrafanaGet } from '../../src/rules/grafanaSources';
import { collectDataFacts, WEEK_SECONDS, type DataFacts } from '../../src/rules/noise/estimate';
import { fetchApiGet } from '../../src/rules/noise/fetchApiGet';
import { prometheusApiQuerier } from '../../src/rules/noise/prometheusApiQuerier';
import { rulesFromPrometheusApi } from '../../src/rules/sources/prometheusApi';
import { isVmalertRules } from '../../src/rules/sources/vmalert';
import type { ReviewRule, RuleReview } from '../../src/rules/types';
import { ROOT, runCliText } from '../helpers/cli';
import { freePort, run, tempDir } from '../helpers/processes';
import {
  rfc3339,
  startVictoriaMetrics,
  startVmalert,
  vmToolsAvailable,
  type RunningVm,
  type VmSeries,
} from '../helpers/victoriametrics';

// The stack's own rule files, as the dev stack mounts them into vmalert (docker-compose.yaml).
const RULE_DIRS = ['provisioning/prometheus/rules', 'provisioning/victoriametrics/rules'];
function stackRules(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of RULE_DIRS) {
    let names: string[] = [];
    try {
      names = readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.yml'));
    } catch {
      continue;
    }
    for (const n of names) {
      out[`${dir.split('/')[1]}-${n}`] = readFileSync(join(ROOT, dir, n), 'utf8');
    }
  }
  return out;
}

const MIN = 60;
const now = Math.floor(Date.now() / 1000 / MIN) * MIN;
// The MCP server went down for 10 minutes six times (McpServerDown has for: 5m, so each fired) and for 3 minutes
// twice (pending only) in the last week.
const OUTAGES = [
  ...[150, 125, 100, 75, 50, 25].map((h) => ({ start: now - h * 3600, minutes: 10 })),
  ...[140, 60].map((h) => ({ start: now - h * 3600, minutes: 3 })),
];
function mcpUp(): VmSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let t = now - 7 * 86400; t <= now - 10 * MIN; t += MIN) {
    const down = OUTAGES.some((o) => t >= o.start && t < o.start + o.minutes * MIN);
    timestamps.push(t * 1000);
    values.push(down ? 0 : 1);
  }
  return { metric: { __name__: 'up', job: 'mcp_server', instance: 'floki:9091' }, values, timestamps };
}

/** Alertmanager's v2 API as far as vmalert 1.79.5 uses it (POST /api/v2/alerts); counts what it is sent. */
async function notifierSink(): Promise<{ url: string; posts: () => number; stop: () => Promise<void> }> {
  let posts = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    posts += req.method === 'POST' ? 1 : 0;
    res.writeHead(200).end();
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}`,
    posts: () => posts,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

describe('rule review on vmalert 1.79.5 and VictoriaMetrics', () => {
  const review = defaultSettings().review;
  const files = stackRules();
  let available = false;
  let vm: RunningVm;
  let sink: Awaited<ReturnType<typeof notifierSink>>;
  let shown: Awaited<ReturnType<typeof startVmalert>>;
  let hidden: Awaited<ReturnType<typeof startVmalert>>;
  let rulesBody: unknown;
  let replayLog = '';
  let rules: ReviewRule[];
  let facts: DataFacts;
  let reviews: RuleReview[];
  const ruleKey = (name: string) => rules.find((r) => r.name === name)!.key;

  beforeAll(async () => {
    available = await vmToolsAvailable();
    if (!available) {
      return;
    }
    // VictoriaMetrics proxies /api/v1/rules to vmalert (-vmalert.proxyURL, app/vmselect/main.go): as a Grafana data
    // source it then serves both the rules and their history, which is how the review page reads vmalert.
    const vmalertPort = await freePort();
    vm = await startVictoriaMetrics({ extraArgs: [`-vmalert.proxyURL=http://127.0.0.1:${vmalertPort}`] });
    await vm.importJson([mcpUp()]);
    // The week before: vmalert's replay mode evaluates the rule files over stored data and writes ALERTS and
    // ALERTS_FOR_STATE as the live evaluator would have (app/vmalert/replay.go, alerting.go ExecRange).
    const dir = tempDir('vmalert-replay');
    try {
      const ruleArgs = Object.entries(files).map(([name, text]) => {
        writeFileSync(join(dir.dir, name), text);
        return `-rule=${join(dir.dir, name)}`;
      });
      const r = await run(
        'vmalert',
        [
          ...ruleArgs,
          `-datasource.url=${vm.url}`,
          `-remoteWrite.url=${vm.url}`,
          `-replay.timeFrom=${rfc3339(now - WEEK_SECONDS)}`,
          `-replay.timeTo=${rfc3339(now - 5 * MIN)}`,
          '-replay.rulesDelay=0s',
          // -datasource.queryStep (default 5m) overrides the range step (datasource/vm_prom_api.go
          // setPrometheusReqParams), and ExecRange restarts an alert as pending after a gap longer than the group
          // interval: without this every point of a 1-minute group would be a new, never-firing activation.
          '-datasource.queryStep=1m',
          '-replay.disableProgressBar',
          '-evaluationInterval=1m',
          '-loggerLevel=ERROR',
        ],
        { timeoutMs: 300_000 }
      );
      // A rule that fails every retry ends the replay with a fatal error (replay.go replay → logger.Fatalf).
      if (r.code !== 0) {
        throw new Error(`vmalert replay failed (${r.code}):\n${r.stderr.slice(-3000)}`);
      }
      replayLog = r.stderr + r.stdout;
    } finally {
      dir.remove();
    }
    await vm.flush();
    sink = await notifierSink();
    const common = { rules: files, datasource: vm.url, notifier: sink.url, evaluationInterval: '5s' };
    shown = await startVmalert({
      ...common,
      remoteRead: vm.url,
      extraArgs: ['-remoteRead.showURL'],
      port: vmalertPort,
    });
    hidden = await startVmalert(common);
    // Groups on the default interval (5 s here) have been evaluated once; groups with their own interval (1m, 5m)
    // start after a random share of it (group.go start), which the replay above already covered.
    const deadline = Date.now() + 60_000;
    for (;;) {
      rulesBody = await (await fetch(`${shown.url}/api/v1/rules`)).json();
      type G = { interval: number; rules: Array<{ lastEvaluation: string }> };
      const groups = (rulesBody as { data: { groups: G[] } }).data.groups.filter((g) => g.interval === 5);
      if (groups.length > 0 && groups.every((g) => g.rules.every((x) => !x.lastEvaluation.startsWith('0001-')))) {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`vmalert did not evaluate every rule:\n${shown.logs()}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const answer = rulesFromPrometheusApi(rulesBody, { id: shown.url, label: shown.url, kind: 'prometheus' });
    if (!answer.ok) {
      throw new Error(answer.message);
    }
    rules = answer.rules;
    const querier = prometheusApiQuerier(fetchApiGet(vm.url));
    facts = await collectDataFacts(rules, () => querier, review, { end: now, seconds: WEEK_SECONDS });
    reviews = reviewRules(rules, {
      review,
      now: now * 1000,
      noise: facts.noise,
      sms: facts.sms,
      missingMetrics: facts.missingMetrics,
    });
  }, 420_000);

  afterAll(async () => {
    await shown?.stop();
    await hidden?.stop();
    await sink?.stop();
    await vm?.stop();
  });

  it('evaluates every rule of the stack without an error', () => {
    if (!available) {
      return;
    }
    const expected = Object.values(files).reduce(
      (n, text) => n + (text.match(/^\s*- (alert|record):/gm) ?? []).length,
      0
    );
    expect(expected).toBeGreaterThan(10);
    expect(rules).toHaveLength(expected);
    expect(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError}`)).toEqual([]);
    // The week's replay ran every rule over stored data without one failed attempt (replay.go replayRule).
    expect(replayLog).not.toMatch(/attempt \d+ to execute rule/);
    expect(isVmalertRules(rulesBody)).toBe(true);
  });

  it('counts the episodes vmalert wrote to ALERTS_FOR_STATE: six outages past "for", not the two short ones', () => {
    if (!available) {
      return;
    }
    const est = facts.noise.get(ruleKey('McpServerDown'));
    expect(est).toMatchObject({ method: 'alerts-for-state', episodes: 6 });
    const expectedFires = OUTAGES.filter((o) => o.minutes === 10).map((o) => o.start + 5 * MIN);
    // vmalert evaluates on its own 1-minute grid: each fire lands within one step of the outage start + for.
    est!.fireTimes.forEach((t, i) => expect(Math.abs(t - expectedFires.sort()[i])).toBeLessThanOrEqual(MIN));
    expect(
      reviews.find((r) => r.rule.name === 'McpServerDown')?.findings.find((f) => f.check === 'noise/episodes')?.summary
    ).toBe('Fired 6 times in the last 7 days (each one an SMS).');
  });

  it('the command line reads vmalert rules and finds VictoriaMetrics through -remoteRead.showURL', async () => {
    if (!available) {
      return;
    }
    const r = await runCliText('review', ['--prometheus', shown.url, '--format', 'json'], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as {
      rules: Array<{ name: string; findings: Array<{ check: string; summary: string }> }>;
    };
    const mcp = report.rules.find((x) => x.name === 'McpServerDown');
    expect(mcp?.findings.find((f) => f.check === 'noise/episodes')?.summary).toBe(
      'Fired 6 times in the last 7 days (each one an SMS).'
    );
  }, 120_000);

  it('the review page path: rules and history through one Prometheus-type data source on VictoriaMetrics', async () => {
    if (!available) {
      return;
    }
    // Grafana's /api/prometheus/<uid>/api/v1/rules proxies to the data source's /api/v1/rules (lotex_prom.go
    // RouteGetRuleStatuses) and its data source proxy to the rest; this stand-in maps both onto the real VictoriaMetrics.
    const get: GrafanaGet = async (url, params) => {
      const path = url
        .replace(/^\/api\/prometheus\/history\//, '/')
        .replace(/^\/api\/datasources\/proxy\/uid\/history\//, '/');
      const qs = params ? `?${new URLSearchParams(params)}` : '';
      const r = await vm.get(`${path}${qs}`);
      return r.status === 200
        ? { ok: true, status: 200, data: r.body }
        : { ok: false, error: { kind: 'http', status: r.status, message: r.text.slice(0, 200), body: r.body } };
    };
    const ds = [{ uid: 'history', name: 'History', type: 'prometheus' }];
    const loads = await loadRuleSources(get, ds);
    const history = loads.find((l) => l.source.id === 'history')!;
    expect(history.ok).toBe(true);
    expect(history.rules.map((r) => r.name).sort()).toEqual(rules.map((r) => r.name).sort());
    const pageFacts = await collectDataFacts(history.rules, queriersByDatasource(get, ds), review, {
      end: now,
      seconds: WEEK_SECONDS,
    });
    const key = history.rules.find((r) => r.name === 'McpServerDown')!.key;
    expect(pageFacts.noise.get(key)).toMatchObject({ method: 'alerts-for-state', episodes: 6 });
  });

  it('the command line reads rules and history from a VictoriaMetrics that proxies vmalert', async () => {
    if (!available) {
      return;
    }
    const r = await runCliText('review', ['--prometheus', vm.url, '--format', 'json'], { timeoutMs: 120_000 });
    const report = JSON.parse(r.stdout) as {
      rules: Array<{ name: string; findings: Array<{ check: string; summary: string }> }>;
    };
    expect(report.rules.find((x) => x.name === 'McpServerDown')?.findings.map((f) => f.summary)).toContain(
      'Fired 6 times in the last 7 days (each one an SMS).'
    );
  }, 120_000);

  it('with the URL hidden, says how to point at the history, and --history does it', async () => {
    if (!available) {
      return;
    }
    const refused = await runCliText('review', ['--prometheus', hidden.url], { timeoutMs: 60_000 });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/is vmalert: it serves the rules but not their history\. Pass --history/);
    const r = await runCliText('review', ['--prometheus', hidden.url, '--history', vm.url, '--format', 'json'], {
      timeoutMs: 120_000,
    });
    const report = JSON.parse(r.stdout) as {
      rules: Array<{ name: string; findings: Array<{ check: string; summary: string }> }>;
    };
    expect(report.rules.find((x) => x.name === 'McpServerDown')?.findings.map((f) => f.summary)).toContain(
      'Fired 6 times in the last 7 days (each one an SMS).'
    );
  }, 180_000);
});
