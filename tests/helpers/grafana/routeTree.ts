// Stand-in for Grafana's router tree as the app plugin proxy uses it (docs/grafana-contract.md, row "Proxy route
// matching"): grafana/grafana pkg/web/tree.go — NewTree, Tree.Add, Tree.Match, matchNextSegment, matchSubtree,
// matchLeaf, checkPattern. Modelled: static segments, `:name` holders and `*` (match-all). Regexp (`:id([0-9]+)`),
// `*.*` and optional (`?`) patterns are refused rather than guessed. Learned from the source, written anew.

type Kind = 0 | 3 | 4; // tree.go's patternType order: static 0, (regexp 1, path-ext 2), holder 3, match-all 4
const STATIC: Kind = 0;
const HOLDER: Kind = 3;
const MATCH_ALL: Kind = 4;

interface Leaf {
  kind: Kind;
  pattern: string;
  name?: string;
}

interface Node {
  kind: Kind;
  pattern: string;
  name?: string;
  subtrees: Node[];
  leaves: Leaf[];
}

export interface TreeMatch {
  matched: boolean;
  params: Record<string, string>;
}

function kindOf(pattern: string): { kind: Kind; name?: string } {
  if (pattern.startsWith('?') || pattern === '*.*') {
    throw new Error(`route pattern "${pattern}": optional and *.* segments are not modelled`);
  }
  if (pattern === '*') {
    return { kind: MATCH_ALL };
  }
  if (pattern.includes(':')) {
    const holder = /^:([a-zA-Z0-9]+)$/.exec(pattern);
    if (!holder) {
      throw new Error(`route pattern "${pattern}": regexp segments are not modelled`);
    }
    return { kind: HOLDER, name: pattern };
  }
  return { kind: STATIC };
}

/** Inserts before the first entry of a greater kind, as addLeaf/addSubtree do. */
function insertByKind<T extends { kind: Kind }>(list: T[], item: T): void {
  const i = list.findIndex((x) => item.kind < x.kind);
  list.splice(i < 0 ? list.length : i, 0, item);
}

function newNode(pattern: string): Node {
  return { ...kindOf(pattern), pattern, subtrees: [], leaves: [] };
}

function addNextSegment(t: Node, raw: string): void {
  const pattern = raw.startsWith('/') ? raw.slice(1) : raw;
  const i = pattern.indexOf('/');
  if (i < 0) {
    if (!t.leaves.some((l) => l.pattern === pattern)) {
      insertByKind(t.leaves, { ...kindOf(pattern), pattern });
    }
    return;
  }
  const segment = pattern.slice(0, i);
  let sub = t.subtrees.find((s) => s.pattern === segment);
  if (!sub) {
    sub = newNode(segment);
    insertByKind(t.subtrees, sub);
  }
  addNextSegment(sub, pattern.slice(i + 1));
}

/** Go's url.PathUnescape: %XX decoded (as bytes, then UTF-8), `+` kept, a malformed escape is an error (null). */
export function pathUnescape(s: string): string | null {
  if (!/^(?:[^%]|%[0-9a-fA-F]{2})*$/.test(s)) {
    return null;
  }
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(s[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function matchLeaf(t: Node, glob: number, url: string, params: Record<string, string>): boolean {
  const u = pathUnescape(url);
  if (u === null) {
    return false;
  }
  for (const leaf of t.leaves) {
    if (leaf.kind === STATIC && leaf.pattern === u) {
      return true;
    }
    if (leaf.kind === HOLDER) {
      params[leaf.name!] = u;
      return true;
    }
    if (leaf.kind === MATCH_ALL) {
      params['*'] = u;
      params[`*${glob}`] = u;
      return true;
    }
  }
  return false;
}

function matchSubtree(t: Node, glob: number, segment: string, url: string, params: Record<string, string>): boolean {
  const seg = pathUnescape(segment);
  if (seg === null) {
    return false;
  }
  for (const sub of t.subtrees) {
    if (sub.kind === STATIC && sub.pattern === seg && matchNextSegment(sub, glob, url, params)) {
      return true;
    }
    if (sub.kind === HOLDER && matchNextSegment(sub, glob + 1, url, params)) {
      params[sub.name!] = seg;
      return true;
    }
    if (sub.kind === MATCH_ALL && matchNextSegment(sub, glob + 1, url, params)) {
      params[`*${glob}`] = seg;
      return true;
    }
  }
  // Only the last leaf may take the rest of the path, and only when it is `*`.
  const last = t.leaves[t.leaves.length - 1];
  const rest = pathUnescape(`${segment}/${url}`);
  if (last?.kind !== MATCH_ALL || rest === null) {
    return false;
  }
  params['*'] = rest;
  params[`*${glob}`] = rest;
  return true;
}

function matchNextSegment(t: Node, glob: number, url: string, params: Record<string, string>): boolean {
  const i = url.indexOf('/');
  return i < 0 ? matchLeaf(t, glob, url, params) : matchSubtree(t, glob, url.slice(0, i), url.slice(i + 1), params);
}

/** `web.NewTree(); t.Add(pattern, nil); t.Match(path)` for one route pattern, as pluginproxy.HandleRequest does. */
export function matchRoute(pattern: string, path: string): TreeMatch {
  const root = newNode('');
  addNextSegment(root, pattern.endsWith('/') ? pattern.slice(0, -1) : pattern);
  let url = path.startsWith('/') ? path.slice(1) : path;
  url = url.endsWith('/') ? url.slice(0, -1) : url;
  const params: Record<string, string> = {};
  return { matched: matchNextSegment(root, 0, url, params), params };
}
