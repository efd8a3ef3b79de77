import React from 'react';
import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  sceneGraph,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { VLLM_PROXY_BASE } from '../constants';
import { grafanaHttp } from '../grafana/http';
import type { AppSettings } from '../settings';
import { textTransport } from '../shared/http';
import type { FactsOptions } from './facts';
import { parseJournalExportInSlices, type ReadProgress } from './journal';
import { parseTriageParams } from './linkParams';
import { narrateTriage, prepareTriage, type NarrationOutcome, type PreparedTriage } from './pipeline';
import type { LogLine } from './types';
import { fetchLokiLines } from './ui/lokiSource';
import { TriageView } from './ui/TriageView';
import { VllmClient, type FetchLike } from './vllm';

export type TriageSource = 'loki' | 'journal';

/** One triage run: what was read, the facts and prompt computed from it, and the model's answer when it came. */
export interface TriageRun {
  id: number;
  source: string;
  lines: LogLine[];
  prepared: PreparedTriage;
  problems: string[];
  outcome?: NarrationOutcome;
}

export interface TriageSceneState extends SceneObjectState {
  settings: AppSettings;
  hosts: string[];
  units: string[];
  alertname?: string;
  rule?: string;
  source: TriageSource;
  busy: boolean;
  /** How far reading a journal export has got (a large one is read in slices so the page stays responsive). */
  reading?: ReadProgress;
  inputError?: string;
  run?: TriageRun;
}

/** What the scene reaches outside the browser; tests pass protocol-true stand-ins. */
export interface TriageDeps {
  loadLines: typeof fetchLokiLines;
  fetch: FetchLike;
}

const URL_KEYS = ['host', 'unit', 'alertname', 'rule', 'source'];

/** URL values as the query string the deep-link parser reads (repeated keys for lists). */
function searchOf(values: SceneObjectUrlValues): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    for (const one of Array.isArray(v) ? v : v ? [v] : []) {
      q.append(k, one);
    }
  }
  return q;
}
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * The triage page. The selection (hosts, units, the alert or rule it was opened for, Loki or a journal export)
 * lives in the URL with the time range, so a triage link opens the same selection. A new run, or leaving the
 * page, makes the answers of the previous one late: they are dropped.
 */
