import type { ReviewOutcome } from './engine';
import { summarize, type ReviewSummary } from './summary';
import {
  CHECK_IDS,
  SEVERITIES,
  severityRank,
  type Finding,
  type LoadProblem,
  type RuleReview,
  type Severity,
} from './types';

/** One finding in the JSON report. */
interface JsonFinding {
  check: string;
  severity: string;
  summary: string;
  evidence: string[];
  fix: string;
}

/** The command line's JSON report. */
export interface JsonReport {
  rules: Array<{
    name: string;
    kind: string;
    group: string;
    source: string;
    line?: number;
    findings: JsonFinding[];
  }>;
  /** Findings about the rule set as a whole. */
  general: JsonFinding[];
  /** Findings silenced by `# sovgrid-ops` comments, with the comment's line. */
  silenced: Array<{ rule: string; source: string; check: string; kind: string; until?: string; line: number }>;
  problems: Array<{ source: string; line?: number; message: string }>;
  summary: Pick<ReviewSummary, 'rules' | 'alerting' | 'withFindings' | 'bySeverity' | 'byCheck' | 'silenced'>;
}

function jsonFinding(f: Finding): JsonFinding {
  return { check: f.check, severity: f.severity, summary: f.summary, evidence: f.evidence, fix: f.fix };
}

/** A review as the JSON report. */
export function toJsonReport(outcome: ReviewOutcome, problems: LoadProblem[] = []): JsonReport {
  const s = summarize(outcome.reviews, outcome.general, outcome.silenced);
  return {
    rules: outcome.reviews.map((r) => ({
      name: r.rule.name,
      kind: r.rule.kind,
      group: r.rule.group,
      source: r.rule.source.label,
      line: r.rule.location?.line,
      findings: r.findings.map(jsonFinding),
    })),
    general: outcome.general.map(jsonFinding),
    silenced: outcome.silenced.map((x) => ({
      rule: x.rule.name,
      source: x.rule.source.label,
      check: x.finding.check,
      kind: x.directive.kind,
      until: x.directive.until,
      line: x.directive.line,
    })),
    problems: problems.map((p) => ({ source: p.source.label, line: p.line, message: p.message })),
    summary: {
      rules: s.rules,
      alerting: s.alerting,
      withFindings: s.withFindings,
      bySeverity: s.bySeverity,
      byCheck: s.byCheck,
      silenced: s.silenced,
    },
  };
}

const lacksAction = (r: RuleReview) => (r.findings.some((f) => f.check.startsWith('action/')) ? 1 : 0);

/** Worst first; among equals, rules lacking an action first (the creed's first point), then by name. */
export function byWorst(reviews: RuleReview[]): RuleReview[] {
  return [...reviews].sort(
    (a, b) =>
      (b.worst ? severityRank(b.worst) : -1) - (a.worst ? severityRank(a.worst) : -1) ||
      lacksAction(b) - lacksAction(a) ||
      b.findings.length - a.findings.length ||
      a.rule.name.localeCompare(b.rule.name)
  );
}

// Markdown table cells: pipes and line breaks would break the table; backslashes and HTML are neutralised too.
function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ');
}

function where(r: RuleReview): string {
  const loc = r.rule.location ? `:${r.rule.location.line}` : '';
  return `${r.rule.source.label}${loc} › ${r.rule.group}`;
}

/** Findings as Markdown for the periodic review: a summary line, then a table with one row per finding. */
export function toMarkdown(reviews: RuleReview[], title: string, summaryLine: string, general: Finding[] = []): string {
  const lines = [`# ${mdCell(title)}`, '', mdCell(summaryLine), ''];
  for (const f of general) {
    lines.push(`- **${f.severity}** ${mdCell(f.check)}: ${mdCell(f.summary)} ${mdCell(f.fix)}`);
  }
  if (general.length) {
    lines.push('');
  }
  const withFindings = byWorst(reviews).filter((r) => r.findings.length);
  if (withFindings.length === 0) {
    lines.push('No findings.');
    return lines.join('\n') + '\n';
  }
  lines.push('| Rule | Where | Severity | Check | Finding | Evidence | Fix |', '|---|---|---|---|---|---|---|');
  for (const r of withFindings) {
    for (const f of r.findings) {
      lines.push(
        `| ${[r.rule.name, where(r), f.severity, f.check, f.summary, f.evidence.join('; '), f.fix].map(mdCell).join(' | ')} |`
      );
    }
  }
  return lines.join('\n') + '\n';
}

