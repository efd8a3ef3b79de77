import { tokenizeMasked } from './mask';
import type { LogLine } from './types';

/** The placeholder of a position where lines of one template differ. */
export const WILDCARD = '<*>';
/** Lines longer than this (in tokens) are clustered on their head, as Loki's Drain port does. */
const MAX_TOKENS = 80;
const MAX_LABELS = 20;

export interface MinerOptions {
  /** Share of equal positions (0–1) a line needs to join a template. */
  similarity: number;
  /** Templates kept; beyond that the least recently seen one is evicted. */
  maxClusters: number;
  /** Tree depth as in Drain3 (default 4): token count plus `depth - 3` leading tokens route a line. */
  depth?: number;
  maxChildren?: number;
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

export interface Cluster {
  id: number;
  tokens: string[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  units: Set<string>;
  hosts: Set<string>;
  examples: string[];
  bursts: Burst[];
  leaf: Cluster[];
  /** Recency stamp for LRU eviction. */
  used: number;
  /** The unit and host of the last line recorded (a cheap check before the sets). */
  lastUnit?: string;
  lastHost?: string;
}

type Node = Map<string, Node | Cluster[]>;

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      return true;
    }
  }
  return false;
}

/** Masked tokens of a message: whitespace-separated, variables masked per token, capped at MAX_TOKENS. */
export function tokenize(message: string): string[] {
  return tokenizeMasked(message, MAX_TOKENS);
}

/**
 * A Drain-style log template miner (He et al., 2017) written for this project: a fixed-depth tree routes each
 * masked line to a few candidate templates; it joins the most similar one above the threshold, otherwise it
 * starts a new template. Memory is bounded by `maxClusters` with least-recently-used eviction.
 */
export class TemplateMiner {
  /** First tree level: token count (a number key; no string per line). */
  private readonly root = new Map<number, Node>();
  private readonly clusters = new Map<number, Cluster>();
  /** Recency clock: stamping a hit is cheaper than reordering a map on every line; eviction scans (rare). */
  private clock = 0;
  private nextId = 1;
  private readonly depth: number;
  private readonly maxChildren: number;
  private readonly quietMs: number;
  /** Lines whose template was evicted; reported so nothing disappears silently. */
  evictedLines = 0;
  evictedTemplates = 0;

  constructor(private readonly opts: MinerOptions) {
    this.depth = Math.max(3, opts.depth ?? 4);
    this.maxChildren = opts.maxChildren ?? 100;
    this.quietMs = opts.quietMs ?? 15 * 60_000;
  }

  /** Adds one line (already redacted). Lines should arrive in time order for bursts to be right. */
  add(line: LogLine): Cluster {
    const tokens = tokenize(line.message);
    const leaf = this.leafFor(tokens);
    // Every template in a leaf has the line's token count, so similarity is `same / n` for all of them and the
    // best one is the first with the most equal positions. A template that can no longer reach the threshold
    // (nor beat the best so far) stops comparing early: the first mismatches past that point decide nothing.
    const n = tokens.length;
    const need = Math.max(minSame(n, this.opts.similarity), 0);
    let best: Cluster | undefined;
    let bestSame = -1;
    for (const c of leaf) {
      const t = c.tokens;
      const floor = Math.max(need, bestSame + 1);
      let same = 0;
      let left = n;
      for (let i = 0; i < n && same + left >= floor; i++, left--) {
        if (t[i] === tokens[i]) {
          same++;
        }
      }
      if (same >= floor) {
        bestSame = same;
        best = c;
      }
    }
    if (best) {
      mergeInto(best.tokens, tokens);
      best.used = ++this.clock;
    } else {
      best = this.create(tokens, leaf, line.time);
    }
    this.record(best, line);
    return best;
  }

  /** Live templates, most frequent first (ties by first seen, then text, so the order is deterministic). */
  templates(): Cluster[] {
    return [...this.clusters.values()].sort(
      (a, b) => b.count - a.count || a.firstSeen - b.firstSeen || templateText(a).localeCompare(templateText(b))
    );
  }

