/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../../src/settings/defaults';
import { parseAlloy, references, tokenize, type AlloyBlock } from './alloySyntax';
import { loadCompose } from './compose';
import { ROOT, list, obj, readYaml } from './files';

// Loki and Alloy have no binaries here (not in Debian, not on npm), so their configs are checked for shape:
// YAML structure and values for Loki; for Alloy a small syntax reader (tests/provisioning/alloySyntax.ts),
// references between components, the relabels and the level filter. Not validated here: that Loki accepts every
// key of this version, Alloy's expression evaluation, the Go-template output, and RE2-only regex syntax.
const settings = defaultSettings();
const services = loadCompose().services;

describe('Loki config', () => {
  const cfg = obj(readYaml('provisioning/loki/loki.yaml'), 'loki.yaml');

  it('listens where the compose file, Grafana and Alloy expect it', () => {
    const port = obj(cfg.server, 'server').http_listen_port;
    expect(port).toBe(3100);
    expect(services.get('loki')!.ports).toContainEqual({ host: 3100, container: 3100 });
    expect(services.get('loki')!.command).toEqual(['-config.file=/etc/loki/loki.yaml']);
    expect(services.get('loki')!.mounts).toContainEqual({
      kind: 'repo',
      source: 'provisioning/loki/loki.yaml',
      target: '/etc/loki/loki.yaml',
    });
  });

  it('keeps every file it writes inside the mounted data volume', () => {
    const dataMount = services.get('loki')!.mounts.find((m) => m.kind === 'volume')!.target;
    const paths = JSON.stringify(cfg).match(/"\/[^"]+"/g) ?? [];
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p.slice(1, -1).startsWith(dataMount)).toBe(true);
    }
  });

  it('uses the tsdb store with schema v13 on the filesystem, single-tenant, with retention', () => {
    expect(cfg.auth_enabled).toBe(false);
    const schema = obj(list(obj(cfg.schema_config, 'schema_config').configs, 'configs')[0], 'schema');
    expect(schema).toMatchObject({ store: 'tsdb', schema: 'v13', object_store: 'filesystem' });
    expect(String(schema.from)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const limits = obj(cfg.limits_config, 'limits_config');
    expect(limits.retention_period).toMatch(/^\d+h$/);
    expect(obj(cfg.compactor, 'compactor')).toMatchObject({ retention_enabled: true, delete_request_store: 'filesystem' });
    expect(obj(cfg.pattern_ingester, 'pattern_ingester').enabled).toBe(true);
  });
});

