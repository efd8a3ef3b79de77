import { TemplateMiner, templateText, type Cluster } from './drain';
import { sanitizeMessage, redactSecrets, type RedactionCounts } from './redact';
import { priorityName, type LogLine } from './types';

export interface TemplateFact {
  template: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  units: string[];
  hosts: string[];
  examples: string[];
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
  message: string;
}

/** What code found in the lines; the model only narrates this. All text in it is already redacted. */
export interface Facts {
  lines: number;
  window: { from: string; to: string } | null;
  byPriority: Record<string, number>;
  byUnit: Record<string, number>;
  byHost: Record<string, number>;
  templates: TemplateFact[];
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
}

export interface Analysis {
  facts: Facts;
  redactions: RedactionCounts;
}

/** ISO time to the second: what a reader (and a model) needs, shorter than milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function bump(m: Record<string, number>, k: string) {
  m[k] = (m[k] ?? 0) + 1;
}

function cleanLabel(v: string, counts: RedactionCounts): string {
  return sanitizeMessage(v, counts, 120) || '(none)';
}

function templateFact(c: Cluster, counts: RedactionCounts): TemplateFact {
  return {
    // Templates are built from redacted lines; redacting again catches a secret rebuilt from masked parts.
    template: redactSecrets(templateText(c), counts),
    count: c.count,
    firstSeen: isoSeconds(c.firstSeen),
    lastSeen: isoSeconds(c.lastSeen),
    units: [...c.units].sort(),
    hosts: [...c.hosts].sort(),
    examples: [...c.examples],
  };
}

/**
 * Computes the facts of a set of log lines: counts by priority, unit and host, templates (Drain), bursts after
 * quiet periods and the first error. Every message is sanitised and redacted before it is analysed.
 */
// eslint-disable-next-line sonarjs/cognitive-complexity -- refactor owned by issue 12
export function computeFacts(input: LogLine[], opts: FactsOptions): Analysis {
  const redactions: RedactionCounts = {};
  const notes: string[] = [];
  const maxP = opts.maxPriority ?? 7;
  const lines = input.filter((l) => l.priority === null || l.priority <= maxP).sort((a, b) => a.time - b.time);
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
  const byPriority: Record<string, number> = {};
  const byUnit: Record<string, number> = {};
  const byHost: Record<string, number> = {};
  const labelCache = new Map<string, string>();
  const label = (v: string) => {
    let c = labelCache.get(v);
    if (c === undefined) {
      c = cleanLabel(v, redactions);
      labelCache.set(v, c);
    }
    return c;
  };
  let firstError: FirstError | null = null;
  for (const raw of lines) {
    const line: LogLine = {
      time: raw.time,
      host: label(raw.host),
      unit: label(raw.unit),
      priority: raw.priority,
      message: sanitizeMessage(raw.message, redactions),
    };
    bump(byPriority, priorityName(line.priority));
    bump(byUnit, line.unit);
    bump(byHost, line.host);
    miner.add(line);
    if (!firstError && line.priority !== null && line.priority <= 3) {
      firstError = {
        time: isoSeconds(line.time),
        host: line.host,
        unit: line.unit,
        priority: priorityName(line.priority),
        message: line.message,
      };
    }
  }
  if (miner.evictedTemplates > 0) {
    notes.push(
      `${miner.evictedTemplates} rare templates (${miner.evictedLines} lines) were evicted by the template limit`
    );
  }
  const clusters = miner.templates();
  const bursts: BurstFact[] = [];
  for (const c of clusters) {
    for (const b of c.bursts) {
      bursts.push({
        template: redactSecrets(templateText(c), {}),
        at: isoSeconds(b.at),
        quietMinutes: Math.round(b.quietMs / 60_000),
        count: b.count,
      });
    }
  }
  bursts.sort((a, b) => b.count - a.count || a.at.localeCompare(b.at));
  const end = opts.window?.to ?? lines[lines.length - 1]?.time;
  return {
    facts: {
      lines: lines.length,
      window: start !== undefined && end !== undefined ? { from: isoSeconds(start), to: isoSeconds(end) } : null,
      byPriority,
      byUnit,
      byHost,
      templates: clusters.map((c) => templateFact(c, redactions)),
      bursts: bursts.slice(0, 10),
      firstError,
      notes,
    },
    redactions,
  };
}
