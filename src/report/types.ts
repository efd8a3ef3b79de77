import type { Annotation } from '../shared/annotations';
import type { InstantSample } from '../sla/facts';
import type { Headline, SlaTargets } from '../sla/headline';
import type { SlaSource } from '../sla/queries';
import type { ErrorBudget, LatencyShare } from '../sla/slo';
import type { YearMonth } from '../sla/windows';

/**
 * Where the report's numbers come from. One instant query at a time: Prometheus' HTTP API (directly or through
 * Grafana's data source proxy), or the long-term history (VictoriaMetrics). `from` is the oldest sample time the
 * query reads (its window's start), which decides the store (src/history/routing.ts). Rejects with the backend's
 * own message.
 */
export interface ReportDataSource {
  instant(expr: string, time: number, from?: number): Promise<InstantSample[]>;
}

/** The fields of a Grafana annotation the report reads (times in ms; no `timeEnd` or one equal to `time`: a point). */
export type IncidentAnnotation = Pick<Annotation, 'time' | 'text' | 'tags'> & { timeEnd?: number };

/** Where customer-visible incidents come from (Grafana annotations of the org). */
export interface IncidentSource {
  /** Annotations carrying every tag in `tags`, overlapping [from, to] (Unix seconds). */
  annotations(tags: string[], from: number, to: number): Promise<IncidentAnnotation[]>;
}

/** One period's service levels, reduced by the SLA core exactly as the Service levels page reduces them. */
export interface PeriodSummary {
  label: string;
  start: number;
  end: number;
  /** False while the month is still running. */
  complete: boolean;
  requests?: number;
  errors?: number;
  availability?: number;
  budget?: ErrorBudget;
  latencySeconds?: number;
  latencyShare?: LatencyShare;
  headline: Headline;
  /** Local days of the period and how many of them have any data (a comparison with a half-empty month says so). */
  coverage?: { days: number; daysWithData: number };
}

export type DayState = 'ok' | 'no-requests' | 'no-data';

/** One local calendar day of the month. */
export interface DayPoint {
  /** Local date, `2026-11-03`. */
  date: string;
  start: number;
  end: number;
  state: DayState;
  requests?: number;
  availability?: number;
  latencySeconds?: number;
}

export interface Incident {
  /** Unix seconds; the annotation's own times (they may reach outside the month). */
  start: number;
  /** Undefined for a point-in-time annotation (no end recorded). */
  end?: number;
  durationSeconds?: number;
  title: string;
  /** Began before the month or ended after it. */
  crossesMonth: boolean;
}

export interface Usage {
  requests?: number;
  /** Undefined when the tenant's series have no token counters. */
  promptTokens?: number;
  generationTokens?: number;
}

/** Everything one monthly report shows, and nothing else. Plain data: it renders, serialises and narrates. */
export interface ReportModel {
  tenant: { id: string; name: string };
  month: YearMonth;
  timeZone: string;
  generatedAt: number;
  targets: SlaTargets;
  source: SlaSource;
  current: PeriodSummary;
  /** The month before, for comparison; undefined when it has no data at all, or cannot be read (`previousNote`). */
  previous?: PeriodSummary;
  /** Why the month before is not compared (older than Prometheus keeps, and no history). */
  previousNote?: string;
  days: DayPoint[];
  usage: Usage;
  /** Undefined when no incident source was available (said in the report, never shown as "none"). */
  incidents?: Incident[];
  /** Why incidents are missing, or problems reading them. */
  incidentsNote?: string;
}
