// Grafana's annotation list, `GET /api/annotations` (pkg/api/annotations.go `GetAnnotations`; items are
// `annotations.ItemDTO`, pkg/services/annotations/models.go). Pure: the answer is untrusted JSON, narrowed here;
// the overview, the tenant preview and the monthly report all read annotations through this one module.

import { isObj, num, str, strings } from './narrow';

/** One annotation: times in epoch ms; `timeEnd` equals `time` for a point annotation (never before it). */
export interface Annotation {
  id: number;
  time: number;
  timeEnd: number;
  text: string;
  tags: string[];
  /** Who wrote it ('' when Grafana does not say). */
  login: string;
}

export interface AnnotationsRequest {
  /** Every tag must be on an annotation (`matchAny=false`). */
  tags: string[];
  /** Range in epoch ms; Grafana filters by overlap only when both are > 0, so both are always sent. */
  from: number;
  to: number;
  limit: number;
  /** Read another org the user belongs to (`targetOrgId`, which wins over the X-Grafana-Org-Id header). */
  orgId?: number;
}

/** The query string of an annotations request: user annotations only (`type=annotation`, not alert state changes). */
export function annotationsQuery(r: AnnotationsRequest): string {
  const q = new URLSearchParams();
  if (r.orgId !== undefined) {
    q.set('targetOrgId', String(r.orgId));
  }
  for (const t of r.tags) {
    q.append('tags', t);
  }
  q.set('matchAny', 'false');
  q.set('type', 'annotation');
  q.set('from', String(Math.floor(r.from)));
  q.set('to', String(Math.ceil(r.to)));
  q.set('limit', String(r.limit));
  return q.toString();
}

/** The well-formed annotations of an answer, newest first; throws with a readable message when it is not a list. */
export function parseAnnotations(body: unknown): Annotation[] {
  if (!Array.isArray(body)) {
    throw new Error('the annotations API did not answer with a list');
  }
  return body.flatMap(annotationOf).sort((x, y) => y.time - x.time);
}

/** One item as an annotation, or nothing when it has no numeric time. */
function annotationOf(a: unknown): Annotation[] {
  const time = isObj(a) ? num(a.time) : undefined;
  if (!isObj(a) || time === undefined) {
    return [];
  }
  const end = num(a.timeEnd);
  return [
    {
      id: num(a.id) ?? 0,
      time,
      timeEnd: end !== undefined && end >= time ? end : time,
      text: str(a.text) ?? '',
      tags: strings(a.tags),
      login: str(a.login) ?? '',
    },
  ];
}
