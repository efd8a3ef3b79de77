import { cpSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, run, startDaemon, tempDir } from './processes';

/**
 * A real Prometheus (Debian's 2.42) for integration tests: backfilled from OpenMetrics with promtool, started on a
 * free loopback port with its own temp dir, stopped and cleaned up by `stop()`.
 */
export interface RunningPrometheus {
  url: string;
  port: number;
  dataDir: string;
  /** Instant query; returns the `data` of the API answer or throws with Prometheus' error text. */
  query(expr: string, time?: number): Promise<PromData>;
  queryRange(expr: string, start: number, end: number, step: number): Promise<PromData>;
  /** GET any API path (e.g. `/api/v1/rules`) and return the parsed JSON body (any status). */
  get(path: string): Promise<{ status: number; body: unknown }>;
  logs(): string;
  stop(): Promise<void>;
}

export interface PromVectorSample {
  metric: Record<string, string>;
  value: [number, string];
}
export interface PromMatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}
export type PromData =
  | { resultType: 'vector'; result: PromVectorSample[] }
  | { resultType: 'matrix'; result: PromMatrixSeries[] }
  | { resultType: 'scalar' | 'string'; result: [number, string] };

export interface StartOptions {
  /** OpenMetrics text to backfill before start (see openmetrics.ts). */
  openmetrics?: string;
  /** Persisted block directories to copy into the fresh data dir (the originals stay untouched). */
  blocks?: string[];
  /** Extra `scrape_configs` entries as YAML text (indented list items), e.g. for node_exporter. */
  scrapeConfigsYaml?: string;
  /** Rule files: name → YAML content, written beside the config and listed in `rule_files`. */
  ruleFiles?: Record<string, string>;
  evaluationInterval?: string;
  scrapeInterval?: string;
  /** Retention long enough for old fixtures (default 400d). */
  retention?: string;
  /** More command-line flags, e.g. the dev stack's `--query.*` limits. */
  extraArgs?: string[];
}

/** Backfills OpenMetrics text into `dataDir` as persisted blocks. */
export async function backfill(openmetrics: string, dataDir: string): Promise<void> {
  const work = tempDir('backfill');
  try {
    const input = join(work.dir, 'in.om');
    writeFileSync(input, openmetrics);
    const out = join(work.dir, 'out');
    // A 24h max block duration keeps long fixtures from producing one huge block.
    const r = await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', input, out], {
      timeoutMs: 600_000,
    });
    if (r.code !== 0) {
      throw new Error(`promtool backfill failed (${r.code}):\n${r.stderr.slice(-4000)}${r.stdout.slice(-2000)}`);
    }
    mkdirSync(dataDir, { recursive: true });
    for (const block of readdirSync(out)) {
      renameSync(join(out, block), join(dataDir, block));
    }
  } finally {
    work.remove();
  }
}

/** Starts Prometheus on a fresh temp dir, with copied blocks and/or backfilled OpenMetrics when given. */
export async function startPrometheus(opts: StartOptions = {}): Promise<RunningPrometheus> {
  const tmp = tempDir('prom');
  try {
    return await startIn(tmp, opts);
  } catch (e) {
    tmp.remove();
    throw e;
  }
}

async function startIn(tmp: { dir: string; remove: () => void }, opts: StartOptions): Promise<RunningPrometheus> {
  const dataDir = join(tmp.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  for (const block of opts.blocks ?? []) {
    cpSync(block, join(dataDir, block.split('/').pop()!), { recursive: true });
  }
  if (opts.openmetrics) {
    await backfill(opts.openmetrics, dataDir);
  }
  const ruleNames = Object.keys(opts.ruleFiles ?? {});
  for (const name of ruleNames) {
    writeFileSync(join(tmp.dir, name), opts.ruleFiles![name]);
  }
  const config = [
    'global:',
    `  scrape_interval: ${opts.scrapeInterval ?? '15s'}`,
    `  evaluation_interval: ${opts.evaluationInterval ?? '15s'}`,
    ruleNames.length ? `rule_files:\n${ruleNames.map((n) => `  - ${join(tmp.dir, n)}`).join('\n')}` : '',
    'scrape_configs:',
    opts.scrapeConfigsYaml ?? '  []',
  ].join('\n');
  const configFile = join(tmp.dir, 'prometheus.yml');
  writeFileSync(configFile, config);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const daemon = await startDaemon(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--storage.tsdb.retention.time=${opts.retention ?? '400d'}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      '--log.level=warn',
      ...(opts.extraArgs ?? []),
    ],
    async () => (await fetch(`${url}/-/ready`)).ok,
    { name: 'prometheus', timeoutMs: 120_000 }
  );

  async function api(path: string, params: Record<string, string>): Promise<PromData> {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const body = (await res.json()) as { status: string; data?: PromData; error?: string; errorType?: string };
    if (body.status !== 'success' || !body.data) {
      throw new Error(`Prometheus ${path} failed (${res.status} ${body.errorType}): ${body.error}\nquery: ${params.query}`);
    }
    return body.data;
  }

  return {
    url,
    port,
    dataDir,
    query: (expr, time) => api('/api/v1/query', { query: expr, ...(time !== undefined ? { time: String(time) } : {}) }),
    queryRange: (expr, start, end, step) =>
      api('/api/v1/query_range', { query: expr, start: String(start), end: String(end), step: String(step) }),
    get: async (path) => {
      const res = await fetch(`${url}${path}`);
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    logs: daemon.logs,
    stop: async () => {
      await daemon.stop();
      tmp.remove();
    },
  };
}

/** The single numeric value of an instant vector query (undefined when empty; throws when several series). */
export function singleValue(data: PromData): number | undefined {
  if (data.resultType === 'scalar') {
    return Number(data.result[1]);
  }
  if (data.resultType !== 'vector') {
    throw new Error(`expected a vector, got ${data.resultType}`);
  }
  if (data.result.length === 0) {
    return undefined;
  }
  if (data.result.length > 1) {
    throw new Error(`expected one series, got ${data.result.length}: ${JSON.stringify(data.result.map((r) => r.metric))}`);
  }
  return Number(data.result[0].value[1]);
}

/** Starts the machine's real node_exporter on a free loopback port. */
export async function startNodeExporter(): Promise<{ url: string; target: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const target = `127.0.0.1:${port}`;
  const daemon = await startDaemon(
    'prometheus-node-exporter',
    [`--web.listen-address=${target}`],
    async () => (await fetch(`http://${target}/metrics`)).ok,
    { name: 'node_exporter' }
  );
  return { url: `http://${target}`, target, stop: daemon.stop };
}
