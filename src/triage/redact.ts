// Secret redaction: every rule family of gitleaks' default configuration (see secretRules.ts), plus what real
// journals leak in other shapes — env and YAML/JSON assignments, command-line flags, `curl -u`, `docker login -p`,
// URL credentials, Authorization/macaroon headers, Kubernetes secret data, LND macaroons, and exact values the caller
// knows are secret (the CLI's VLLM_API_KEY). Each secret becomes `[REDACTED:<rule>]` and is counted.
import { findAssignments, findFlagValues, findKeywordThenRandom, findProseValues, type Span } from './assignments';
import { neutraliseForModel, stripInvisible } from './neutralise';
import { classifyKey, looksRandom, mayNameSecrets } from './secretKeys';
import { findTokens } from './tokenScan';

export { shannonEntropy } from './secretKeys';

/** Counts of redactions by rule id. */
export type RedactionCounts = Record<string, number>;

export interface RedactOptions {
  /** Exact strings that are secret wherever they appear (e.g. the API key the CLI was given). */
  literals?: readonly string[];
}

interface ContextRule {
  id: string;
  /** A cheap test the text must pass before the regex runs (most lines pass none). */
  gate: string | RegExp;
  re: RegExp;
  /** Groups holding secrets; each is replaced. */
  groups: number[];
  /** Extra check on group `groups[0]`'s companion (e.g. the name in `<add key="Password" value="…">`). */
  when?: (m: RegExpExecArray) => boolean;
  /** The secret inside the group, when only part of it is (`user:password` → the password). */
  pick?: (group: string) => { start: number; end: number } | undefined;
}

/**
 * `curl -u user:pass`: the password goes (the user stays readable); `-u token:` or `-u ":token"` forms give up the
 * one part that is there. Quotes may wrap either part or both.
 */
function curlCredential(arg: string): { start: number; end: number } | undefined {
  const colon = arg.indexOf(':');
  return colon < 0 ? undefined : (unquoted(arg, colon + 1, arg.length) ?? unquoted(arg, 0, colon));
}

