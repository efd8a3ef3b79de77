import { GrafanaAdmin, GrafanaApiError, type Credentials } from './grafanaAdmin';
import { checkDisplayName, checkTenantId, checkUrlPattern, checkViewerLogin, type Checked } from './inputs';
import { addTenant, listOrgs, PartialFailure, removeTenant, type StepResult } from './onboard';
import { isOperatorOrg, type OrgView } from './orgs';
import { Refusal } from './preflight';
import { VerificationFailed } from './verify';

export const USAGE = `Usage:
  npm run tenant -- add <id> --name "<display name>" [--grafana URL] [--prometheus-url-pattern URLPATTERN] [--viewer-login LOGIN]
  npm run tenant -- remove <id> [--grafana URL] [--viewer-login LOGIN]
  npm run tenant -- list [--grafana URL]
  npm run tenant -- --help

add      creates the tenant's own org (or re-checks the one carrying this tenant id), its only data source (the
         tenant's label-enforcing proxy), the app in tenant mode and one Viewer; then queries the data source through
         Grafana as the tenant's org would and enables the app only if every series carries this tenant's label.
         Refuses, changing nothing, when the name is another org's, the URL is the operator's or another tenant's,
         or the viewer already belongs elsewhere. Never touches the operator's org.
remove   deletes only the org that add created for this tenant id, and its viewer if it is a Viewer there alone.
list     shows every org and what the app runs there.

Environment: GRAFANA_USER + GRAFANA_PASSWORD (a Grafana server admin), GRAFANA_URL (default http://localhost:3000),
TENANT_VIEWER_PASSWORD (creates a new viewer; unset = invite by email).
Defaults: --prometheus-url-pattern http://prom-label-proxy-{id}:8080, --viewer-login <id>-viewer.
Exit codes: 0 done, 1 refused or failed (the output says what was and was not changed), 2 wrong usage.`;

export const DEFAULT_URL_PATTERN = 'http://prom-label-proxy-{id}:8080';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

function valid<T>(c: Checked<T>): T {
  if (!c.ok) {
    throw new UsageError(c.message);
  }
  return c.value;
}

const FLAGS = ['--name', '--grafana', '--prometheus-url-pattern', '--viewer-login'] as const;
type Flag = (typeof FLAGS)[number];

function parseArgs(argv: string[]): { positional: string[]; flags: Partial<Record<Flag, string>> } {
  const positional: string[] = [];
  const flags: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      return { positional: ['help'], flags: {} };
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [key, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (!(FLAGS as readonly string[]).includes(key)) {
      throw new UsageError(`unknown option ${key}`);
    }
    const v = inline ?? argv[++i];
    if (v === undefined || (inline === undefined && v.startsWith('--'))) {
      throw new UsageError(`${key} needs a value`);
    }
    flags[key as Flag] = v;
  }
  return { positional, flags };
}

type Env = Record<string, string | undefined>;

function credentials(env: Env): Credentials {
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) {
    return { kind: 'basic', user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD };
  }
  if (env.GRAFANA_TOKEN) {
    return { kind: 'token', token: env.GRAFANA_TOKEN };
  }
  throw new UsageError('set GRAFANA_USER and GRAFANA_PASSWORD (a Grafana server admin), or GRAFANA_TOKEN');
}

function grafanaUrl(flag: string | undefined, env: Env): string {
  const url = flag ?? env.GRAFANA_URL ?? 'http://localhost:3000';
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw new Error();
    }
  } catch {
    throw new UsageError(`--grafana must be an http(s) URL, got "${url}"`);
  }
  return url;
}

function describeOrg(o: OrgView): string {
  if (!o.readable) {
    return 'not readable (the admin is not a member of this org)';
  }
  const off = o.enabled ? '' : ', app disabled';
  if (isOperatorOrg(o)) {
    const slip = o.mode === 'tenant' ? ` — WARNING: its app settings say tenant "${o.tenantId ?? '?'}"` : '';
    return `operator org${off}${slip}`;
  }
  if (o.mode === 'tenant') {
    return `tenant "${o.tenantId ?? '?'}" (data source ${o.prometheusUid ?? 'none'})${off}`;
  }
  return o.configured ? `${o.mode ?? 'unknown'} mode${off}` : 'app not set up';
}

