/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { overviewSignals } from '../../src/overview/queries';
import { defaultSettings } from '../../src/settings/defaults';
import { parseExposition, samplesOf } from '../helpers/exposition';
import { freePort, startDaemon } from '../helpers/processes';
import { startPrometheus, type PromVectorSample, type RunningPrometheus } from '../helpers/prometheus';
import { startVllmSim, type VllmSim } from '../helpers/vllmSim';
import { ROOT, listFiles } from './files';

// The demo exporter feeds the dev stack's MCP and Lightning panels and sends the tenants' traffic. Here its traffic
// goes straight to the vLLM simulator (Traefik cannot run here; compose.test.ts checks its routing statically), a
// real Prometheus scrapes all of it and evaluates the stack's own rules, and the overview's queries read it.
describe('demo exporter scraped by a real Prometheus', () => {
  let prom: RunningPrometheus;
  let sim: VllmSim;
  let exporter: Awaited<ReturnType<typeof startDaemon>>;
  const ports = { mcp: 0, lnd: 0 };
  const settings = defaultSettings();
  const sig = overviewSignals(settings);

  beforeAll(async () => {
    ports.mcp = await freePort();
    ports.lnd = await freePort();
    sim = await startVllmSim({ MODEL: 'qwen3-32b', API_KEY: 'demo-key', ITL_MS: '1', MAX_NUM_SEQS: '8' });
    // `env` sets the ports: Jest's process.env is a sandbox copy that child processes do not inherit.
    exporter = await startDaemon(
      'env',
      [
        `MCP_PORT=${ports.mcp}`,
        `LND_PORT=${ports.lnd}`,
        'TICK_MS=50',
        'TENANTS=acme:light,globex:heavy',
        `TRAFFIC_URL=${sim.url}`,
        'API_KEY=demo-key',
        'MODEL=qwen3-32b',
        'node',
        join(ROOT, 'provisioning/demo-exporter/exporter.mjs'),
      ],
      async () => (await fetch(`http://127.0.0.1:${ports.lnd}/health`)).ok,
      { name: 'demo-exporter', timeoutMs: 20_000 }
    );
    const job = (name: string, target: string, instance: string, extra = '') =>
      `  - job_name: ${name}\n${extra}    static_configs:\n      - targets: ['${target}']\n        labels: { instance: ${instance} }`;
    const ruleFiles = Object.fromEntries(
      listFiles('provisioning/prometheus/rules', /\.ya?ml$/).map((f) => [f.split('/').pop()!, readFileSync(join(ROOT, f), 'utf8')])
    );
    prom = await startPrometheus({
      scrapeInterval: '1s',
      evaluationInterval: '1s',
      ruleFiles,
      scrapeConfigsYaml: [
        job('mcp_server', `127.0.0.1:${ports.mcp}`, 'floki'),
        job('lightning', `127.0.0.1:${ports.lnd}`, 'lnd-host'),
        job(settings.jobs.vllm, sim.url.replace('http://', ''), 'spark-host'),
      ].join('\n'),
    });
    // A few scrapes with traffic in between, so rates exist.
    await waitFor(async () => {
      const r = await prom.query(`sum(rate(vllm:generation_tokens_total[10s])) > 0 and on() sum(rate(http_requests_total{job="mcp_server"}[10s])) > 0`);
      return r.resultType === 'vector' && r.result.length === 1;
    });
  }, 90_000);

  afterAll(async () => {
    await prom?.stop();
    await exporter?.stop();
    await sim?.stop();
  });

  const vector = async (expr: string): Promise<PromVectorSample[]> => {
    const r = await prom.query(expr);
    if (r.resultType !== 'vector') {
      throw new Error(`expected a vector for ${expr}`);
    }
    return r.result;
  };

  it('every endpoint scrapes cleanly', async () => {
    const up = await vector('up');
    expect(up.map((s) => [s.metric.job, s.value[1]]).sort()).toEqual([
      ['lightning', '1'],
      ['mcp_server', '1'],
      [settings.jobs.vllm, '1'],
    ]);
  });

  it('sends both tenants’ traffic, each with its own profile, authenticated', async () => {
    const metrics = parseExposition(await sim.metrics()).samples;
    // The simulator saw chat completions from the exporter (401s are never counted, so the key was right).
    const ok = samplesOf(metrics, 'http_requests_total').find((s) => s.labels.handler === '/v1/chat/completions' && s.labels.status === '2xx');
    expect(ok?.value).toBeGreaterThan(2);
    const bodies = await sim.requests();
    const systems = new Set(bodies.map((b) => JSON.stringify((b.messages as Array<{ content: string }>)[0].content)));
    expect([...systems].some((s) => s.includes('acme'))).toBe(true);
    expect([...systems].some((s) => s.includes('globex'))).toBe(true);
    // Heavy requests ask for long answers, light ones for short.
    const maxTokens = (id: string) =>
      bodies.filter((b) => JSON.stringify(b.messages).includes(id)).map((b) => Number(b.max_completion_tokens));
    expect(Math.min(...maxTokens('globex'))).toBeGreaterThanOrEqual(300);
    expect(Math.max(...maxTokens('acme'))).toBeLessThanOrEqual(160);
  });

  it('serves lndmon’s per-channel series, and the overview counts only active channels as spendable', async () => {
    const channels = await vector('lnd_channels_bandwidth_outgoing_sat');
    expect(channels.length).toBe(6);
    for (const c of channels) {
      expect(Object.keys(c.metric).sort()).toEqual(['__name__', 'chan_id', 'initiator', 'instance', 'job', 'peer', 'status']);
      expect(['active', 'inactive']).toContain(c.metric.status);
    }
    const total = channels.reduce((a, c) => a + Number(c.value[1]), 0);
    const active = channels.filter((c) => c.metric.status === 'active').reduce((a, c) => a + Number(c.value[1]), 0);
    const shown = Number((await vector(sig.lnOutgoingSats.expr))[0].value[1]);
    expect(shown).toBe(active);
    expect(shown).toBeGreaterThanOrEqual(1_000_000);
    const stuck = Number((await vector(sig.lnInactiveSats.expr))[0].value[1]);
    expect(shown + stuck).toBe(total);
  });

  it('serves the instrumentator’s MCP metrics; the overview reads errors from the counter and p95 from highr', async () => {
    expect((await vector('count by (status) (http_requests_total{job="mcp_server"})')).map((s) => s.metric.status).sort()).toEqual(
      expect.arrayContaining(['2xx'])
    );
    expect(await vector('http_request_duration_seconds_count{job="mcp_server", status!=""}')).toEqual([]);
    const p95 = Number((await vector(sig.mcpP95.expr))[0].value[1]);
    expect(p95).toBeGreaterThan(0);
    expect(p95).toBeLessThan(1);
    const share = Number((await vector(sig.mcpErrorShare.expr))[0].value[1]);
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThan(0.2);
  });

  it('the stack rules load and evaluate without error against it; its MCP and Lightning rules stay inactive', async () => {
    const res = await prom.get('/api/v1/rules');
    const body = res.body as {
      data: { groups: Array<{ rules: Array<{ name: string; type: string; health: string; state: string }> }> };
    };
    const rules = body.data.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(12);
    // Recording groups with their own 1m/5m interval may not have run yet ("unknown"); nothing may be in error,
    // and every alert rule (evaluated every second here) must have run cleanly.
    expect(rules.filter((r) => r.health === 'err')).toEqual([]);
    expect(rules.filter((r) => r.type === 'alerting' && r.health !== 'ok')).toEqual([]);
    const quiet = rules.filter((r) =>
      ['McpServerDown', 'McpServerErroring', 'LightningChainNotSynced', 'LightningOutboundBelowRebalanceThreshold'].includes(r.name)
    );
    expect(quiet.map((r) => r.state)).toEqual(['inactive', 'inactive', 'inactive', 'inactive']);
  });
});

async function waitFor(probe: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('demo exporter data did not reach Prometheus in time');
}
