// Customers' conversations never reach a prompt: every log line goes through here before redaction and
// mining. Request/response lines of inference servers (formats.ts) and generic chat/completion payloads
// (keys.ts) keep their fixed text and the fields triage needs; the content becomes a marker. Payloads that span
// lines (journald splits a long line and every newline; LiteLLM dumps a request one field per line) are
// followed per stream (host + unit) while their strings or brackets stay open.
import type { LogLine } from '../types';
import type { Server } from './formats';
import { FRESH, type ScanState } from './scan';
import { plainText, removeFrom, stripLine, type LineOutcome } from './strip';

export { marker, MARKER_RE, stripLine } from './strip';
export type { Server } from './formats';

/** What was removed, for "What was sent" and the facts. */
export interface ConversationCounts {
  /** Lines whose content was removed. */
  lines: number;
  /** Characters removed. */
  chars: number;
  byServer: Partial<Record<Server, number>>;
  byUnit: Record<string, number>;
  /** The server whose format was recognised in each unit ('generic' when only the generic shapes were). */
  serverOf: Record<string, Server>;
}

export interface StrippedLines {
  lines: LogLine[];
  removed: ConversationCounts;
  /** Lines per unit in the input, for the share of request-log lines. */
  unitTotals: Record<string, number>;
}

/** Lines of one stream further apart than this are not one record (journald stamps a split line once). */
export const CONTINUATION_GAP_MS = 2_000;
/** A payload still open after this many lines is given up on (its lines were all removed). */
export const MAX_CONTINUATION_LINES = 5_000;

interface StreamState {
  time: number;
  lines: number;
  server: Server;
  open?: ScanState;
  announces?: LineOutcome['announces'];
  untilRecord?: RegExp;
}

// In record mode (HeadRule.recordStart) only the next record ends the payload, whatever the scan says.
function recordMode(out: LineOutcome, st: StreamState): LineOutcome {
  return st.untilRecord ? { ...out, open: out.open ?? FRESH, untilRecord: st.untilRecord } : out;
}

function continueOpen(text: string, st: StreamState): LineOutcome | undefined {
  if (st.untilRecord?.test(text)) {
    return undefined;
  }
  // Record mode means the scan cannot be trusted to delimit strings: keep no free text from these lines.
  return recordMode(removeFrom(text, 0, st.open ?? FRESH, st.server, st.untilRecord !== undefined), st);
}

// After "POST Request Sent from LiteLLM:": `curl -X POST \`, the URL and `-H` lines carry no content; `-d` does.
function continueCurl(text: string, st: StreamState): LineOutcome | undefined {
  const d = /^\s*-d\s/.exec(text);
  if (d) {
    return recordMode(removeFrom(text, d.index + d[0].length, FRESH, st.server, true), st);
  }
  if (/^\s*(?:curl\b|-H\b|\S+ \\$|$)/.test(text)) {
    return { text, removed: 0, announces: 'curl', server: st.server, untilRecord: st.untilRecord };
  }
  return undefined;
}

function continueAnnounced(text: string, st: StreamState): LineOutcome | undefined {
  const plain = plainText(text);
  if (st.untilRecord?.test(plain)) {
    return undefined;
  }
  if (st.announces === 'curl') {
    return continueCurl(plain, st);
  }
  if (plain.trim() === '') {
    return { text, removed: 0, announces: st.announces, server: st.server, untilRecord: st.untilRecord };
  }
  return recordMode(removeFrom(plain, 0, FRESH, st.server, st.untilRecord !== undefined), st);
}

function stepStream(line: LogLine, st: StreamState | undefined): { out: LineOutcome; continued: boolean } {
  const live = st && line.time - st.time <= CONTINUATION_GAP_MS && st.lines < MAX_CONTINUATION_LINES ? st : undefined;
  const continued = live?.open ? continueOpen(plainText(line.message), live) : undefined;
  const announced = live?.announces ? continueAnnounced(line.message, live) : undefined;
  const out = continued ?? announced;
  return out ? { out, continued: true } : { out: stripLine(line.message), continued: false };
}

function nextState(out: LineOutcome, line: LogLine, prev: StreamState | undefined): StreamState | undefined {
  if (!out.open && !out.announces) {
    return undefined;
  }
  return {
    time: line.time,
    lines: prev ? prev.lines + 1 : 1,
    server: out.server ?? prev?.server ?? 'generic',
    open: out.open,
    announces: out.open ? undefined : out.announces,
    untilRecord: out.untilRecord,
  };
}

function emptyCounts(): ConversationCounts {
  return { lines: 0, chars: 0, byServer: {}, byUnit: {}, serverOf: {} };
}

function count(c: ConversationCounts, out: LineOutcome, unit: string) {
  c.lines += 1;
  c.chars += out.removed;
  const s = out.server ?? 'generic';
  c.byServer[s] = (c.byServer[s] ?? 0) + 1;
  c.byUnit[unit] = (c.byUnit[unit] ?? 0) + 1;
  if (s !== 'generic' || !c.serverOf[unit]) {
    c.serverOf[unit] = s;
  }
}

/** Time order, oldest first; equal times keep their input order (a split line's parts share one stamp). */
function chronological(lines: LogLine[]): number[] {
  const idx = lines.map((_, i) => i);
  let down = 0;
  for (let i = 1; i < lines.length; i++) {
    down += Math.sign(lines[i - 1].time - lines[i].time);
  }
  // Loki answers newest first (direction=backward): undo that before the stable sort so same-stamp parts
  // come back in write order.
  if (down > 0) {
    idx.reverse();
  }
  return idx.sort((a, b) => lines[a].time - lines[b].time);
}

/** Labels come from Loki or the journal too; one that carries a payload is replaced whole (memoised per value). */
function labelCleaner(): (v: string) => string {
  const seen = new Map<string, string>();
  return (v) => {
    let c = seen.get(v);
    if (c === undefined) {
      c = stripLine(v).removed > 0 ? '(conversation content removed)' : v;
      seen.set(v, c);
    }
    return c;
  };
}

/**
 * Strips conversation content from every line (and label), following payloads across the lines of one stream.
 * Lines come back in input order, one for one; only `message` (and a label that carried a payload) changes.
 */
export function stripConversations(input: LogLine[]): StrippedLines {
  const out: LogLine[] = new Array(input.length);
  const removed = emptyCounts();
  const unitTotals: Record<string, number> = {};
  const streams = new Map<string, StreamState>();
  const label = labelCleaner();
  for (const i of chronological(input)) {
    const line = input[i];
    const key = `${line.host}\u0000${line.unit}`;
    const prev = streams.get(key);
    const { out: r, continued } = stepStream(line, prev);
    const next = nextState(r, line, continued ? prev : undefined);
    if (next) {
      streams.set(key, next);
    } else {
      streams.delete(key);
    }
    const unit = label(line.unit);
    unitTotals[unit] = (unitTotals[unit] ?? 0) + 1;
    if (r.removed > 0) {
      count(removed, r, unit);
    }
    out[i] = { ...line, host: label(line.host), unit, message: r.removed > 0 ? r.text : line.message };
  }
  return { lines: out, removed, unitTotals };
}

export { conversationFindings, removalSummary } from './findings';
