import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PromData } from './prometheus';
import { freePort, hasCommand, startDaemon, tempDir } from './processes';

/**
 * Real VictoriaMetrics 1.79.5 (Debian `victoria-metrics`) for tests: a single-node store, `vmauth` in front of it
 * and `vmalert` evaluating rule files against it. Every process gets its own loopback port and temp dir and is
 * stopped by `stop()`.
 */
export interface RunningVm {
  url: string;
  dataDir: string;
  /** Imports Prometheus text exposition lines with millisecond timestamps, then makes them searchable. */
  importLines(lines: string[]): Promise<void>;
  /** Imports `/api/v1/import` JSON lines (`{metric, values, timestamps}` per series), then makes them searchable. */
  importJson(series: VmSeries[]): Promise<void>;
  /** Instant query; throws with VictoriaMetrics' error text. */
  query(expr: string, time?: number): Promise<PromData>;
  queryRange(expr: string, start: number, end: number, step: number): Promise<PromData>;
  /** GET any path; the parsed JSON body (null when not JSON) and the raw text. */
  get(path: string): Promise<{ status: number; body: unknown; text: string }>;
  /** Makes freshly imported samples searchable and drops cached query results (imports may rewrite the past). */
  flush(): Promise<void>;
  logs(): string;
  stop(): Promise<void>;
}

/** One series in `/api/v1/import` JSON-lines form (app/vminsert/vmimport). Timestamps in milliseconds. */
export interface VmSeries {
  metric: Record<string, string>;
  values: number[];
  timestamps: number[];
}

export interface VmOptions {
  /** `-retentionPeriod` (months without a suffix; lib/flagutil/duration.go). Default 100y. */
  retention?: string;
  extraArgs?: string[];
  /** An existing `-storageDataPath` to open (not removed by stop()). */
  dataDir?: string;
}

