/**
 * @jest-environment node
 */
import pluginJson from '../../src/plugin.json';
import { parseSettings } from '../../src/settings/parseSettings';
import { loadCompose } from './compose';
import { isObj, list, listFiles, obj, readYaml, str, type Obj } from './files';

// Shape tests of provisioning/grafana/: Grafana itself cannot run here, so what it would reject or silently
// ignore (missing orgId, a uid the app does not name, an app setting with a typo) is checked here.
const DS_FILES = listFiles('provisioning/grafana/datasources', /\.ya?ml$/);
const APP_FILES = listFiles('provisioning/grafana/plugins', /\.ya?ml$/);
const grafanaEnv = loadCompose().services.get('grafana')!.environment;

interface Datasource {
  file: string;
  name: string;
  uid: string;
  orgId: number;
  type: string;
  url: string;
  editable: unknown;
}

function datasources(): Datasource[] {
  return DS_FILES.flatMap((file) => {
    const doc = obj(readYaml(file), file);
    expect(doc.apiVersion).toBe(1);
    return list(doc.datasources, `${file} datasources`).map((d) => {
      const ds = obj(d, file);
      return {
        file,
        name: str(ds.name, `${file} name`),
        uid: str(ds.uid, `${file} uid`),
        orgId: Number(ds.orgId),
        type: str(ds.type, `${file} type`),
        url: str(ds.url, `${file} url`),
        editable: ds.editable,
      };
    });
  });
}

function apps(): Obj[] {
  return APP_FILES.flatMap((file) => {
    const doc = obj(readYaml(file), file);
    expect(doc.apiVersion).toBe(1);
    return list(doc.apps, `${file} apps`).map((a) => obj(a, file));
  });
}

/** Grafana expands $VAR and ${VAR} in provisioning files from its environment. */
function expandEnv(v: string, env: Record<string, string>): string {
  return v.replace(/\$\{?([A-Z0-9_]+)\}?/g, (_m, name: string) => env[name] ?? '');
}

describe('Grafana data source provisioning', () => {
  const all = datasources();

  it('provisions Prometheus, the history, Loki and Alertmanager for the operator org', () => {
    expect(all.filter((d) => d.orgId === 1).map((d) => d.type).sort()).toEqual([
      'alertmanager',
      'loki',
      'prometheus',
      'prometheus',
    ]);
    // The history is VictoriaMetrics itself, unfiltered: only the operator org has it (tenants go through a proxy).
    expect(all.find((d) => d.uid === 'sovgrid-history')).toMatchObject({
      orgId: 1,
      type: 'prometheus',
      url: 'http://victoriametrics:8428',
    });
  });

  it.each(all.map((d) => [d.name, d]))('%s has an org, a fixed uid, and cannot be edited in the UI', (_n, d) => {
    expect(Number.isInteger(d.orgId) && d.orgId >= 1).toBe(true);
    expect(d.uid).toMatch(/^sovgrid-[a-z0-9-]{1,32}$/);
    expect(d.editable).toBe(false);
    expect(d.url).toMatch(/^http:\/\/[a-z0-9-]+:\d+$/);
  });

  it('never reuses a uid or a name within an org', () => {
    const keys = all.flatMap((d) => [`${d.orgId}/uid/${d.uid}`, `${d.orgId}/name/${d.name}`]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('provisions only into org 1: tenant orgs do not exist at start-up and come from `npm run tenant`', () => {
    // A provisioning file naming a missing org makes Grafana fail at start (facts.md §3).
    expect(new Set(all.map((d) => d.orgId))).toEqual(new Set([1]));
    expect(apps().map((a) => a.org_id)).toEqual([1]);
    // The CLI's data source uid pattern must not collide with the provisioned ones.
    expect(all.some((d) => /^sovgrid-prom-/.test(d.uid))).toBe(false);
  });
});

describe('app provisioning for the operator org', () => {
  const [app] = apps();
  const jsonData = app.jsonData;

  it('installs and enables this plugin', () => {
    expect(apps()).toHaveLength(1);
    expect(app.type).toBe(pluginJson.id);
    expect(app.disabled).toBe(false);
  });

  it('passes parseSettings without a single problem', () => {
    expect(parseSettings(jsonData).problems).toEqual([]);
  });

  it('spells every setting the way the app reads it (nothing silently ignored or defaulted)', () => {
    // parseSettings ignores unknown keys; a typo would fall back to a default unnoticed. The full object read
    // back must equal what the file says.
    expect(parseSettings(jsonData).settings).toEqual(jsonData);
  });

  it('points at the provisioned data sources of the right types in its org', () => {
    const settings = parseSettings(jsonData).settings;
    const byUid = new Map(datasources().map((d) => [d.uid, d]));
    expect(byUid.get(settings.datasources.prometheusUid)).toMatchObject({ type: 'prometheus', orgId: app.org_id });
    expect(byUid.get(settings.datasources.lokiUid)).toMatchObject({ type: 'loki', orgId: app.org_id });
    expect(byUid.get(settings.datasources.historyUid ?? '')).toMatchObject({ type: 'prometheus', orgId: app.org_id });
    expect(settings.datasources.historyUid).not.toBe(settings.datasources.prometheusUid);
    expect(settings.mode).toBe('operator');
  });

  it('reaches the inference service on the compose network with the key the compose file sets', () => {
    const settings = parseSettings(jsonData).settings;
    expect(settings.vllm.url).toBe('http://inference:8000');
    const secure = isObj(app.secureJsonData) ? app.secureJsonData : {};
    // Secrets only in secureJsonData, filled from the environment, never written in the file.
    expect(Object.keys(secure)).toEqual(['vllmApiKey']);
    const raw = str(secure.vllmApiKey, 'vllmApiKey');
    expect(raw).toMatch(/^\$\{?[A-Z0-9_]+\}?$/);
    const key = expandEnv(raw, grafanaEnv);
    expect(key.length).toBeGreaterThan(0);
    expect(JSON.stringify(jsonData)).not.toContain(key);
    expect(JSON.stringify(jsonData)).not.toMatch(/apiKey|password|secret|bearer/i);
  });
});
