import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Drawer, Field, FileUpload, Stack, TagsInput, Text, TextArea, useStyles2 } from '@grafana/ui';
import { VLLM_PROXY_BASE } from '../../constants';
import type { AppSettings } from '../../settings';
import { testIds } from '../../testIds';
import type { FactsOptions } from '../facts';
import { parseJournalExportInSlices, type ReadProgress } from '../journal';
import { narrateTriage, prepareTriage, type NarrationOutcome, type PreparedTriage } from '../pipeline';
import type { LogLine } from '../types';
import { grafanaHttp } from '../../grafana/http';
import { textTransport } from '../../shared/http';
import { VllmClient, type FetchLike } from '../vllm';
import { fetchLokiLines, type LokiLinesResult } from './lokiSource';
import { TriageResult } from './TriageResult';

export interface TriageViewProps {
  settings: AppSettings;
  hosts: string[];
  units: string[];
  alertname?: string;
  rule?: string;
  range: { from: number; to: number };
  onSelection: (sel: { hosts: string[]; units: string[] }) => void;
  /** Injected in tests; the browser default goes through Grafana. */
  loadLines?: typeof fetchLokiLines;
  fetch?: FetchLike;
}

interface Run {
  id: number;
  prepared: PreparedTriage;
  problems: string[];
  narrate: () => Promise<NarrationOutcome>;
  source: string;
}

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
// FileUpload's own event type (React's FormEvent, which the React types now deprecate by name).
type UploadEvent = Parameters<React.ComponentProps<typeof FileUpload>['onFileUpload']>[0];

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ maxWidth: 900, marginTop: theme.spacing(2) }),
});

/** The triage page body: choose what to look at (or paste a journal export), then read the drawer. */
export function TriageView(props: TriageViewProps) {
  const { settings, hosts, units, range } = props;
  const s = useStyles2(getStyles);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [inputError, setInputError] = useState<string | undefined>();
  const [reading, setReading] = useState<ReadProgress | undefined>();
  const [run, setRun] = useState<Run | undefined>();

  const start = (lines: LogLine[], problems: string[], source: string, facts: Partial<FactsOptions>) => {
    const context = { alertname: props.alertname, rule: props.rule, hosts, units };
    const prepared = prepareTriage(lines, settings, { facts, context });
    const narrate = makeNarrator(settings, prepared, props.fetch ?? textTransport(grafanaHttp));
    setRun({ id: Date.now(), prepared, problems, narrate, source });
  };

  const fromLoki = async () => {
    setBusy(true);
    setInputError(undefined);
    const r: LokiLinesResult = await (props.loadLines ?? fetchLokiLines)(settings, { hosts, units, ...range });
    setBusy(false);
    if (!r.ok) {
      setInputError(r.message);
      return;
    }
    start(r.lines, r.problems, `Loki: ${r.query}`, { truncatedAt: r.truncatedAt, window: range });
  };

  const fromPaste = async (text: string, source: string) => {
    setInputError(undefined);
    // Read in slices so a large export (tens of MB) keeps the page responsive and shows how far it got.
    setReading({ done: 0, total: 0 });
    const parsed = await parseJournalExportInSlices(text, setReading);
    setReading(undefined);
    if (parsed.lines.length === 0) {
      setInputError(
        `No journal entries could be read: ${parsed.problems.slice(0, 3).join('; ')}. Export with: journalctl -u <unit> -p err --since -1h -o json`
      );
      return;
    }
    // Pasted exports often hold every priority; triage looks at error and above like the Loki path (with a note).
    start(parsed.lines, parsed.problems, source, { maxPriority: 3 });
  };

  const onFile = async (e: UploadEvent) => {
    const file = e.currentTarget.files?.[0];
    if (!file) {
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setInputError(
        `${file.name} is ${(file.size / 1e6).toFixed(0)} MB; the limit is 50 MB. Export a narrower window (--since, -u, -p err).`
      );
      return;
    }
    await fromPaste(await file.text(), `file ${file.name}`);
  };

  return (
    <div className={s.form} data-testid={testIds.triage.container}>
      <Stack direction="column" gap={2}>
        {(props.alertname || props.rule) && (
          <Text color="secondary">{`Opened for ${props.alertname ? `alert ${props.alertname}` : ''}${props.alertname && props.rule ? ', ' : ''}${props.rule ? `rule ${props.rule}` : ''}.`}</Text>
        )}
        <Field label="Hosts" description={`Values of the "${settings.labels.host}" label; empty means all hosts.`}>
          <TagsInput
            tags={hosts}
            onChange={(h) => props.onSelection({ hosts: h, units })}
            placeholder="spark-host, then Enter"
          />
        </Field>
        <Field label="Units" description={`Values of the "${settings.labels.unit}" label; empty means all units.`}>
          <TagsInput
            tags={units}
            onChange={(u) => props.onSelection({ hosts, units: u })}
            placeholder="vllm.service, then Enter"
          />
        </Field>
        <Stack direction="row" gap={1}>
          <Button icon="bolt" onClick={fromLoki} disabled={busy} data-testid={testIds.triage.runLoki}>
            {busy ? 'Fetching journal lines…' : 'Triage this range'}
          </Button>
        </Stack>
        <Field
          label="Or paste a journal export"
          description="Output of journalctl -o json (one object per line) or plain journalctl text. It is parsed and redacted in your browser."
        >
          <TextArea
            rows={6}
            value={pasted}
            onChange={(e) => setPasted(e.currentTarget.value)}
            data-testid={testIds.triage.paste}
          />
        </Field>
        <Stack direction="row" gap={1}>
          <Button
            variant="secondary"
            onClick={() => fromPaste(pasted, 'pasted journal')}
            disabled={!pasted.trim() || reading !== undefined}
            data-testid={testIds.triage.runPasted}
          >
            {reading ? `Reading journal… ${reading.done} of ${reading.total} entries` : 'Triage pasted journal'}
          </Button>
          <FileUpload accept=".json,.ndjson,.txt,application/json" onFileUpload={onFile} size="md">
            Upload journal JSON
          </FileUpload>
        </Stack>
        {inputError && (
          <div data-testid={testIds.triage.inputError}>
            <Alert severity="error" title="Nothing to triage yet">
              {inputError}
            </Alert>
          </div>
        )}
      </Stack>
      {run && (
        <Drawer title="Triage" subtitle={run.source} size="lg" onClose={() => setRun(undefined)}>
          <div data-testid={testIds.triage.drawer}>
            <TriageResult key={run.id} prepared={run.prepared} problems={run.problems} narrate={run.narrate} />
          </div>
        </Drawer>
      )}
    </div>
  );
}

/** The narration step for this org: through the proxy route, or a clear message when no vLLM is configured. */
function makeNarrator(
  settings: AppSettings,
  prepared: PreparedTriage,
  fetch: FetchLike
): () => Promise<NarrationOutcome> {
  if (!settings.vllm.url) {
    return async () => ({
      model: '',
      prompt: prepared.prompt,
      result: {
        ok: false,
        seconds: 0,
        sent: [],
        notes: [],
        error: {
          kind: 'not-found',
          message: 'No vLLM URL is configured for this org, so nothing was sent. Set it on the app configuration page.',
        },
      },
    });
  }
  const client = new VllmClient({
    baseUrl: VLLM_PROXY_BASE,
    fetch,
    timeoutMs: settings.vllm.timeoutSeconds * 1000,
    site: { configHint: 'the app configuration page', keyHint: 'the vLLM API key on the app configuration page' },
  });
  return () => narrateTriage(prepared, client, settings.vllm.model || undefined, prepared.redactions);
}
