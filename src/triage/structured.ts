// Structured log lines (logfmt, klog, JSON, vLLM's Python format) are read into level, caller and message before
// mining, so their headers (timestamps, pids, `E0507 …] `, `ts=… level=… caller=…`) do not become template noise
// and the caller is kept beside the template instead of in it.
import { parsePriority } from './types';

export interface StructuredLine {
  /** syslog priority from the line's own level, when it has one. */
  priority: number | null;
  /** Where in the program the line was written (`pod_workers.go:1298`, `serving_chat.py:217`), if it says. */
  caller?: string;
  /** The message with the header taken off; other fields follow as `key=value`. */
  message: string;
}

const MAX_FIELDS = 24;
const TIME_KEYS = new Set(['ts', 't', 'time', 'timestamp', '@timestamp', 'date']);
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'levelname', 'loglevel', 'log.level'];
const MESSAGE_KEYS = ['msg', 'message', 'MESSAGE', 'log', 'textPayload'];
const CALLER_KEYS = ['caller', 'logger', 'source', 'src', 'component_caller', 'func', 'location'];

type Fields = Array<[string, string]>;

/** Reads a line's structure; a line with none comes back with its message unchanged. */
export function parseStructured(text: string): StructuredLine {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const json = jsonFields(trimmed);
    if (json) {
      return fromFields(json);
    }
  }
  return klogLine(trimmed) ?? pythonLine(trimmed) ?? logfmtLine(trimmed) ?? { priority: null, message: text };
}

// klog: `E0507 10:01:02.123456   12345 pod_workers.go:1298] msg…`, the level letter first.
const KLOG = /^([IWEF])\d{4} \d\d:\d\d:\d\d(?:\.\d+)?\s+\d+ ([^\s\]]+:\d+)\] ?/;
const KLOG_LEVEL: Record<string, number> = { I: 6, W: 4, E: 3, F: 2 };

function klogLine(text: string): StructuredLine | undefined {
  const m = KLOG.exec(text);
  if (!m) {
    return undefined;
  }
  const rest = text.slice(m[0].length);
  // Structured klog: a quoted message, then key="value" pairs.
  const quoted = /^"((?:[^"\\]|\\.)*)"\s*/.exec(rest);
  const message = quoted ? joinMessage(unescape(quoted[1]), logfmtFields(rest.slice(quoted[0].length))) : rest;
  return { priority: KLOG_LEVEL[m[1]], caller: m[2], message };
}

// vLLM (Python logging): `ERROR 11-23 10:01:02 [serving_chat.py:217] msg…`; also `(APIServer pid=123)` prefixes.
const PYTHON =
  /^(?:\([^)]{1,60}\) )?(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL) \d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \[([^\]\s]+)\] ?/;

function pythonLine(text: string): StructuredLine | undefined {
  const m = PYTHON.exec(text);
  return m ? { priority: parsePriority(m[1]), caller: m[2], message: text.slice(m[0].length) } : undefined;
}

function logfmtLine(text: string): StructuredLine | undefined {
  if (!/^[A-Za-z_][\w.@-]*=/.test(text)) {
    return undefined;
  }
  const fields = logfmtFields(text);
  // Logfmt only when the line is mostly fields and names a level or a message.
  const known = fields.some(([k]) => LEVEL_KEYS.includes(k.toLowerCase()) || MESSAGE_KEYS.includes(k));
  return fields.length >= 2 && known ? fromFields(fields) : undefined;
}

const LOGFMT_FIELD = /([A-Za-z_][\w.@/-]*)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g;

/** `k=v k2="a \"b\""` → fields, each quoted value unescaped once. */
export function logfmtFields(text: string): Fields {
  const out: Fields = [];
  LOGFMT_FIELD.lastIndex = 0;
  for (let m = LOGFMT_FIELD.exec(text); m && out.length < MAX_FIELDS; m = LOGFMT_FIELD.exec(text)) {
    out.push([m[1], m[2] !== undefined ? unescape(m[2]) : m[3]]);
  }
  return out;
}

/** One level of backslash escapes (`\"` → `"`, `\\` → `\`, `\n` → newline): the line's own quoting, not ours. */
function unescape(s: string): string {
  return s.includes('\\') ? s.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c)) : s;
}

function jsonFields(text: string): Fields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const out: Fields = [];
  for (const [k, v] of Object.entries(value)) {
    if (out.length >= MAX_FIELDS) {
      break;
    }
    out.push([k, typeof v === 'string' ? v : JSON.stringify(v)]);
  }
  return out;
}

function pick(fields: Fields, keys: string[]): string | undefined {
  for (const key of keys) {
    const hit = fields.find(([k]) => k === key || k.toLowerCase() === key);
    if (hit) {
      return hit[1];
    }
  }
  return undefined;
}

function fromFields(fields: Fields): StructuredLine {
  const level = pick(fields, LEVEL_KEYS);
  const caller = pick(fields, CALLER_KEYS);
  const msg = pick(fields, MESSAGE_KEYS) ?? '';
  const taken = new Set([...LEVEL_KEYS, ...MESSAGE_KEYS, ...CALLER_KEYS]);
  const rest = fields.filter(([k]) => !taken.has(k) && !taken.has(k.toLowerCase()) && !TIME_KEYS.has(k.toLowerCase()));
  return { priority: level === undefined ? null : parsePriority(level), caller, message: joinMessage(msg, rest) };
}

/** The message, then the other fields as `key=value` (quoted only when the value has a space). */
function joinMessage(msg: string, rest: Fields): string {
  const parts = rest.map(([k, v]) => `${k}=${/\s/.test(v) || v === '' ? `"${v}"` : v}`);
  return [msg, ...parts].filter((p) => p !== '').join(' ');
}
