// Grafana annotations tagged `incident` (GET /api/annotations?tags=incident&type=annotation&from&to&limit):
// the known incidents of the time range. Pure: the answer is untrusted JSON, narrowed here.

import { isObj, str, strings } from '../shared/narrow';

export const INCIDENT_TAG = 'incident';
/** Most incidents fetched; more are reported as "at least". */
export const INCIDENT_LIMIT = 100;

export interface Incident {
  id: number;
  /** Start, epoch ms. */
  time: number;
  /** End, epoch ms; equal to `time` for a point annotation. */
  timeEnd: number;
  text: string;
  tags: string[];
  login: string;
}

/** Query parameters of the annotations request for a time range (epoch ms). */
export function incidentQuery(from: number, to: number): Record<string, string | number> {
  return { tags: INCIDENT_TAG, type: 'annotation', from: Math.floor(from), to: Math.ceil(to), limit: INCIDENT_LIMIT };
}

/** Incidents of an annotations answer, newest first; throws with a readable message when it is not a list. */
export function parseIncidents(body: unknown): Incident[] {
  if (!Array.isArray(body)) {
    throw new Error('the annotations API did not answer with a list');
  }
  return body.flatMap(incidentOf).sort((x, y) => y.time - x.time);
}

/** One annotation as an incident, or nothing when it is malformed or not tagged as one. */
function incidentOf(a: unknown): Incident[] {
  if (!isObj(a) || typeof a.id !== 'number' || typeof a.time !== 'number') {
    return [];
  }
  const tags = strings(a.tags);
  if (!tags.includes(INCIDENT_TAG)) {
    return [];
  }
  const timeEnd = typeof a.timeEnd === 'number' && a.timeEnd >= a.time ? a.timeEnd : a.time;
  return [{ id: a.id, time: a.time, timeEnd, text: str(a.text) ?? '', tags, login: str(a.login) ?? '' }];
}
