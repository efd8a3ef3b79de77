// Demo data for the dev stack: the parts of the operator's stack that cannot run in docker compose, simulated with
// the metric names, labels and bucket bounds of the real exporters (cited below), and the customers' traffic, sent
// for real through the gateway so the per-tenant SLIs come from Traefik's own metrics (SLI recipe "traefik").
//   :9091  the MCP server on floki, instrumented by prometheus-fastapi-instrumentator (metrics.py default())
//   :9092  lndmon of the Lightning node (collectors/channels_collector.go, chain_collector.go, ...)
//   traffic: chat completions to TRAFFIC_URL, one Host per tenant (`{id}.inference.localhost`), which the gateway
//            routes through the tenant's router
// Dependency-free, Node >= 20. Env: MCP_PORT (9091), LND_PORT (9092), TICK_MS (1000), SEED (42),
// TENANTS ("acme:light,globex:heavy"; profiles light, heavy), TRAFFIC_URL (unset: no traffic), TENANT_HOST
// ("{id}.inference.localhost"), API_KEY, MODEL (qwen3-32b), MAX_IN_FLIGHT (24).
import { request } from 'node:http';
import { createServer } from 'node:http';

const env = process.env;
const TICK_MS = Number(env.TICK_MS ?? 1000);
const MODEL = env.MODEL ?? 'qwen3-32b';
const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const PROFILES = ['light', 'heavy'];
const TRAFFIC_URL = env.TRAFFIC_URL ?? '';
const TENANT_HOST = env.TENANT_HOST ?? '{id}.inference.localhost';
const API_KEY = env.API_KEY ?? '';
const MAX_IN_FLIGHT = Number(env.MAX_IN_FLIGHT ?? 24);
// prometheus-fastapi-instrumentator metrics.py default(): latency_lowr_buckets and latency_highr_buckets.
const LOWR = [0.1, 0.5, 1];
const HIGHR = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 7.5, 10, 30, 60];

// Deterministic PRNG (mulberry32) so a restart replays the same traffic shape.
let seed = Number(env.SEED ?? 42) >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function gaussian() {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
function poisson(mean) {
  if (mean > 30) {
    // Normal approximation for large means; never negative.
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
  }
  // Knuth's method: exact for the small per-tick means the traffic uses.
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

function parseTenants(spec) {
  const out = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, profile = 'light'] = part.split(':');
    if (!TENANT_ID.test(id) || !PROFILES.includes(profile)) {
      console.error(`demo-exporter: bad TENANTS entry "${part}" (want id:${PROFILES.join('|')}, id like acme)`);
      process.exit(2);
    }
    out.push({ id, profile });
  }
  return out;
}

/** prometheus_client prints bounds as Python floats: 1.0, 0.5, 60.0. */
const pyFloat = (v) => (Number.isInteger(v) ? `${v}.0` : String(v));

class Histogram {
  constructor(bounds) {
    this.bounds = bounds;
    this.counts = bounds.map(() => 0);
    this.count = 0;
    this.sum = 0;
  }
  observe(v) {
    this.bounds.forEach((b, i) => {
      if (v <= b) this.counts[i] += 1;
    });
    this.count += 1;
    this.sum += v;
  }
  lines(name, labels) {
    const l = labelText(labels);
    const sep = l ? ',' : '';
    const plain = l ? `{${l}}` : '';
    return [
      ...this.bounds.map((b, i) => `${name}_bucket{${l}${sep}le="${pyFloat(b)}"} ${this.counts[i]}`),
      `${name}_bucket{${l}${sep}le="+Inf"} ${this.count}`,
      `${name}_sum${plain} ${this.sum.toFixed(6)}`,
      `${name}_count${plain} ${this.count}`,
    ];
  }
}

function labelText(labels) {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
}

const tenants = parseTenants(env.TENANTS ?? 'acme:light,globex:heavy');

// ---- the MCP server (FastAPI + instrumentator): status grouped to Nxx on the counter only ----
const mcp = { http: { '2xx': 0, '5xx': 0 }, lowr: new Histogram(LOWR), highr: new Histogram(HIGHR) };

