/**
 * @jest-environment node
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pluginJson from '../../src/plugin.json';
import { defaultSettings } from '../../src/settings/defaults';
import { TENANT_ID } from '../../src/settings/parseSettings';
import { knownBounds, risingThresholdReachable, topFiniteBound } from '../../src/exporters/histograms';
import { recipeFor, recipeRulesYaml } from '../../src/sla/recipes';
import { loadCompose, onboardedTenants, type Service } from './compose';
import { ROOT, list, obj, readYaml, str } from './files';

// Static checks of docker-compose.yaml: Docker cannot run here, so every promise the file makes about paths,
// images, ports, tenants and service names is checked against the repo and the provisioning it mounts.
const { doc, services } = loadCompose();
const all = [...services.values()];
const settings = defaultSettings();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Build outputs: `npm run server` runs `npm run build` before `docker compose up`, which creates them. */
const BUILD_OUTPUTS = ['dist'];
/** Host system paths the stack reads (docker socket, journal, machine id, the root fs for node_exporter). */
const HOST_PATHS = ['/var/run/docker.sock', '/var/log/journal', '/etc/machine-id', '/'];

/** Every name a container can be reached by on the compose network. */
const hostnames = new Set(all.flatMap((s) => [s.name, ...s.aliases]));

function service(name: string): Service {
  const s = services.get(name);
  if (!s) {
    throw new Error(`docker-compose.yaml has no service "${name}"`);
  }
  return s;
}

function initTenants() {
  return onboardedTenants(services);
}

function flag(s: Service, name: string): string | undefined {
  const prefix = `-${name}=`;
  return s.command.find((c) => c.startsWith(prefix))?.slice(prefix.length);
}