export async function startVictoriaMetrics(opts: VmOptions = {}): Promise<RunningVm> {
  const tmp = tempDir('vm');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = opts.dataDir ?? join(tmp.dir, 'data');
  try {
    const d = await startDaemon(
      'victoria-metrics',
      [
        `-storageDataPath=${dataDir}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        `-retentionPeriod=${opts.retention ?? '100y'}`,
        '-loggerLevel=ERROR',
        ...(opts.extraArgs ?? []),
      ],
      async () => (await fetch(`${url}/health`)).ok,
      { name: 'victoria-metrics' }
    );
    const flush = async () => {
      await fetch(`${url}/internal/force_flush`);
      await fetch(`${url}/internal/resetRollupResultCache`);
    };
    const api = async (path: string, params: Record<string, string>): Promise<PromData> => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
      });
      const text = await res.text();
      const body = JSON.parse(text) as { status?: string; data?: PromData; error?: string };
      if (body.status !== 'success' || !body.data) {
        throw new Error(
          `VictoriaMetrics ${path} failed (${res.status}): ${body.error ?? text}\nquery: ${params.query}`
        );
      }
      return body.data;
    };
    return {
      url,
      dataDir,
      importLines: async (lines) => {
        await post(`${url}/api/v1/import/prometheus`, `${lines.join('\n')}\n`);
        await flush();
      },
      importJson: async (series) => {
        // Several smaller bodies: one import request is read into memory whole.
        for (let i = 0; i < series.length; i += 20) {
          await post(
            `${url}/api/v1/import`,
            series
              .slice(i, i + 20)
              .map((s) => JSON.stringify(s))
              .join('\n') + '\n'
          );
        }
        await flush();
      },
      query: (expr, time) =>
        api('/api/v1/query', { query: expr, ...(time !== undefined ? { time: String(time) } : {}) }),
      queryRange: (expr, start, end, step) =>
        api('/api/v1/query_range', { query: expr, start: String(start), end: String(end), step: String(step) }),
      get: async (path) => {
        const res = await fetch(`${url}${path}`);
        const text = await res.text();
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        return { status: res.status, body, text };
      },
      flush,
      logs: d.logs,
      stop: async () => {
        await d.stop();
        tmp.remove();
      },
    };
  } catch (e) {
    tmp.remove();
    throw e;
  }
}

async function post(url: string, body: string) {
  const r = await fetch(url, { method: 'POST', body });
  if (!r.ok) {
    throw new Error(`import failed: ${r.status} ${await r.text()}`);
  }
}

export interface VmauthUser {
  username: string;
  password: string;
  /** Upstream URL, e.g. `http://127.0.0.1:8428/?extra_label=tenant=acme`. */
  urlPrefix: string;
}

/**
 * Starts vmauth 1.79.5 with `users` (each routed wholly to its `url_prefix`) or with a whole `-auth.config` text
 * (e.g. from src/tenants/vmauthConfig.ts); `env` is its environment (`%{VAR}` placeholders in the config).
 * vmauth 1.79.5 only routes authenticated users (no `unauthorized_user` yet).
 */
export async function startVmauth(
  users: VmauthUser[] | { config: string; env?: Record<string, string> }
): Promise<{ url: string; stop: () => Promise<void>; logs: () => string }> {
  const tmp = tempDir('vmauth');
  const config = join(tmp.dir, 'auth.yml');
  const text = Array.isArray(users)
    ? `users:\n${users.map((u) => `- username: ${JSON.stringify(u.username)}\n  password: ${JSON.stringify(u.password)}\n  url_prefix: ${JSON.stringify(u.urlPrefix)}`).join('\n')}\n`
    : users.config;
  writeFileSync(config, text);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  try {
    const d = await startDaemon(
      'vmauth',
      [`-auth.config=${config}`, `-httpListenAddr=127.0.0.1:${port}`, '-loggerLevel=ERROR'],
      async () => (await fetch(`${url}/health`)).ok,
      { name: 'vmauth', env: Array.isArray(users) ? undefined : users.env }
    );
    return {
      url,
      logs: d.logs,
      stop: async () => {
        await d.stop();
        tmp.remove();
      },
    };
  } catch (e) {
    tmp.remove();
    throw e;
  }
}

export interface VmalertOptions {
  /** Rule files: name → YAML text. */
  rules: Record<string, string>;
  /** `-datasource.url` (VictoriaMetrics). */
  datasource: string;
  /** `-remoteWrite.url` (ALERTS, ALERTS_FOR_STATE and recording rule results); default the datasource. */
  remoteWrite?: string;
  /** `-remoteRead.url` (restores alert state on start). */
  remoteRead?: string;
  evaluationInterval?: string;
  /** `-notifier.url`; alerting rules need one in 1.79.5 (app/vmalert/manager.go start). */
  notifier?: string;
  extraArgs?: string[];
  /** Listen on this loopback port (e.g. one VictoriaMetrics' -vmalert.proxyURL already names); default a free one. */
  port?: number;
}

/** Starts vmalert 1.79.5 evaluating `rules` against VictoriaMetrics. */
export async function startVmalert(
  opts: VmalertOptions
): Promise<{ url: string; stop: () => Promise<void>; logs: () => string }> {
  const tmp = tempDir('vmalert');
  const ruleArgs = Object.entries(opts.rules).map(([name, text]) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, text);
    return `-rule=${path}`;
  });
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  try {
    const d = await startDaemon(
      'vmalert',
      [
        ...ruleArgs,
        `-datasource.url=${opts.datasource}`,
        `-remoteWrite.url=${opts.remoteWrite ?? opts.datasource}`,
        ...(opts.remoteRead ? [`-remoteRead.url=${opts.remoteRead}`] : []),
        ...(opts.notifier ? [`-notifier.url=${opts.notifier}`] : []),
        `-evaluationInterval=${opts.evaluationInterval ?? '15s'}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        '-loggerLevel=ERROR',
        ...(opts.extraArgs ?? []),
      ],
      async () => (await fetch(`${url}/health`)).ok,
      { name: 'vmalert' }
    );
    return {
      url,
      logs: d.logs,
      stop: async () => {
        await d.stop();
        tmp.remove();
      },
    };
  } catch (e) {
    tmp.remove();
    throw e;
  }
}

/**
 * True when the VictoriaMetrics binaries are installed. In CI (CI=true) a missing one fails the test run, since
 * `.ci/run` installs the Debian package; elsewhere the caller skips with this message.
 */
export async function vmToolsAvailable(tools = ['victoria-metrics', 'vmauth', 'vmalert']): Promise<boolean> {
  const missing: string[] = [];
  for (const t of tools) {
    if (!(await hasCommand(t))) {
      missing.push(t);
    }
  }
  if (missing.length > 0 && process.env.CI === 'true') {
    throw new Error(`${missing.join(', ')} missing: .ci/run installs the Debian package victoria-metrics`);
  }
  if (missing.length > 0) {
    console.warn(`skipping: ${missing.join(', ')} not installed (Debian package victoria-metrics)`);
  }
  return missing.length === 0;
}

/** RFC 3339 (what vmalert's -replay.timeFrom/-replay.timeTo take) of Unix seconds. */
export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}
