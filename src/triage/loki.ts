import { isObj, type Obj } from '../shared/narrow';
import { normaliseJournalEntry } from './journal';
import { parsePriority, type LogLine, type ParsedInput } from './types';

/** Label names (from settings) under which the journal's host, unit and level reach Loki. */
export interface LokiLabels {
  host: string;
  unit: string;
  level: string;
}

export interface LogQueryInput {
  labels: LokiLabels;
  hosts: string[];
  units: string[];
}

/** Level keywords at error priority and above, in the spellings Alloy/Promtail and common relabels use. */
export const ERROR_LEVELS = ['emerg', 'alert', 'crit', 'critical', 'err', 'error', 'fatal', 'panic'];

/** Escapes a value for a LogQL regex matcher inside a double-quoted string. */
function regexValue(v: string): string {
  return v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function quoted(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function matcher(label: string, values: string[]): string | undefined {
  const vs = [...new Set(values.filter((v) => v !== ''))];
  if (vs.length === 0) {
    return undefined;
  }
  return vs.length === 1 ? `${label}=${quoted(vs[0])}` : `${label}=~"${vs.map(regexValue).join('|')}"`;
}

/**
 * The LogQL stream selector for error-and-above journal lines of the chosen hosts and units. Values are escaped,
 * so a host or unit taken from a URL cannot change the query's shape.
 */
export function buildLogQuery(q: LogQueryInput): string {
  const parts = [
    matcher(q.labels.host, q.hosts),
    matcher(q.labels.unit, q.units),
    `${q.labels.level}=~"${ERROR_LEVELS.join('|')}"`,
  ].filter((p): p is string => p !== undefined);
  return `{${parts.join(', ')}}`;
}


interface FieldView {
  name: string;
  type: string;
  labels?: Obj;
  values: unknown[];
}

function fieldsOf(frame: unknown): FieldView[] | string {
  if (!isObj(frame) || !isObj(frame.schema) || !Array.isArray(frame.schema.fields)) {
    return 'a frame without schema.fields';
  }
  const values = isObj(frame.data) && Array.isArray(frame.data.values) ? frame.data.values : [];
  return frame.schema.fields.map((f, i) => {
    const fo = isObj(f) ? f : {};
    return {
      name: typeof fo.name === 'string' ? fo.name : '',
      type: typeof fo.type === 'string' ? fo.type : '',
      labels: isObj(fo.labels) ? fo.labels : undefined,
      values: Array.isArray(values[i]) ? (values[i] as unknown[]) : [],
    };
  });
}

function pick(fields: FieldView[], names: string[], type?: string): FieldView | undefined {
  return fields.find((f) => names.includes(f.name)) ?? (type ? fields.find((f) => f.type === type) : undefined);
}

function labelsAt(field: FieldView | undefined, i: number): Obj {
  const v = field?.values[i];
  if (isObj(v)) {
    return v;
  }
  if (typeof v === 'string' && v.startsWith('{')) {
    try {
      const p: unknown = JSON.parse(v);
      return isObj(p) ? p : {};
    } catch {
      return {};
    }
  }
  return {};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A Loki line as a LogLine: JSON lines (Alloy `format_as_json`) carry journal fields; labels win for host/unit/level. */
function lineToLogLine(line: string, time: number, labels: Obj, names: LokiLabels): LogLine {
  let base: LogLine = { time, host: '', unit: '', priority: null, message: line };
  if (line.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (isObj(parsed) && 'MESSAGE' in parsed) {
        const withTime = { __REALTIME_TIMESTAMP: String(time * 1000), ...parsed };
        const r = normaliseJournalEntry(withTime);
        if (typeof r !== 'string') {
          base = r;
        }
      }
    } catch {
      // A line that only looks like JSON is kept as plain text.
    }
  }
  return {
    time: base.time,
    host: str(labels[names.host]) ?? base.host,
    unit: str(labels[names.unit]) ?? base.unit,
    priority: parsePriority(labels[names.level]) ?? base.priority,
    message: base.message,
  };
}

/**
 * Reads the frames Grafana's `/api/ds/query` returns for a Loki logs query: the classic shape (`labels`, `Time`,
 * `Line`), the dataplane shape (`labels`, `timestamp`, `body`) and per-stream frames whose labels sit on the field.
 */
export function parseLokiFrames(frames: unknown[], names: LokiLabels): ParsedInput {
  const lines: LogLine[] = [];
  const problems: string[] = [];
  frames.forEach((frame, fi) => {
    const fields = fieldsOf(frame);
    if (typeof fields === 'string') {
      problems.push(`frame ${fi + 1}: ${fields}`);
      return;
    }
    const timeF = pick(fields, ['Time', 'timestamp', 'ts'], 'time');
    const lineF = pick(fields, ['Line', 'body', 'line'], 'string');
    const labelsF = pick(fields, ['labels']);
    if (!timeF || !lineF) {
      problems.push(`frame ${fi + 1}: no time or line field; is this a Loki logs frame?`);
      return;
    }
    const streamLabels = lineF.labels ?? {};
    lineF.values.forEach((raw, i) => {
      const t = timeF.values[i];
      const time = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
      if (typeof raw !== 'string' || !Number.isFinite(time)) {
        problems.push(`frame ${fi + 1} row ${i + 1}: missing line or time; skipped`);
        return;
      }
      lines.push(lineToLogLine(raw, time, { ...streamLabels, ...labelsAt(labelsF, i) }, names));
    });
  });
  return { lines, problems };
}

/** Grafana's `/api/ds/query` body → its frames, or the error Loki reported. */
export function framesOfQueryResponse(body: unknown, refId = 'A'): { frames: unknown[] } | { error: string } {
  if (!isObj(body) || !isObj(body.results)) {
    return { error: 'Grafana returned no query results' };
  }
  const r = body.results[refId];
  if (!isObj(r)) {
    return { frames: [] };
  }
  if (typeof r.error === 'string' && r.error) {
    return { error: r.error };
  }
  return { frames: Array.isArray(r.frames) ? r.frames : [] };
}