export class TriageScene extends SceneObjectBase<TriageSceneState> {
  static Component = TriageSceneRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: URL_KEYS });
  private generation = 0;
  private readonly deps: TriageDeps;

  constructor(state: Pick<TriageSceneState, 'settings'> & Partial<TriageSceneState>, deps: Partial<TriageDeps> = {}) {
    super({ hosts: [], units: [], source: 'loki', busy: false, ...state });
    this.deps = { loadLines: deps.loadLines ?? fetchLokiLines, fetch: deps.fetch ?? textTransport(grafanaHttp) };
    this.addActivationHandler(() => () => {
      this.generation++;
      if (this.state.busy) {
        this.setState({ busy: false });
      }
    });
  }

  getUrlState(): SceneObjectUrlValues {
    const { hosts, units, alertname, rule, source } = this.state;
    return { host: hosts, unit: units, alertname, rule, source: source === 'loki' ? undefined : source };
  }

  /** Deep-link values are checked like any link (linkParams.ts): unsafe host or unit names are dropped. */
  updateFromUrl(values: SceneObjectUrlValues) {
    const p = parseTriageParams(searchOf(values));
    const read: Record<string, () => Partial<TriageSceneState>> = {
      host: () => ({ hosts: p.hosts ?? [] }),
      unit: () => ({ units: p.units ?? [] }),
      alertname: () => ({ alertname: p.alertname }),
      rule: () => ({ rule: p.rule }),
      source: () => ({ source: values.source === 'journal' ? 'journal' : 'loki' }),
    };
    const changed = URL_KEYS.filter((k) => Object.prototype.hasOwnProperty.call(values, k));
    this.setState(Object.assign({}, ...changed.map((k) => read[k]())));
  }

  setSelection(sel: { hosts: string[]; units: string[] }) {
    this.setState(sel);
  }

  setSource(source: TriageSource) {
    this.setState({ source, inputError: undefined });
  }

  /** Reads error lines for the selection and time range from Loki, then triages them. */
  async runLoki() {
    const gen = ++this.generation;
    const { settings, hosts, units } = this.state;
    const { value } = sceneGraph.getTimeRange(this).state;
    const range = { from: value.from.valueOf(), to: value.to.valueOf() };
    this.setState({ busy: true, inputError: undefined });
    const r = await this.deps.loadLines(settings, { hosts, units, ...range });
    if (gen !== this.generation) {
      return;
    }
    this.setState({ busy: false });
    if (!r.ok) {
      this.setState({ inputError: r.message });
      return;
    }
    await this.start(gen, r.lines, r.problems, `Loki: ${r.query}`, { truncatedAt: r.truncatedAt, window: range });
  }

  /** Triages a `journalctl -o json` export (pasted or read from a file). */
  async runJournal(text: string, source: string) {
    const gen = ++this.generation;
    this.setState({ inputError: undefined, busy: true, reading: { done: 0, total: 0 } });
    const parsed = await parseJournalExportInSlices(text, (reading) => gen === this.generation && this.setState({ reading }));
    if (gen !== this.generation) {
      return;
    }
    this.setState({ busy: false, reading: undefined });
    if (parsed.lines.length === 0) {
      this.setState({
        inputError: `No journal entries could be read: ${parsed.problems.slice(0, 3).join('; ')}. Export with: journalctl -u <unit> -p err --since -1h -o json`,
      });
      return;
    }
    // Exports often hold every priority; triage looks at error and above like the Loki path (with a note).
    await this.start(gen, parsed.lines, parsed.problems, source, { maxPriority: 3 });
  }

  /** Refuses files too large to read in a browser tab, with what to do instead. */
  async runFile(file: File) {
    if (file.size > MAX_UPLOAD_BYTES) {
      this.setState({
        inputError: `${file.name} is ${(file.size / 1e6).toFixed(0)} MB; the limit is 50 MB. Export a narrower window (--since, -u, -p err).`,
      });
      return;
    }
    await this.runJournal(await file.text(), `file ${file.name}`);
  }

  private async start(gen: number, lines: LogLine[], problems: string[], source: string, facts: Partial<FactsOptions>) {
    const { settings, alertname, rule, hosts, units } = this.state;
    const prepared = prepareTriage(lines, settings, { facts, context: { alertname, rule, hosts, units } });
    this.setState({ run: { id: gen, source, lines, prepared, problems } });
    if (prepared.facts.lines === 0) {
      return;
    }
    const outcome = await this.narrate(prepared);
    const current = this.state.run;
    if (gen !== this.generation || current?.id !== gen) {
      return;
    }
    this.setState({ run: { ...current, outcome } });
  }

  /** The narration step for this org: through the proxy route, or a clear message when no vLLM is configured. */
  private narrate(prepared: PreparedTriage): Promise<NarrationOutcome> {
    const { settings } = this.state;
    if (!settings.vllm.url) {
      return Promise.resolve({
        model: '',
        prompt: prepared.prompt,
        result: {
          ok: false,
          seconds: 0,
          sent: [],
          notes: [],
          error: { kind: 'not-found', message: 'No vLLM URL is configured for this org, so nothing was sent. Set it on the app configuration page.' },
        },
      });
    }
    const client = new VllmClient({
      baseUrl: VLLM_PROXY_BASE,
      fetch: this.deps.fetch,
      timeoutMs: settings.vllm.timeoutSeconds * 1000,
      site: { configHint: 'the app configuration page', keyHint: 'the vLLM API key on the app configuration page' },
    });
    return narrateTriage(prepared, client, settings.vllm.model || undefined, prepared.redactions);
  }

  clear() {
    this.generation++;
    this.setState({ run: undefined, busy: false, reading: undefined });
  }
}

function TriageSceneRenderer({ model }: SceneComponentProps<TriageScene>) {
  const state = model.useState();
  return <TriageView state={state} model={model} />;
}
