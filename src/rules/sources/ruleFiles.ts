import type { LoadProblem, ReviewRule, RuleSource } from '../types';
import { readDirectives, ruleForLine } from './directives';
import { isGrafanaDocument, readGrafanaGroups } from './grafanaFile';
import { isObj, type Obj } from '../../shared/narrow';
import { readPrometheusGroups } from './prometheusFile';
import { isYamlError, parseYaml, withMerges, type YamlFile } from './yamlDoc';

/** Rules read from one file, and what could not be read (with line numbers). */
export interface ParsedRuleFile {
  rules: ReviewRule[];
  problems: LoadProblem[];
  /** The file holds no rule format at all (another YAML or JSON file): a directory walk skips it. */
  notRules?: string;
}

type DocKind = 'empty' | 'prometheus' | 'crd' | 'grafana' | 'other-kind' | 'not-rules';

function kindOf(doc: unknown): DocKind {
  if (doc === null || doc === undefined || doc === '' || (isObj(doc) && Object.keys(doc).length === 0)) {
    return 'empty';
  }
  if (!isObj(doc)) {
    return 'not-rules';
  }
  if (doc.kind === 'PrometheusRule') {
    return 'crd';
  }
  if (doc.kind !== undefined) {
    return 'other-kind'; // another Kubernetes object in a multi-document manifest
  }
  if (isGrafanaDocument(doc)) {
    return 'grafana';
  }
  return Object.prototype.hasOwnProperty.call(doc, 'groups') ? 'prometheus' : 'not-rules';
}

class FileReader {
  readonly rules: ReviewRule[] = [];
  readonly problems: LoadProblem[] = [];
  readonly kinds = new Set<DocKind>();

  constructor(
    private readonly source: RuleSource,
    private readonly yaml: YamlFile
  ) {}

  problem = (message: string, line?: number) => {
    this.problems.push({ source: this.source, message, line });
  };

  document(raw: unknown, index: number): void {
    const kind = kindOf(raw);
    this.kinds.add(kind);
    const doc = isObj(raw) ? withMerges(raw) : undefined;
    const c = { source: this.source, lineOf: this.yaml.lineOf, problem: this.problem, keyPrefix: String(index) };
    if (kind === 'prometheus' && doc) {
      this.topLevelFields(doc);
      this.rules.push(...readPrometheusGroups(doc.groups, c));
    } else if (kind === 'crd' && doc) {
      const spec = isObj(doc.spec) ? withMerges(doc.spec) : undefined;
      if (!spec || !Array.isArray(spec.groups)) {
        this.problem('PrometheusRule manifest without spec.groups', this.yaml.lineOf(raw));
        return;
      }
      this.rules.push(...readPrometheusGroups(spec.groups, c));
    } else if (kind === 'grafana' && doc) {
      this.rules.push(...readGrafanaGroups(doc.groups, c));
    }
  }

  // Prometheus decodes rule files strictly: a top-level key other than "groups" makes it refuse the file.
  private topLevelFields(doc: Obj): void {
    for (const k of Object.keys(doc).filter((k) => k !== 'groups')) {
      this.problem(
        `unknown top-level field "${k}" (a rule file has only "groups"; Prometheus refuses the file)`,
        this.yaml.lineOf(doc)
      );
    }
  }
}

/** Attaches `# sovgrid-ops` comments to the rules they sit in or above; misspelt ones are problems. */
function attachDirectives(text: string, rules: ReviewRule[], source: RuleSource, problems: LoadProblem[]): void {
  if (!text.includes('sovgrid-ops')) {
    return;
  }
  const lines = text.split(/\r?\n/);
  const ordered = rules.filter((r) => r.location).sort((a, b) => a.location!.line - b.location!.line);
  const starts = ordered.map((r) => r.location!.line);
  for (const w of readDirectives(lines)) {
    const index = ruleForLine(w.line, starts, lines);
    if (w.problem || index === undefined) {
      problems.push({ source, line: w.line, message: w.problem ?? 'this sovgrid-ops comment is not next to a rule' });
      continue;
    }
    const rule = ordered[index];
    rule.directives = [...(rule.directives ?? []), w.directive!];
  }
}

/** Where each field of each rule is written (`expr`, `annotations.summary` …), found in the rule's own lines. */
function attachFieldLines(text: string, rules: ReviewRule[]): void {
  const lines = text.split(/\r?\n/);
  const ordered = rules.filter((r) => r.location).sort((a, b) => a.location!.line - b.location!.line);
  ordered.forEach((rule, i) => {
    const from = rule.location!.line - 1;
    const to = i + 1 < ordered.length ? ordered[i + 1].location!.line - 1 : Math.min(lines.length, from + 200);
    rule.fieldLines = fieldLines(lines, from, to);
  });
}

const KEY = /^(\s*)(?:-\s+)?(?:"([^"]+)"|'([^']+)'|([^\s#'"{[][^:#]*?))\s*:(?:\s|$)/;

// A key needs a colon: most lines of long expressions and descriptions are passed over without the regex.
const keyOf = (line: string | undefined) => (line?.includes(':') ? KEY.exec(line) : null);

function fieldLines(lines: string[], from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {};
  let block: { name: string; indent: number } | undefined;
  for (let i = from; i < to; i++) {
    const m = keyOf(lines[i]);
    if (!m) {
      continue;
    }
    const indent = m[1].length + (lines[i].trimStart().startsWith('-') ? 2 : 0);
    const key = m[2] ?? m[3] ?? m[4];
    if (block && indent > block.indent) {
      out[`${block.name}.${key}`] ??= i + 1;
      continue;
    }
    block = key === 'labels' || key === 'annotations' ? { name: key, indent } : undefined;
    out[key] ??= i + 1;
  }
  return out;
}

/**
 * Reads a rule file: Prometheus rule files (`groups:`), PrometheusRule manifests (`spec.groups`, among other
 * Kubernetes objects), and Grafana's provisioning/export format, YAML or JSON, several documents allowed. Every
 * rule that can be read is kept; each problem names its line. An empty file is zero rules.
 */
export function parseRuleFile(text: string, path: string): ParsedRuleFile {
  const source: RuleSource = { id: path, label: path, kind: 'file' };
  const yaml = parseYaml(text, path);
  if (isYamlError(yaml)) {
    return { rules: [], problems: [{ source, message: `not valid YAML: ${yaml.message}`, line: yaml.line }] };
  }
  const reader = new FileReader(source, yaml);
  yaml.docs.forEach((doc, i) => reader.document(doc, i));
  const readable = ['prometheus', 'crd', 'grafana'].some((k) => reader.kinds.has(k as DocKind));
  if (!readable && reader.kinds.has('not-rules')) {
    return {
      rules: [],
      problems: [],
      notRules: 'not a rule file: no "groups" (Prometheus), no PrometheusRule, no Grafana provisioning "apiVersion"',
    };
  }
  attachFieldLines(text, reader.rules);
  attachDirectives(text, reader.rules, source, reader.problems);
  return { rules: reader.rules, problems: reader.problems };
}