// ---- lndmon: one series per channel {chan_id, status, initiator, peer}; GetInfo's channel counts ----
const channels = [
  { id: '872345000000001', initiator: 'true', local: 700_000, capacity: 1_000_000 },
  { id: '872345000000002', initiator: 'true', local: 550_000, capacity: 1_000_000 },
  { id: '872345000000003', initiator: 'false', local: 300_000, capacity: 500_000 },
  { id: '872345000000004', initiator: 'true', local: 800_000, capacity: 2_000_000 },
  { id: '872345000000005', initiator: 'false', local: 250_000, capacity: 500_000 },
  // A peer that is often offline: its 900,000 sats are not spendable while it is (the overview shows them apart).
  { id: '872345000000006', initiator: 'true', local: 900_000, capacity: 1_000_000, flaky: true },
].map((c, i) => ({ ...c, peer: `03${String(i).repeat(64).slice(0, 64)}`, active: true }));
const lnd = { synced: 1 };

function tickMcp() {
  for (let i = 0, n = poisson(0.8); i < n; i++) {
    const ok = random() >= 0.004;
    mcp.http[ok ? '2xx' : '5xx'] += 1;
    const seconds = 0.04 * Math.exp(0.6 * gaussian());
    mcp.lowr.observe(seconds);
    mcp.highr.observe(seconds);
  }
}

function tickLnd(now) {
  // Outbound liquidity drains with payments and is rebalanced once the active channels near 1,000,000 sats.
  const active = channels.filter((c) => c.active && !c.flaky);
  const spendable = active.reduce((a, c) => a + c.local, 0);
  for (const c of active) {
    c.local = spendable < 1_100_000 ? Math.round(c.capacity * 0.7) : Math.max(0, c.local - Math.round(30 * random()));
  }
  // The flaky peer is offline for 20 minutes of every hour.
  const minute = new Date(now).getUTCMinutes();
  for (const c of channels.filter((x) => x.flaky)) c.active = minute >= 20;
}

function mcpMetrics() {
  return [
    '# HELP http_requests_total Total number of requests by method, status and handler.',
    '# TYPE http_requests_total counter',
    ...Object.entries(mcp.http).map(([s, v]) => `http_requests_total{handler="/mcp",method="POST",status="${s}"} ${v}`),
    '# HELP http_request_duration_highr_seconds Latency with many buckets but no API specific labels. Made for more accurate percentile calculations. ',
    '# TYPE http_request_duration_highr_seconds histogram',
    ...mcp.highr.lines('http_request_duration_highr_seconds', {}),
    '# HELP http_request_duration_seconds Latency with only few buckets by handler. Made to be only used if aggregation by handler is important. ',
    '# TYPE http_request_duration_seconds histogram',
    ...mcp.lowr.lines('http_request_duration_seconds', { handler: '/mcp', method: 'POST' }),
  ];
}

function lndMetrics() {
  const gauge = (name, help, rows) => [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...rows];
  const perChannel = (name, help, value) =>
    gauge(
      name,
      help,
      channels.map((c) => `${name}{${labelText({ chan_id: c.id, status: c.active ? 'active' : 'inactive', initiator: c.initiator, peer: c.peer })}} ${value(c)}`)
    );
  const activeCount = channels.filter((c) => c.active).length;
  return [
    ...gauge('lnd_chain_synced', 'lnd is synced to the chain', [`lnd_chain_synced ${lnd.synced}`]),
    ...gauge('lnd_graph_synced', 'lnd is synced to the graph', ['lnd_graph_synced 1']),
    ...gauge('lnd_channels_active_total', 'total number of active channels', [`lnd_channels_active_total ${activeCount}`]),
    ...gauge('lnd_channels_inactive_total', 'total number of inactive channels', [`lnd_channels_inactive_total ${channels.length - activeCount}`]),
    ...perChannel('lnd_channels_bandwidth_outgoing_sat', 'total available outgoing channel bandwidth within this channel', (c) => c.local),
    ...perChannel('lnd_channels_bandwidth_incoming_sat', 'total available incoming channel bandwidth within this channel', (c) => c.capacity - c.local),
    ...gauge('lnd_wallet_balance_confirmed_sat', 'confirmed wallet balance', ['lnd_wallet_balance_confirmed_sat 4250000']),
    ...gauge('lnd_peer_count', 'total number of peers', ['lnd_peer_count 9']),
  ];
}