function printSteps(io: Io, steps: StepResult[]) {
  for (const s of steps) {
    io.out(`  ${s.outcome.padEnd(9)} ${s.step}: ${s.detail}`);
  }
}

async function list(g: GrafanaAdmin, io: Io): Promise<number> {
  const orgs = await listOrgs(g);
  io.out(`Organizations on ${g.baseUrl}:`);
  for (const o of orgs) {
    io.out(`  ${String(o.orgId).padStart(4)}  ${o.orgName}  —  ${describeOrg(o)}`);
  }
  return 0;
}

async function add(
  g: GrafanaAdmin,
  id: string,
  flags: Partial<Record<Flag, string>>,
  env: Env,
  io: Io
): Promise<number> {
  const name = valid(checkDisplayName(flags['--name']));
  const url = valid(checkUrlPattern(flags['--prometheus-url-pattern'] ?? DEFAULT_URL_PATTERN, id));
  const viewerLogin = valid(checkViewerLogin(flags['--viewer-login'] ?? `${id}-viewer`));
  io.out(`Onboarding tenant "${id}" (${name}) on ${g.baseUrl}`);
  printSteps(
    io,
    await addTenant(g, { id, name, url, viewerLogin, viewerPassword: env.TENANT_VIEWER_PASSWORD || undefined })
  );
  io.out(`Tenant "${id}" is ready: its data source answered only with ${id}'s series.`);
  return 0;
}

async function dispatch(argv: string[], env: Env, io: Io, setCommand: (c: string) => void): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const command = positional[0];
  if (command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (!command || !['add', 'remove', 'list'].includes(command)) {
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
  setCommand(command);
  const id = command === 'list' ? '' : valid(checkTenantId(positional[1]));
  if (command === 'add') {
    // Input mistakes are usage errors, found before Grafana is even asked.
    valid(checkDisplayName(flags['--name']));
    valid(checkUrlPattern(flags['--prometheus-url-pattern'] ?? DEFAULT_URL_PATTERN, id));
  }
  const g = new GrafanaAdmin(grafanaUrl(flags['--grafana'], env), credentials(env));
  if (command === 'list') {
    return list(g, io);
  }
  if (command === 'remove') {
    io.out(`Removing tenant "${id}" from ${g.baseUrl}`);
    printSteps(io, await removeTenant(g, id, valid(checkViewerLogin(flags['--viewer-login'] ?? `${id}-viewer`))));
    return 0;
  }
  return add(g, id, flags, env, io);
}

function reportPartial(io: Io, command: string, e: PartialFailure) {
  io.err(`tenant ${command}: failed at "${e.failedStep}": ${e.cause.message}`);
  if (e.cause instanceof VerificationFailed && e.cause.seen.length > 0) {
    io.err('What the data source returned (through Grafana, in the tenant org):');
    for (const line of e.cause.seen) {
      io.err(`  ${line}`);
    }
  }
  if (e.done.length > 0) {
    io.err('Done before the failure:');
    printSteps({ out: io.err, err: io.err }, e.done);
  } else {
    io.err('Nothing was changed.');
  }
  io.err(`Not done: ${[e.failedStep, ...e.notDone].join(', ')}.`);
  io.err('Every step checks before it changes anything: fix the cause and run the same command again.');
}

/**
 * Runs `tenant add|remove|list|--help` and returns the exit code: 0 done, 1 refused or failed (the message says
 * what was and was not changed; re-running is safe), 2 wrong usage.
 */
export async function runTenantCommand(argv: string[], env: Env, io: Io): Promise<number> {
  let command = '';
  try {
    return await dispatch(argv, env, io, (c) => (command = c));
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`tenant: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof PartialFailure) {
      reportPartial(io, command, e);
      return 1;
    }
    if (e instanceof Refusal) {
      io.err(`tenant ${command}: refused: ${e.message}\nNothing was changed.`);
      return 1;
    }
    if (e instanceof GrafanaApiError) {
      io.err(`tenant ${command}: ${e.message}\nNothing was changed.`);
      return 1;
    }
    io.err(`tenant ${command}: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