/** The part of arg[from, to) inside any quotes or braces around it; undefined when nothing is left. */
function unquoted(arg: string, from: number, to: number): { start: number; end: number } | undefined {
  let a = from;
  let b = to;
  while (a < b && /["'{}]/.test(arg[a])) {
    a++;
  }
  while (b > a && /["'{}]/.test(arg[b - 1])) {
    b--;
  }
  return b > a ? { start: a, end: b } : undefined;
}

const NAMED = (m: RegExpExecArray) => classifyKey(m[1]) !== undefined;

/** Secrets recognised by what surrounds them. */
const PRIVATE_KEY: ContextRule = {
  id: 'private-key',
  gate: 'PRIVATE KEY',
  re: /(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$))/g,
  groups: [1],
};

const CONTEXT_RULES: ContextRule[] = [
  {
    id: 'url-credentials',
    gate: '://',
    re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/?#@'"]*:([^\s/?#@'"]+)@/gi,
    groups: [1],
  },
  {
    id: 'url-credentials',
    gate: '://',
    re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/([A-Za-z0-9_~.+-]{16,}):?@/gi,
    groups: [1],
    when: (m) => looksRandom(m[1], 16, 3.5),
  },
  {
    id: 'curl-auth-user',
    gate: 'curl',
    re: /\bcurl\b[\s\S]{0,600}?\s(?:-u|--user)(?:=|[ \t]+)(\S+)/g,
    groups: [1],
    pick: curlCredential,
  },
  {
    id: 'login-password',
    gate: 'login',
    re: /\b(?:docker|podman|nerdctl|buildah|skopeo|oras|helm|crane|regctl)\b[^\n]*?\blogin\b[^\n]*?\s-p(?:=|[ \t]+)["']?([^\s"']+)/g,
    groups: [1],
  },
  { id: 'login-password', gate: 'sshpass', re: /\bsshpass\s+-p\s*["']?([^\s"']+)/g, groups: [1] },
  {
    id: 'login-password',
    gate: 'mysql',
    re: /\bmysql(?:dump|admin|sh)?\b[^\n]*?\s-p["']?([^\s"'-][^\s"']*)/g,
    groups: [1],
  },
  { id: 'bearer-token', gate: /bearer/i, re: /\bbearer[ \t]+([A-Za-z0-9._~+/-]{8,}=*)/gi, groups: [1] },
  {
    id: 'xml-secret',
    gate: 'value',
    re: /\b(?:key|name)\s*=\s*"([^"]{2,60})"\s+value\s*=\s*"([^"]+)"/g,
    groups: [2],
    when: NAMED,
  },
  {
    id: 'xml-secret',
    gate: '</',
    re: /<([A-Za-z][\w.-]{1,40})>\s*([^<\s][^<\n]{0,500}?)\s*<\/\1>/g,
    groups: [2],
    when: NAMED,
  },
  // `<entry key="DB_PASSWORD">…</entry>`: the element names the entry, an attribute names the secret.
  {
    id: 'xml-secret',
    gate: '</',
    re: /<[A-Za-z][\w.-]{0,40}\s+(?:key|name|id)\s*=\s*"([^"]{2,64})"[^>]*>\s*([^<\s][^<\n]{0,500}?)\s*<\//g,
    groups: [2],
    when: NAMED,
  },
  // `<dbPassword value="…"/>`: the element names the secret.
  { id: 'xml-secret', gate: 'value', re: /<([A-Za-z][\w.-]{1,40})\s+value\s*=\s*"([^"]+)"/g, groups: [2], when: NAMED },
  // `{"name": "DB_PASSWORD", "value": "…"}` (Kubernetes env, parameter stores): the name and the value are siblings.
  {
    id: 'name-value-secret',
    gate: /value/i,
    re: /["']?(?:name|key|Name|Key|NAME|KEY)["']?\s*[:=]\s*["']([^"'\n]{2,64})["']\s*,\s*["']?(?:value|Value|VALUE)["']?\s*[:=]\s*["']([^"'\n]+)["']/g,
    groups: [2],
    when: NAMED,
  },
];

const passesGate = (rule: ContextRule, text: string) =>
  typeof rule.gate === 'string' ? text.includes(rule.gate) : rule.gate.test(text);

function contextSpans(text: string, rules: ContextRule[] = CONTEXT_RULES): Span[] {
  const spans: Span[] = [];
  for (const rule of rules) {
    if (!passesGate(rule, text)) {
      continue;
    }
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (!rule.when || rule.when(m)) {
        pushGroups(spans, m, rule);
      }
      rule.re.lastIndex += m[0].length === 0 ? 1 : 0;
    }
  }
  return spans;
}

function pushGroups(spans: Span[], m: RegExpExecArray, rule: ContextRule) {
  for (const g of rule.groups) {
    const value = m[g];
    if (!value || value.includes('[REDACTED')) {
      continue;
    }
    const at = m.index + m[0].lastIndexOf(value);
    const part = rule.pick ? rule.pick(value) : { start: 0, end: value.length };
    if (part) {
      spans.push({ start: at + part.start, end: at + part.end, rule: rule.id });
    }
  }
}

const KIND_SECRET = /\bkind\\?["']?\s*:\s*\\?["']?Secret\b|\\?"resource\\?"\s*:\s*\\?"secrets\\?"/;
const DATA_SECTION = /\b(?:data|stringData)\\?["']?\s*:\s*(\{[^{}]*\}|\n(?:[ \t]+[^\n]*(?:\n|$))+)/g;
const DATA_VALUE = /[\w.-]+\\?["']?\s*:\s*\\?["']?([^\s"',}\\]+)/g;

/** Values under `data:`/`stringData:` of a Kubernetes Secret (YAML, JSON, or JSON escaped inside an annotation). */
function kubernetesSecretSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (!text.includes('ecret') || !KIND_SECRET.test(text)) {
    return spans;
  }
  DATA_SECTION.lastIndex = 0;
  for (let d = DATA_SECTION.exec(text); d; d = DATA_SECTION.exec(text)) {
    const base = d.index + d[0].length - d[1].length;
    DATA_VALUE.lastIndex = 0;
    for (let v = DATA_VALUE.exec(d[1]); v; v = DATA_VALUE.exec(d[1])) {
      if (!v[1].startsWith('[REDACTED') && v[1] !== '{') {
        const start = base + v.index + v[0].length - v[1].length;
        spans.push({ start, end: start + v[1].length, rule: 'kubernetes-secret-data' });
      }
    }
  }
  return spans;
}

