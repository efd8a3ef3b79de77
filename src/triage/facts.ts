import { TemplateMiner, templateText, type ValueTally } from './drain';
import { sanitizeMessage, type RedactionCounts, type RedactOptions } from './redact';
import { parseStructured } from './structured';
import type { Template } from './templates';
import { priorityName, type LogLine } from './types';

/** The values a variable took, most frequent first (at most a few), and how many lines had others. */
export interface ValueFact {
  /** Position of the variable among the template's tokens. */
  position: number;
  values: Array<[value: string, count: number]>;
  others: number;
}

export interface TemplateFact {
  template: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  units: string[];
  hosts: string[];
  /** Where in the programs the lines were written (`pod_workers.go:1298`), from structured headers. */
  callers: string[];
  examples: string[];
  /** What the variables were: which container, which exit status. */
  values: ValueFact[];
}

export interface BurstFact {
  template: string;
  at: string;
  quietMinutes: number;
  count: number;
}

export interface FirstError {
  time: string;
  host: string;
  unit: string;
  priority: string;
  caller?: string;
  message: string;
}

/** What code found in the lines; the model only narrates this. All text in it is already redacted. */
export interface Facts {
  /** Lines analysed: those at or above the selected priority. */
  lines: number;
  /** Every line read, whatever its priority, so an empty analysis can say what there was. */
  read: { lines: number; byPriority: Record<string, number> };
  window: { from: string; to: string } | null;
  byPriority: Record<string, number>;
  byUnit: Record<string, number>;
  byHost: Record<string, number>;
  templates: TemplateFact[];
  /** Lines of templates not listed (evicted by the memory bound or beyond the list): nothing disappears silently. */
  other: { templates: number; lines: number };
  bursts: BurstFact[];
  firstError: FirstError | null;
  /** Everything that limits the facts: truncation, skipped lines, evicted templates. */
  notes: string[];
}

export interface FactsOptions {
  similarity: number;
  maxClusters: number;
  /** Lines above this priority number (less severe) are skipped; null-priority lines are kept. */
  maxPriority?: number;
  /** When the input hit the line cap, the cap: shown as "truncated at N lines". */
  truncatedAt?: number;
  /** Window of the query; defaults to the first and last line. */
  window?: { from: number; to: number };
  quietMs?: number;
  /** Exact strings to redact wherever they appear (the CLI's VLLM_API_KEY). */
  secrets?: readonly string[];
}

export interface Analysis {
  facts: Facts;
  redactions: RedactionCounts;
}

/** Templates listed in the facts; the rest go to `other` with their line count. */
export const MAX_FACT_TEMPLATES = 200;
/** A message is kept whole up to this length; longer ones keep their head and tail (the cause is often last). */
export const MAX_KEPT_CHARS = 4096;
const MAX_LISTED_VALUES = 5;

/** ISO time to the second: what a reader (and a model) needs, shorter than milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function bump(m: Record<string, number>, k: string) {
  m[k] = (m[k] ?? 0) + 1;
}

/** Keeps the head and the tail of a very long message, saying how much was cut between them. */
export function keepEnds(s: string, max = MAX_KEPT_CHARS): string {
  if (s.length <= max) {
    return s;
  }
  const half = Math.floor((max - 40) / 2);
  return `${s.slice(0, half)} … [${s.length - 2 * half} chars cut] … ${s.slice(s.length - half)}`;
}

/** A line made safe and read: structure off, secrets redacted, markers defused, cut to a bounded length. */
interface CleanLine extends LogLine {
  caller?: string;
}

class LineCleaner {
  private readonly labels = new Map<string, string>();

  constructor(
    private readonly counts: RedactionCounts,
    private readonly opts: RedactOptions
  ) {}

  label(v: string): string {
    let c = this.labels.get(v);
    if (c === undefined) {
      c = keepEnds(sanitizeMessage(v, this.counts, this.opts), 120) || '(none)';
      this.labels.set(v, c);
    }
    return c;
  }

  line(raw: LogLine): CleanLine {
    // Structure first, so a secret spelled with JSON escapes (`\u0041…`) is redacted in the text it decodes to.
    const s = parseStructured(raw.message);
    return {
      time: raw.time,
      host: this.label(raw.host),
      unit: this.label(raw.unit),
      priority: s.priority ?? raw.priority,
      caller: s.caller === undefined ? undefined : this.label(s.caller),
      message: keepEnds(sanitizeMessage(s.message, this.counts, this.opts)),
    };
  }
}

