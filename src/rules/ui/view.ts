import type { NoiseEstimate } from '../noise/types';
import { CHECK_IDS, severityRank, worstOf, type CheckId, type Finding, type RuleReview, type Severity } from '../types';
import type { ReviewFilters } from '../filters';

/** A rule as the page shows it: only the findings the filters ask for, worst first. */
export interface ShownRule {
  review: RuleReview;
  findings: Finding[];
  worst?: Severity;
  /** Firing episodes in the last 7 days, when the data source answered. */
  episodes?: number;
}

export type SortKey = 'worst' | 'name' | 'findings' | 'episodes' | 'location';
export const SORT_KEYS: readonly SortKey[] = ['worst', 'name', 'findings', 'episodes', 'location'];

export function isSortKey(s: unknown): s is SortKey {
  return typeof s === 'string' && (SORT_KEYS as readonly string[]).includes(s);
}

interface SearchTerm {
  label?: string;
  text: string;
}

/** `name words` match the rule name or any label value; `key=value` (or `key:value`) a label's value. */
export function parseSearch(q: string): SearchTerm[] {
  return q
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => {
      const m = /^([a-z_][a-z0-9_]*)[=:](.*)$/.exec(t);
      return m ? { label: m[1], text: m[2] } : { text: t };
    });
}

function termMatches(review: RuleReview, t: SearchTerm): boolean {
  const { rule } = review;
  if (t.label !== undefined) {
    const v = rule.labels[t.label] ?? Object.entries(rule.labels).find(([k]) => k.toLowerCase() === t.label)?.[1];
    return v !== undefined && v.toLowerCase().includes(t.text);
  }
  return rule.name.toLowerCase().includes(t.text) || Object.values(rule.labels).some((v) => v.toLowerCase().includes(t.text));
}

const bySeverityDesc = (a: Finding, b: Finding) => severityRank(b.severity) - severityRank(a.severity);

function visibleFindings(review: RuleReview, f: ReviewFilters): Finding[] {
  return review.findings
    .filter((x) => (f.check === undefined || x.check === f.check) && (f.severity === undefined || x.severity === f.severity))
    .sort(bySeverityDesc);
}

/**
 * The rules the filters and the search let through. With a check or severity filter, a rule shows only the
 * findings that match, and its worst severity is the worst of those (not of findings the filter hides).
 */
export function applyView(
  reviews: RuleReview[],
  filters: ReviewFilters,
  search: string,
  noise?: Map<string, NoiseEstimate>
): ShownRule[] {
  const terms = parseSearch(search);
  const narrowing = filters.check !== undefined || filters.severity !== undefined;
  const out: ShownRule[] = [];
  for (const review of reviews) {
    if (!inScope(review, filters, terms)) {
      continue;
    }
    const findings = visibleFindings(review, filters);
    if (narrowing && findings.length === 0) {
      continue;
    }
    const est = noise?.get(review.rule.key);
    out.push({ review, findings, worst: worstOf(findings.map((x) => x.severity)), episodes: est && !est.error ? est.episodes : undefined });
  }
  return out;
}

/** Source, folder and search: what selects rules regardless of their findings. */
function inScope(review: RuleReview, filters: ReviewFilters, terms: SearchTerm[]): boolean {
  const { rule } = review;
  if (filters.source !== undefined && rule.source.id !== filters.source) {
    return false;
  }
  if (filters.folder !== undefined && rule.folder !== filters.folder) {
    return false;
  }
  return terms.every((t) => termMatches(review, t));
}

/** Worst severity among what is shown. */
export function worstShown(shown: ShownRule[]): Severity | undefined {
  return worstOf(shown.flatMap((s) => (s.worst ? [s.worst] : [])));
}