function literalSpans(text: string, literals: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const lit of literals) {
    if (lit.length < 4) {
      continue;
    }
    for (let i = text.indexOf(lit); i >= 0; i = text.indexOf(lit, i + lit.length)) {
      spans.push({ start: i, end: i + lit.length, rule: 'configured-secret' });
    }
  }
  return spans;
}

/** Replaces non-overlapping spans (the earliest, then the longest, wins) and counts them. */
function applySpans(text: string, spans: Span[], counts: RedactionCounts): string {
  if (spans.length === 0) {
    return text;
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.end <= s.start) {
      continue;
    }
    out += `${text.slice(at, s.start)}[REDACTED:${s.rule}]`;
    counts[s.rule] = (counts[s.rule] ?? 0) + 1;
    at = s.end;
  }
  return out + text.slice(at);
}

// Stages run in turn on the previous stage's output, so a later stage never sees a secret an earlier one took.
const STAGES: Array<(text: string) => Span[]> = [
  (text) => contextSpans(text, [PRIVATE_KEY]),
  findTokens,
  (text) => contextSpans(text),
  kubernetesSecretSpans,
];

/** Stages that look for a value after a name that says "secret": they run only when such a name can be there. */
const NAME_STAGES: Array<(text: string) => Span[]> = [
  findAssignments,
  findFlagValues,
  findKeywordThenRandom,
  findProseValues,
];

/**
 * Shorter OpenAI-style keys of other servers (LiteLLM, DeepSeek, vLLM setups): sk- and twenty characters or more.
 * Last, so a name or header around one (VLLM_API_KEY=, Bearer) labels it first.
 */
const SHORT_SK_KEY = /(?<![\w-])sk-[\w-]{20,}/g;

function shortKeySpans(text: string): Span[] {
  const spans: Span[] = [];
  if (!text.includes('sk-')) {
    return spans;
  }
  SHORT_SK_KEY.lastIndex = 0;
  for (let m = SHORT_SK_KEY.exec(text); m; m = SHORT_SK_KEY.exec(text)) {
    spans.push({ start: m.index, end: m.index + m[0].length, rule: 'anthropic-or-openai-style-key' });
  }
  return spans;
}

/** Replaces every secret in `text` with `[REDACTED:<rule>]` and adds to `counts`. */
export function redactSecrets(text: string, counts: RedactionCounts = {}, opts: RedactOptions = {}): string {
  let out = opts.literals?.length ? applySpans(text, literalSpans(text, opts.literals), counts) : text;
  for (const stage of STAGES) {
    out = applySpans(out, stage(out), counts);
  }
  if (mayNameSecrets(out)) {
    for (const stage of NAME_STAGES) {
      out = applySpans(out, stage(out), counts);
    }
  }
  return applySpans(out, shortKeySpans(out), counts);
}

/** A cut for one message when a caller asks for one by length (a title, a label). */
export const MAX_MESSAGE_CHARS = 400;

/**
 * Makes one log message safe to show and to send: terminal escapes, control and bidi characters removed, chat
 * template markers neutralised, secrets redacted (before any cut, so a cut never leaves half a secret behind).
 * Given a number instead of options, the result is also cut to that many characters (a title); cutting for the
 * prompt is the prompt's job (it keeps the tail, where the cause usually is).
 */
export function sanitizeMessage(message: string, counts: RedactionCounts, opts: RedactOptions | number = {}): string {
  const s = neutraliseForModel(redactSecrets(stripInvisible(message), counts, typeof opts === 'number' ? {} : opts));
  const max = typeof opts === 'number' ? opts : Infinity;
  return s.length > max ? `${s.slice(0, max)}… [cut ${s.length - max} chars]` : s;
}

/** Total number of redactions. */
export function totalRedactions(counts: RedactionCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
