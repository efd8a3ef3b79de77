import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PLUGIN_ID } from '../../constants';
import { defaultSettings, parseSettings, type AppSettings } from '../../settings';
import { CliFailure, EXIT as KIT_EXIT, outcomeOf, parseCommandLine, usageText, type Io } from '../../shared/cli';
import { fetchHttp } from '../../shared/fetchHttp';
import { describe, textTransport, type Http } from '../../shared/http';
import { isObj, objects } from '../../shared/narrow';
import { resolveTenant, type TenantScope } from '../../sla/queries';
import { formatYearMonth } from '../../sla/windows';
import { VllmClient } from '../../triage/vllm';
import { readRetention } from '../../history/readRetention';
import { collectReport, ReportError } from '../collect';
import { narrateReport, type NarrativeOutcome } from '../narrative';
import { datasourceProxyPath, grafanaIncidentSource, prometheusReportSource } from '../sources';
import type { ReportStores } from '../stores';
import type { IncidentSource, ReportDataSource, ReportModel } from '../types';
import { EXIT, REPORT_SPEC, reportArgs, type ReportArgs } from './args';
import { grafanaAuthFromEnv, grafanaAuthHttp } from './grafanaHttp';
import { reportHtml, reportTitle } from './html';
import { sendReportMail, smtpFromEnv, type SmtpSettings } from './mail';
import { printPdf } from './pdf';

export { EXIT };

