// Reading journal exports: `journalctl -o json` (one object per line), `-o json-pretty`, a JSON array of entries, or
// plain `journalctl` text (`-o short`, `-o short-iso`, syslog). Linear in the input: entries are split in one pass
// with line numbers counted as it goes, and the work can be done in slices (the browser yields between them).
import { decodeUtf8 } from './utf8';
import { parsePriority, type LogLine, type ParsedInput } from './types';

/** What a `null` MESSAGE becomes: journalctl replaces values over 4096 bytes with null unless `--all`. */
export const OVERSIZE_NOTE = '[message over 4096 bytes omitted by journalctl; export with --all to include it]';

/** Deeper JSON than this is refused per entry: journal entries are flat; depth only costs (and can overflow). */
export const MAX_DEPTH = 32;

type Chunk = { text: string; line: number };

interface ScanState {
  depth: number;
  inString: boolean;
  escaped: boolean;
  start: number;
  startLine: number;
  line: number;
}

/** One character outside strings: opens a value at depth 0, closes one when depth returns to 0. */
function structureStep(s: ScanState, c: number, i: number, text: string, out: Chunk[]) {
  if (c === 34) {
    s.inString = true;
  } else if (c === 123 || c === 91) {
    if (s.depth++ === 0) {
      s.start = i;
      s.startLine = s.line;
    }
  } else if ((c === 125 || c === 93) && s.depth > 0 && --s.depth === 0) {
    out.push({ text: text.slice(s.start, i + 1), line: s.startLine });
  }
}

/** Splits concatenated JSON values (`-o json-pretty`) by brace depth outside strings; linear, counting lines. */
function splitPretty(text: string, problems: string[]): Chunk[] {
  const out: Chunk[] = [];
  const s: ScanState = { depth: 0, inString: false, escaped: false, start: -1, startLine: 1, line: 1 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    s.line += c === 10 ? 1 : 0;
    if (s.inString) {
      stringStep(s, c);
    } else {
      structureStep(s, c, i, text, out);
    }
  }
  if (s.depth > 0) {
    problems.push(`line ${s.startLine}: entry is cut off (unbalanced braces); it was skipped`);
  }
  return out;
}

function stringStep(s: { inString: boolean; escaped: boolean }, c: number) {
  if (s.escaped) {
    s.escaped = false;
  } else if (c === 92) {
    s.escaped = true;
  } else if (c === 34) {
    s.inString = false;
  }
}

/** The deepest nesting of `[`/`{` outside strings, stopping early once past `limit`. */
export function nestingDepth(text: string, limit = MAX_DEPTH): number {
  const s = { inString: false, escaped: false };
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length && max <= limit; i++) {
    const c = text.charCodeAt(i);
    if (s.inString) {
      stringStep(s, c);
    } else if (c === 34) {
      s.inString = true;
    } else if (c === 123 || c === 91) {
      max = Math.max(max, ++depth);
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return max;
}

function parseChunk(chunk: Chunk): unknown | string {
  if (nestingDepth(chunk.text) > MAX_DEPTH) {
    return `line ${chunk.line}: entry nested deeper than ${MAX_DEPTH} levels (journal entries are flat); it was skipped`;
  }
  try {
    return { value: JSON.parse(chunk.text) as unknown };
  } catch (e) {
    return `line ${chunk.line}: not valid JSON (${e instanceof Error ? e.message.slice(0, 120) : 'parse error'}); it was skipped`;
  }
}

type Format = 'array' | 'ndjson' | 'pretty' | 'text';

function detectFormat(text: string): Format {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    return 'array';
  }
  if (!trimmed.startsWith('{')) {
    return 'text';
  }
  const firstLine = trimmed.slice(0, trimmed.indexOf('\n') >>> 0).trim();
  try {
    return typeof JSON.parse(firstLine) === 'object' ? 'ndjson' : 'pretty';
  } catch {
    return 'pretty';
  }
}