describe('docker-compose.yaml', () => {
  it('names the project the Alloy config filters on', () => {
    expect(doc.name).toBe('sovgrid-ops');
    expect(readFileSync(join(ROOT, 'provisioning/alloy/config.alloy'), 'utf8')).toContain(`regex         = "${String(doc.name)}"`);
  });

  it.each(all.map((s) => [s.name, s]))('%s pins its image to a version', (_n, s) => {
    if (s.name === 'grafana') {
      // Built from the scaffold's Dockerfile: the version is a build argument, Grafana 13 by default.
      expect(s.buildArgs.grafana_version).toMatch(/^13\.\d+\.\d+$/);
      expect(s.buildArgs.grafana_image).toMatch(/^grafana(-enterprise)?$/);
      return;
    }
    const m = /^([a-z0-9.\-/]+)(?::([A-Za-z0-9._-]+))?$/.exec(s.image ?? '');
    expect(m).not.toBeNull();
    const tag = m![2] ?? '';
    expect(tag).not.toBe('');
    expect(tag).not.toMatch(/^(latest|main|master|nightly|edge)$/);
    expect(tag).toMatch(/\d+\.\d+/);
  });

  it('mounts only paths that exist: repo paths, declared volumes and a few host system paths', () => {
    const declared = Object.keys(obj(doc.volumes ?? {}, 'volumes'));
    for (const s of all) {
      for (const m of s.mounts) {
        if (m.kind === 'volume') {
          expect(declared).toContain(m.source);
        } else if (m.kind === 'host') {
          expect(HOST_PATHS).toContain(m.source);
        } else if (!BUILD_OUTPUTS.includes(m.source)) {
          expect([s.name, m.source, existsSync(join(ROOT, m.source))]).toEqual([s.name, m.source, true]);
        }
      }
    }
  });

  it('runs the vLLM simulator script of issue 6 on :8000 as `inference`', () => {
    const sim = service('vllm-sim');
    expect(sim.command).toEqual(['node', '/sim/server.mjs']);
    expect(sim.mounts).toContainEqual({ kind: 'repo', source: 'provisioning/vllm-sim', target: '/sim' });
  });

  it('runs every node script it mounts from this repo', () => {
    for (const [svc, dir, script] of [
      ['sms-relay', 'provisioning/sms-relay', 'relay.mjs'],
      ['demo-exporter', 'provisioning/demo-exporter', 'exporter.mjs'],
    ]) {
      const s = service(svc);
      const mount = s.mounts.find((m) => m.source === dir)!;
      expect(s.command).toEqual(['node', `${mount.target}/${script}`]);
      expect(existsSync(join(ROOT, dir, script))).toBe(true);
    }
  });

  it('loads the plugin under its id from dist/ and allows it unsigned', () => {
    const g = service('grafana');
    expect(g.mounts).toContainEqual({ kind: 'repo', source: 'dist', target: `/var/lib/grafana/plugins/${pluginJson.id}` });
    expect(g.mounts).toContainEqual({ kind: 'repo', source: 'provisioning/grafana', target: '/etc/grafana/provisioning' });
    expect(g.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',')).toContain(pluginJson.id);
    // Several orgs and logins: no anonymous Admin, and basic auth for the tenant CLI.
    expect(g.buildArgs.anonymous_auth_enabled).toBe('false');
    expect(g.environment.GF_AUTH_ANONYMOUS_ENABLED).toBe('false');
    expect(g.environment.GF_AUTH_BASIC_ENABLED).toBe('true');
  });

  it('publishes the ports of the product brief', () => {
    const expected: Array<[string, number]> = [
      ['grafana', 3000],
      ['prometheus', 9090],
      ['alertmanager', 9093],
      ['loki', 3100],
      ['node-exporter', 9100],
      ['vllm-sim', 8000],
      ['vllm', 8000],
      ['dcgm-exporter', 9400],
      ['demo-exporter', 9091],
      ['gateway', 8080],
    ];
    for (const [name, port] of expected) {
      const published = service(name).ports;
      // The gateway's web entrypoint (8080 inside) is published on 8088: 8080 is the proxies' port on the network.
      const host = name === 'gateway' ? 8088 : port;
      expect([name, published]).toEqual([name, expect.arrayContaining([{ host, container: port }])]);
    }
    // No two services that run together publish the same host port.
    const always = all.filter((s) => s.profiles.length === 0).flatMap((s) => s.ports.map((p) => p.host));
    expect(new Set(always).size).toBe(always.length);
  });

  it('keeps real vLLM and dcgm-exporter behind the gpu profile, both `inference` providers on :8000', () => {
    expect(service('vllm').profiles).toEqual(['gpu']);
    expect(service('dcgm-exporter').profiles).toEqual(['gpu']);
    expect(service('vllm').aliases).toContain('inference');
    expect(service('vllm-sim').aliases).toContain('inference');
    expect(service('vllm-sim').environment.PORT).toBe('8000');
    // The simulator and vLLM use the key Grafana gives the app's proxy route.
    const key = service('grafana').environment.VLLM_API_KEY;
    expect(key.length).toBeGreaterThan(0);
    expect(service('vllm-sim').environment.API_KEY).toBe(key);
    expect(service('vllm').command).toContain(`--api-key=${key}`);
  });

  it('scrapes only targets that exist on the compose network', () => {
    const cfg = obj(readYaml('provisioning/prometheus/prometheus.yml'), 'prometheus.yml');
    for (const job of list(cfg.scrape_configs, 'scrape_configs')) {
      for (const sc of list(obj(job, 'job').static_configs, 'static_configs')) {
        for (const t of list(obj(sc, 'static_config').targets, 'targets')) {
          const host = str(t, 'target').split(':')[0];
          expect(host === 'localhost' || hostnames.has(host)).toBe(true);
        }
      }
    }
    expect(service('prometheus').mounts).toContainEqual({ kind: 'repo', source: 'provisioning/prometheus', target: '/etc/prometheus' });
    expect(service('prometheus').command).toContain('--config.file=/etc/prometheus/prometheus.yml');
  });

  it('wires Alertmanager receivers, Loki and Grafana data sources to services that exist', () => {
    const am = readFileSync(join(ROOT, 'provisioning/alertmanager/alertmanager.yml'), 'utf8');
    for (const host of [...am.matchAll(/https?:\/\/([a-z0-9-]+):\d+/g)].map((m) => m[1])) {
      expect(hostnames).toContain(host);
    }
    expect(hostnames).toContain(/smtp_smarthost: '([a-z0-9-]+):/.exec(am)![1]);
    const alloy = readFileSync(join(ROOT, 'provisioning/alloy/config.alloy'), 'utf8');
    expect(hostnames).toContain(/url = "http:\/\/([a-z0-9-]+):3100/.exec(alloy)![1]);
    const ds = obj(readYaml('provisioning/grafana/datasources/operator.yaml'), 'datasources');
    for (const d of list(ds.datasources, 'datasources')) {
      const host = new URL(str(obj(d, 'ds').url, 'url')).hostname;
      expect(hostnames).toContain(host);
    }
  });

  it('onboards the same tenants everywhere: init service, label proxies, vmauth users, demo data', () => {
    const tenants = initTenants();
    expect(tenants.map((t) => [t.id, t.name, t.boundary])).toEqual([
      ['acme', 'Acme Corp', 'prom-label-proxy'],
      ['globex', 'Globex', 'vmauth'],
    ]);
    // A fresh stack has no tenant series until the first scrapes: each add waits for them instead of failing.
    for (const t of tenants) {
      expect(t.waitForData).toBeGreaterThanOrEqual(120);
    }
    const demo = service('demo-exporter').environment.TENANTS.split(',').map((t) => t.split(':')[0]);
    expect(demo.sort()).toEqual(tenants.map((t) => t.id).sort());
    const proxies = all.filter((s) => s.name.startsWith('prom-label-proxy-')).map((s) => s.name).sort();
    const expected = tenants
      .filter((t) => t.boundary === 'prom-label-proxy')
      .flatMap((t) => [`prom-label-proxy-${t.id}`, ...(t.history ? [`prom-label-proxy-history-${t.id}`] : [])]);
    expect(proxies).toEqual(expected.sort());
    for (const t of tenants.filter((x) => x.boundary === 'prom-label-proxy')) {
      expect(t.id).toMatch(TENANT_ID);
      // The CLI's default data source URL is http://prom-label-proxy-{id}:8080; the history pattern names its own.
      const pairs: Array<[Service, string]> = [[service(`prom-label-proxy-${t.id}`), 'http://prometheus:9090']];
      if (t.history) {
        expect(t.history).toBe('http://prom-label-proxy-history-{id}:8080');
        pairs.push([service(`prom-label-proxy-history-${t.id}`), 'http://victoriametrics:8428']);
      }
      for (const [p, upstream] of pairs) {
        expect(flag(p, 'insecure-listen-address')).toBe('0.0.0.0:8080');
        expect(flag(p, 'label')).toBe(settings.labels.tenant);
        expect(flag(p, 'label-value')).toBe(t.id);
        expect(flag(p, 'upstream')).toBe(upstream);
        expect(Object.keys(service('tenant-init').dependsOn)).toContain(p.name);
      }
    }
    // vmauth tenants: the password the init service gives the CLI is the one vmauth reads for that user.
    for (const t of tenants.filter((x) => x.boundary === 'vmauth')) {
      const envName = `VMAUTH_${t.id.toUpperCase()}_PASSWORD`;
      expect(t.env).toBe(`VMAUTH_PASSWORD=${envName}`);
      expect(service('vmauth').environment[envName]).toBeTruthy();
      expect(service('tenant-init').environment[envName]).toBe(service('vmauth').environment[envName]);
      expect(service('tenant-init').dependsOn.vmauth).toBe('service_healthy');
    }
  });

  it('keeps 14 days in Prometheus and 13 months in VictoriaMetrics, which Prometheus remote-writes to', () => {
    expect(service('prometheus').command).toContain('--storage.tsdb.retention.time=14d');
    const vm = service('victoriametrics');
    expect(flag(vm, 'retentionPeriod')).toBe('13');
    expect(vm.mounts).toContainEqual({ kind: 'volume', source: 'victoriametrics-data', target: '/storage' });
    expect(flag(vm, 'storageDataPath')).toBe('/storage');
    const cfg = obj(readYaml('provisioning/prometheus/prometheus.yml'), 'prometheus.yml');
    const rw = list(cfg.remote_write, 'remote_write').map((x) => obj(x, 'remote_write'));
    expect(rw.map((x) => x.url)).toEqual(['http://victoriametrics:8428/api/v1/write']);
    expect(hostnames).toContain('victoriametrics');
    // vmalert's rules API is the history data source's: VictoriaMetrics proxies it.
    expect(flag(vm, 'vmalert.proxyURL')).toBe('http://vmalert:8880');
    expect(flag(service('vmalert'), 'httpListenAddr')).toBe(':8880');
  });

  it('evaluates the history rules with vmalert on VictoriaMetrics, and the stack rules only in the vmalert profile', () => {
    const v = service('vmalert');
    expect(v.profiles).toEqual([]);
    expect(v.mounts).toContainEqual({ kind: 'repo', source: 'provisioning/victoriametrics/rules', target: '/etc/vmalert/rules' });
    for (const f of ['datasource.url', 'remoteWrite.url', 'remoteRead.url']) {
      expect([f, flag(v, f)]).toEqual([f, 'http://victoriametrics:8428']);
    }
    const stack = service('vmalert-stack');
    expect(stack.profiles).toEqual(['vmalert']);
    // Alert rules only: the SLA recording rules stay Prometheus' (their results are remote-written already).
    const mounted = stack.command.filter((c) => c.startsWith('-rule=')).map((c) => c.split('/').pop()).sort();
    const alertFiles = readdirSync(join(ROOT, 'provisioning/prometheus/rules'))
      .filter((f) => /^\s*- alert:/m.test(readFileSync(join(ROOT, 'provisioning/prometheus/rules', f), 'utf8')))
      .sort();
    expect(mounted).toEqual(alertFiles);
    expect(flag(stack, 'notifier.url')).toBe('http://alertmanager:9093');
    // Same labels as Prometheus' alerts, so Alertmanager sends one notification for both.
    expect(stack.command).toContain('-disableAlertgroupLabel');
    expect(stack.command).toContain('-remoteRead.showURL');
  });

  it('runs the init service against the compose Grafana with the CLI contract environment', () => {
    const init = service('tenant-init');
    const g = service('grafana');
    expect(init.environment.GRAFANA_URL).toBe('http://grafana:3000');
    expect(init.environment.GRAFANA_USER).toBe(g.environment.GF_SECURITY_ADMIN_USER);
    expect(init.environment.GRAFANA_PASSWORD).toBe(g.environment.GF_SECURITY_ADMIN_PASSWORD);
    expect(init.environment.TENANT_VIEWER_PASSWORD.length).toBeGreaterThan(0);
    expect(init.mounts).toContainEqual({ kind: 'repo', source: '.', target: '/app' });
    const script = init.command.join(' ');
    expect(script).toMatch(/^sh provisioning\/init\/wait-for-grafana\.sh && sh provisioning\/init\/check-cli\.sh && /);
    for (const m of script.matchAll(/\bsh (\S+\.sh)/g)) {
      expect(existsSync(join(ROOT, m[1]))).toBe(true);
    }
    expect(init.raw.restart).toBe('no');
  });

  it('waits for readiness where it matters: depends_on service_healthy on services that have a healthcheck', () => {
    for (const s of all) {
      for (const [target, condition] of Object.entries(s.dependsOn)) {
        expect([s.name, services.has(target)]).toEqual([s.name, true]);
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') {
          expect([target, service(target).healthcheck]).toEqual([target, expect.any(String)]);
        }
      }
    }
    const healthy = (from: string) => Object.entries(service(from).dependsOn).filter(([, c]) => c === 'service_healthy').map(([t]) => t);
    // Onboarding needs a Grafana that answers (and vmauth for its vmauth tenant); proxies and Grafana's data sources
    // need a ready Prometheus/Loki/VictoriaMetrics.
    expect(healthy('tenant-init')).toEqual(['grafana', 'vmauth']);
    expect(healthy('grafana').sort()).toEqual(['alertmanager', 'loki', 'prometheus']);
    expect(healthy('alloy')).toEqual(['loki']);
    for (const p of all.filter((x) => x.name.startsWith('prom-label-proxy-'))) {
      const upstream = flag(p, 'upstream') === 'http://victoriametrics:8428' ? 'victoriametrics' : 'prometheus';
      expect(healthy(p.name)).toEqual([upstream]);
    }
    expect(healthy('vmauth')).toEqual(['victoriametrics']);
    expect(healthy('vmalert')).toEqual(['victoriametrics']);
  });

  it.each([
    ['grafana', '/api/health'],
    ['prometheus', '/-/ready'],
    ['alertmanager', '/-/ready'],
    ['loki', '/ready'],
  ])('%s: the healthcheck asks its own readiness endpoint on the port it listens on, with busybox wget', (name, path) => {
    const s = service(name);
    const m = /wget .*http:\/\/127\.0\.0\.1:(\d+)(\S+)/.exec(s.healthcheck ?? '');
    expect(m).not.toBeNull();
    expect(s.ports.map((p) => p.container)).toContain(Number(m![1]));
    expect(m![2]).toBe(path);
  });

  it('the init service calls a `tenant` script package.json has (issue 4), run compiled (no native binary needed)', () => {
    expect(pkg.scripts.tenant).toBe('node scripts/cli.mjs tenant');
    expect(existsSync(join(ROOT, 'src/cli/tenant.ts'))).toBe(true);
  });

  it('keeps `npm run server` building the plugin and starting this file', () => {
    expect(pkg.scripts.server).toMatch(/npm run build && docker compose up --build$/);
  });
});

