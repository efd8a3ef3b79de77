import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, SecretInput, Stack, Switch, useStyles2 } from '@grafana/ui';
import { PLUGIN_ID } from '../../constants';
import { grafanaHttp } from '../../grafana/http';
import { describe } from '../../shared/http';
import { parseSettings, SECURE_KEYS, type AppSettings } from '../../settings';
import { testIds } from '../../testIds';
import { problemsByField, setPath, type Draft } from './draft';
import { FormContext, NumberField, TextField } from './fields';
import {
  DataSection,
  JobsSection,
  ModeSection,
  ReviewSection,
  SlaSection,
  ThresholdsSection,
  TriageSection,
} from './sections';
import { SliSection, VllmLevelsSection } from './SliSection';
import { testVllm, type VllmTestResult } from './testVllm';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta>;

/** The payload of `POST /api/plugins/<id>/settings`: it replaces jsonData and enabled, so it is always whole. */
export interface SettingsPayload {
  enabled: boolean;
  pinned: boolean;
  jsonData: AppSettings;
  secureJsonData?: Record<string, string>;
}

/** Builds the save payload. The API key goes only to secureJsonData, and only when it changed. */
export function buildPayload(
  settings: AppSettings,
  enabled: boolean,
  pinned: boolean,
  apiKey: { value: string; configured: boolean; reset: boolean }
): SettingsPayload {
  const payload: SettingsPayload = { enabled, pinned, jsonData: settings };
  if (apiKey.value !== '') {
    payload.secureJsonData = { [SECURE_KEYS.vllmApiKey]: apiKey.value };
  } else if (apiKey.reset) {
    payload.secureJsonData = { [SECURE_KEYS.vllmApiKey]: '' };
  }
  return payload;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** The app's configuration page, per org. */
export default function AppConfig({ plugin }: AppConfigProps) {
  const s = useStyles2(getStyles);
  const meta = plugin.meta;
  const initial = useMemo(() => parseSettings(meta.jsonData), [meta.jsonData]);
  // An org that never chose a mode starts without one: the admin picks it, nothing is preselected.
  const [draft, setDraft] = useState<Draft>(() => {
    const d: Draft = JSON.parse(JSON.stringify(initial.settings));
    return initial.configured ? d : { ...d, mode: undefined };
  });
  const [enabled, setEnabled] = useState<boolean>(meta.enabled ?? true);
  const keyConfigured = Boolean(meta.secureJsonFields?.[SECURE_KEYS.vllmApiKey]);
  const [apiKey, setApiKey] = useState({ value: '', configured: keyConfigured, reset: false });
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [test, setTest] = useState<VllmTestResult | 'running'>();

  const parsed = useMemo(() => parseSettings(draft), [draft]);
  const errors = useMemo(() => problemsByField(parsed.problems), [parsed.problems]);
  const dirty =
    JSON.stringify(parsed.settings) !== JSON.stringify(initial.settings) || apiKey.value !== '' || apiKey.reset;
  const blocked = parsed.problems.length > 0 || !parsed.configured;
  const formValue = useMemo(
    () => ({ draft, errors, set: (p: string, v: unknown) => setDraft((d) => setPath(d, p, v)) }),
    [draft, errors]
  );

  const onSave = async () => {
    setSave({ kind: 'saving' });
    const payload = buildPayload(parsed.settings, enabled, meta.pinned ?? false, apiKey);
    const res = await grafanaHttp({ url: `/api/plugins/${PLUGIN_ID}/settings`, method: 'POST', body: payload });
    if (!res.ok) {
      const why = describe(res.error, { what: 'Grafana' });
      setSave({ kind: 'error', message: `Settings were not saved: ${why} Nothing changed; your edits are still here.` });
      return;
    }
    setSave({ kind: 'saved' });
    // Grafana hands plugin meta to the app only on load; reload so every page sees the new settings.
    locationService.reload();
  };

  const onTest = async () => {
    setTest('running');
    setTest(await testVllm(Math.min(parsed.settings.vllm.timeoutSeconds, 30)));
  };

  return (
    <div data-testid={testIds.appConfig.container} className={s.form}>
      <FormContext.Provider value={formValue}>
        {initial.problems.length > 0 && (
          <Alert title="The stored settings have problems; defaults are shown for those fields" severity="warning">
            {initial.problems.map((p) => `${p.field || 'settings'}: ${p.message}`).join('; ')}
          </Alert>
        )}
        <Field label="App enabled" description="A disabled app shows no pages in this org.">
          <Switch value={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        </Field>
        <ModeSection />
        <DataSection />
        <JobsSection />
        <ThresholdsSection />
        <VllmLevelsSection />
        <SlaSection />
        <SliSection />
        <ReviewSection />
        <FieldSet label="vLLM (triage narrator)">
          <TextField
            path="vllm.url"
            label="URL"
            description="Reached from the Grafana server through the plugin's proxy route."
            placeholder="http://spark-host:8000"
          />
          <TextField path="vllm.model" label="Model" description="Empty: the first model the server lists." />
          <NumberField path="vllm.timeoutSeconds" label="Timeout (s)" />
          <NumberField path="vllm.maxPromptTokens" label="Max prompt tokens" />
          <Field label="API key" description="Stored encrypted in Grafana; never sent back to the browser.">
            <SecretInput
              data-testid={testIds.appConfig.apiKey}
              width={40}
              value={apiKey.value}
              isConfigured={apiKey.configured}
              placeholder="The value of vLLM's --api-key"
              onChange={(e) => setApiKey({ ...apiKey, value: e.currentTarget.value.trim() })}
              onReset={() => setApiKey({ value: '', configured: false, reset: true })}
            />
          </Field>
          <Stack direction="column" gap={1}>
            <div>
              <Button
                variant="secondary"
                icon="bolt"
                data-testid={testIds.appConfig.testVllm}
                onClick={onTest}
                disabled={test === 'running' || !parsed.settings.vllm.url}
              >
                {test === 'running' ? 'Testing…' : 'Test vLLM'}
              </Button>
            </div>
            {dirty && <span className={s.hint}>Testing uses the saved settings: save first to test your edits.</span>}
            <VllmTestOutcome result={test} />
          </Stack>
        </FieldSet>
        <TriageSection />
      </FormContext.Provider>

      {blocked && (
        <div data-testid={testIds.appConfig.problems}>
          <Alert title="Fix these before saving" severity="error">
            {[
              ...(parsed.configured ? [] : ['mode: choose Operator or Tenant under Organization; until a mode is saved, this organization shows only the set-up page']),
              ...parsed.problems.map((p) => `${p.field || 'settings'}: ${p.message}`),
            ].join('; ')}
          </Alert>
        </div>
      )}
      {save.kind === 'error' && (
        <Alert title="Save failed" severity="error">
          {save.message}
        </Alert>
      )}
      {save.kind === 'saved' && (
        <Alert title="Saved" severity="success">
          Reloading so every page uses the new settings…
        </Alert>
      )}
      <Button
        data-testid={testIds.appConfig.save}
        onClick={onSave}
        disabled={blocked || save.kind === 'saving'}
      >
        {save.kind === 'saving' ? 'Saving…' : 'Save settings'}
      </Button>
    </div>
  );
}

function VllmTestOutcome({ result }: { result: VllmTestResult | 'running' | undefined }) {
  if (result === undefined || result === 'running') {
    return null;
  }
  return (
    <div data-testid={testIds.appConfig.testVllmResult}>
      {result.ok ? (
        <Alert title="vLLM answered" severity="success">
          Serving:{' '}
          {result.models.map((m) => (m.maxModelLen ? `${m.id} (context ${m.maxModelLen} tokens)` : m.id)).join(', ')}
        </Alert>
      ) : (
        <Alert title={result.title} severity="error">
          {result.message}
        </Alert>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ maxWidth: theme.breakpoints.values.lg, marginTop: theme.spacing(2) }),
  hint: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