  get size(): number {
    return this.clusters.size;
  }

  private create(tokens: string[], leaf: Cluster[], time: number): Cluster {
    const c: Cluster = {
      id: this.nextId++,
      tokens: [...tokens],
      count: 0,
      firstSeen: time,
      lastSeen: time,
      units: new Set(),
      hosts: new Set(),
      examples: [],
      bursts: [],
      leaf,
      used: ++this.clock,
      lastUnit: undefined,
      lastHost: undefined,
    };
    leaf.push(c);
    this.clusters.set(c.id, c);
    while (this.clusters.size > this.opts.maxClusters) {
      this.evictOldest();
    }
    return c;
  }

  private evictOldest() {
    let oldest: Cluster | undefined;
    for (const c of this.clusters.values()) {
      if (!oldest || c.used < oldest.used) {
        oldest = c;
      }
    }
    if (!oldest) {
      return;
    }
    this.clusters.delete(oldest.id);
    const i = oldest.leaf.indexOf(oldest);
    if (i >= 0) {
      oldest.leaf.splice(i, 1);
    }
    this.evictedLines += oldest.count;
    this.evictedTemplates++;
  }

  // eslint-disable-next-line sonarjs/cognitive-complexity -- refactor owned by issue 12
  private record(c: Cluster, line: LogLine) {
    const quietSince = c.count === 0 ? this.opts.windowStart : c.lastSeen;
    if (quietSince !== undefined && line.time - quietSince >= this.quietMs) {
      c.bursts.push({ at: line.time, quietMs: line.time - quietSince, count: 0 });
      if (c.bursts.length > 3) {
        c.bursts.shift();
      }
    }
    if (c.bursts.length > 0) {
      c.bursts[c.bursts.length - 1].count++;
    }
    c.count++;
    c.firstSeen = Math.min(c.firstSeen, line.time);
    c.lastSeen = Math.max(c.lastSeen, line.time);
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
    if (c.examples.length < 2 && !c.examples.includes(line.message)) {
      c.examples.push(line.message);
    }
  }

  private leafFor(tokens: string[]): Cluster[] {
    let node = this.root.get(tokens.length);
    if (!node) {
      node = new Map();
      this.root.set(tokens.length, node);
    }
    // As in Drain3: depth counts the root and the length layer, and the leaf; depth 4 routes on the first token.
    const levels = Math.min(this.depth - 3, tokens.length - 1);
    for (let i = 0; i < levels; i++) {
      const key = hasDigit(tokens[i]) ? WILDCARD : tokens[i];
      node = this.child(node, key);
    }
    let leaf = node.get('');
    if (!leaf) {
      leaf = [];
      node.set('', leaf);
    }
    return leaf as Cluster[];
  }

  private child(node: Node, key: string): Node {
    let next = node.get(key);
    if (!next) {
      // A node with too many distinct children routes the rest through the wildcard branch, as in Drain.
      const k = node.size >= this.maxChildren ? WILDCARD : key;
      next = node.get(k);
      if (!next) {
        next = new Map();
        node.set(k, next);
      }
    }
    return next as Node;
  }
}

/**
 * The fewest equal positions out of n for `similarity` to reach `threshold`, computed with the same division
 * `similarity` uses so the boundary case (e.g. 0.4 of 5 = 2) is decided exactly as before; n + 1 when none is.
 */
function minSame(n: number, threshold: number): number {
  if (n === 0) {
    // Two empty lines are identical (similarity 1).
    return 1 >= threshold ? 0 : 1;
  }
  let k = Math.max(0, Math.floor(threshold * n) - 1);
  while (k <= n && k / n < threshold) {
    k++;
  }
  return k;
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

function mergeInto(template: string[], tokens: string[]) {
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== tokens[i]) {
      template[i] = WILDCARD;
    }
  }
}

/** The template as text. */
export function templateText(c: Pick<Cluster, 'tokens'>): string {
  return c.tokens.join(' ');
}