/** `-o json`: one entry per line, each with its line number; blank lines skipped. */
function ndjsonChunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (text.slice(start, stop).trim() !== '') {
      out.push({ text: text.slice(start, stop), line });
    }
    start = stop + 1;
  }
  return out;
}

/** The entries to read, as chunks with their line numbers; problems met while splitting are added. */
function chunksOf(text: string, format: Format, problems: string[]): Chunk[] {
  if (format === 'ndjson') {
    return ndjsonChunks(text);
  }
  return format === 'array' ? arrayChunks(text, problems) : splitPretty(text, problems);
}

/** A JSON array of entries: split into its elements (each parsed on its own), so one bad entry costs only itself. */
function arrayChunks(text: string, problems: string[]): Chunk[] {
  const open = text.indexOf('[');
  const close = text.lastIndexOf(']');
  if (close < open) {
    problems.push('the JSON array is cut off (no closing ]); the entries before the cut were read');
  }
  return splitPretty(text.slice(open + 1, close > open ? close : text.length), problems).map((c) => ({
    ...c,
    line: c.line + lineOf(text, open) - 1,
  }));
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    n++;
  }
  return n;
}

/** Progress of a reading, for a progress bar. */
export interface ReadProgress {
  done: number;
  total: number;
}

/**
 * Reads a journal export in slices: `step()` handles up to `sliceSize` entries and says whether more remain, so a
 * caller can yield between slices (the browser keeps its page responsive and shows progress).
 */
export class JournalReader {
  private readonly problems: string[] = [];
  private readonly lines: LogLine[] = [];
  private readonly chunks: Chunk[];
  private readonly format: Format;
  private next = 0;
  private oversize = 0;

  constructor(
    private readonly text: string,
    private readonly opts: { year?: number } = {}
  ) {
    this.format = detectFormat(text);
    this.chunks = this.format === 'text' ? [] : chunksOf(text, this.format, this.problems);
  }

  get progress(): ReadProgress {
    return { done: this.next, total: this.chunks.length };
  }

  /** Reads the next slice; false when everything has been read. */
  step(sliceSize = 2000): boolean {
    if (this.format === 'text') {
      this.lines.push(...parseJournalText(this.text, this.problems, this.opts.year));
      return false;
    }
    const end = Math.min(this.chunks.length, this.next + sliceSize);
    for (; this.next < end; this.next++) {
      this.readChunk(this.chunks[this.next]);
    }
    return this.next < this.chunks.length;
  }

  private readChunk(chunk: Chunk) {
    const parsed = parseChunk(chunk);
    if (typeof parsed === 'string') {
      this.problems.push(parsed);
      return;
    }
    const r = normaliseJournalEntry((parsed as { value: unknown }).value);
    if (typeof r === 'string') {
      this.problems.push(`line ${chunk.line}: ${r}`);
      return;
    }
    this.oversize += r.message === OVERSIZE_NOTE ? 1 : 0;
    this.lines.push(r);
  }

  result(): ParsedInput {
    const problems = [...this.problems];
    if (this.oversize > 0) {
      problems.push(`${this.oversize} message(s) were over 4096 bytes and left out by journalctl (use --all)`);
    }
    if (this.lines.length === 0) {
      problems.unshift('no journal entries found: expected the output of journalctl -o json (or journalctl -o short)');
    }
    return { lines: this.lines, problems };
  }
}

/**
 * Parses `journalctl -o json` output, `-o json-pretty`, a JSON array of entries, or journalctl's text formats.
 * Bad entries are reported with their line; the good ones are kept.
 */
export function parseJournalExport(text: string, opts: { year?: number } = {}): ParsedInput {
  const reader = new JournalReader(text, opts);
  while (reader.step(Number.MAX_SAFE_INTEGER)) {
    // read everything
  }
  return reader.result();
}