describe('Alloy config', () => {
  const src = readFileSync(join(ROOT, 'provisioning/alloy/config.alloy'), 'utf8');
  const blocks = parseAlloy(src);
  const byId = new Map(blocks.map((b) => [`${b.name}.${b.label}`, b]));
  const attr = (b: AlloyBlock, name: string) => b.attributes.find((a) => a.name === name);
  const rules = (b: AlloyBlock) =>
    b.blocks
      .filter((r) => r.name === 'rule')
      .map((r) => Object.fromEntries(r.attributes.map((a) => [a.name, a.string ?? a.raw])));

  it('the syntax reader rejects what Alloy would reject', () => {
    expect(() => parseAlloy('loki.write "x" {\n endpoint {\n url = "a"\n}\n')).toThrow(/not closed/);
    expect(() => parseAlloy('loki.write "x" {\n url = "a\n}')).toThrow(/newline inside a string/);
    expect(() => parseAlloy('}')).toThrow(/without a block/);
    expect(tokenize('a = "x\\"y" // c\n').filter((t) => t.kind === 'string')[0]).toMatchObject({ value: 'x"y' });
  });

  it('defines the pipeline: journal and containers in, Loki out', () => {
    expect([...byId.keys()].sort()).toEqual(
      [
        'discovery.docker.containers',
        'discovery.relabel.containers',
        'loki.process.containers',
        'loki.process.journal',
        'loki.relabel.journal',
        'loki.source.docker.containers',
        'loki.source.journal.host',
        'loki.write.local',
      ].sort()
    );
  });

  it('refers only to components it defines', () => {
    const ids = [...byId.keys()];
    const walk = (b: AlloyBlock): string[] => [...b.attributes.flatMap((a) => references(a.raw)), ...b.blocks.flatMap(walk)];
    const refs = blocks.flatMap(walk);
    expect(refs.length).toBeGreaterThanOrEqual(6);
    for (const ref of refs) {
      expect([ref, ids.some((id) => ref.startsWith(`${id}.`))]).toEqual([ref, true]);
    }
  });

  it('relabels journal fields to the label names of the app settings', () => {
    const journal = rules(byId.get('loki.relabel.journal')!);
    const target = (source: string) => journal.filter((r) => r.source_labels?.includes(source)).map((r) => r.target_label);
    expect(target('__journal__systemd_unit')).toEqual([settings.labels.unit]);
    expect(target('__journal_priority_keyword')).toEqual([settings.labels.level]);
    expect(target('__journal__hostname')).toEqual(expect.arrayContaining(['host', settings.labels.host]));
    const source = byId.get('loki.source.journal.host')!;
    expect(attr(source, 'relabel_rules')?.raw).toBe('loki.relabel.journal.rules');
    expect(attr(source, 'path')?.string).toBe('/var/log/journal');
    expect(services.get('alloy')!.mounts.map((m) => m.target)).toEqual(expect.arrayContaining(['/var/log/journal', '/etc/machine-id']));
  });

  it('ships only error priority and above from the journal', () => {
    const matches = attr(byId.get('loki.source.journal.host')!, 'matches')?.string ?? '';
    expect(matches.split(' ').sort()).toEqual(['PRIORITY=0', 'PRIORITY=1', 'PRIORITY=2', 'PRIORITY=3']);
  });

  it('labels container lines with unit, host and instance, and keeps only error and above', () => {
    const relabel = rules(byId.get('discovery.relabel.containers')!);
    const targets = relabel.map((r) => r.target_label).filter(Boolean);
    expect(targets).toEqual(expect.arrayContaining([settings.labels.unit, 'host', settings.labels.host]));
    // Container → host of the real stack: every host used is one the Prometheus config names too.
    const hosts = relabel.map((r) => r.replacement).filter(Boolean);
    const prom = readFileSync(join(ROOT, 'provisioning/prometheus/prometheus.yml'), 'utf8');
    for (const h of hosts) {
      expect(prom).toContain(`instance: ${h}`);
    }
    const process = byId.get('loki.process.containers')!;
    const drop = process.blocks.find((b) => b.name === 'stage.match')!;
    expect(attr(drop, 'action')?.string).toBe('drop');
    expect(attr(drop, 'selector')?.string).toBe(`{${settings.labels.level}!~"emerg|alert|crit|error"}`);
    expect(attr(process.blocks.find((b) => b.name === 'stage.labels')!, 'values')?.raw).toContain(settings.labels.level);
  });

  it('extracts a level from logfmt and JSON lines (regex checked with JavaScript semantics)', () => {
    const stage = byId.get('loki.process.containers')!.blocks.filter((b) => b.name === 'stage.regex');
    const [levelRe, keywordRe] = stage.slice(0, 2).map((b) => {
      const expr = attr(b, 'expression')!.string!;
      expect(expr.startsWith('(?i)')).toBe(true);
      return new RegExp(expr.slice(4).replace(/\(\?P</g, '(?<'), 'i');
    });
    expect(levelRe.exec('ts=1 level=error msg="boom"')?.groups?.level).toBe('error');
    expect(levelRe.exec('{"level":"warn","msg":"x"}')?.groups?.level).toBe('warn');
    expect(levelRe.exec('logger=x lvl=eror msg=y')?.groups?.level).toBe('eror');
    expect(levelRe.exec('GET /v1/models 200')).toBeNull();
    expect(keywordRe.exec('Traceback (most recent call last):')?.groups?.keyword).toBe('Traceback');
    expect(keywordRe.exec('request finished in 20 ms')).toBeNull();
  });

  it('writes to the compose Loki', () => {
    const endpoint = byId.get('loki.write.local')!.blocks.find((b) => b.name === 'endpoint')!;
    expect(attr(endpoint, 'url')?.string).toBe('http://loki:3100/loki/api/v1/push');
    expect(services.get('alloy')!.dependsOn).toEqual({ loki: 'service_healthy' });
  });
});