/** Counts of shown rules by their worst severity (rules without findings under `ok`). */
export function countByWorst(shown: ShownRule[]): Partial<Record<Severity | 'ok', number>> {
  const out: Partial<Record<Severity | 'ok', number>> = {};
  for (const s of shown) {
    const k = s.worst ?? 'ok';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Where the rule lives, short enough for a column, with the full text for a tooltip. */
export function ruleLocation(review: RuleReview): { short: string; full: string } {
  const { rule } = review;
  const file = rule.location ? rule.location.file : rule.folder;
  const parts = file.split('/').filter(Boolean);
  const tail = parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : file;
  const line = rule.location ? `:${rule.location.line}` : '';
  return { short: `${tail}${line}`, full: `${rule.source.label} › ${file}${line} › ${rule.group}` };
}

const rankOf = (s: ShownRule) => (s.worst ? severityRank(s.worst) + 1 : 0);
const COMPARE: Record<SortKey, (a: ShownRule, b: ShownRule) => number> = {
  worst: (a, b) => rankOf(a) - rankOf(b) || a.findings.length - b.findings.length,
  name: (a, b) => b.review.rule.name.localeCompare(a.review.rule.name),
  findings: (a, b) => a.findings.length - b.findings.length || rankOf(a) - rankOf(b),
  episodes: (a, b) => (a.episodes ?? -1) - (b.episodes ?? -1),
  location: (a, b) => ruleLocation(b.review).full.localeCompare(ruleLocation(a.review).full),
};

/** Sorted copy; `desc` puts the largest (worst, most, A for names) first. Ties keep the incoming order. */
export function sortShown(shown: ShownRule[], key: SortKey, desc: boolean): ShownRule[] {
  const cmp = COMPARE[key];
  return [...shown].sort((a, b) => (desc ? cmp(b, a) : cmp(a, b)));
}

/** A node of the source › folder › group tree with what its rules add up to. */
export interface GroupNode {
  id: string;
  label: string;
  /** Full name when `label` is shortened. */
  title: string;
  rules: number;
  worst?: Severity;
  counts: Partial<Record<Severity | 'ok', number>>;
  children: GroupNode[];
  /** Only on group nodes (the leaves). */
  shown: ShownRule[];
}

function shortFolder(folder: string): string {
  const parts = folder.split('/').filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : folder || '(no folder)';
}

function node(id: string, label: string, title: string): GroupNode {
  return { id, label, title, rules: 0, counts: {}, children: [], shown: [] };
}

function child(parent: GroupNode, id: string, label: string, title: string): GroupNode {
  let c = parent.children.find((x) => x.id === id);
  if (!c) {
    c = node(id, label, title);
    parent.children.push(c);
  }
  return c;
}

function add(n: GroupNode, s: ShownRule) {
  n.rules++;
  const k = s.worst ?? 'ok';
  n.counts[k] = (n.counts[k] ?? 0) + 1;
  if (s.worst && (!n.worst || severityRank(s.worst) > severityRank(n.worst))) {
    n.worst = s.worst;
  }
}

const nodeRank = (n: GroupNode) => (n.worst ? severityRank(n.worst) + 1 : 0);
function sortTree(nodes: GroupNode[]) {
  // Worst first, then the node with more rules at that severity, then by name: the work is at the top.
  nodes.sort(
    (a, b) =>
      nodeRank(b) - nodeRank(a) ||
      (b.worst ? b.counts[b.worst] ?? 0 : 0) - (a.worst ? a.counts[a.worst] ?? 0 : 0) ||
      a.label.localeCompare(b.label)
  );
  nodes.forEach((n) => sortTree(n.children));
}

/** Grafana's rule-list grouping: data source › folder (or file) › group, each with counts and worst severity. */
export function groupRules(shown: ShownRule[]): GroupNode[] {
  const root = node('', '', '');
  for (const s of shown) {
    const { rule } = s.review;
    const src = child(root, rule.source.id, rule.source.label, rule.source.label);
    const folder = child(src, `${rule.source.id}\u0000${rule.folder}`, shortFolder(rule.folder), rule.folder || '(no folder)');
    const group = child(folder, `${folder.id}\u0000${rule.group}`, rule.group || '(no group)', rule.group);
    group.shown.push(s);
    [src, folder, group].forEach((n) => add(n, s));
  }
  sortTree(root.children);
  return root.children;
}

/** One line of "what to fix first": a check, how many rules it hits, and its worst severity. */
export interface WorkItem {
  check: CheckId;
  severity: Severity;
  rules: number;
}

/** Checks ranked by their worst severity, then by how many rules they hit: the top of the list is the work. */
export function rankWork(reviews: RuleReview[]): WorkItem[] {
  const items = new Map<CheckId, WorkItem>();
  for (const r of reviews) {
    for (const f of r.findings) {
      const it = items.get(f.check) ?? { check: f.check, severity: f.severity, rules: 0 };
      it.rules++;
      if (severityRank(f.severity) > severityRank(it.severity)) {
        it.severity = f.severity;
      }
      items.set(f.check, it);
    }
  }
  return [...items.values()].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || b.rules - a.rules || CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check)
  );
}

/** Findings per check and severity, for the bar chart (check order as the engine lists them). */
export function findingsByCheck(shown: ShownRule[]): Array<{ check: CheckId; bySeverity: Partial<Record<Severity, number>>; total: number }> {
  const m = new Map<CheckId, Partial<Record<Severity, number>>>();
  for (const s of shown) {
    for (const f of s.findings) {
      const c = m.get(f.check) ?? {};
      c[f.severity] = (c[f.severity] ?? 0) + 1;
      m.set(f.check, c);
    }
  }
  return [...m.entries()]
    .map(([check, bySeverity]) => ({ check, bySeverity, total: Object.values(bySeverity).reduce((a, b) => a + (b ?? 0), 0) }))
    .sort((a, b) => b.total - a.total || CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check));
}

/** The rules that fired most in the window among those routed to the phone (or all, when none is). */
export function loudestRules(shown: ShownRule[], isPhone: (r: RuleReview) => boolean, n = 3): ShownRule[] {
  const firing = shown.filter((s) => (s.episodes ?? 0) > 0 && s.review.rule.kind === 'alerting');
  const phone = firing.filter((s) => isPhone(s.review));
  return sortShown(phone.length ? phone : firing, 'episodes', true).slice(0, n);
}

/** Episodes per day over the estimate's window (oldest first), for a sparkline. */
export function episodesPerDay(est: NoiseEstimate, days = 7): number[] {
  const out = new Array<number>(days).fill(0);
  const span = (est.windowEnd - est.windowStart) / days;
  if (span <= 0) {
    return out;
  }
  for (const t of est.fireTimes) {
    const i = Math.min(days - 1, Math.max(0, Math.floor((t - est.windowStart) / span)));
    out[i]++;
  }
  return out;
}
