import { tokenizeMasked, type MaskedLine } from './mask';
import { mergeTemplates, type Template } from './templates';
import type { LogLine } from './types';

/** The placeholder of a position where lines of one template differ. */
export const WILDCARD = '<*>';
/** Lines longer than this (in tokens) are clustered on their head, as Loki's Drain port does. */
const MAX_TOKENS = 80;
const MAX_LABELS = 20;
/** Distinct values kept per variable position; the rest are counted together. */
const MAX_VALUES = 16;
const MAX_EXAMPLES = 3;

export interface MinerOptions {
  /** Share of equal positions (0–1) a line needs to join a template. */
  similarity: number;
  /** Templates kept (a memory bound); beyond that the least recently seen one is evicted and counted. */
  maxClusters: number;
  /** Silence (ms) after which a template's return counts as a burst. */
  quietMs?: number;
  /** Start of the analysed window, so a template first seen long after it is a burst too. */
  windowStart?: number;
}

export interface Burst {
  /** When the template came back after the quiet period (ms). */
  at: number;
  /** Quiet period before it (ms). */
  quietMs: number;
  /** Lines of the template from `at` until the next quiet period. */
  count: number;
}

/** The values seen at one variable position: counts of up to MAX_VALUES distinct values, and the rest. */
export interface ValueTally {
  counts: Map<string, number>;
  others: number;
  /** Lines whose value is in `counts`. */
  listed?: number;
}

/** What a cluster and the template it joins both tally about their lines. */
export interface EventTally {
  id: number;
  tokens: string[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  units: Set<string>;
  hosts: Set<string>;
  examples: string[];
  bursts: Burst[];
  /** Raw values at variable positions, by position. */
  values: Array<ValueTally | undefined>;
}

export interface Cluster extends EventTally {
  /** Per position: 1 when the position holds a variable (masked, or a wildcard), 0 for a word. */
  vars: Uint8Array;
  leaf: Cluster[];
  /** Recency stamp for LRU eviction. */
  used: number;
  /** The unit and host of the last line recorded (a cheap check before the sets). */
  lastUnit?: string;
  lastHost?: string;
}

/** Lines of templates evicted by the memory bound: still counted, never silently gone. */
export interface Evicted {
  templates: number;
  lines: number;
}

/**
 * A Drain-style log template miner (He et al., 2017) written for this project. Lines are routed by token count and
 * their first three tokens (a variable token routes as the wildcard) to a few candidate templates. A line joins a
 * template only where they differ in variables — two different plain words make two events ("VM Started" vs "VM
 * Stopped"), two different ids do not — and when enough positions are equal. Finished templates are then merged
 * where they differ only in how many variables they hold (see `mergeTemplates`).
 */
export class TemplateMiner {
  /** Routing: token count, the first token, the next two (a variable as the wildcard), then the candidates. */
  private readonly root = new Map<number, Map<string, Map<string, Cluster[]>>>();
  /** The current line's tokens, refilled for every line. */
  private readonly scratch: MaskedLine = { tokens: [], vars: [], raws: [] };
  private readonly clusters = new Map<number, Cluster>();
  private clock = 0;
  private nextId = 1;
  private readonly quietMs: number;
  readonly evicted: Evicted = { templates: 0, lines: 0 };

  constructor(private readonly opts: MinerOptions) {
    this.quietMs = opts.quietMs ?? 15 * 60_000;
  }

  /** Adds one line (already redacted). Lines should arrive in time order for bursts to be right. */
  add(line: LogLine): Cluster {
    const { tokens, vars, raws } = tokenizeMasked(line.message, MAX_TOKENS, this.scratch);
    const leaf = this.leafFor(tokens, vars);
    let best = bestMatch(leaf, tokens, vars, this.opts.similarity);
    if (best) {
      mergeInto(best, tokens);
      best.used = ++this.clock;
    } else {
      best = this.create(tokens, vars, leaf, line.time);
    }
    this.record(best, line, vars, raws);
    return best;
  }

  /** Live clusters (before the final merge), in creation order. */
  clustersLive(): Cluster[] {
    return [...this.clusters.values()];
  }

  /** The templates: live clusters merged into events, most frequent first. */
  templates(): Template[] {
    return mergeTemplates(this.clustersLive()).templates;
  }

