import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PLUGIN_ID } from '../../constants';
import { fetchApiGet } from '../../rules/noise/fetchApiGet';
import { defaultSettings, parseSettings, type AppSettings } from '../../settings';
import { resolveTenant, type TenantScope } from '../../sla/queries';
import { formatYearMonth } from '../../sla/windows';
import { VllmClient, type FetchLike } from '../../triage/vllm';
import { collectReport, ReportError } from '../collect';
import { narrateReport, type NarrativeOutcome } from '../narrative';
import { datasourceProxyPath, grafanaIncidentSource, prometheusReportSource, type GrafanaFetch } from '../sources';
import type { IncidentSource, ReportDataSource, ReportModel } from '../types';
import { parseReportArgs, UsageError, USAGE, type ReportArgs } from './args';
import { grafanaAuthFromEnv, grafanaFetch, proxyApiGet } from './grafanaHttp';
import { reportHtml, reportTitle } from './html';
import { sendReportMail, smtpFromEnv, type SmtpSettings } from './mail';
import { printPdf } from './pdf';

/** What the command writes to; tests pass their own. */
export interface ReportIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  now?: () => number;
}

export const EXIT = { delivered: 0, withoutSummary: 1, usage: 2, failed: 3 } as const;

class InputError extends Error {}

interface Sources {
  settings: AppSettings;
  scope: TenantScope;
  data: ReportDataSource;
  incidents?: IncidentSource;
  where: string;
}

