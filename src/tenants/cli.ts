import {
  outcomeOf,
  parseCommandLine,
  UsageError,
  urlOption,
  usageText,
  type CommandSpec,
  type OptionTable,
  type Parsed,
} from '../shared/cli';
import { grafanaCredentialsFromEnv } from '../shared/grafanaAuth';
import { GrafanaAdmin, GrafanaApiError, type Credentials } from './grafanaAdmin';
import { checkDisplayName, checkTenantId, checkUrlPattern, checkViewerLogin, urlKey, type Checked } from './inputs';
import { addTenant, listOrgs, PartialFailure, removeTenant, type AddOptions, type StepResult } from './onboard';
import { vmauthConfigYaml } from './vmauthConfig';
import { isOperatorOrg, type OrgView } from './orgs';
import { Refusal } from './preflight';
import { NO_WAIT, VerificationFailed } from './verify';

export const DEFAULT_URL_PATTERN = 'http://prom-label-proxy-{id}:8080';
/** The dev stack's vmauth (docker-compose.yaml); every vmauth tenant is a user there. */
export const DEFAULT_VMAUTH_URL = 'http://vmauth:8427';
export const BOUNDARIES = ['prom-label-proxy', 'vmauth'] as const;

/** The command line of `npm run tenant`: one line per option (src/shared/cli.ts). */
export const TENANT_SPEC = {
  name: 'tenant',
  synopsis: [
    'add <id> --name "<display name>" [options]',
    'remove <id> [options]',
    'list [--grafana URL]',
    'vmauth-config <id>… [--victoriametrics URL]',
  ],
  positionals: true,
  failureCode: 1,
  options: {
    name: { type: 'string', value: '"<display name>"', help: "the customer's name, also its org's name (add)" },
    grafana: {
      type: 'string',
      value: 'URL',
      help: 'the Grafana server (default $GRAFANA_URL or http://localhost:3000)',
    },
    boundary: {
      type: 'string',
      value: 'KIND',
      choices: BOUNDARIES,
      default: 'prom-label-proxy',
      help: 'what enforces the tenant label: prom-label-proxy (Prometheus) or vmauth (VictoriaMetrics) (add)',
    },
    'prometheus-url-pattern': {
      type: 'string',
      value: 'URLPATTERN',
      help: `prom-label-proxy: the tenant's proxy; {id} becomes the tenant id (default ${DEFAULT_URL_PATTERN}) (add)`,
    },
    'history-url-pattern': {
      type: 'string',
      value: 'URLPATTERN',
      help: "prom-label-proxy: the tenant's proxy in front of VictoriaMetrics, for windows of 14 days or more (add)",
    },
    'vmauth-url': {
      type: 'string',
      value: 'URL',
      help: `vmauth: where it listens; the tenant is its user <id>, password $VMAUTH_PASSWORD (default ${DEFAULT_VMAUTH_URL}) (add)`,
    },
    victoriametrics: {
      type: 'string',
      value: 'URL',
      default: 'http://victoriametrics:8428',
      help: 'the VictoriaMetrics vmauth forwards to (vmauth-config)',
    },
    'viewer-login': { type: 'string', value: 'LOGIN', help: "the tenant's Viewer (default <id>-viewer)" },
    'wait-for-data': {
      type: 'string',
      value: 'SECONDS',
      help: 'keep asking this long while the data source has no series yet, e.g. on a fresh stack (default 0) (add)',
    },
  },
  notes: `add      creates the tenant's own org (or re-checks the one carrying this tenant id), its only data source (the
         tenant's label-enforcing proxy), the app in tenant mode and one Viewer; then queries the data source through
         Grafana as the tenant's org would and enables the app only if every series carries this tenant's label.
         Refuses, changing nothing, when the name is another org's, the URL is the operator's or another tenant's,
         or the viewer already belongs elsewhere. Never touches the operator's org.
         --boundary vmauth: the org's one data source is vmauth as user <id> (password $VMAUTH_PASSWORD), which
         adds extra_label=tenant=<id> to every query of VictoriaMetrics; it serves short and long windows alike.
remove   deletes only the org that add created for this tenant id, and its viewer if it is a Viewer there alone.
list     shows every org and what the app runs there.
vmauth-config prints vmauth's users for these tenants (read-only routes, enforced label, %{VMAUTH_<ID>_PASSWORD}).

Environment: GRAFANA_USER + GRAFANA_PASSWORD (a Grafana server admin), GRAFANA_URL (default http://localhost:3000),
TENANT_VIEWER_PASSWORD (creates a new viewer; unset = invite by email), VMAUTH_PASSWORD (--boundary vmauth).
Exit codes: 0 done, 1 refused or failed (the output says what was and was not changed), 2 wrong usage.`,
} as const satisfies CommandSpec<OptionTable>;

type TenantArgs = Parsed<typeof TENANT_SPEC.options>;
type Values = TenantArgs['values'];
type Env = Record<string, string | undefined>;

