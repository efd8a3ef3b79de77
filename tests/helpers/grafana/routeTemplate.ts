// Stand-in for how Grafana renders a plugin route's `url` and header `content` (docs/grafana-contract.md, row
// "Route URL and header templates"): grafana/grafana pkg/api/pluginproxy/utils.go interpolateString — Go
// text/template with default options over templateData{URL, JsonData map[string]any, SecureJsonData
// map[string]string} — evaluated as Go's text/template exec.go evalField/indirect/printableValue do. Only field
// chains (`{{ .JsonData.a.b }}`) are modelled; pipelines, functions and `if` are refused rather than guessed.

/** Go's result for a missing map key under the default `missingkey=invalid`: printed as "<no value>". */
const INVALID = Symbol('invalid reflect.Value');
type GoValue = unknown;

export interface TemplateData {
  /** JSON-decoded jsonData; `null` stands for a nil map (a settings row without jsonData). */
  JsonData: Record<string, unknown> | null;
  SecureJsonData: Record<string, string>;
}

export class TemplateError extends Error {}

function field(receiver: GoValue, name: string): GoValue {
  if (receiver === INVALID) {
    return INVALID; // evalField on an invalid receiver yields the zero value without error.
  }
  if (receiver === null) {
    throw new TemplateError(`nil pointer evaluating interface {}.${name}`);
  }
  if (typeof receiver !== 'object' || Array.isArray(receiver)) {
    throw new TemplateError(`can't evaluate field ${name} in type interface {}`);
  }
  const map = receiver as Record<string, unknown>;
  return Object.prototype.hasOwnProperty.call(map, name) ? map[name] : INVALID;
}

function print(v: GoValue, action: string): string {
  if (v === INVALID || v === null || v === undefined) {
    return '<no value>';
  }
  if (typeof v === 'string') {
    return v;
  }
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e21)) {
    return String(v);
  }
  throw new Error(`${action}: printing ${typeof v} values is not modelled`);
}

function evalAction(action: string, data: TemplateData): string {
  const chain = /^\s*((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*$/.exec(action);
  if (!chain) {
    throw new Error(`template action {{${action}}} is not modelled (only field chains are)`);
  }
  const [first, ...rest] = chain[1].slice(1).split('.');
  if (first !== 'JsonData' && first !== 'SecureJsonData' && first !== 'URL') {
    throw new TemplateError(`can't evaluate field ${first} in type pluginproxy.templateData`);
  }
  // A nil JsonData map behaves as an empty one: every key is missing.
  let v: GoValue = first === 'URL' ? '' : first === 'JsonData' ? (data.JsonData ?? {}) : data.SecureJsonData;
  for (const name of rest) {
    v = field(v, name);
  }
  return print(v, action);
}

/** interpolateString: the rendered text, or a TemplateError for a parse or execution error (Grafana then answers 500). */
export function interpolateString(text: string, data: TemplateData): string {
  let out = '';
  let rest = text;
  for (let start = rest.indexOf('{{'); start >= 0; start = rest.indexOf('{{')) {
    const end = rest.indexOf('}}', start);
    if (end < 0) {
      throw new TemplateError(`could not parse template ${text}`);
    }
    out += rest.slice(0, start) + evalAction(rest.slice(start + 2, end), data);
    rest = rest.slice(end + 2);
  }
  return out + rest;
}
