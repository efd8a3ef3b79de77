import type { AppSettings } from '../settings';
import { factsFromAnswers, type InstantSample, type PeriodAnswers } from '../sla/facts';
import { buildHeadline, type SlaTargets } from '../sla/headline';
import { INCIDENT_TAG } from '../sla/incidents';
import { parseRefId } from '../sla/pageQueries';
import { recordedRulesApply, type SlaSource, type TenantScope } from '../sla/queries';
import { availabilityFromErrors, errorBudget, type BurnWindow } from '../sla/slo';
import { monthPeriod, previousMonth, type SlaPeriod, type YearMonth } from '../sla/windows';
import { incidentsInPeriod } from './incidents';
import { periodUnavailable, routedReportSource, type ReportStores } from './stores';
import {
  dailyPlan,
  daysOf,
  periodPlan,
  probeQueries,
  slaQueries,
  usagePlan,
  type DaySpan,
  type TimedQuery,
} from './plan';
import type { DayPoint, IncidentSource, PeriodSummary, ReportDataSource, ReportModel } from './types';

export interface ReportRequest {
  /** The org's settings; `tenant.name` is the customer's display name. */
  settings: AppSettings;
  /** The one tenant this report is about (resolved like the Service levels page resolves it). */
  scope: TenantScope;
  month: YearMonth;
  /** Unix seconds; a running month is reported up to now. */
  now: number;
  /** Queries in flight at once. */
  concurrency?: number;
  /**
   * Prometheus' retention and the long-term history, when known: long and old windows are read from the history,
   * and without one a month older than Prometheus keeps is refused instead of reported from partial data.
   */
  stores?: ReportStores;
}

/** The report could not be made (bad month, data source failure): the message says what and what to do. */
export class ReportError extends Error {
  constructor(
    message: string,
    readonly kind: 'input' | 'data'
  ) {
    super(message);
  }
}

type Answers = Map<string, InstantSample[]>;

async function runAll(data: ReportDataSource, queries: TimedQuery[], concurrency: number): Promise<Answers> {
  const out: Answers = new Map();
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const q = queries[next++];
      try {
        out.set(q.refId, await data.instant(q.expr, q.time, q.from));
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new ReportError(`the metrics query for ${q.refId} failed: ${why}`, 'data');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queries.length)) }, worker));
  return out;
}

