// One log line in, the same line with any conversation content replaced by a marker out. Stateless except for
// the scan state handed in and out, which the stream layer (index.ts) carries from line to line.
import { isObj, type Obj } from '../../shared/narrow';
import { CONTENT_KEYS, isConversationPayload, keptFields, carriesContent } from './keys';
import { HEAD_RULES, type HeadRule, type Server } from './formats';
import { FRESH, isOpen, scanLine, type ScanState } from './scan';

export interface LineOutcome {
  text: string;
  /** Characters of the original line that were removed (0: the line is unchanged). */
  removed: number;
  server?: Server;
  /** The payload is still open at the end of the line: the next line of the stream continues it. */
  open?: ScanState;
  /** A head with nothing after it: the payload follows on the next lines. */
  announces?: HeadRule['announces'];
  /** An open payload continues until a line matching this (see HeadRule.recordStart). */
  untilRecord?: RegExp;
}

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Terminal colour codes go first: LiteLLM colours its log prefix and its curl dumps. */
export function plainText(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

/** The marker that stands where content was, e.g. `[conversation content removed, 1,234 chars]`. */
export function marker(chars: number): string {
  return `[conversation content removed, ${chars.toLocaleString('en-US')} chars]`;
}

export const MARKER_RE = /\[conversation content removed, [\d,]+ chars\]/;

/**
 * Replaces `text` from `at` to the end with the marker and the kept fields; `state` is where the scan starts.
 * `strict`: see keptFields.
 */
export function removeFrom(text: string, at: number, state: ScanState, server: Server, strict = false): LineOutcome {
  const region = text.slice(at);
  const scan = scanLine(region, state);
  const kept = keptFields(scan.pairs, strict);
  const prefix = text.slice(0, at).trimEnd();
  const parts = [prefix, marker(region.length), ...kept].filter(Boolean);
  return { text: parts.join(' '), removed: region.length, server, open: isOpen(scan.end) ? scan.end : undefined };
}

function headMatch(text: string): { rule: HeadRule; at: number } | undefined {
  for (const rule of HEAD_RULES) {
    const m = rule.re.exec(text);
    if (m) {
      return { rule, at: rule.payloadAt === 'match-start' ? m.index : m.index + m[0].length };
    }
  }
  return undefined;
}

function fromHead(text: string, rule: HeadRule, at: number): LineOutcome | undefined {
  const tail = text.slice(at);
  if (tail.trim() === '') {
    return rule.announces ? { text, removed: 0, announces: rule.announces, server: rule.server, untilRecord: rule.recordStart } : undefined;
  }
  if (rule.needsContent && !scanLine(tail).pairs.some(carriesContent)) {
    return undefined;
  }
  const out = removeFrom(text, at, FRESH, rule.server);
  return out.open && rule.recordStart ? { ...out, untilRecord: rule.recordStart } : out;
}

function generic(text: string): LineOutcome | undefined {
  const anchor = isConversationPayload(scanLine(text).pairs);
  if (!anchor) {
    return undefined;
  }
  return removeFrom(text, anchor.outer >= 0 ? anchor.outer : anchor.keyStart, FRESH, 'generic');
}

// One member of a pretty-printed payload on a line of its own (json.dumps(indent=4), a dict repr split by
// the journal): `    "content": "…",`. Such a line is a fragment of a dump whether or not its head was seen.
const KEY_ALT = [...CONTENT_KEYS].join('|');
const FRAGMENT = new RegExp(`^[ \\t]*["']?(?:${KEY_ALT})["']?[ \\t]*:[ \\t]*["'[{]`, 'im');

function fragment(text: string): LineOutcome | undefined {
  const m = FRAGMENT.exec(text);
  return m ? removeFrom(text, m.index, FRESH, 'generic') : undefined;
}

const MESSAGE_FIELDS = ['message', 'msg', 'log', 'MESSAGE'];

// Cheap gate, most log lines fail it: a head's fixed text, a content field followed by its separator, or JSON.
const QUICK = new RegExp(
  `Received request|Request \\S+ (?:details|JSON body)|Generated response|(?:Receive|Finish): obj=|in=\\w*ReqInput|LiteLLM|RAW RESPONSE|msg="?(?:prompt|chat|generate|completion|embedding) |^\\s*\\{|\\b(?:${KEY_ALT})["']?\\s*[:=]`,
  'im'
);

type Json = Obj;
const isJsonObject = isObj;

function parseObject(text: string): Json | undefined {
  if (!/^\s*\{/.test(text)) {
    return undefined;
  }
  try {
    const v: unknown = JSON.parse(text);
    return isJsonObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

// A structured log line (LiteLLM JSON_LOGS, Docker json-file, any JSON logger) wraps the text in a message field.
function wrapped(obj: Json): LineOutcome | undefined {
  let removed = 0;
  let server: Server | undefined;
  for (const field of MESSAGE_FIELDS) {
    const v = obj[field];
    if (typeof v === 'string') {
      const inner = stripLine(v);
      if (inner.removed > 0) {
        obj[field] = inner.text;
        removed += inner.removed;
        server = server ?? inner.server;
      }
    }
  }
  return removed > 0 ? { text: JSON.stringify(obj), removed, server } : undefined;
}

const UNCHANGED = (text: string): LineOutcome => ({ text, removed: 0 });

/** Recognises and strips one line read on its own (no stream state). */
export function stripLine(raw: string): LineOutcome {
  const text = plainText(raw);
  if (!QUICK.test(text)) {
    return UNCHANGED(raw);
  }
  const obj = parseObject(text);
  const head = headMatch(text);
  // A JSON log line is read field by field unless a rule knows the whole line.
  const viaHead = head && (!obj || head.rule.json) ? fromHead(text, head.rule, head.at) : undefined;
  if (viaHead) {
    return viaHead;
  }
  if (obj) {
    return generic(text) ?? wrapped(obj) ?? UNCHANGED(raw);
  }
  return generic(text) ?? fragment(text) ?? UNCHANGED(raw);
}
