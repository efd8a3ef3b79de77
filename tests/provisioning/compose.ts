import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { ROOT, isObj, list, obj, str, type Obj } from './files';

/** One service of docker-compose.yaml with `extends` resolved the way Compose merges it. */
export interface Service {
  name: string;
  image?: string;
  buildArgs: Record<string, string>;
  /** Mounts with the host side resolved: repo-relative path, absolute host path, or named volume. */
  mounts: Array<{ kind: 'repo' | 'host' | 'volume'; source: string; target: string }>;
  environment: Record<string, string>;
  ports: Array<{ host: number; container: number }>;
  command: string[];
  aliases: string[];
  profiles: string[];
  /** `depends_on`, list or map form, as service → condition (the list form means `service_started`). */
  dependsOn: Record<string, string>;
  /** The healthcheck's test command, joined; undefined without one. */
  healthcheck?: string;
  raw: Obj;
}

function dependsOn(v: unknown): Record<string, string> {
  if (Array.isArray(v)) {
    return Object.fromEntries(v.map((x) => [String(x), 'service_started']));
  }
  return isObj(v)
    ? Object.fromEntries(Object.entries(v).map(([k, c]) => [k, isObj(c) && typeof c.condition === 'string' ? c.condition : 'service_started']))
    : {};
}

function healthcheckOf(v: unknown): string | undefined {
  if (!isObj(v) || v.test === undefined) {
    return undefined;
  }
  return Array.isArray(v.test) ? v.test.map(String).join(' ') : String(v.test);
}

/** Replaces `${VAR:-default}` / `${VAR-default}` by its default and `${VAR}` by '' (what a clean shell gets). */
export function interpolateDefaults(text: string): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_m, _v, def: string | undefined) => def ?? '');
}

function envMap(v: unknown, where: string): Record<string, string> {
  if (v === undefined) {
    return {};
  }
  if (Array.isArray(v)) {
    return Object.fromEntries(
      v.map((e) => {
        const s = str(e, where);
        const i = s.indexOf('=');
        return i < 0 ? [s, ''] : [s.slice(0, i), interpolateDefaults(s.slice(i + 1))];
      })
    );
  }
  return Object.fromEntries(Object.entries(obj(v, where)).map(([k, x]) => [k, interpolateDefaults(String(x))]));
}

function mounts(v: unknown, baseDir: string, where: string): Service['mounts'] {
  if (v === undefined) {
    return [];
  }
  return list(v, where).map((m) => {
    const [src, target] = interpolateDefaults(str(m, where)).split(':');
    if (src.startsWith('.')) {
      return { kind: 'repo' as const, source: relative(ROOT, resolve(baseDir, src)) || '.', target };
    }
    if (src.startsWith('/')) {
      return { kind: 'host' as const, source: src, target };
    }
    return { kind: 'volume' as const, source: src, target };
  });
}

function ports(v: unknown, where: string): Service['ports'] {
  if (v === undefined) {
    return [];
  }
  return list(v, where).map((p) => {
    const m = /^(?:[\d.]+:)?(\d+):(\d+)(?:\/tcp|\/udp)?$/.exec(String(p));
    if (!m) {
      throw new Error(`${where}: unreadable port mapping ${String(p)}`);
    }
    return { host: Number(m[1]), container: Number(m[2]) };
  });
}

function commandOf(v: unknown): string[] {
  if (v === undefined) {
    return [];
  }
  return Array.isArray(v) ? v.map((x) => interpolateDefaults(String(x))) : [interpolateDefaults(String(v))];
}