/** Bad input found after parsing (a settings file, the org's tenant, credentials): exit 2, without the usage. */
class InputError extends CliFailure {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

interface Sources {
  settings: AppSettings;
  scope: TenantScope;
  data: ReportDataSource;
  stores: ReportStores;
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
    throw new InputError(`cannot read --settings ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parseSettings(json);
  if (parsed.problems.length) {
    throw new InputError(`--settings ${file}: ${parsed.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
  return parsed.settings;
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

/** Settings from a file (or defaults) for a report read straight from Prometheus; the tenant is the one asked for. */
async function prometheusSources(a: ReportArgs): Promise<Sources> {
  const base = readSettingsFile(a.settingsFile);
  const settings: AppSettings = {
    ...base,
    mode: 'tenant',
    tenant: { id: a.tenant, name: a.tenantName ?? (base.tenant.id === a.tenant ? base.tenant.name : '') },
    sla: { ...base.sla, timeZone: a.timeZone ?? base.sla.timeZone },
  };
  const scope = resolveScope(settings, a.tenant);
  const http = fetchHttp();
  const stores: ReportStores = {
    plan: { history: a.history !== undefined, retention: await readRetention(http, a.prometheus!) },
    history: a.history ? prometheusReportSource(http, a.history, `the history at ${a.history}`) : undefined,
  };
  const where = a.history ? `${a.prometheus} and the history at ${a.history}` : a.prometheus!;
  return { settings, scope, data: prometheusReportSource(http, a.prometheus!), stores, where };
}

async function grafanaJson(http: Http, path: string, what: string): Promise<unknown> {
  const r = await http({ url: path, timeoutMs: 60_000 });
  if (!r.ok) {
    const e = r.error;
    const sentence = describe(e, { what: `Grafana (${what})` });
    if (e.kind === 'http' && (e.status === 401 || e.status === 403)) {
      // Credentials or org are wrong: fixing the invocation helps, retrying does not.
      throw new InputError(`${sentence} Check GRAFANA_TOKEN, or GRAFANA_USER/GRAFANA_PASSWORD and --org.`);
    }
    throw new ReportError(sentence, 'data');
  }
  return r.data;
}

async function defaultPrometheusUid(http: Http): Promise<string> {
  const proms = objects(await grafanaJson(http, '/api/datasources', 'data sources')).filter(
    (d) => d.type === 'prometheus' && typeof d.uid === 'string'
  );
  const chosen = proms.find((d) => d.isDefault === true) ?? (proms.length === 1 ? proms[0] : undefined);
  if (!chosen) {
    throw new InputError('the org has no default Prometheus data source; choose one in the app configuration');
  }
  return String(chosen.uid);
}

/** The org's own app settings, Prometheus (through the data source proxy) and incident annotations. */
async function grafanaSources(a: ReportArgs, env: NodeJS.ProcessEnv): Promise<Sources> {
  const auth = grafanaAuthFromEnv(env);
  if (!auth) {
    throw new InputError(
      '--grafana needs GRAFANA_TOKEN (a service account token of the org), or GRAFANA_USER and GRAFANA_PASSWORD'
    );
  }
  const http = grafanaAuthHttp(fetchHttp(), a.grafana!, auth, a.org);
  const app = await grafanaJson(http, `/api/plugins/${PLUGIN_ID}/settings`, 'app settings');
  const parsed = parseSettings(isObj(app) ? (app.jsonData ?? {}) : {});
  const settings: AppSettings = {
    ...parsed.settings,
    tenant: { ...parsed.settings.tenant, name: a.tenantName ?? parsed.settings.tenant.name },
    sla: { ...parsed.settings.sla, timeZone: a.timeZone ?? parsed.settings.sla.timeZone },
  };
  const scope = resolveScope(settings, a.tenant);
  const uid = settings.datasources.prometheusUid || (await defaultPrometheusUid(http));
  const historyUid = settings.datasources.historyUid || undefined;
  const stores: ReportStores = {
    plan: { history: historyUid !== undefined, retention: await readRetention(http, datasourceProxyPath(uid)) },
    history: historyUid
      ? prometheusReportSource(
          http,
          datasourceProxyPath(historyUid),
          `the history through Grafana (data source ${historyUid})`
        )
      : undefined,
  };
  return {
    settings,
    scope,
    data: prometheusReportSource(http, datasourceProxyPath(uid), `Prometheus through Grafana (data source ${uid})`),
    stores,
    incidents: grafanaIncidentSource(http),
    where: `${a.grafana} (data source ${uid}${historyUid ? `, history ${historyUid}` : ''})`,
  };
}

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
    fetch: textTransport(fetchHttp()),
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

function asFailure(e: ReportError): CliFailure {
  return e.kind === 'input'
    ? new InputError(e.message)
    : new CliFailure(`could not produce the report: ${e.message}`, EXIT.failed);
}

/**
 * `npm run report` without the process around it (src/cli/report.ts adds that with the kit's `runCommand`): the
 * kit's parsing, usage and failure printing, and the exit status.
 */
export async function runReportCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: Io,
  now?: () => number
): Promise<number> {
  try {
    const parsed = parseCommandLine(REPORT_SPEC, argv);
    if (parsed.help) {
      io.out(`${usageText(REPORT_SPEC)}\n`);
      return KIT_EXIT.ok;
    }
    return await reportMain(reportArgs(parsed), env, io, now);
  } catch (e) {
    const o = outcomeOf(REPORT_SPEC, e);
    io.err(o.text);
    return o.code;
  }
}

/** Collects, narrates (if asked), prints to PDF and mails (if asked). Failures are `CliFailure`s with their exit code. */
export async function reportMain(
  a: ReportArgs,
  env: NodeJS.ProcessEnv,
  io: Io,
  now = () => Date.now() / 1000
): Promise<number> {
  let smtp: SmtpSettings | undefined;
  if (a.mailTo) {
    const s = smtpFromEnv(env);
    if (!s.ok) {
      throw new InputError(`--mail-to: ${s.problem}`);
    }
    smtp = s.settings;
  }
  try {
    return await produce(a, env, io, smtp, now());
  } catch (e) {
    throw e instanceof ReportError ? asFailure(e) : e;
  }
}

async function render(a: ReportArgs, model: ReportModel, narrative: NarrativeOutcome | undefined): Promise<Buffer> {
  const html = reportHtml(model, narrative, a.narrateOnly);
  if (a.html) {
    writeAtomically(a.html, html);
  }
  try {
    return await printPdf(html);
  } catch (e) {
    throw new CliFailure(
      `Chromium could not print the PDF: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      EXIT.failed
    );
  }
}

async function mail(a: ReportArgs, smtp: SmtpSettings, model: ReportModel, pdf: Buffer, io: Io) {
  const month = formatYearMonth(a.month);
  try {
    const answer = await sendReportMail(smtp, {
      to: a.mailTo!,
      subject: reportTitle(model),
      text: `${reportTitle(model)}\n\n${model.current.headline.sentences.join('\n')}\n\nThe full report is attached as a PDF.\n`,
      filename: `service-report-${model.tenant.id}-${month}.pdf`,
      pdf,
    });
    io.err(`report: mailed to ${a.mailTo} (${answer.slice(0, 120)})\n`);
  } catch (e) {
    throw new CliFailure(
      `mailing to ${a.mailTo} failed: ${e instanceof Error ? e.message : String(e)}; the PDF is at ${a.out}`,
      EXIT.failed
    );
  }
}

async function produce(
  a: ReportArgs,
  env: NodeJS.ProcessEnv,
  io: Io,
  smtp: SmtpSettings | undefined,
  now: number
): Promise<number> {
  const started = Date.now();
  const secs = () => ((Date.now() - started) / 1000).toFixed(1);
  const src = a.grafana ? await grafanaSources(a, env) : await prometheusSources(a);
  io.err(`report: ${src.scope.id}, ${formatYearMonth(a.month)} (${src.settings.sla.timeZone}), from ${src.where}\n`);
  const model = await collectReport(
    { settings: src.settings, scope: src.scope, month: a.month, now, stores: src.stores },
    src.data,
    src.incidents
  );
  io.err(`report: service levels read in ${secs()} s (${model.source} series)\n`);
  let narrative: NarrativeOutcome | undefined;
  if (a.narrate) {
    narrative = await narrate(a, env, src.settings, model);
    io.err(
      narrative.status === 'ok'
        ? `report: summary written by ${narrative.model}\n`
        : `report: summary unavailable: ${narrative.reason}\n`
    );
    if (a.narrateOnly && narrative.status !== 'ok') {
      throw new CliFailure('--narrate-only and no summary: nothing written', EXIT.failed);
    }
  }
  const pdf = await render(a, model, narrative);
  writeAtomically(a.out, pdf);
  io.err(`report: wrote ${a.out} (${Math.round(pdf.length / 1024)} KB) in ${secs()} s\n`);
  if (smtp) {
    await mail(a, smtp, model, pdf, io);
  }
  return narrative && narrative.status !== 'ok' ? EXIT.withoutSummary : EXIT.delivered;
}