// ---- the customers' traffic, through the gateway ----
const TRAFFIC = {
  // Chat assistants: short prompts, short answers, half of them streamed.
  light: { rps: 0.8, promptWords: 60, maxTokens: [64, 160], stream: 0.5, abandon: 0.01 },
  // Document jobs: long prompts, long answers (slow, sometimes cut at max_tokens), mostly not streamed.
  heavy: { rps: 0.4, promptWords: 1200, maxTokens: [300, 700], stream: 0.2, abandon: 0.03 },
};
let inFlight = 0;
const sent = { ok: 0, failed: 0, unreachable: 0 };

function body(tenant, p) {
  const [lo, hi] = p.maxTokens;
  return {
    model: MODEL,
    // Every tenant's system prompt is the same from request to request: the prefix cache gets hits.
    messages: [
      { role: 'system', content: `You are the assistant of ${tenant.id}. Answer briefly and cite the document.` },
      { role: 'user', content: `Request ${Math.floor(random() * 1e9)}: ${'words '.repeat(Math.round(p.promptWords * (0.5 + random())))}` },
    ],
    max_completion_tokens: Math.round(lo + (hi - lo) * random()),
    stream: random() < p.stream,
  };
}

function send(tenant) {
  const p = TRAFFIC[tenant.profile];
  const payload = JSON.stringify(body(tenant, p));
  const url = new URL('/v1/chat/completions', TRAFFIC_URL);
  inFlight++;
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    Host: TENANT_HOST.replace('{id}', tenant.id),
    ...(API_KEY ? { Authorization: `Bearer ${API_KEY}` } : {}),
  };
  const abandonAfter = random() < p.abandon ? 500 + random() * 1500 : 0;
  const req = request(url, { method: 'POST', headers }, (res) => {
    sent[res.statusCode && res.statusCode < 500 ? 'ok' : 'failed']++;
    res.resume();
    res.on('end', () => inFlight--);
    res.on('error', () => inFlight--);
  });
  req.on('error', () => {
    sent.unreachable++;
    inFlight--;
  });
  // A client that gives up: vLLM never counts it as finished, the gateway saw a request.
  if (abandonAfter) setTimeout(() => req.destroy(), abandonAfter).unref();
  req.end(payload);
}

function tickTraffic() {
  if (!TRAFFIC_URL) return;
  for (const t of tenants) {
    for (let i = 0, n = poisson((TRAFFIC[t.profile].rps * TICK_MS) / 1000); i < n && inFlight < MAX_IN_FLIGHT; i++) send(t);
  }
}

function tick() {
  const now = Date.now();
  tickMcp();
  tickLnd(now);
  tickTraffic();
}

function serve(name, portText, fallback, render) {
  const port = Number(portText ?? fallback);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      return res.end(`${render().join('\n')}\n`);
    }
    if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(`${JSON.stringify({ ok: true, traffic: sent, inFlight })}\n`);
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return res.end(`${name}: only GET /metrics and /health\n`);
  });
  server.listen(port, () => console.log(`demo-exporter: ${name} metrics on :${port}`));
  return server;
}

const servers = [serve('mcp', env.MCP_PORT, 9091, mcpMetrics), serve('lndmon', env.LND_PORT, 9092, lndMetrics)];
const timer = setInterval(tick, TICK_MS);
console.log(
  `demo-exporter: tenants ${tenants.map((t) => `${t.id}(${t.profile})`).join(', ')}, traffic ${TRAFFIC_URL || 'off'}, tick ${TICK_MS} ms`
);
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    clearInterval(timer);
    servers.forEach((s) => s.close());
    process.exit(0);
  });
}
