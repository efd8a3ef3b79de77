// The final step of mining: templates that are one event written with a varying number of variables, or with a
// plain word that takes many values, are merged. Drain's fixed-length clusters split such events: Proxifier's
// `… 451 bytes sent …` and `… 1573 bytes (1.53 KB) sent …`, or `Sandbox: <app>(…)` for every app name.
import { WILDCARD, keyLength, widened, type Cluster, type EventTally, type ValueTally } from './drain';

/** A word position that has taken at least this many values across templates is a variable. */
export const MIN_WORD_VALUES = 5;
/**
 * …or two, when every value is shaped like an identifier (`vllm.service`, `worker_2`, `eth0`). State words
 * (`Started`, `Stopped`, `AUTO`) need the larger number.
 */
export const MIN_NAME_VALUES = 2;
/**
 * …or three, when the word follows a noun that introduces a name (`user cyrus`, `pod api-0`): the noun is a hint, and
 * two values are also what two fixed events look like (`initialized by client SPP.` / `… client WindowsUpdateAgent.`).
 */
export const MIN_NAMED_VALUES = 3;
const ENTITY_NOUNS = new Set([
  'user',
  'users',
  'host',
  'hostname',
  'pod',
  'container',
  'unit',
  'service',
  'job',
  'tool',
  'node',
  'table',
  'database',
  'db',
  'queue',
  'topic',
  'tenant',
  'account',
  'client',
  'model',
  'device',
  'interface',
  'module',
  'plugin',
  'package',
  'process',
  'program',
  'file',
  'volume',
  'disk',
  'namespace',
  'deployment',
  'bucket',
  'channel',
  'peer',
  'domain',
  'group',
  'role',
  'project',
  'repository',
  'repo',
  'branch',
  'image',
  'task',
  'worker',
  'app',
  'application',
]);
/** `vllm.service`, `worker_2`, `eth0`: a dot, underscore, dash or digit inside the word (not a sentence's period). */
const IDENTIFIER = /[._\-0-9]/;
const isIdentifierShaped = (w: string) => IDENTIFIER.test(w.replace(/^[("'[]+|[)"'\],;:.!?]+$/g, ''));
/** …provided the templates still share at least this many words besides it. */
const MIN_SHARED_WORDS = 2;

/** One event: merged clusters, most frequent member's text (wildcards where members differ). */
export interface Template extends EventTally {
  /** Clusters merged into this template (one for most). */
  members: Cluster[];
}

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    while (this.parent.has(root)) {
      root = this.parent.get(root)!;
    }
    if (root !== x) {
      this.parent.set(x, root);
    }
    return root;
  }
  /** Joins the groups of a and b; true when they were apart. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) {
      this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
    }
    return ra !== rb;
  }
}

/** What the merge steps look at: an id, tokens and which positions hold variables. */
type Shape = Pick<Cluster, 'id' | 'tokens' | 'vars'>;

const isWord = (c: Shape, i: number) => c.vars[i] === 0 && c.tokens[i] !== WILDCARD;

/**
 * The template's words in order, and the keys of its `key=value` variables: clusters with the same ones differ only in
 * how many bare variables they hold (an extra `user=<*>` is an extra field, a different event).
 */
function skeleton(c: Shape): string {
  const words: string[] = [];
  for (let i = 0; i < c.tokens.length; i++) {
    const k = isWord(c, i) ? c.tokens[i].length : keyLength(c.tokens[i]);
    if (k > 0) {
      words.push(c.tokens[i].slice(0, k));
    }
  }
  return words.join('\u0001');
}

function mergeBySkeleton(clusters: Shape[], uf: UnionFind) {
  const first = new Map<string, number>();
  for (const c of clusters) {
    const key = skeleton(c);
    if (key === '') {
      // No word at all (`onExtend:<NUM> …`, `setDiffTotalSteps=<NUM>`): nothing says two such templates are one event.
      continue;
    }
    const other = first.get(key);
    if (other === undefined) {
      first.set(key, c.id);
    } else {
      uf.union(other, c.id);
    }
  }
}

interface PositionGroup {
  ids: number[];
  words: Set<string>;
  /** The position follows a noun that introduces a name (`user`, `pod`, …). */
  named: boolean;
  /** Keys of the `key=value` variables held there (`rhost=` of `rhost=<IP>`). */
  varKeys: Set<string>;
}

/** Positions of `c` that may vary: all but those whose removal would leave too few shared words. */
function variablePositions(c: Shape): number[] {
  const words = c.tokens.reduce((n, _t, i) => n + (isWord(c, i) ? 1 : 0), 0);
  return c.tokens.map((_t, i) => i).filter((i) => words - (isWord(c, i) ? 1 : 0) >= MIN_SHARED_WORDS);
}

/** Variables of any kind match each other (as they do when a line joins a cluster); a key stays (`rhost=<*>`). */
function shapeToken(c: Shape, j: number): string {
  const k = isWord(c, j) ? 0 : keyLength(c.tokens[j]);
  return k > 0 ? `${c.tokens[j].slice(0, k)}${WILDCARD}` : c.tokens[j];
}

function positionKey(c: Shape, i: number): string {
  return `${c.tokens.length}:${i}:${c.tokens.map((_t, j) => (j === i ? '' : shapeToken(c, j))).join('\u0001')}`;
}

const isNamed = (c: Shape, i: number) =>
  i > 0 && ENTITY_NOUNS.has(c.tokens[i - 1].toLowerCase().replace(/[^a-z]/g, ''));

/** Whether the words a position took make it a variable. */
function isVariablePosition(g: PositionGroup): boolean {
  if (g.varKeys.size > 0 && [...g.words].some((w) => g.varKeys.has(w.slice(0, keyLength(w))))) {
    // A key whose value is a variable elsewhere (`rhost=<IP>`): its plain values (`rhost=zummit.com`) are values too.
    return true;
  }
  const identifiers = [...g.words].every(isIdentifierShaped);
  if (identifiers) {
    return g.words.size >= MIN_NAME_VALUES;
  }
  return g.words.size >= (g.named ? MIN_NAMED_VALUES : MIN_WORD_VALUES);
}

/** Same-length clusters equal but at position i, with enough different words there; true when any merged. */
function mergeByWordPosition(clusters: Shape[], uf: UnionFind): boolean {
  const byKey = new Map<string, PositionGroup>();
  for (const c of clusters) {
    for (const i of variablePositions(c)) {
      const key = positionKey(c, i);
      const g = byKey.get(key) ?? { ids: [], words: new Set<string>(), named: isNamed(c, i), varKeys: new Set() };
      g.ids.push(c.id);
      if (isWord(c, i)) {
        g.words.add(c.tokens[i]);
      } else if (keyLength(c.tokens[i]) > 0) {
        g.varKeys.add(c.tokens[i].slice(0, keyLength(c.tokens[i])));
      }
      byKey.set(key, g);
    }
  }
  let merged = false;
  for (const { ids } of [...byKey.values()].filter(isVariablePosition)) {
    ids.forEach((id) => (merged = uf.union(ids[0], id) || merged));
  }
  return merged;
}

/** The current groups' shapes: one per group, its words widened to wildcards where same-length members differ. */
function groupShapes(clusters: Cluster[], uf: UnionFind): Shape[] {
  const byRoot = new Map<number, Shape>();
  for (const c of [...clusters].sort((a, b) => b.count - a.count || a.id - b.id)) {
    const root = uf.find(c.id);
    const shape = byRoot.get(root);
    if (!shape) {
      byRoot.set(root, { id: root, tokens: [...c.tokens], vars: Uint8Array.from(c.vars) });
    } else if (shape.tokens.length === c.tokens.length) {
      for (let i = 0; i < c.tokens.length; i++) {
        if (shape.tokens[i] !== c.tokens[i]) {
          shape.tokens[i] = widened(shape.tokens[i], c.tokens[i]);
          shape.vars[i] = 1;
        }
      }
    }
  }
  return [...byRoot.values()];
}

/** Merges clusters into templates, most frequent first (ties by first seen, then text: a stable order). */
export function mergeTemplates(clusters: Cluster[]): { templates: Template[]; templateOf: Map<number, number> } {
  const uf = new UnionFind();
  mergeBySkeleton(clusters, uf);
  // A merge at one position can make templates equal but at another: repeat (a few rounds reach the fixpoint).
  for (let round = 0; round < 4 && mergeByWordPosition(groupShapes(clusters, uf), uf); round++) {
    mergeBySkeleton(groupShapes(clusters, uf), uf);
  }
  const groups = new Map<number, Cluster[]>();
  for (const c of clusters) {
    const root = uf.find(c.id);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  }
  const templateOf = new Map<number, number>();
  const templates = [...groups.entries()].map(([root, members]) => {
    members.forEach((m) => templateOf.set(m.id, root));
    return combine(root, members);
  });
  templates.sort(
    (a, b) => b.count - a.count || a.firstSeen - b.firstSeen || a.tokens.join(' ').localeCompare(b.tokens.join(' '))
  );
  return { templates, templateOf };
}

function combine(id: number, members: Cluster[]): Template {
  const sorted = [...members].sort((a, b) => b.count - a.count || a.id - b.id);
  const lead = sorted[0];
  const tokens = [...lead.tokens];
  const values = [...lead.values];
  for (const m of sorted.slice(1)) {
    if (m.tokens.length === tokens.length) {
      widen(tokens, values, m, lead.count);
    }
  }
  return {
    id,
    tokens,
    count: sum(members, (m) => m.count),
    firstSeen: Math.min(...members.map((m) => m.firstSeen)),
    lastSeen: Math.max(...members.map((m) => m.lastSeen)),
    units: union(members.map((m) => m.units)),
    hosts: union(members.map((m) => m.hosts)),
    examples: [...new Set(sorted.flatMap((m) => m.examples))].slice(0, 3),
    bursts: sorted
      .flatMap((m) => m.bursts)
      .sort((a, b) => a.at - b.at)
      .slice(-3),
    values,
    members: sorted,
  };
}

/** Where a same-length member differs, the template holds a wildcard and the member's values join the tally. */
function widen(tokens: string[], values: Array<ValueTally | undefined>, m: Cluster, leadCount: number) {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === m.tokens[i] && m.tokens[i] !== WILDCARD) {
      continue;
    }
    if (tokens[i] !== WILDCARD) {
      // The lead's own word becomes a value too (it was a word, so its tally is the word and the lead's count).
      values[i] ??= { counts: new Map([[tokens[i], leadCount]]), others: 0 };
      tokens[i] = widened(tokens[i], m.tokens[i]);
    }
    values[i] = addTally(values[i], m.values[i] ?? { counts: new Map([[m.tokens[i], m.count]]), others: 0 });
  }
}

function addTally(a: ValueTally | undefined, b: ValueTally): ValueTally {
  const counts = new Map(a?.counts ?? []);
  let others = (a?.others ?? 0) + b.others;
  for (const [v, n] of b.counts) {
    if (counts.has(v) || counts.size < 16) {
      counts.set(v, (counts.get(v) ?? 0) + n);
    } else {
      others += n;
    }
  }
  return { counts, others };
}

function sum<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((s, x) => s + f(x), 0);
}

function union(sets: Array<Set<string>>): Set<string> {
  const out = new Set<string>();
  for (const s of sets) {
    for (const v of s) {
      if (out.size >= 20) {
        return out;
      }
      out.add(v);
    }
  }
  return out;
}
