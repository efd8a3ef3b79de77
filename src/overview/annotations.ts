// Grafana annotations tagged `incident`: the known incidents of the time range. Pure; the list is read by the
// shared annotations module.

import { type Annotation, annotationsQuery, parseAnnotations } from '../shared/annotations';

export const INCIDENT_TAG = 'incident';
/** Most incidents fetched; more are reported as "at least". */
export const INCIDENT_LIMIT = 100;

export type Incident = Annotation;

/** The annotations URL for a time range (epoch ms). */
export function incidentsUrl(from: number, to: number): string {
  return `/api/annotations?${annotationsQuery({ tags: [INCIDENT_TAG], from, to, limit: INCIDENT_LIMIT })}`;
}

/** Incidents of an annotations answer, newest first; throws with a readable message when it is not a list. */
export function parseIncidents(body: unknown): Incident[] {
  return parseAnnotations(body).filter((a) => a.tags.includes(INCIDENT_TAG));
}