/** Line-oriented output (each call is one line). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

function valid<T>(c: Checked<T>): T {
  if (!c.ok) {
    throw new UsageError(c.message);
  }
  return c.value;
}

function credentials(env: Env): Credentials {
  const c = grafanaCredentialsFromEnv(env, 'basic');
  if (c) {
    return c;
  }
  throw new UsageError('set GRAFANA_USER and GRAFANA_PASSWORD (a Grafana server admin), or GRAFANA_TOKEN');
}

function grafanaUrl(flag: string | undefined, env: Env): string {
  return urlOption('grafana', flag ?? env.GRAFANA_URL ?? 'http://localhost:3000');
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

/** The tenant's endpoints from the options: checked before Grafana is asked (usage errors, exit 2). */
export function boundaryOf(
  id: string,
  values: Values,
  env: Env
): Pick<AddOptions, 'boundary' | 'url' | 'historyUrl' | 'basicAuth'> {
  if (values.boundary === 'vmauth') {
    if (values['prometheus-url-pattern'] !== undefined || values['history-url-pattern'] !== undefined) {
      throw new UsageError(
        '--boundary vmauth takes --vmauth-url, not --prometheus-url-pattern or --history-url-pattern'
      );
    }
    if (!env.VMAUTH_PASSWORD) {
      throw new UsageError(`--boundary vmauth needs VMAUTH_PASSWORD: the password of vmauth user "${id}"`);
    }
    const url = urlOption('vmauth-url', values['vmauth-url'] ?? DEFAULT_VMAUTH_URL);
    return { boundary: 'vmauth', url, basicAuth: { user: id, password: env.VMAUTH_PASSWORD } };
  }
  if (values['vmauth-url'] !== undefined) {
    throw new UsageError('--vmauth-url goes with --boundary vmauth');
  }
  const url = valid(checkUrlPattern(values['prometheus-url-pattern'] ?? DEFAULT_URL_PATTERN, id));
  const history = values['history-url-pattern'];
  const historyUrl = history === undefined ? undefined : valid(checkUrlPattern(history, id, '--history-url-pattern'));
  if (historyUrl !== undefined && urlKey(historyUrl) === urlKey(url)) {
    throw new UsageError(
      '--history-url-pattern must be another proxy than --prometheus-url-pattern (the one in front of VictoriaMetrics)'
    );
  }
  return { boundary: 'prom-label-proxy', url, historyUrl };
}

/** `--wait-for-data`: whole seconds, at most an hour (a usage error otherwise). */
export function waitSeconds(text: string | undefined): number {
  if (text === undefined) {
    return 0;
  }
  if (!/^\d{1,4}$/.test(text) || Number(text) > 3600) {
    throw new UsageError(`--wait-for-data takes whole seconds from 0 to 3600, not "${text}"`);
  }
  return Number(text);
}

async function add(g: GrafanaAdmin, id: string, values: Values, env: Env, io: Io): Promise<number> {
  const name = valid(checkDisplayName(values.name));
  const endpoints = boundaryOf(id, values, env);
  const viewerLogin = valid(checkViewerLogin(values['viewer-login'] ?? `${id}-viewer`));
  const wait = { ...NO_WAIT, seconds: waitSeconds(values['wait-for-data']) };
  io.out(`Onboarding tenant "${id}" (${name}) on ${g.baseUrl}, boundary ${endpoints.boundary}`);
  printSteps(
    io,
    await addTenant(
      g,
      { id, name, ...endpoints, viewerLogin, viewerPassword: env.TENANT_VIEWER_PASSWORD || undefined },
      wait
    )
  );
  io.out(`Tenant "${id}" is ready: its data sources answered only with ${id}'s series.`);
  return 0;
}

/** `vmauth-config <id>…`: the users section vmauth needs for these tenants (no Grafana involved). */
function printVmauthConfig(ids: string[], values: Values, io: Io): number {
  if (ids.length === 0) {
    throw new UsageError('vmauth-config needs at least one tenant id');
  }
  const upstream = urlOption('victoriametrics', values.victoriametrics);
  const tenants = ids.map((x) => ({ id: valid(checkTenantId(x)), label: 'tenant' }));
  io.out(vmauthConfigYaml(upstream, tenants).trimEnd());
  return 0;
}

async function dispatch(command: string, { values, positionals }: TenantArgs, env: Env, io: Io): Promise<number> {
  if (command === 'vmauth-config') {
    return printVmauthConfig(positionals.slice(1), values, io);
  }
  const id = command === 'list' ? '' : valid(checkTenantId(positionals[1]));
  if (command === 'add') {
    // Input mistakes are usage errors, found before Grafana is even asked.
    valid(checkDisplayName(values.name));
    boundaryOf(id, values, env);
  }
  const g = new GrafanaAdmin(grafanaUrl(values.grafana, env), credentials(env));
  if (command === 'list') {
    return list(g, io);
  }
  if (command === 'remove') {
    io.out(`Removing tenant "${id}" from ${g.baseUrl}`);
    printSteps(io, await removeTenant(g, id, valid(checkViewerLogin(values['viewer-login'] ?? `${id}-viewer`))));
    return 0;
  }
  return add(g, id, values, env, io);
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

/** What a failure of `command` means for the operator; anything else (usage errors included) goes on up. */
function reportFailure(command: string, e: unknown, io: Io): number {
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
  throw e;
}

/**
 * Runs `tenant add|remove|list` on parsed arguments and returns the exit code: 0 done, 1 refused or failed (the
 * message says what was and was not changed; re-running is safe). Wrong usage throws `UsageError`.
 */
export async function runTenant(args: TenantArgs, env: Env, io: Io): Promise<number> {
  const command = args.positionals[0];
  if (!command || !['add', 'remove', 'list', 'vmauth-config'].includes(command)) {
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
  try {
    return await dispatch(command, args, env, io);
  } catch (e) {
    return reportFailure(command, e, io);
  }
}

/** `runTenant` from raw arguments, `--help` and usage errors included: the whole command, in process. */
export async function runTenantCommand(argv: string[], env: Env, io: Io): Promise<number> {
  try {
    const args = parseCommandLine(TENANT_SPEC, argv);
    if (args.help) {
      io.out(usageText(TENANT_SPEC));
      return 0;
    }
    return await runTenant(args, env, io);
  } catch (e) {
    const o = outcomeOf(TENANT_SPEC, e);
    io.err(o.text.trimEnd());
    return o.code;
  }
}