function readSettingsFile(file: string | undefined): AppSettings {
  if (!file) {
    return defaultSettings();
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read --settings ${file}: ${e instanceof Error ? e.message : e}`);
  }
  const parsed = parseSettings(json);
  if (parsed.problems.length) {
    throw new InputError(`--settings ${file}: ${parsed.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
  return parsed.settings;
}

/** Settings from a file (or defaults) for a report read straight from Prometheus; the tenant is the one asked for. */
function prometheusSources(a: ReportArgs): Sources {
  const base = readSettingsFile(a.settingsFile);
  const settings: AppSettings = {
    ...base,
    mode: 'tenant',
    tenant: { id: a.tenant, name: a.tenantName ?? (base.tenant.id === a.tenant ? base.tenant.name : '') },
    sla: { ...base.sla, timeZone: a.timeZone ?? base.sla.timeZone },
  };
  const scope = resolveScope(settings, a.tenant);
  return { settings, scope, data: prometheusReportSource(fetchApiGet(a.prometheus!)), where: a.prometheus! };
}

function resolveScope(settings: AppSettings, tenant: string): TenantScope {
  const r = resolveTenant(settings, { picked: tenant });
  if (!r.ok) {
    throw new InputError(r.reason);
  }
  if (r.scope.id !== tenant) {
    // A tenant org's report is that tenant's, whatever the command line asks for.
    throw new InputError(
      `this organization belongs to tenant "${r.scope.id}", not "${tenant}"; use that org's credentials`
    );
  }
  return r.scope;
}

async function grafanaJson(get: GrafanaFetch, path: string, what: string): Promise<unknown> {
  const r = await get(path);
  if (!r.ok) {
    const e = r.error;
    const detail = e.kind === 'http' ? `HTTP ${e.status}: ${e.message}` : e.message;
    if (e.kind === 'http' && (e.status === 401 || e.status === 403)) {
      // Credentials or org are wrong: fixing the invocation helps, retrying does not.
      throw new InputError(
        `reading ${what} from Grafana failed: ${detail} (check GRAFANA_TOKEN, or GRAFANA_USER/GRAFANA_PASSWORD and --org)`
      );
    }
    throw new ReportError(`reading ${what} from Grafana failed: ${detail}`, 'data');
  }
  return r.data;
}

async function defaultPrometheusUid(get: GrafanaFetch): Promise<string> {
  const list = await grafanaJson(get, '/api/datasources', 'the data sources');
  const items = Array.isArray(list) ? list : [];
  const isProm = (d: unknown): d is { uid: string; type: string; isDefault?: boolean } =>
    typeof d === 'object' &&
    d !== null &&
    (d as { type?: unknown }).type === 'prometheus' &&
    typeof (d as { uid?: unknown }).uid === 'string';
  const proms = items.filter(isProm);
  const chosen = proms.find((d) => d.isDefault) ?? (proms.length === 1 ? proms[0] : undefined);
  if (!chosen) {
    throw new InputError('the org has no default Prometheus data source; set one in the app configuration');
  }
  return chosen.uid;
}

/** The org's own app settings, Prometheus (through the data source proxy) and incident annotations. */
async function grafanaSources(a: ReportArgs, env: NodeJS.ProcessEnv): Promise<Sources> {
  const auth = grafanaAuthFromEnv(env);
  if (!auth) {
    throw new InputError(
      '--grafana needs GRAFANA_TOKEN (a service account token of the org), or GRAFANA_USER and GRAFANA_PASSWORD'
    );
  }
  const get = grafanaFetch(a.grafana!, auth, a.org);
  const app = await grafanaJson(get, `/api/plugins/${PLUGIN_ID}/settings`, 'the app settings');
  const jsonData = typeof app === 'object' && app !== null ? (app as { jsonData?: unknown }).jsonData : undefined;
  const parsed = parseSettings(jsonData ?? {});
  const settings: AppSettings = {
    ...parsed.settings,
    tenant: { ...parsed.settings.tenant, name: a.tenantName ?? parsed.settings.tenant.name },
    sla: { ...parsed.settings.sla, timeZone: a.timeZone ?? parsed.settings.sla.timeZone },
  };
  const scope = resolveScope(settings, a.tenant);
  const uid = settings.datasources.prometheusUid || (await defaultPrometheusUid(get));
  return {
    settings,
    scope,
    data: prometheusReportSource(proxyApiGet(get, datasourceProxyPath(uid))),
    incidents: grafanaIncidentSource(get),
    where: `${a.grafana} (data source ${uid})`,
  };
}

const nodeFetch: FetchLike = async (url, init) => {
  const r = await fetch(url, init);
  return { status: r.status, text: () => r.text() };
};

async function narrate(
  a: ReportArgs,
  env: NodeJS.ProcessEnv,
  settings: AppSettings,
  model: ReportModel
): Promise<NarrativeOutcome> {
  const base = a.vllm ?? env.VLLM_URL?.replace(/\/+$/, '').replace(/\/v1$/, '') ?? (settings.vllm.url || undefined);
  if (!base) {
    return { status: 'unavailable', reason: 'no vLLM is configured (--vllm, VLLM_URL or the app’s vLLM URL)' };
  }
  const client = new VllmClient({
    baseUrl: base,
    fetch: nodeFetch,
    timeoutMs: settings.vllm.timeoutSeconds * 1000,
    apiKey: env.VLLM_API_KEY || undefined,
    site: { configHint: '--vllm / VLLM_URL', keyHint: 'VLLM_API_KEY' },
  });
  let chosen = a.model ?? settings.vllm.model;
  if (!chosen) {
    const listed = await client.listModels();
    if (!listed.ok) {
      return { status: 'unavailable', reason: listed.error.message };
    }
    chosen = listed.models[0]?.id ?? '';
    if (!chosen) {
      return { status: 'unavailable', reason: 'the vLLM server serves no model' };
    }
  }
  return narrateReport(model, client, chosen);
}

function writeAtomically(file: string, data: Buffer | string) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** `npm run report`: collects, narrates (if asked), prints to PDF and mails (if asked). Returns the exit status. */
export async function runReportCommand(argv: string[], env: NodeJS.ProcessEnv, io: ReportIo): Promise<number> {
  let a: ReportArgs;
  let smtp: SmtpSettings | undefined;
  try {
    a = parseReportArgs(argv);
    if (a.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT.delivered;
    }
    if (a.mailTo) {
      const s = smtpFromEnv(env);
      if (!s.ok) {
        throw new UsageError(`--mail-to: ${s.problem}`);
      }
      smtp = s.settings;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`report: ${e.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  try {
    return await produce(a, env, io, smtp);
  } catch (e) {
    if (e instanceof InputError || (e instanceof ReportError && e.kind === 'input')) {
      io.stderr(`report: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`report: could not produce the report: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
}

async function produce(
  a: ReportArgs,
  env: NodeJS.ProcessEnv,
  io: ReportIo,
  smtp: SmtpSettings | undefined
): Promise<number> {
  const started = Date.now();
  const now = (io.now ?? (() => Date.now() / 1000))();
  const src = a.grafana ? await grafanaSources(a, env) : prometheusSources(a);
  const month = formatYearMonth(a.month);
  io.stderr(`report: ${src.scope.id}, ${month} (${src.settings.sla.timeZone}), from ${src.where}\n`);
  const model = await collectReport(
    { settings: src.settings, scope: src.scope, month: a.month, now },
    src.data,
    src.incidents
  );
  io.stderr(
    `report: service levels read in ${((Date.now() - started) / 1000).toFixed(1)} s (${model.source} series)\n`
  );
  let narrative: NarrativeOutcome | undefined;
  if (a.narrate) {
    narrative = await narrate(a, env, src.settings, model);
    io.stderr(
      narrative.status === 'ok'
        ? `report: summary written by ${narrative.model}\n`
        : `report: summary unavailable: ${narrative.reason}\n`
    );
    if (a.narrateOnly && narrative.status !== 'ok') {
      io.stderr('report: --narrate-only and no summary: nothing written\n');
      return EXIT.failed;
    }
  }
  const html = reportHtml(model, narrative, a.narrateOnly);
  if (a.html) {
    writeAtomically(a.html, html);
  }
  const pdf = await printPdf(html);
  writeAtomically(a.out, pdf);
  io.stderr(
    `report: wrote ${a.out} (${Math.round(pdf.length / 1024)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
  );
  if (a.mailTo && smtp) {
    try {
      const answer = await sendReportMail(smtp, {
        to: a.mailTo,
        subject: reportTitle(model),
        text: `${reportTitle(model)}\n\n${model.current.headline.sentences.join('\n')}\n\nThe full report is attached as a PDF.\n`,
        filename: `service-report-${model.tenant.id}-${month}.pdf`,
        pdf,
      });
      io.stderr(`report: mailed to ${a.mailTo} (${answer.slice(0, 120)})\n`);
    } catch (e) {
      io.stderr(
        `report: mailing to ${a.mailTo} failed: ${e instanceof Error ? e.message : e}; the PDF is at ${a.out}\n`
      );
      return EXIT.failed;
    }
  }
  return narrative && narrative.status !== 'ok' ? EXIT.withoutSummary : EXIT.delivered;
}
