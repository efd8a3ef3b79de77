import { parseArgs } from 'node:util';
import { TENANT_ID } from '../../settings';
import { parseYearMonth, type YearMonth } from '../../sla/windows';
import { isTimeZone } from '../../sla/zoned';
import { isMailAddress } from './mail';

export const USAGE = `usage: npm run report -- --tenant <id> --month YYYY-MM --out <file.pdf> (--prometheus URL | --grafana URL)
                        [--narrate | --narrate-only] [--mail-to ADDR] [--vllm URL] [--model M]
                        [--settings FILE] [--tenant-name NAME] [--timezone ZONE] [--org ID] [--html FILE]
  One tenant's monthly service report as an A4 PDF, from the same component as the Service levels page.
  --grafana URL       read the org's app settings, its Prometheus (through Grafana's data source proxy) and its
                      customer-visible incident annotations; auth from GRAFANA_TOKEN, or GRAFANA_USER + GRAFANA_PASSWORD
                      with --org ID
  --prometheus URL    read Prometheus directly; settings from --settings (the app's jsonData as JSON) or defaults;
                      incidents are not included (they live in Grafana)
  --narrate           add a 3-5 sentence summary written by your vLLM (--vllm, VLLM_URL or the app's vLLM URL;
                      key from VLLM_API_KEY); if the model fails, the report ships without it
  --narrate-only      only the summary page
  --mail-to ADDR      send the PDF over SMTP: SMTP_HOST (host:port), SMTP_FROM, optional SMTP_USER, SMTP_PASSWORD,
                      SMTP_SECURE=true (TLS on connect), SMTP_REQUIRE_TLS=true
  Exit status: 0 delivered, 1 delivered without the summary, 2 bad input, 3 the report could not be produced.`;

export class UsageError extends Error {}

export interface ReportArgs {
  help: boolean;
  tenant: string;
  month: YearMonth;
  out: string;
  prometheus?: string;
  grafana?: string;
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

function baseUrl(v: string, flag: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL, got "${v.slice(0, 80)}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new UsageError(`${flag} must be an http(s) URL, got "${v.slice(0, 80)}"`);
  }
  return v.replace(/\/+$/, '');
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  tenant: { type: 'string' },
  month: { type: 'string' },
  out: { type: 'string' },
  prometheus: { type: 'string' },
  grafana: { type: 'string' },
  narrate: { type: 'boolean' },
  'narrate-only': { type: 'boolean' },
  'mail-to': { type: 'string' },
  vllm: { type: 'string' },
  model: { type: 'string' },
  settings: { type: 'string' },
  'tenant-name': { type: 'string' },
  timezone: { type: 'string' },
  org: { type: 'string' },
  html: { type: 'string' },
} as const;

function required(v: string | undefined, what: string): string {
  if (!v) {
    throw new UsageError(`${what} is required`);
  }
  return v;
}

/** Parses and checks the command line; every problem is a `UsageError` (exit 2) that names the flag. */
export function parseReportArgs(argv: string[]): ReportArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const s = (k: keyof typeof OPTIONS) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (values.help) {
    return { help: true, tenant: '', month: { year: 0, month: 0 }, out: '', narrate: false, narrateOnly: false };
  }
  const tenant = required(s('tenant'), '--tenant');
  if (!TENANT_ID.test(tenant)) {
    throw new UsageError(`--tenant "${tenant.slice(0, 40)}" is not a tenant id (lowercase letters, digits, - and _)`);
  }
  const month = parseYearMonth(required(s('month'), '--month'));
  if (!month) {
    throw new UsageError(`--month must be YYYY-MM, got "${s('month')!.slice(0, 20)}"`);
  }
  const out = required(s('out'), '--out');
  if (s('prometheus') && s('grafana')) {
    throw new UsageError('give --prometheus or --grafana, not both');
  }
  if (!s('prometheus') && !s('grafana')) {
    throw new UsageError('--prometheus URL or --grafana URL is required');
  }
  const mailTo = s('mail-to');
  if (mailTo !== undefined && !isMailAddress(mailTo)) {
    throw new UsageError(`--mail-to "${mailTo.slice(0, 60)}" is not one e-mail address`);
  }
  const tz = s('timezone');
  if (tz !== undefined && !isTimeZone(tz)) {
    throw new UsageError(`--timezone "${tz.slice(0, 40)}" is not a time zone name (like Europe/Berlin or UTC)`);
  }
  const org = s('org') === undefined ? undefined : Number(s('org'));
  if (org !== undefined && !(Number.isInteger(org) && org > 0)) {
    throw new UsageError('--org is an organization id (a positive whole number)');
  }
  return {
    help: false,
    tenant,
    month,
    out,
    prometheus: s('prometheus') && baseUrl(s('prometheus')!, '--prometheus'),
    grafana: s('grafana') && baseUrl(s('grafana')!, '--grafana'),
    narrate: Boolean(values.narrate) || Boolean(values['narrate-only']),
    narrateOnly: Boolean(values['narrate-only']),
    mailTo,
    vllm: s('vllm') && baseUrl(s('vllm')!, '--vllm').replace(/\/v1$/, ''),
    model: s('model'),
    settingsFile: s('settings'),
    tenantName: s('tenant-name'),
    timeZone: tz,
    org,
    html: s('html'),
  };
}