function toService(name: string, raw: Obj, baseDir: string, inherited?: Service): Service {
  const build = isObj(raw.build) ? raw.build : {};
  const networks = isObj(raw.networks) ? raw.networks : {};
  const aliases = Object.values(networks).flatMap((n) => (isObj(n) && Array.isArray(n.aliases) ? n.aliases.map(String) : []));
  const own = mounts(raw.volumes, baseDir, `${name}.volumes`);
  // Compose merges `volumes` by container path: the extending file's mount wins.
  const merged = [...(inherited?.mounts ?? []).filter((m) => !own.some((o) => o.target === m.target)), ...own];
  const ownPorts = ports(raw.ports, `${name}.ports`);
  return {
    name,
    image: typeof raw.image === 'string' ? interpolateDefaults(raw.image) : inherited?.image,
    buildArgs: { ...(inherited?.buildArgs ?? {}), ...envMap(build.args, `${name}.build.args`) },
    mounts: merged,
    environment: { ...(inherited?.environment ?? {}), ...envMap(raw.environment, `${name}.environment`) },
    // Compose appends port lists of extends; identical mappings collapse.
    ports: [...(inherited?.ports ?? []), ...ownPorts].filter(
      (p, i, all) => all.findIndex((q) => q.host === p.host && q.container === p.container) === i
    ),
    command: raw.command !== undefined ? commandOf(raw.command) : (inherited?.command ?? []),
    aliases,
    profiles: Array.isArray(raw.profiles) ? raw.profiles.map(String) : [],
    dependsOn: dependsOn(raw.depends_on),
    healthcheck: healthcheckOf(raw.healthcheck) ?? inherited?.healthcheck,
    raw,
  };
}

/** Loads docker-compose.yaml and resolves `extends` (one level, as the scaffold uses it). */
export function loadCompose(file = 'docker-compose.yaml'): { doc: Obj; services: Map<string, Service> } {
  const abs = join(ROOT, file);
  const doc = obj(parse(readFileSync(abs, 'utf8')), file);
  const services = new Map<string, Service>();
  for (const [name, v] of Object.entries(obj(doc.services, 'services'))) {
    const raw = obj(v, `services.${name}`);
    let inherited: Service | undefined;
    if (raw.extends !== undefined) {
      const ext = obj(raw.extends, `${name}.extends`);
      const baseFile = resolve(dirname(abs), str(ext.file, `${name}.extends.file`));
      const baseDoc = obj(parse(readFileSync(baseFile, 'utf8')), baseFile);
      const baseRaw = obj(obj(baseDoc.services, 'base services')[str(ext.service, 'extends.service')], 'base service');
      inherited = toService(name, baseRaw, dirname(baseFile));
    }
    services.set(name, toService(name, raw, dirname(abs), inherited));
  }
  return { doc, services };
}

/** One tenant the init service onboards: `[VAR="$$OTHER" ]npm run tenant -- add <id> --name "<name>" [options]`. */
export interface OnboardedTenant {
  id: string;
  name: string;
  boundary: string;
  history?: string;
  /** `--wait-for-data` seconds, if given. */
  waitForData?: number;
  /** `VMAUTH_PASSWORD=VMAUTH_<ID>_PASSWORD` when the call sets the CLI's environment from another variable. */
  env?: string;
}

/** The tenants `tenant-init` onboards, in order. */
export function onboardedTenants(services: Map<string, Service>): OnboardedTenant[] {
  const script = services.get('tenant-init')?.command.join(' ') ?? '';
  return script.split('&&').flatMap((part) => {
    const m = /^\s*(?:(\w+)="\$\$(\w+)" )?npm run tenant -- add (\S+) --name "([^"]+)"(.*)$/.exec(part);
    if (!m) {
      return [];
    }
    const rest = m[5];
    return [
      {
        id: m[3],
        name: m[4],
        boundary: /--boundary (\S+)/.exec(rest)?.[1] ?? 'prom-label-proxy',
        history: /--history-url-pattern (\S+)/.exec(rest)?.[1],
        waitForData: Number(/--wait-for-data (\d+)/.exec(rest)?.[1] ?? 0) || undefined,
        env: m[1] ? `${m[1]}=${m[2]}` : undefined,
      },
    ];
  });
}
