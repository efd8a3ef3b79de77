import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startDaemon, tempDir } from './processes';

/**
 * Real VictoriaMetrics 1.79.5 (Debian `victoria-metrics`) for tests: a single-node store and `vmauth` in front of
 * it. vmauth adds `extra_label=<label>=<value>` to every query of a user: a real label-enforcing proxy.
 */
export interface RunningVm {
  url: string;
  /** Imports Prometheus text exposition lines with millisecond timestamps, then makes them searchable. */
  importLines(lines: string[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startVictoriaMetrics(): Promise<RunningVm> {
  const tmp = tempDir('vm');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  try {
    const d = await startDaemon(
      'victoria-metrics',
      [
        `-storageDataPath=${join(tmp.dir, 'data')}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        '-retentionPeriod=100y',
        '-loggerLevel=ERROR',
      ],
      async () => (await fetch(`${url}/health`)).ok,
      { name: 'victoria-metrics' }
    );
    return {
      url,
      importLines: async (lines) => {
        const r = await fetch(`${url}/api/v1/import/prometheus`, { method: 'POST', body: `${lines.join('\n')}\n` });
        if (!r.ok) {
          throw new Error(`import failed: ${r.status} ${await r.text()}`);
        }
        await fetch(`${url}/internal/force_flush`);
      },
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

export interface VmauthUser {
  username: string;
  password: string;
  /** Upstream URL, e.g. `http://127.0.0.1:8428/?extra_label=tenant=acme`. */
  urlPrefix: string;
}

/** vmauth 1.79.5 only routes authenticated users (no `unauthorized_user` yet). */
export async function startVmauth(users: VmauthUser[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const tmp = tempDir('vmauth');
  const config = join(tmp.dir, 'auth.yml');
  writeFileSync(
    config,
    `users:\n${users.map((u) => `- username: ${JSON.stringify(u.username)}\n  password: ${JSON.stringify(u.password)}\n  url_prefix: ${JSON.stringify(u.urlPrefix)}`).join('\n')}\n`
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  try {
    const d = await startDaemon(
      'vmauth',
      [`-auth.config=${config}`, `-httpListenAddr=127.0.0.1:${port}`, '-loggerLevel=ERROR'],
      async () => (await fetch(`${url}/health`)).ok,
      {
        name: 'vmauth',
      }
    );
    return {
      url,
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
