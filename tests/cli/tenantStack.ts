import { hasCommand } from '../helpers/processes';
import { startVictoriaMetrics, startVmauth, type RunningVm } from '../helpers/victoriametrics';
import { passwordEnv, vmauthConfigYaml } from '../../src/tenants/vmauthConfig';
import { runTenantCommand } from '../../src/tenants/cli';
import { FakeGrafana } from './fakeGrafana';

/**
 * The world `npm run tenant` meets in tests: one real VictoriaMetrics holding two tenants' series and the operator's
 * own (no tenant label), one real vmauth enforcing `extra_label=tenant=<id>` per tenant user (the label-enforcing
 * proxy), and a Grafana stand-in whose data source proxy reaches them by the dev stack's host names.
 */
export interface TenantWorld {
  vm: RunningVm;
  vmauthUrl: string;
  stop(): Promise<void>;
}

export const TENANTS = ['acme', 'globex'] as const;
export const ADMIN_ENV = { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'secret' };

/** Skips (locally) or fails (CI=true) when VictoriaMetrics is not installed. */
export async function vmAvailable(): Promise<boolean> {
  const ok = (await hasCommand('victoria-metrics')) && (await hasCommand('vmauth'));
  if (!ok && process.env.CI === 'true') {
    throw new Error('victoria-metrics/vmauth missing: .ci/run installs the Debian package victoria-metrics');
  }
  if (!ok) {
    console.warn('skipping: install the Debian package victoria-metrics for the tenant isolation tests');
  }
  return ok;
}

function sampleLines(now: number): string[] {
  const lines: string[] = [];
  // Samples 20 to 2 minutes old: VictoriaMetrics hides the newest 30 s (-search.latencyOffset).
  for (let ago = 20; ago >= 2; ago -= 2) {
    const ts = (now - ago * 60) * 1000;
    for (const t of TENANTS) {
      lines.push(`gateway_requests_total{tenant="${t}",status="2xx"} ${100 - ago} ${ts}`);
      lines.push(`gateway_request_seconds_count{tenant="${t}"} ${50 - ago} ${ts}`);
    }
    lines.push(`up{job="node",instance="spark:9100"} 1 ${ts}`);
  }
  return lines;
}

export async function startTenantWorld(): Promise<TenantWorld> {
  const vm = await startVictoriaMetrics();
  try {
    await vm.importLines(sampleLines(Math.floor(Date.now() / 1000)));
    // The dev stack's vmauth users (src/tenants/vmauthConfig.ts): read-only routes, extra_label per tenant.
    const auth = await startVmauth({
      config: vmauthConfigYaml(
        vm.url,
        TENANTS.map((t) => ({ id: t, label: 'tenant' }))
      ),
      env: Object.fromEntries(TENANTS.map((t) => [passwordEnv(t), `${t}-pw`])),
    });
    return {
      vm,
      vmauthUrl: auth.url,
      stop: async () => {
        await auth.stop();
        await vm.stop();
      },
    };
  } catch (e) {
    await vm.stop();
    throw e;
  }
}

/**
 * A fresh Grafana stand-in: org 1 "Main Org." runs the app in operator mode with the operator's unfiltered
 * Prometheus (http://prometheus:9090 → the real VictoriaMetrics, every tenant in it); each tenant's
 * http://prom-label-proxy-<id>:8080 reaches vmauth as that tenant's user.
 */
export async function freshGrafana(world: TenantWorld): Promise<FakeGrafana> {
  const g = new FakeGrafana();
  await g.start();
  g.appSettings.set(1, { enabled: true, pinned: true, jsonData: { mode: 'operator' } });
  g.datasources.push({
    id: 1,
    orgId: 1,
    uid: 'prometheus',
    name: 'Prometheus',
    type: 'prometheus',
    access: 'proxy',
    url: 'http://prometheus:9090',
    isDefault: true,
    jsonData: {},
  });
  g.network.set('prometheus:9090', { url: world.vm.url });
  for (const t of TENANTS) {
    g.network.set(`prom-label-proxy-${t}:8080`, { url: world.vmauthUrl, user: t, password: `${t}-pw` });
    g.network.set(`prom-label-proxy-history-${t}:8080`, { url: world.vmauthUrl, user: t, password: `${t}-pw` });
  }
  // vmauth itself, as the dev stack names it: the data source's own basic auth picks the tenant.
  g.network.set('vmauth:8427', { url: world.vmauthUrl });
  return g;
}

/** The demo Viewer password tenant tests onboard with. */
export const PW = { TENANT_VIEWER_PASSWORD: 'pw-123456' };

/** Runs `npm run tenant -- <argv>` in process against the Grafana stand-in, as its server admin. */
export async function tenant(g: FakeGrafana, argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTenantCommand(
    argv,
    { ...ADMIN_ENV, GRAFANA_URL: g.url, ...env },
    { out: (l) => out.push(l), err: (l) => err.push(l) }
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs a command that must be refused with `code`, and shows that truly no write reached Grafana. */
export async function refusedUnchanged(
  g: FakeGrafana,
  argv: string[],
  env: Record<string, string | undefined> = {},
  code = 1
) {
  const before = g.snapshot();
  const writes = g.writes().length;
  const r = await tenant(g, argv, env);
  expect(r.code).toBe(code);
  expect(g.writes().length).toBe(writes);
  expect(g.snapshot()).toBe(before);
  return r;
}

/** The id of the org with this name in the stand-in. */
export const orgOf = (g: FakeGrafana, name: string) => g.orgs.find((o) => o.name === name)!.id;