// CSV per RFC 4180; cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas.
function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Findings as CSV, one row per finding (rules without findings get one row with empty finding columns). */
export function toCsv(reviews: RuleReview[]): string {
  const header = ['rule', 'group', 'folder', 'source', 'location', 'severity', 'check', 'summary', 'evidence', 'fix'];
  const rows = [header];
  for (const r of byWorst(reviews)) {
    const base = [
      r.rule.name,
      r.rule.group,
      r.rule.folder,
      r.rule.source.label,
      r.rule.location ? `${r.rule.location.file}:${r.rule.location.line}` : '',
    ];
    if (r.findings.length === 0) {
      rows.push([...base, '', '', '', '', '']);
    }
    for (const f of r.findings) {
      rows.push([...base, f.severity, f.check, f.summary, f.evidence.join('\n'), f.fix]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function counts(bySeverity: Partial<Record<Severity, number>>): string {
  const parts = [...SEVERITIES].reverse().flatMap((s) => (bySeverity[s] ? [`${bySeverity[s]} ${s}`] : []));
  return parts.length ? parts.join(', ') : 'none';
}

/** Per check: how many findings of each severity. */
function checkLines(outcome: ReviewOutcome): string[] {
  const per = new Map<string, Partial<Record<Severity, number>>>();
  const add = (f: Finding) => {
    const c = per.get(f.check) ?? {};
    c[f.severity] = (c[f.severity] ?? 0) + 1;
    per.set(f.check, c);
  };
  outcome.reviews.forEach((r) => r.findings.forEach(add));
  outcome.general.forEach(add);
  const ids = CHECK_IDS.filter((id) => per.has(id));
  // One column for the counts, however long the longest check id shown.
  const width = Math.max(22, ...ids.map((id) => id.length));
  return ids.map((id) => `  ${id.padEnd(width)} ${counts(per.get(id)!)}`);
}

interface FileGroup {
  file: string;
  reviews: RuleReview[];
  worst: number;
  findings: number;
}

function byFile(reviews: RuleReview[]): FileGroup[] {
  const files = new Map<string, RuleReview[]>();
  for (const r of reviews) {
    const key = r.rule.location?.file ?? r.rule.source.label;
    files.set(key, [...(files.get(key) ?? []), r]);
  }
  return [...files].map(([file, list]) => ({
    file,
    reviews: list.sort((a, b) => (a.rule.location?.line ?? 0) - (b.rule.location?.line ?? 0)),
    worst: Math.max(-1, ...list.map((r) => (r.worst ? severityRank(r.worst) : -1))),
    findings: list.reduce((n, r) => n + r.findings.length, 0),
  }));
}

function worstFiles(groups: FileGroup[]): string[] {
  const ranked = groups
    .filter((g) => g.findings > 0)
    .sort((a, b) => b.worst - a.worst || b.findings - a.findings || a.file.localeCompare(b.file))
    .slice(0, 5);
  return ranked.map(
    (g) => `  ${g.file}: ${g.findings} finding${g.findings === 1 ? '' : 's'}, worst ${SEVERITIES[g.worst]}`
  );
}

/** A finding's lines; the fix is left out when `fixShown` already holds it (the same check earlier in the file). */
function findingLines(f: Finding, fixShown?: Set<string>): string[] {
  const fix = fixShown?.has(f.fix) ? [] : [`          fix: ${f.fix}`];
  fixShown?.add(f.fix);
  return [
    `  ${f.severity.toUpperCase().padEnd(7)} ${f.check}: ${f.summary}`,
    ...f.evidence.map((e) => `          ${e}`),
    ...fix,
  ];
}

/** The text report's opening: counts per severity and check, silenced findings, worst files, whole-set findings. */
function textSummary(outcome: ReviewOutcome, groups: FileGroup[], sentence: string): string[] {
  const s = summarize(outcome.reviews, outcome.general, outcome.silenced);
  const silenced = s.silenced.disabled + s.silenced.snoozed;
  const out = [
    `Alert rule review: ${s.rules} rules (${s.alerting} alerting) in ${groups.length} file${groups.length === 1 ? '' : 's'}. ${sentence}`,
    `Findings: ${counts(s.bySeverity)}${silenced ? `; silenced by comments: ${s.silenced.disabled} disabled, ${s.silenced.snoozed} snoozed` : ''}`,
    ...checkLines(outcome),
  ];
  const worst = worstFiles(groups);
  if (worst.length) {
    out.push('Worst files:', ...worst);
  }
  for (const f of outcome.general) {
    out.push('', ...findingLines(f));
  }
  return out;
}

/** Plain text for a terminal: a summary first, then the findings grouped by file, rules in file order. */
export function toText(outcome: ReviewOutcome, sentence: string): string {
  const groups = byFile(outcome.reviews);
  const out = textSummary(outcome, groups, sentence);
  for (const g of groups.filter((x) => x.findings > 0).sort((a, b) => a.file.localeCompare(b.file))) {
    out.push('', `== ${g.file} (${g.reviews.length} rules, ${g.findings} findings)`);
    // A fix repeated for every rule of a file is noise: each distinct fix is printed once per file.
    const fixShown = new Set<string>();
    for (const r of g.reviews.filter((x) => x.findings.length)) {
      const line = r.rule.location ? `line ${r.rule.location.line}, ` : '';
      out.push(
        `${r.rule.name}  (${line}group ${r.rule.group})`,
        ...r.findings.flatMap((f) => findingLines(f, fixShown))
      );
    }
  }
  return out.join('\n') + '\n';
}

const GITHUB_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  fatal: 'error',
  bug: 'error',
  warning: 'warning',
  info: 'notice',
};

// GitHub workflow commands: data escapes % CR LF; property values also escape : and , (actions/toolkit command.ts).
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function ghLine(f: Finding, file?: string, line?: number, rule?: string): string {
  const props = [
    file ? `file=${ghProperty(file)}` : '',
    file && line ? `line=${line}` : '',
    `title=${ghProperty(rule ? `${f.check} ${rule}` : f.check)}`,
  ].filter(Boolean);
  const body = [f.summary, ...f.evidence, `Fix: ${f.fix}`].join('\n');
  return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${ghData(body)}`;
}

/** GitHub Actions annotations (`::error file=…,line=…::…`), one per finding, so findings show on the pull request. */
export function toGithub(outcome: ReviewOutcome, sentence: string): string {
  const out: string[] = [];
  for (const r of outcome.reviews) {
    for (const f of r.findings) {
      out.push(ghLine(f, r.rule.location?.file, f.line ?? r.rule.location?.line, r.rule.name));
    }
  }
  out.push(...outcome.general.map((f) => ghLine(f)));
  out.push(sentence);
  return out.join('\n') + '\n';
}
