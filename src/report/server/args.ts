import { TENANT_ID } from '../../settings';
import { type CommandSpec, type OptionTable, type Parsed, UsageError, urlOption } from '../../shared/cli';
import { parseYearMonth, type YearMonth } from '../../sla/windows';
import { isTimeZone } from '../../sla/zoned';
import { isMailAddress } from './mail';

/** Exit codes of `npm run report` (the contract): 0 delivered, 1 without the summary, 2 bad input, 3 not produced. */
export const EXIT = { delivered: 0, withoutSummary: 1, usage: 2, failed: 3 } as const;

/** The options table of `npm run report` (the command-line kit prints it as the usage). */
export const REPORT_SPEC = {
  name: 'report',
  synopsis: '--tenant <id> --month YYYY-MM --out <file.pdf> (--prometheus URL | --grafana URL) [options]',
  failureCode: EXIT.failed,
  options: {
    tenant: { type: 'string', value: 'ID', help: 'the tenant (customer) the report is about' },
    month: { type: 'string', value: 'YYYY-MM', help: 'the calendar month, in the org time zone' },
    out: { type: 'string', value: 'FILE.pdf', help: 'where to write the PDF' },
    prometheus: {
      type: 'string',
      value: 'URL',
      help: 'read Prometheus directly (settings from --settings or defaults; no incidents)',
    },
    grafana: {
      type: 'string',
      value: 'URL',
      help: "read the org's app settings, its Prometheus (data source proxy) and its incidents",
    },
    org: {
      type: 'string',
      value: 'ID',
      help: 'with GRAFANA_USER/GRAFANA_PASSWORD: the org to read (a token knows its org)',
    },
    history: {
      type: 'string',
      value: 'URL',
      help: 'with --prometheus: the long-term history (VictoriaMetrics) for months older than Prometheus keeps',
    },
    settings: { type: 'string', value: 'FILE', help: "with --prometheus: the app's jsonData as JSON" },
    'tenant-name': {
      type: 'string',
      value: 'NAME',
      help: "the customer's name on the report (default: the org's setting)",
    },
    timezone: {
      type: 'string',
      value: 'ZONE',
      help: "the calendar's time zone, e.g. Europe/Berlin (default: the org's setting)",
    },
    narrate: {
      type: 'boolean',
      help: 'add a 3-5 sentence summary written by your vLLM; the report ships without it if that fails',
    },
    'narrate-only': { type: 'boolean', help: 'only the summary page (e.g. later, once the model is back)' },
    vllm: { type: 'string', value: 'URL', help: "the vLLM server root (default $VLLM_URL or the app's vLLM URL)" },
    model: { type: 'string', value: 'M', help: 'the served model (default: the setting, else the first one served)' },
    'mail-to': { type: 'string', value: 'ADDR', help: 'send the PDF to this address over SMTP' },
    html: { type: 'string', value: 'FILE', help: 'also write the HTML the PDF was printed from' },
  },
  notes: `Environment: GRAFANA_TOKEN (a service account token of the tenant's org), or GRAFANA_USER + GRAFANA_PASSWORD
with --org; VLLM_URL, VLLM_API_KEY; SMTP_HOST (host:port), SMTP_FROM, SMTP_USER, SMTP_PASSWORD, SMTP_SECURE=true
(TLS on connect), SMTP_REQUIRE_TLS=true. Progress goes to standard error.
Exit status: 0 delivered, 1 delivered without the summary, 2 bad input, 3 the report could not be produced (or mailed).`,
} as const satisfies CommandSpec<OptionTable>;

export interface ReportArgs {
  tenant: string;
  month: YearMonth;
  out: string;
  prometheus?: string;
  grafana?: string;
  history?: string;
  narrate: boolean;
  narrateOnly: boolean;
  mailTo?: string;
  vllm?: string;
  model?: string;
  settingsFile?: string;
  tenantName?: string;
  timeZone?: string;
  org?: number;
  html?: string;
}

function required(v: string | undefined, flag: string): string {
  if (!v) {
    throw new UsageError(`${flag} is required`);
  }
  return v;
}

function source(v: Parsed<typeof REPORT_SPEC.options>['values']): {
  prometheus?: string;
  grafana?: string;
  history?: string;
} {
  if (v.prometheus && v.grafana) {
    throw new UsageError('give --prometheus or --grafana, not both');
  }
  if (v.history && !v.prometheus) {
    throw new UsageError("--history goes with --prometheus (with --grafana the org's history data source is used)");
  }
  if (!v.prometheus && !v.grafana) {
    throw new UsageError('--prometheus URL or --grafana URL is required');
  }
  return {
    prometheus: v.prometheus && urlOption('prometheus', v.prometheus),
    grafana: v.grafana && urlOption('grafana', v.grafana),
    history: v.history && urlOption('history', v.history),
  };
}

function checked(v: Parsed<typeof REPORT_SPEC.options>['values']) {
  const tenant = required(v.tenant, '--tenant');
  if (!TENANT_ID.test(tenant)) {
    throw new UsageError(`--tenant "${tenant.slice(0, 40)}" is not a tenant id (lowercase letters, digits, - and _)`);
  }
  const month = parseYearMonth(required(v.month, '--month'));
  if (!month) {
    throw new UsageError(`--month must be YYYY-MM, got "${v.month!.slice(0, 20)}"`);
  }
  if (v['mail-to'] !== undefined && !isMailAddress(v['mail-to'])) {
    throw new UsageError(`--mail-to "${v['mail-to'].slice(0, 60)}" is not one e-mail address`);
  }
  if (v.timezone !== undefined && !isTimeZone(v.timezone)) {
    throw new UsageError(`--timezone "${v.timezone.slice(0, 40)}" is not a time zone name (like Europe/Berlin or UTC)`);
  }
  const org = v.org === undefined ? undefined : Number(v.org);
  if (org !== undefined && !(Number.isInteger(org) && org > 0)) {
    throw new UsageError('--org is an organization id (a positive whole number)');
  }
  return { tenant, month, org };
}

/** The checked arguments; every problem is a `UsageError` (exit 2) naming the flag. */
export function reportArgs({ values: v }: Parsed<typeof REPORT_SPEC.options>): ReportArgs {
  const { tenant, month, org } = checked(v);
  return {
    tenant,
    month,
    out: required(v.out, '--out'),
    ...source(v),
    narrate: v.narrate || v['narrate-only'],
    narrateOnly: v['narrate-only'],
    mailTo: v['mail-to'],
    vllm: v.vllm && urlOption('vllm', v.vllm).replace(/\/v1$/, ''),
    model: v.model,
    settingsFile: v.settings,
    tenantName: v['tenant-name'],
    timeZone: v.timezone,
    org,
    html: v.html,
  };
}
