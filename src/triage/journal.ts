import { decodeUtf8 } from './utf8';
import { parsePriority, type LogLine, type ParsedInput } from './types';

/** What a `null` MESSAGE becomes: journalctl replaces values over 4096 bytes with null unless `--all`. */
export const OVERSIZE_NOTE = '[message over 4096 bytes omitted by journalctl; export with --all to include it]';

/**
 * Parses `journalctl -o json` output (one object per line), `-o json-pretty` (objects over several lines) or a
 * JSON array of entries. Bad entries are reported with their position; the good ones are kept.
 */
export function parseJournalExport(text: string): ParsedInput {
  const problems: string[] = [];
  const lines: LogLine[] = [];
  const entries = splitJsonValues(text, problems);
  let oversize = 0;
  entries.forEach((entry, i) => {
    const r = normaliseJournalEntry(entry);
    if (typeof r === 'string') {
      problems.push(`entry ${i + 1}: ${r}`);
      return;
    }
    if (r.message === OVERSIZE_NOTE) {
      oversize++;
    }
    lines.push(r);
  });
  if (oversize > 0) {
    problems.push(`${oversize} message(s) were over 4096 bytes and left out by journalctl (use --all)`);
  }
  if (entries.length === 0 && problems.length === 0) {
    problems.push('no journal entries found: expected the output of journalctl -o json');
  }
  return { lines, problems };
}

/** Splits concatenated JSON values (NDJSON, pretty-printed objects, or one array) and parses each. */
function splitJsonValues(text: string, problems: string[]): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const arr: unknown = JSON.parse(trimmed);
      if (Array.isArray(arr)) {
        return arr;
      }
    } catch {
      // fall through: maybe a stream of arrays or a broken file; the scanner reports where.
    }
  }
  const ndjson = splitNdjson(text, problems);
  if (ndjson) {
    return ndjson;
  }
  return scanJsonValues(text, problems);
}

/** `-o json` is one object per line: parse per line so one broken line costs only itself. */
function splitNdjson(text: string, problems: string[]): unknown[] | undefined {
  const rows = text.split('\n');
  const first = rows.find((r) => r.trim() !== '');
  try {
    if (first === undefined || !first.trim().startsWith('{') || typeof JSON.parse(first) !== 'object') {
      return undefined;
    }
  } catch {
    return undefined;
  }
  const out: unknown[] = [];
  rows.forEach((row, i) => {
    if (row.trim() !== '') {
      pushParsed(row, out, problems, i + 1);
    }
  });
  return out;
}

/** Concatenated values over several lines (`-o json-pretty`): split by brace depth, outside strings. */
// eslint-disable-next-line sonarjs/cognitive-complexity -- refactor owned by issue 12
function scanJsonValues(text: string, problems: string[]): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c === '\\') {
        escaped = true;
      } else if (c === '"') {
        inString = false;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
    } else if (c === '{') {
      if (depth === 0) {
        start = i;
      }
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0 && start >= 0) {
        pushParsed(text.slice(start, i + 1), out, problems, lineNumber(text, start));
        start = -1;
      }
      depth = Math.max(depth, 0);
    }
  }
  if (depth > 0 && start >= 0) {
    problems.push(`line ${lineNumber(text, start)}: entry is cut off (unbalanced braces); it was skipped`);
  }
  return out;
}

function pushParsed(chunk: string, out: unknown[], problems: string[], line: number) {
  try {
    out.push(JSON.parse(chunk));
  } catch (e) {
    problems.push(`line ${line}: not valid JSON (${e instanceof Error ? e.message : 'parse error'}); it was skipped`);
  }
}

function lineNumber(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 10) {
      n++;
    }
  }
  return n;
}

/**
 * A journal field as text: strings as they are, byte arrays decoded as UTF-8, repeated fields (arrays of values)
 * joined. `null` (oversize) and missing fields give undefined.
 */
export function journalField(v: unknown): string | undefined {
  if (typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number') {
    return String(v);
  }
  if (!Array.isArray(v) || v.length === 0) {
    return undefined;
  }
  if (v.every((b) => typeof b === 'number')) {
    return decodeUtf8(v as number[]);
  }
  const parts = v.map(journalField).filter((s): s is string => s !== undefined);
  return parts.length ? parts.join(' | ') : undefined;
}

function firstValue(v: unknown): string | undefined {
  // Repeated fields such as _HOSTNAME rarely differ; the first value names the entry.
  if (Array.isArray(v) && v.length > 0 && !v.every((b) => typeof b === 'number')) {
    return journalField(v[0]);
  }
  return journalField(v);
}

/** Milliseconds from journald's microsecond timestamp string (or number). */
export function journalTime(v: unknown): number | undefined {
  const s = journalField(v);
  if (s === undefined || !/^\d{1,19}$/.test(s)) {
    return undefined;
  }
  return Math.floor(Number(s) / 1000);
}

/** The unit an entry is about: systemd's own messages about a unit carry it in UNIT, sent from init.scope. */
function unitOf(o: Record<string, unknown>): string {
  const sys = firstValue(o._SYSTEMD_UNIT);
  const about = firstValue(o.UNIT) ?? firstValue(o.USER_UNIT);
  if (about && (!sys || sys === 'init.scope')) {
    return about;
  }
  return sys ?? firstValue(o._SYSTEMD_USER_UNIT) ?? firstValue(o.SYSLOG_IDENTIFIER) ?? firstValue(o._COMM) ?? '';
}

/** One `journalctl -o json` object → a LogLine, or a string saying why it cannot be one. */
export function normaliseJournalEntry(entry: unknown): LogLine | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return 'not a JSON object';
  }
  const o = entry as Record<string, unknown>;
  const time = journalTime(o.__REALTIME_TIMESTAMP) ?? journalTime(o._SOURCE_REALTIME_TIMESTAMP);
  if (time === undefined) {
    return 'no __REALTIME_TIMESTAMP (microseconds); is this journalctl -o json output?';
  }
  let message: string;
  if ('MESSAGE' in o && o.MESSAGE === null) {
    message = OVERSIZE_NOTE;
  } else {
    const m = journalField(o.MESSAGE);
    if (m === undefined) {
      return 'no MESSAGE field';
    }
    message = m;
  }
  return {
    time,
    host: firstValue(o._HOSTNAME) ?? '',
    unit: unitOf(o),
    priority: parsePriority(firstValue(o.PRIORITY)),
    message,
  };
}