/** The same in slices, yielding to the event loop between them and reporting progress (for the browser). */
export async function parseJournalExportInSlices(
  text: string,
  onProgress: (p: ReadProgress) => void,
  opts: { sliceSize?: number; year?: number; signal?: AbortSignal } = {}
): Promise<ParsedInput> {
  const reader = new JournalReader(text, opts);
  while (reader.step(opts.sliceSize ?? 2000)) {
    onProgress(reader.progress);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (opts.signal?.aborted) {
      break;
    }
  }
  onProgress(reader.progress);
  return reader.result();
}

// `journalctl -o short`: `Nov 23 10:01:02 host unit[pid]: message`; `-o short-iso`: `2026-11-23T10:01:02+0000 host …`.
// The tag before `:` may hold spaces (`syslogd 1.4.1: restart.`) and ends with an optional `[pid]`.
const SHORT =
  /^(?:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)|([A-Z][a-z]{2}) +(\d{1,2}) (\d\d:\d\d:\d\d(?:\.\d+)?)) (\S+) ([^:[\]]{1,64}?(?:\[[^\]\s]*\])??)(?:\[(\d+)\])?:(?: (.*)|$)/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function shortTime(m: RegExpExecArray, year: number): number {
  if (m[1]) {
    return Date.parse(m[1].replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  }
  const [h, min, sec] = m[4].split(':');
  return Date.UTC(
    year,
    MONTHS.indexOf(m[2]),
    Number(m[3]),
    Number(h),
    Number(min),
    Math.floor(Number(sec)),
    Math.round((Number(sec) % 1) * 1000)
  );
}

/** journalctl's text output: one entry per line; indented lines continue the entry before them. */
export function parseJournalText(text: string, problems: string[], year = new Date().getUTCFullYear()): LogLine[] {
  const lines: LogLine[] = [];
  let unmatched = 0;
  for (const row of text.split('\n')) {
    const m = row.startsWith('-- ') ? null : SHORT.exec(row.replace(/\r$/, ''));
    if (m) {
      lines.push({
        time: shortTime(m, year),
        host: m[5],
        unit: m[6].replace(/\[.*$/, '').trim(),
        priority: null,
        message: m[8] ?? '',
      });
    } else if (/^\s/.test(row) && row.trim() !== '' && lines.length > 0) {
      lines[lines.length - 1].message += `\n${row.trim()}`;
    } else if (row.trim() !== '' && !row.startsWith('-- ')) {
      unmatched++;
    }
  }
  if (unmatched > 0) {
    problems.push(`${unmatched} line(s) before the first journal entry were not journalctl output; they were skipped`);
  }
  return lines;
}

/**
 * A journal field as text: strings as they are, byte arrays decoded as UTF-8, repeated fields (arrays of values)
 * joined. `null` (oversize) and missing fields give undefined. Only one level of arrays is read: journal entries
 * are flat, and deeper values are refused before this point.
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
  const parts = v.map((x) =>
    Array.isArray(x) && x.every((b) => typeof b === 'number')
      ? decodeUtf8(x as number[])
      : typeof x === 'string'
        ? x
        : undefined
  );
  const kept = parts.filter((s): s is string => s !== undefined);
  return kept.length ? kept.join(' | ') : undefined;
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

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One `journalctl -o json` object → a LogLine, or a string saying why it cannot be one. */
export function normaliseJournalEntry(entry: unknown): LogLine | string {
  if (!isRecord(entry)) {
    return 'not a JSON object';
  }
  const time = journalTime(entry.__REALTIME_TIMESTAMP) ?? journalTime(entry._SOURCE_REALTIME_TIMESTAMP);
  if (time === undefined) {
    return 'no __REALTIME_TIMESTAMP (microseconds); is this journalctl -o json output?';
  }
  const message = 'MESSAGE' in entry && entry.MESSAGE === null ? OVERSIZE_NOTE : journalField(entry.MESSAGE);
  if (message === undefined) {
    return 'no MESSAGE field';
  }
  return {
    time,
    host: firstValue(entry._HOSTNAME) ?? '',
    unit: unitOf(entry),
    priority: parsePriority(firstValue(entry.PRIORITY)),
    message,
  };
}
