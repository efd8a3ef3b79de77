/**
 * Runs the stages of a `loki.process` block of the dev stack's config.alloy on sample entries, so the pipeline's
 * logic is tested without the Alloy binary (none installable here). Each stage follows Alloy's source,
 * internal/component/loki/process/stages/:
 * - regex.go regexStage.Process: FindStringSubmatch on the line (or `source`); every named group is written to
 *   the extracted map, "" for a group that did not take part; no match changes nothing.
 * - template.go templateStage.Process: data = extracted values + Value (the source's value, only when present)
 *   + Entry; an execution error leaves everything unchanged; an empty result deletes the source key.
 * - labels.go addLabelFromExtractedMap: label <- extracted[source or label name] when present.
 * - match.go matchLogQL: label matchers on the entry's labels (missing label = ""; regex matchers anchored, as
 *   Prometheus' labels.Matcher) then the line filter; action "drop" drops a match, "keep" runs nested stages.
 * - drop.go shouldDrop: all configured conditions must hold (longer_than, source, expression / value).
 * - replace.go Process: every capture group of every match is replaced by the `replace` template run with
 *   Value = the captured text.
 * Regular expressions are RE2; they are converted to JavaScript and anything RE2 lacks (lookaround,
 * backreferences) is refused, so a config that Alloy would reject cannot pass here.
 */
import type { AlloyBlock } from './alloySyntax';
import { executeGoTemplate } from './goTemplate';

export interface Entry {
  line: string;
  labels: Record<string, string>;
  extracted: Record<string, string>;
}

export interface Outcome {
  entry?: Entry;
  /** The stage (and its drop_counter_reason) that dropped the entry. */
  droppedBy?: string;
}

/** An RE2 expression as a JavaScript RegExp (leading (?flags) become flags; (?P<n>…) becomes (?<n>…)). */
export function re2(expr: string, extraFlags = ''): RegExp {
  if (/\(\?<?[=!]|\\[1-9]/.test(expr)) {
    throw new Error(`not RE2: lookaround or backreference in ${expr}`);
  }
  const m = /^\(\?([imsU]+)\)/.exec(expr);
  const flags = m ? m[1] : '';
  if (flags.includes('U')) {
    throw new Error('ungreedy flag not supported by this stand-in');
  }
  const body = (m ? expr.slice(m[0].length) : expr).replace(/\(\?P</g, '(?<');
  return new RegExp(body, [...new Set(flags + extraFlags)].join(''));
}

const attr = (b: AlloyBlock, name: string) => b.attributes.find((a) => a.name === name);
const str = (b: AlloyBlock, name: string) => attr(b, name)?.string;

function regexStage(b: AlloyBlock, e: Entry) {
  const source = str(b, 'source');
  const input = source === undefined ? e.line : e.extracted[source];
  if (input === undefined) {
    return;
  }
  const m = re2(str(b, 'expression')!).exec(input);
  if (!m) {
    return;
  }
  for (const [name, value] of Object.entries(m.groups ?? {})) {
    e.extracted[name] = value ?? '';
  }
}

function templateStage(b: AlloyBlock, e: Entry) {
  const source = str(b, 'source')!;
  const data: Record<string, unknown> = { ...e.extracted, Entry: e.line };
  if (source in e.extracted) {
    data.Value = e.extracted[source];
  }
  let out: string;
  try {
    out = executeGoTemplate(str(b, 'template')!, data);
  } catch {
    return;
  }
  if (out === '') {
    delete e.extracted[source];
  } else {
    e.extracted[source] = out;
  }
}

/** `{a = "", b = "src"}` as written in the config. */
function mapAttr(raw: string): Array<[string, string]> {
  return [...raw.matchAll(/(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]);
}

function labelsStage(b: AlloyBlock, e: Entry) {
  for (const [label, src] of mapAttr(attr(b, 'values')!.raw)) {
    const v = e.extracted[src || label];
    if (v !== undefined) {
      e.labels[label] = v;
    }
  }
}

type Matcher = (e: Entry) => boolean;

/** A LogQL stream selector with optional line filters, as match.go evaluates it. */
export function selector(src: string): Matcher {
  const m = /^\{([^}]*)\}\s*(.*)$/.exec(src.trim());
  if (!m) {
    throw new Error(`not a selector: ${src}`);
  }
  const labelMatchers: Matcher[] = [...m[1].matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, name, op, raw]) => {
    const value = JSON.parse(`"${raw}"`) as string;
    const anchored = new RegExp(`^(?:${value})$`);
    const test = (v: string) => ({ '=': v === value, '!=': v !== value, '=~': anchored.test(v), '!~': !anchored.test(v) })[op]!;
    return (e: Entry) => test(e.labels[name] ?? '');
  });
  const lineFilters: Matcher[] = [...m[2].matchAll(/(\|=|!=|\|~|!~)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, op, raw]) => {
    const value = JSON.parse(`"${raw}"`) as string;
    const r = op.endsWith('~') ? re2(value) : undefined;
    return (e: Entry) => ({ '|=': e.line.includes(value), '!=': !e.line.includes(value), '|~': r?.test(e.line), '!~': !r?.test(e.line) })[op]!;
  });
  return (e) => [...labelMatchers, ...lineFilters].every((f) => f(e));
}