function valueFacts(values: Array<ValueTally | undefined>, redactions: RedactionCounts): ValueFact[] {
  const out: ValueFact[] = [];
  values.forEach((tally, position) => {
    if (!tally || tally.counts.size === 0) {
      return;
    }
    const sorted = [...tally.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const listed = sorted.slice(0, MAX_LISTED_VALUES);
    const others = tally.others + sorted.slice(MAX_LISTED_VALUES).reduce((s, [, n]) => s + n, 0);
    out.push({ position, values: listed.map(([v, n]) => [sanitizeMessage(v, redactions), n]), others });
  });
  return out;
}

function templateFact(t: Template, callers: Set<string>, redactions: RedactionCounts): TemplateFact {
  return {
    // Templates are built from redacted lines; redacting again catches a secret rebuilt from masked parts.
    template: sanitizeMessage(templateText(t), redactions),
    count: t.count,
    firstSeen: isoSeconds(t.firstSeen),
    lastSeen: isoSeconds(t.lastSeen),
    units: [...t.units].sort(),
    hosts: [...t.hosts].sort(),
    callers: [...callers].sort(),
    examples: [...t.examples],
    values: valueFacts(t.values, redactions),
  };
}

interface Tallies {
  byPriority: Record<string, number>;
  byUnit: Record<string, number>;
  byHost: Record<string, number>;
  firstError: FirstError | null;
  callers: Map<number, Set<string>>;
}

function tally(t: Tallies, line: CleanLine, clusterId: number) {
  bump(t.byPriority, priorityName(line.priority));
  bump(t.byUnit, line.unit);
  bump(t.byHost, line.host);
  if (line.caller) {
    const set = t.callers.get(clusterId) ?? new Set<string>();
    if (set.size < 10) {
      set.add(line.caller);
    }
    t.callers.set(clusterId, set);
  }
  if (!t.firstError && line.priority !== null && line.priority <= 3) {
    t.firstError = {
      time: isoSeconds(line.time),
      host: line.host,
      unit: line.unit,
      priority: priorityName(line.priority),
      ...(line.caller ? { caller: line.caller } : {}),
      message: line.message,
    };
  }
}

function burstFacts(templates: TemplateFact[], source: Template[]): BurstFact[] {
  const out: BurstFact[] = [];
  source.forEach((t, i) => {
    for (const b of t.bursts) {
      out.push({
        template: templates[i].template,
        at: isoSeconds(b.at),
        quietMinutes: Math.round(b.quietMs / 60_000),
        count: b.count,
      });
    }
  });
  return out.sort((a, b) => b.count - a.count || a.at.localeCompare(b.at)).slice(0, 10);
}

function readCounts(input: LogLine[]): Facts['read'] {
  const byPriority: Record<string, number> = {};
  input.forEach((l) => bump(byPriority, priorityName(l.priority)));
  return { lines: input.length, byPriority };
}

/**
 * Computes the facts of a set of log lines: counts by priority, unit and host, templates with the values their
 * variables took, bursts after quiet periods and the first error. Every message is read for structure, sanitised
 * and redacted before it is analysed; every line is accounted for (a listed template or `other`).
 */
export function computeFacts(input: LogLine[], opts: FactsOptions): Analysis {
  const redactions: RedactionCounts = {};
  const notes: string[] = [];
  const cleaner = new LineCleaner(redactions, { literals: opts.secrets });
  const maxP = opts.maxPriority ?? 7;
  const cleaned = input.map((l) => cleaner.line(l));
  const lines = cleaned.filter((l) => l.priority === null || l.priority <= maxP).sort((a, b) => a.time - b.time);
  if (lines.length < input.length) {
    notes.push(`${input.length - lines.length} line(s) below ${priorityName(maxP)} priority skipped`);
  }
  if (opts.truncatedAt !== undefined) {
    notes.push(
      `truncated at ${opts.truncatedAt} lines: the newest ${opts.truncatedAt} lines of the window were analysed`
    );
  }
  const start = opts.window?.from ?? lines[0]?.time;
  const miner = new TemplateMiner({
    similarity: opts.similarity,
    maxClusters: opts.maxClusters,
    quietMs: opts.quietMs,
    windowStart: start,
  });
  const t: Tallies = { byPriority: {}, byUnit: {}, byHost: {}, firstError: null, callers: new Map() };
  for (const line of lines) {
    tally(t, line, miner.add(line).id);
  }
  const merged = miner.templates();
  const listed = merged.slice(0, MAX_FACT_TEMPLATES);
  const templates = listed.map((m) => templateFact(m, callersOf(m, t.callers), redactions));
  const unlisted = merged.slice(MAX_FACT_TEMPLATES);
  const other = {
    templates: miner.evicted.templates + unlisted.length,
    lines: miner.evicted.lines + unlisted.reduce((s, m) => s + m.count, 0),
  };
  if (miner.evicted.templates > 0) {
    notes.push(
      `${miner.evicted.templates} rare templates (${miner.evicted.lines} lines) left the template memory (limit ${opts.maxClusters}); they are counted under other`
    );
  }
  const end = opts.window?.to ?? lines[lines.length - 1]?.time;
  return {
    facts: {
      lines: lines.length,
      read: readCounts(cleaned),
      window: start !== undefined && end !== undefined ? { from: isoSeconds(start), to: isoSeconds(end) } : null,
      byPriority: t.byPriority,
      byUnit: t.byUnit,
      byHost: t.byHost,
      templates,
      other,
      bursts: burstFacts(templates, listed),
      firstError: t.firstError,
      notes,
    },
    redactions,
  };
}

function callersOf(t: Template, callers: Map<number, Set<string>>): Set<string> {
  const out = new Set<string>();
  for (const m of t.members) {
    for (const c of callers.get(m.id) ?? []) {
      out.add(c);
    }
  }
  return out;
}