  get size(): number {
    return this.clusters.size;
  }

  private create(tokens: string[], vars: boolean[], leaf: Cluster[], time: number): Cluster {
    const c: Cluster = {
      id: this.nextId++,
      tokens: [...tokens],
      vars: Uint8Array.from(vars, (v) => (v ? 1 : 0)),
      count: 0,
      firstSeen: time,
      lastSeen: time,
      units: new Set(),
      hosts: new Set(),
      examples: [],
      bursts: [],
      values: [],
      leaf,
      used: ++this.clock,
    };
    leaf.push(c);
    this.clusters.set(c.id, c);
    if (this.clusters.size > this.opts.maxClusters) {
      this.evictOldest();
    }
    return c;
  }

  /**
   * Evicts the least recently used tenth of the templates at once (their lines are counted in `evicted`): one sort
   * per many creations instead of a scan of every template for each one.
   */
  private evictOldest() {
    const byAge = [...this.clusters.values()].sort((a, b) => a.used - b.used);
    const n = Math.max(1, this.clusters.size - Math.ceil(this.opts.maxClusters * 0.9));
    for (const oldest of byAge.slice(0, n)) {
      this.clusters.delete(oldest.id);
      oldest.leaf.splice(oldest.leaf.indexOf(oldest), 1);
      this.evicted.lines += oldest.count;
      this.evicted.templates++;
    }
  }

  private record(c: Cluster, line: LogLine, vars: boolean[], raws: string[]) {
    this.recordBurst(c, line.time);
    c.count++;
    c.firstSeen = Math.min(c.firstSeen, line.time);
    c.lastSeen = Math.max(c.lastSeen, line.time);
    recordLabels(c, line);
    tallyValues(c, vars, raws);
    if (c.examples.length < MAX_EXAMPLES && !c.examples.includes(line.message)) {
      c.examples.push(line.message);
    }
  }

  private recordBurst(c: Cluster, time: number) {
    const quietSince = c.count === 0 ? this.opts.windowStart : c.lastSeen;
    if (quietSince !== undefined && time - quietSince >= this.quietMs) {
      c.bursts.push({ at: time, quietMs: time - quietSince, count: 0 });
      if (c.bursts.length > 3) {
        c.bursts.shift();
      }
    }
    if (c.bursts.length > 0) {
      c.bursts[c.bursts.length - 1].count++;
    }
  }

  private leafFor(tokens: string[], vars: boolean[]): Cluster[] {
    // A variable routes as the wildcard: a template can only accept a variable where it holds one.
    const first = child(this.root, tokens.length, () => new Map<string, Map<string, Cluster[]>>());
    const second = child(first, routeKey(tokens, vars, 0), () => new Map<string, Cluster[]>());
    return child(second, `${routeKey(tokens, vars, 1)}\u0001${routeKey(tokens, vars, 2)}`, () => []);
  }
}

function child<K, V>(m: Map<K, V>, key: K, make: () => V): V {
  let v = m.get(key);
  if (v === undefined) {
    v = make();
    m.set(key, v);
  }
  return v;
}

function routeKey(tokens: string[], vars: boolean[], i: number): string {
  return i >= tokens.length ? '' : vars[i] ? WILDCARD : tokens[i];
}

/** Masked tokens, which of them hold variables, and the raw text of each (for the values the prompt shows). */
export function tokenize(message: string): { tokens: string[]; vars: boolean[]; raws: string[] } {
  return tokenizeMasked(message, MAX_TOKENS);
}

/**
 * The template in `leaf` this line may join: every differing position must be a wildcard of the template or a
 * variable on both sides, and at least `similarity` of the positions must be equal; the most equal one wins.
 */
function bestMatch(leaf: Cluster[], tokens: string[], vars: boolean[], similarity: number): Cluster | undefined {
  const n = tokens.length;
  const need = minSame(n, similarity);
  let best: Cluster | undefined;
  let bestSame = need - 1;
  for (const c of leaf) {
    const same = compatibleSame(c, tokens, vars, bestSame);
    if (same > bestSame) {
      bestSame = same;
      best = c;
    }
  }
  return best;
}

/**
 * Equal positions of a line and a template, or -1 when a differing position forbids the match or the template can
 * no longer beat `toBeat` equal positions (the rest of the comparison decides nothing).
 */
function compatibleSame(c: Cluster, tokens: string[], vars: boolean[], toBeat: number): number {
  const t = c.tokens;
  const n = tokens.length;
  let same = 0;
  for (let i = 0; i < n && same + n - i > toBeat; i++) {
    if (t[i] === tokens[i]) {
      same++;
    } else if (t[i] !== WILDCARD && !(c.vars[i] === 1 && vars[i])) {
      return -1;
    }
  }
  return same;
}

/** The fewest equal positions out of n for `similarity` to reach the threshold (0 for an empty line). */
function minSame(n: number, threshold: number): number {
  return n === 0 ? 0 : Math.ceil(threshold * n - 1e-9);
}

function mergeInto(c: Cluster, tokens: string[]) {
  const t = c.tokens;
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== tokens[i] && t[i] !== WILDCARD) {
      // Until now every line had the template's token here: seed the tally with it before it becomes a wildcard.
      seedTally(c, i, c.examples.length > 0 ? rawAt(c.examples[0], i) : t[i]);
      t[i] = widened(t[i], tokens[i]);
      c.vars[i] = 1;
    }
  }
}