function dropStage(b: AlloyBlock, e: Entry): boolean {
  const longer = str(b, 'longer_than');
  if (longer !== undefined && Buffer.byteLength(e.line) <= parseSize(longer)) {
    return false;
  }
  const source = str(b, 'source');
  const expression = str(b, 'expression');
  const value = str(b, 'value');
  const re = expression !== undefined ? re2(expression) : value !== undefined ? new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : undefined;
  if (source === undefined) {
    return re ? re.test(e.line) : longer !== undefined;
  }
  const parts = source.split(',').map((s) => e.extracted[s]);
  if (parts.some((p) => p === undefined)) {
    return false;
  }
  return re ? re.test(parts.join(str(b, 'separator') ?? ';')) : true;
}

function parseSize(s: string): number {
  const m = /^(\d+)\s*(B|KB|KiB|MB|MiB)?$/.exec(s);
  if (!m) {
    throw new Error(`size not understood by this stand-in: ${s}`);
  }
  const unit = { B: 1, KB: 1024, KiB: 1024, MB: 1024 ** 2, MiB: 1024 ** 2 }[m[2] ?? 'B']!;
  return Number(m[1]) * unit;
}

function replaceStage(b: AlloyBlock, e: Entry) {
  const source = str(b, 'source');
  const input = source === undefined ? e.line : e.extracted[source];
  if (input === undefined) {
    return;
  }
  const r = re2(str(b, 'expression')!, 'gd');
  const template = str(b, 'replace') ?? '';
  let out = '';
  let last = 0;
  for (const m of input.matchAll(r)) {
    for (let g = 1; g < m.length; g++) {
      const span = m.indices?.[g];
      if (!span || span[0] < last) {
        continue;
      }
      out += input.slice(last, span[0]) + executeGoTemplate(template, { ...e.extracted, Value: m[g] });
      last = span[1];
    }
  }
  const result = out + input.slice(last);
  if (source === undefined) {
    e.line = result;
  } else {
    e.extracted[source] = result;
  }
}

function matchStage(b: AlloyBlock, e: Entry): boolean {
  if (!selector(str(b, 'selector')!)(e)) {
    return false;
  }
  if (str(b, 'action') === 'drop') {
    return true;
  }
  return !runStages(b.blocks.filter((s) => s.name.startsWith('stage.')), e).entry;
}

/** Each stage mutates the entry; `true` means the entry was dropped. */
const STAGES: Record<string, (b: AlloyBlock, e: Entry) => boolean | void> = {
  'stage.regex': regexStage,
  'stage.template': templateStage,
  'stage.labels': labelsStage,
  'stage.replace': replaceStage,
  'stage.drop': dropStage,
  'stage.match': matchStage,
};

function runStages(stages: AlloyBlock[], e: Entry): Outcome {
  for (const b of stages) {
    const stage = STAGES[b.name];
    if (!stage) {
      throw new Error(`stage ${b.name} is not simulated; add it to tests/provisioning/alloyPipeline.ts`);
    }
    if (stage(b, e) === true) {
      const reason = str(b, 'drop_counter_reason');
      return { droppedBy: reason ? `${b.name} (${reason})` : b.name };
    }
  }
  return { entry: e };
}

/** Runs every stage of a loki.process block on one line with the given labels. */
export function runProcess(block: AlloyBlock, line: string, labels: Record<string, string> = {}): Outcome {
  const stages = block.blocks.filter((b) => b.name.startsWith('stage.'));
  return runStages(stages, { line, labels: { ...labels }, extracted: {} });
}