function single(samples: InstantSample[] | undefined): number | undefined {
  const v = samples?.[0]?.value;
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

function targetsOf(settings: AppSettings): SlaTargets {
  return {
    objective: settings.sla.availabilityObjective,
    latencyTargetSeconds: settings.sla.latencyTargetSeconds,
    latencyPercentile: settings.sla.latencyPercentile,
  };
}

/** Reduces a period's answers with the SLA core, exactly as the page's headline does. */
function summarize(answers: Answers, period: SlaPeriod, targets: SlaTargets): PeriodSummary {
  const facts: PeriodAnswers = {};
  const burn: Partial<Record<BurnWindow, InstantSample[]>> = {};
  for (const [refId, samples] of answers) {
    const ref = parseRefId(refId);
    if (ref?.kind === 'period') {
      facts[ref.fact] = samples;
    } else if (ref?.kind === 'burn') {
      burn[ref.window] = samples;
    }
  }
  const f = factsFromAnswers(facts, burn, targets.latencyTargetSeconds);
  const headline = buildHeadline(f, targets, period.label);
  const availability = headline.availability;
  return {
    label: period.label,
    start: period.start,
    end: period.end,
    complete: !period.label.endsWith('so far'),
    requests: f.requests,
    errors: f.errors,
    availability,
    budget: availability === undefined ? undefined : errorBudget(availability, targets.objective),
    latencySeconds: headline.latencyStatus === 'no-data' ? undefined : f.latencySeconds,
    latencyShare: f.latencyShare,
    headline,
  };
}

function dayPoints(days: DaySpan[], answers: Answers): DayPoint[] {
  return days.map((d, i) => {
    const requests = single(answers.get(`day${i}_requests`));
    const base = { date: d.date, start: d.start, end: d.end };
    if (requests === undefined) {
      return { ...base, state: 'no-data' };
    }
    if (requests <= 0) {
      return { ...base, state: 'no-requests', requests: 0 };
    }
    return {
      ...base,
      state: 'ok',
      requests,
      availability: availabilityFromErrors(single(answers.get(`day${i}_errors`)) ?? 0, requests),
      latencySeconds: single(answers.get(`day${i}_latency`)),
    };
  });
}

/** Recorded series when the rules apply and cover the whole period; raw series otherwise (as the page decides). */
async function chooseSource(
  req: ReportRequest,
  data: ReportDataSource,
  period: SlaPeriod,
  c: number
): Promise<SlaSource> {
  if (!recordedRulesApply(req.settings)) {
    return 'raw';
  }
  const probe = await runAll(data, probeQueries(req.scope, period), c);
  return (single(probe.get('probe_start')) ?? 0) > 0 && (single(probe.get('probe_end')) ?? 0) > 0 ? 'recorded' : 'raw';
}

async function periodSummary(req: ReportRequest, data: ReportDataSource, period: SlaPeriod, c: number) {
  const source = await chooseSource(req, data, period, c);
  const q = slaQueries(req.settings, req.scope, source);
  const running = period.label.endsWith('so far');
  const answers = await runAll(data, periodPlan(q, period, running), c);
  return { source, q, summary: summarize(answers, period, targetsOf(req.settings)) };
}

/**
 * Collects one tenant's monthly report: the month's service levels (the SLA core's numbers), the month before,
 * each local day, token usage and customer-visible incidents. Every query is scoped to `req.scope`.
 */
export async function collectReport(
  req: ReportRequest,
  data: ReportDataSource,
  incidents?: IncidentSource
): Promise<ReportModel> {
  const tz = req.settings.sla.timeZone;
  const c = req.concurrency ?? 6;
  const period = monthPeriod(req.month, tz, req.now);
  if (!period) {
    throw new ReportError('that month has not begun yet; pick the current month or an earlier one', 'input');
  }
  const retention = req.stores?.plan.retention;
  if (retention?.kind === 'unknown' && retention.unreachable) {
    throw new ReportError(retention.why, 'data');
  }
  const unavailable = periodUnavailable(req.stores, period, req.now);
  if (unavailable) {
    throw new ReportError(
      `${period.label} cannot be reported whole: ${unavailable}. Configure the org's history data source (or pass --history <VictoriaMetrics URL>) to report older months.`,
      'data'
    );
  }
  const routed = req.stores ? routedReportSource(data, req.stores, req.now) : data;
  const { source, q, summary: current } = await periodSummary(req, routed, period, c);
  const days = daysOf(period, req.month, tz);
  const [daily, usage, prev] = await Promise.all([
    runAll(routed, dailyPlan(q, days), c),
    runAll(routed, usagePlan(req.scope, period), c),
    previousSummary(req, routed, c),
  ]);
  const model: ReportModel = {
    tenant: { id: req.scope.id, name: req.settings.tenant.name || req.scope.id },
    month: req.month,
    timeZone: tz,
    generatedAt: Math.floor(req.now),
    targets: targetsOf(req.settings),
    source,
    current,
    previous: prev.summary,
    ...(prev.note ? { previousNote: prev.note } : {}),
    days: dayPoints(days, daily),
    usage: {
      requests: current.requests,
      promptTokens: single(usage.get('usage_prompt')),
      generationTokens: single(usage.get('usage_generation')),
    },
  };
  const withData = model.days.filter((d) => d.state !== 'no-data').length;
  model.current.coverage = { days: model.days.length, daysWithData: withData };
  return withIncidents(model, req, period, incidents);
}

async function previousSummary(
  req: ReportRequest,
  data: ReportDataSource,
  c: number
): Promise<{ summary?: PeriodSummary; note?: string }> {
  const period = monthPeriod(previousMonth(req.month), req.settings.sla.timeZone, req.now);
  if (!period) {
    return {};
  }
  const unavailable = periodUnavailable(req.stores, period, req.now);
  if (unavailable) {
    return { note: `${period.label} is not compared: ${unavailable}.` };
  }
  const { q, summary } = await periodSummary(req, data, period, c);
  if (summary.requests === undefined) {
    return {};
  }
  const days = daysOf(period, previousMonth(req.month), req.settings.sla.timeZone);
  const answers = await runAll(data, dailyPlan(q, days, ['requests']), c);
  const daysWithData = days.filter((_, i) => single(answers.get(`day${i}_requests`)) !== undefined).length;
  return { summary: { ...summary, coverage: { days: days.length, daysWithData } } };
}

async function withIncidents(
  model: ReportModel,
  req: ReportRequest,
  period: SlaPeriod,
  source: IncidentSource | undefined
): Promise<ReportModel> {
  if (!source) {
    return { ...model, incidentsNote: 'Incidents were not read for this report (no Grafana to read them from).' };
  }
  try {
    const raw = await source.annotations([INCIDENT_TAG, req.scope.id], period.start, period.end);
    return { ...model, incidents: incidentsInPeriod(raw, req.scope.id, period) };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ...model, incidentsNote: `Incidents could not be read: ${why}` };
  }
}