/** Length of the key of a `key=…` token (`rhost=` of `rhost=<IP>`), 0 when it has none. */
export function keyLength(token: string): number {
  const c = token.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) {
    return 0;
  }
  for (let i = 1; i < token.length; i++) {
    const d = token.charCodeAt(i);
    if (d === 61) {
      return i + 1;
    }
    if (d === 60 || d === 34 || d === 39 || d <= 32) {
      return 0;
    }
  }
  return 0;
}

/**
 * What a template holds where two tokens differ: the wildcard, keeping a key both share (`user=<*>` for `user=root`
 * and `user=uucp`), since the key is the event's wording.
 */
export function widened(a: string, b: string): string {
  const k = keyLength(a);
  return k > 0 && k === keyLength(b) && a.startsWith(b.slice(0, k)) ? `${a.slice(0, k)}${WILDCARD}` : WILDCARD;
}

function seedTally(c: Cluster, i: number, value: string) {
  if (!c.values[i]) {
    c.values[i] = { counts: new Map([[value, c.count]]), others: 0 };
  }
}

/** The raw token at position i of an example line (as the tokenizer split it). */
function rawAt(example: string, i: number): string {
  return tokenize(example).raws[i] ?? '';
}

function tallyValues(c: Cluster, vars: boolean[], raws: string[]) {
  for (let i = 0; i < raws.length; i++) {
    if (vars[i] || c.tokens[i] === WILDCARD) {
      tally(c, i, raws[i]);
    }
  }
}

function tally(c: Cluster, i: number, value: string) {
  let t = c.values[i];
  if (!t) {
    t = { counts: new Map(), others: 0 };
    c.values[i] = t;
  }
  // A position where nearly every line has its own value (ids, times) only counts them: no lookup per line.
  const listed = t.listed ?? 0;
  if (t.others > 64 && t.others > 4 * listed) {
    t.others++;
    return;
  }
  const n = t.counts.get(value);
  if (n === undefined && t.counts.size >= MAX_VALUES) {
    t.others++;
    return;
  }
  t.counts.set(value, (n ?? 0) + 1);
  t.listed = listed + 1;
}

function recordLabels(c: Cluster, line: LogLine) {
  // Lines of a template mostly come from one unit and host: skip the set lookup when they repeat the last one.
  if (line.unit !== c.lastUnit) {
    c.lastUnit = line.unit;
    if (c.units.size < MAX_LABELS && line.unit) {
      c.units.add(line.unit);
    }
  }
  if (line.host !== c.lastHost) {
    c.lastHost = line.host;
    if (c.hosts.size < MAX_LABELS && line.host) {
      c.hosts.add(line.host);
    }
  }
}

/** Share of positions where the template has the line's token (wildcards do not count, as in Drain). */
export function similarity(template: string[], tokens: string[]): number {
  if (template.length !== tokens.length || tokens.length === 0) {
    return tokens.length === 0 && template.length === 0 ? 1 : 0;
  }
  let same = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (template[i] === tokens[i]) {
      same++;
    }
  }
  return same / tokens.length;
}

/** The template as text. */
export function templateText(c: Pick<Cluster, 'tokens'>): string {
  return c.tokens.join(' ');
}
