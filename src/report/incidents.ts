import { INCIDENT_TAG } from '../sla/incidents';
import type { SlaPeriod } from '../sla/windows';
import { sanitizeMessage } from '../triage/redact';
import type { Incident, IncidentAnnotation } from './types';

/** Longest incident title in the report; the operator's annotation text is cut there. */
export const MAX_INCIDENT_TITLE = 300;

/** Annotation text as plain words: tags dropped, entities decoded, controls and secrets removed. */
export function incidentTitle(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return sanitizeMessage(plain, {}, MAX_INCIDENT_TITLE) || 'Incident';
}

/**
 * The tenant's customer-visible incidents overlapping the period, oldest first. Tags are checked again here:
 * an annotation without both `customer-visible` and the tenant id never reaches a report, whatever the source sent.
 */
export function incidentsInPeriod(raw: IncidentAnnotation[], tenantId: string, period: SlaPeriod): Incident[] {
  const out: Incident[] = [];
  for (const a of raw) {
    if (!a.tags.includes(INCIDENT_TAG) || !a.tags.includes(tenantId)) {
      continue;
    }
    const start = Math.floor(a.time / 1000);
    const end = a.timeEnd !== undefined && a.timeEnd > a.time ? Math.floor(a.timeEnd / 1000) : undefined;
    if (start >= period.end || (end ?? start) < period.start) {
      continue;
    }
    out.push({
      start,
      end,
      durationSeconds: end === undefined ? undefined : end - start,
      title: incidentTitle(a.text),
      crossesMonth: start < period.start || (end !== undefined && end > period.end),
    });
  }
  return out.sort((x, y) => x.start - y.start);
}
