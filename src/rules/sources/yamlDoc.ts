import { FAILSAFE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import { isObj, type Obj } from '../../shared/narrow';
import type { RuleSource } from '../types';

// Rule files as Prometheus' YAML decoder (gopkg.in/yaml.v3) reads them: anchors, aliases, merge keys (`<<: *x`),
// several documents, CRLF line ends, a byte-order mark. Every scalar stays the text it was written as (the failsafe
// schema), as Prometheus decodes rule fields into strings: `1.0` stays "1.0", `yes` stays "yes".

/** A parsed file: its documents, and the line (1-based) where each map or list of it starts. */
export interface YamlFile {
  docs: unknown[];
  lineOf(node: unknown): number | undefined;
}

/** Why a text is not YAML, with the line. */
export interface YamlError {
  message: string;
  line?: number;
}

interface ListenerState {
  line: number;
  result: unknown;
}

/** Parses every document of the text; an error names its line. */
export function parseYaml(text: string, filename: string): YamlFile | YamlError {
  const lines = new WeakMap<object, number>();
  const open: number[] = [];
  // js-yaml reports each node when it opens and closes; a map or list is known by its object once closed.
  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') {
      open.push(state.line);
      return;
    }
    const line = open.pop();
    if (line !== undefined && typeof state.result === 'object' && state.result !== null && !lines.has(state.result)) {
      lines.set(state.result, line + 1);
    }
  };
  try {
    const docs = loadAll(text.replace(/^\uFEFF/, ''), undefined, { schema: FAILSAFE_SCHEMA, filename, listener });
    return { docs, lineOf: (node) => (typeof node === 'object' && node !== null ? lines.get(node) : undefined) };
  } catch (e) {
    if (e instanceof YAMLException) {
      return { message: e.reason || e.message.split('\n')[0], line: e.mark ? e.mark.line + 1 : undefined };
    }
    throw e;
  }
}

/** True for the result of `parseYaml` that is an error. */
export function isYamlError(r: YamlFile | YamlError): r is YamlError {
  return 'message' in r;
}

/**
 * A map with its merge keys (`<<: *defaults`, `<<: [*a, *b]`) applied as YAML's merge type defines them: keys
 * written in the map win over merged ones, and an earlier map in a merge list wins over a later one.
 */
export function withMerges(map: Obj): Obj {
  if (!Object.prototype.hasOwnProperty.call(map, '<<')) {
    return map;
  }
  const sources = Array.isArray(map['<<']) ? map['<<'] : [map['<<']];
  const out: Obj = {};
  for (const s of [...sources].reverse()) {
    if (isObj(s)) {
      Object.assign(out, withMerges(s));
    }
  }
  for (const [k, v] of Object.entries(map)) {
    if (k !== '<<') {
      out[k] = v;
    }
  }
  return out;
}

/** What readers of a rule file's groups need: its source, lines of nodes, problems reported with them, key prefix. */
export interface GroupContext {
  source: RuleSource;
  lineOf(node: unknown): number | undefined;
  problem(message: string, line?: number): void;
  /** Key prefix for rules (document index), unique within the file. */
  keyPrefix: string;
}

/** A file's `groups` as a list: absent is none; anything but a list is a problem at its line, and none. */
export function groupList(groups: unknown, c: GroupContext): unknown[] {
  if (groups === undefined || groups === null) {
    return [];
  }
  if (!Array.isArray(groups)) {
    c.problem('"groups" must be a list', c.lineOf(groups));
    return [];
  }
  return groups;
}
