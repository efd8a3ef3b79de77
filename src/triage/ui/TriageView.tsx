import React, { useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, RadioButtonGroup, Stack, TagsInput, Text, TextArea, useStyles2 } from '@grafana/ui';
import { testIds } from '../../testIds';
import type { TriageScene, TriageSceneState, TriageSource } from '../TriageScene';
import { TriageResult } from './TriageResult';

interface Props {
  state: TriageSceneState;
  model: TriageScene;
}

const SOURCES: Array<{ label: string; value: TriageSource; description: string }> = [
  { label: 'Loki, this time range', value: 'loki', description: 'Error lines of the hosts and units below, in the time range above' },
  { label: 'Journal export', value: 'journal', description: 'Output of journalctl -o json or plain journalctl text, pasted or from a file; read in your browser' },
];

function openedFor(state: TriageSceneState): string | undefined {
  const parts = [state.alertname && `alert ${state.alertname}`, state.rule && state.rule !== state.alertname && `rule ${state.rule}`].filter(Boolean);
  return parts.length ? `Opened for ${parts.join(', ')}.` : undefined;
}

/** The triage page body: choose what to look at, one primary action, then the facts and the narrative. */
export function TriageView({ state, model }: Props) {
  const s = useStyles2(getStyles);
  const { settings, hosts, units, source, busy } = state;
  const [pasted, setPasted] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const why = source === 'journal' && !pasted.trim() ? 'Paste an export above, or upload a file.' : undefined;
  const run = () => (source === 'loki' ? model.runLoki() : model.runJournal(pasted, 'pasted journal'));
  const context = openedFor(state);
  return (
    <div className={s.page} data-testid={testIds.triage.container}>
      <Stack direction="column" gap={2}>
        <section className={s.form} aria-label="What to triage">
          <Stack direction="column" gap={1.5}>
            {context && <Text color="secondary">{context}</Text>}
            <Field label="Read from" description="Triage reads error lines and above, finds their templates in code, and asks your own vLLM to narrate.">
              <RadioButtonGroup options={SOURCES} value={source} onChange={(v) => model.setSource(v)} />
            </Field>
            {source === 'loki' ? (
              <Stack gap={2} wrap="wrap">
                <Field label="Hosts" description={`Values of the "${settings.labels.host}" label; empty means all hosts.`}>
                  <TagsInput tags={hosts} autoColors={false} onChange={(h) => model.setSelection({ hosts: h, units })} placeholder="spark-host, then Enter" width={40} />
                </Field>
                <Field label="Units" description={`Values of the "${settings.labels.unit}" label; empty means all units.`}>
                  <TagsInput tags={units} autoColors={false} onChange={(u) => model.setSelection({ hosts, units: u })} placeholder="vllm.service, then Enter" width={40} />
                </Field>
              </Stack>
            ) : (
              <Field label="Journal export" description="journalctl -u <unit> -p err --since -1h -o json (or plain journalctl text) — parsed and redacted in your browser; nothing is uploaded to Grafana.">
                <Stack direction="column" gap={1}>
                  <TextArea rows={5} value={pasted} onChange={(e) => setPasted(e.currentTarget.value)} data-testid={testIds.triage.paste} placeholder='{"__REALTIME_TIMESTAMP":"…","MESSAGE":"…","PRIORITY":"3",…}' />
                  <div>
                    <Button variant="secondary" icon="upload" onClick={() => file.current?.click()} data-testid={testIds.triage.upload}>
                      Upload a file instead
                    </Button>
                    <input
                      ref={file}
                      type="file"
                      hidden
                      accept=".json,.ndjson,.txt,application/json"
                      onChange={(e) => {
                        const f = e.currentTarget.files?.[0];
                        e.currentTarget.value = '';
                        if (f) {
                          void model.runFile(f);
                        }
                      }}
                    />
                  </div>
                </Stack>
              </Field>
            )}
            <Stack gap={2} alignItems="center">
              <Button icon="bolt" onClick={run} disabled={busy || Boolean(why)} data-testid={testIds.triage.run}>
                {state.reading ? `Reading journal… ${state.reading.done} of ${state.reading.total} entries` : busy ? 'Reading journal lines…' : source === 'loki' ? 'Triage this range' : 'Triage the export'}
              </Button>
              {why && (
                <span className={s.hint} data-testid={testIds.triage.runWhy}>
                  {why}
                </span>
              )}
              {state.run && (
                <Button variant="secondary" fill="text" onClick={() => model.clear()}>
                  Clear result
                </Button>
              )}
            </Stack>
            {state.inputError && (
              <div data-testid={testIds.triage.inputError}>
                <Alert severity="error" title="Nothing to triage yet">
                  {state.inputError}
                </Alert>
              </div>
            )}
          </Stack>
        </section>
        {state.run && <TriageResult key={state.run.id} run={state.run} />}
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ marginTop: theme.spacing(1) }),
  form: css({
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
  }),
  hint: css({ color: theme.colors.text.secondary }),
});