describe('the per-customer gateway (SLI recipe "traefik")', () => {
  const staticCfg = obj(readYaml('provisioning/traefik/traefik.yml'), 'traefik.yml');
  const dynamic = obj(obj(readYaml('provisioning/traefik/dynamic.yml'), 'dynamic.yml').http, 'http');
  const routers = obj(dynamic.routers, 'routers');
  const services_ = obj(dynamic.services, 'services');
  const prometheus = obj(obj(staticCfg.metrics, 'metrics').prometheus, 'metrics.prometheus');
  const entryPoints = obj(staticCfg.entryPoints, 'entryPoints');
  const recipe = (() => {
    const s = defaultSettings();
    s.sli.recipe = 'traefik';
    return recipeFor(s);
  })();

  it('runs Traefik with the mounted static configuration, whose file provider reads the mounted routers', () => {
    const g = service('gateway');
    expect(g.mounts).toContainEqual({ kind: 'repo', source: 'provisioning/traefik', target: '/etc/traefik' });
    expect(g.command).toEqual(['--configFile=/etc/traefik/traefik.yml']);
    expect(obj(obj(staticCfg.providers, 'providers').file, 'file').filename).toBe('/etc/traefik/dynamic.yml');
  });

  it('exports router metrics (addRoutersLabels) on the entrypoint Prometheus scrapes as job "gateway"', () => {
    expect(prometheus.addRoutersLabels).toBe(true);
    const ep = str(prometheus.entryPoint, 'entryPoint');
    const port = str(obj(entryPoints[ep], ep).address, 'address').replace(/^:/, '');
    const cfg = obj(readYaml('provisioning/prometheus/prometheus.yml'), 'prometheus.yml');
    const job = list(cfg.scrape_configs, 'scrape_configs').map((j) => obj(j, 'job')).find((j) => j.job_name === 'gateway')!;
    const targets = list(obj(list(job.static_configs, 'static_configs')[0], 'sc').targets, 'targets');
    expect(targets).toEqual([`gateway:${port}`]);
  });

  it('has latency buckets above the SLA target, so a breach can show (Traefik defaults stop at 5 s)', () => {
    const buckets = list(prometheus.buckets, 'buckets').map(Number);
    const top = topFiniteBound(buckets)!;
    expect(risingThresholdReachable('>', settings.sla.latencyTargetSeconds, top)).toBe(true);
    expect(risingThresholdReachable('>', settings.sla.latencyTargetSeconds, topFiniteBound(knownBounds('traefik_router_request_duration_seconds')!)!)).toBe(false);
  });

  it('has one router per onboarded tenant, named so the recipe reads the tenant id from it', () => {
    const tenants = initTenants().map((t) => t.id);
    expect(Object.keys(routers).sort()).toEqual(tenants.map((id) => `tenant-${id}`).sort());
    // Prometheus anchors label regexes; so does this check.
    const pattern = new RegExp(`^(?:${recipe.from.pattern})$`);
    for (const id of tenants) {
      // Traefik qualifies file-provider routers as <name>@file.
      expect(pattern.exec(`tenant-${id}@file`)?.[1]).toBe(id);
      const r = obj(routers[`tenant-${id}`], id);
      expect(r.rule).toBe(`Host(\`${service('demo-exporter').environment.TENANT_HOST.replace('{id}', id)}\`)`);
      expect(r.entryPoints).toEqual(['web']);
      expect(Object.keys(services_)).toContain(str(r.service, 'service'));
    }
    // Traefik's own routers (dashboard@internal, ...) never match.
    expect(pattern.test('dashboard@internal')).toBe(false);
  });

  it('routes to `inference`, the simulator or real vLLM, and the demo traffic goes through the web entrypoint', () => {
    for (const svc of Object.values(services_)) {
      const servers = list(obj(obj(svc, 'service').loadBalancer, 'loadBalancer').servers, 'servers');
      for (const s of servers) {
        const url = new URL(str(obj(s, 'server').url, 'url'));
        expect(hostnames).toContain(url.hostname);
        expect(url.port).toBe(service('vllm-sim').environment.PORT);
      }
    }
    const traffic = new URL(service('demo-exporter').environment.TRAFFIC_URL);
    expect(traffic.hostname).toBe('gateway');
    expect(str(obj(entryPoints.web, 'web').address, 'address')).toBe(`:${traffic.port}`);
    expect(service('demo-exporter').environment.API_KEY).toBe(service('vllm-sim').environment.API_KEY);
  });

  it('ships the recipe rules the dev stack loads, as the generator writes them', () => {
    expect(readFileSync(join(ROOT, 'provisioning/prometheus/sli-recipes/traefik.yml'), 'utf8')).toBe(recipeRulesYaml(recipe));
  });
});
