import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, Badge, Button, CollapsableSection, Field, SecretInput, Stack, Switch, Text, useStyles2 } from '@grafana/ui';
import { PLUGIN_ID } from '../../constants';
import { grafanaHttp } from '../../grafana/http';
import { describe } from '../../shared/http';
import { parseSettings, SECURE_KEYS, type AppSettings } from '../../settings';
import { testIds } from '../../testIds';
import { problemsByField, setPath, type Draft } from './draft';
import { FormContext, inputId } from './fields';
import { FIELD_INDEX, SECTIONS, SpecField, type SectionSpec } from './sections';
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

/** A problem as the person reads it: the field's label (linked to the field) and what is wrong. */
interface Problem {
  path?: string;
  label: string;
  message: string;
  section?: string;
}

function problemsOf(parsed: ReturnType<typeof parseSettings>): Problem[] {
  const out: Problem[] = parsed.configured
    ? []
    : [{ path: 'mode', label: 'Mode', section: 'organization', message: 'choose Operator or Tenant; until a mode is saved, this organization shows only the set-up page' }];
  for (const p of parsed.problems) {
    const path = p.field.replace(/\[\d+\]$/, '');
    const known = FIELD_INDEX[path];
    out.push({ path, label: known?.label ?? (p.field || 'Settings'), message: p.message, section: known?.section });
  }
  return out;
}

function focusField(path: string) {
  const el = document.getElementById(inputId(path));
  const target = el?.matches('input,textarea,button') ? el : el?.querySelector<HTMLElement>('input,textarea,button');
  target?.focus();
  // Centre it: focus alone may leave the field under the sticky Save bar.
  el?.scrollIntoView?.({ block: 'center' });
}

function SectionLabel({ spec, problems }: { spec: SectionSpec; problems: number }) {
  return (
    <Stack direction="column" gap={0.5}>
      <Stack gap={1} alignItems="center">
        <Text element="h3" variant="h4">
          {spec.title}
        </Text>
        {spec.required && <Badge text="required" color="blue" />}
        {problems > 0 && <Badge text={`${problems} to fix`} color="red" icon="exclamation-circle" />}
      </Stack>
      <Text color="secondary" variant="bodySmall">
        {spec.description}
      </Text>
    </Stack>
  );
}

/** The app's configuration page, per org: sections in the order a new user needs them, Save always in reach. */
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
  const [open, setOpen] = useState<string[]>(() => SECTIONS.filter((x) => x.required).map((x) => x.id));

  const parsed = useMemo(() => parseSettings(draft), [draft]);
  const errors = useMemo(() => problemsByField(parsed.problems), [parsed.problems]);
  const problems = useMemo(() => problemsOf(parsed), [parsed]);
  const dirty =
    JSON.stringify(parsed.settings) !== JSON.stringify(initial.settings) || apiKey.value !== '' || apiKey.reset;
  const blocked = problems.length > 0;
  const formValue = useMemo(
    () => ({ draft, errors, set: (p: string, v: unknown) => setDraft((d) => setPath(d, p, v)) }),
    [draft, errors]
  );
  // A section with a problem is open whatever the person did: the problem must be visible to be fixed.
  const isOpen = (id: string) => open.includes(id) || problems.some((p) => p.section === id);
  const toggle = (id: string) => setOpen((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  const goTo = (p: Problem) => {
    if (p.section && !open.includes(p.section)) {
      setOpen((o) => [...o, p.section!]);
    }
    if (p.path) {
      setTimeout(() => focusField(p.path!), 0);
    }
  };

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
  const testBlocked = !initial.settings.vllm.url
    ? 'Enter the vLLM URL above and save first: the test goes through the saved proxy route.'
    : undefined;

  const vllmSlot = (
    <>
      <Field label="API key" description="The value vLLM was started with (--api-key). Stored encrypted in Grafana; never sent back to the browser.">
        <SecretInput
          data-testid={testIds.appConfig.apiKey}
          width={36}
          value={apiKey.value}
          isConfigured={apiKey.configured}
          placeholder="The value of vLLM's --api-key"
          onChange={(e) => setApiKey({ ...apiKey, value: e.currentTarget.value.trim() })}
          onReset={() => setApiKey({ value: '', configured: false, reset: true })}
        />
      </Field>
      <div className={s.wide}>
        <Stack direction="column" gap={1}>
          <Stack gap={1} alignItems="center" wrap="wrap">
            <Button
              variant="secondary"
              icon="bolt"
              data-testid={testIds.appConfig.testVllm}
              onClick={onTest}
              disabled={test === 'running' || Boolean(testBlocked)}
            >
              {test === 'running' ? 'Testing…' : 'Test vLLM'}
            </Button>
            {(testBlocked || dirty) && (
              <span className={s.hint} data-testid={testIds.appConfig.testVllmWhy}>
                {testBlocked ?? 'Testing uses the saved settings: save first to test your edits.'}
              </span>
            )}
          </Stack>
          <VllmTestOutcome result={test} />
        </Stack>
      </div>
    </>
  );

  return (
    <div data-testid={testIds.appConfig.container} className={s.page}>
      <FormContext.Provider value={formValue}>
        {initial.problems.length > 0 && (
          <Alert title="The stored settings have problems; defaults are shown for those fields" severity="warning">
            {initial.problems.map((p) => `${FIELD_INDEX[p.field]?.label ?? (p.field || 'settings')} (${p.field}): ${p.message}`).join('; ')}
          </Alert>
        )}
        <Field label="App enabled" description="A disabled app shows no pages in this org.">
          <Switch value={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        </Field>
        {SECTIONS.map((spec) => (
          <div key={spec.id} className={s.section} data-testid={testIds.appConfig.section(spec.id)}>
            <CollapsableSection
              label={<SectionLabel spec={spec} problems={problems.filter((p) => p.section === spec.id).length} />}
              isOpen={isOpen(spec.id)}
              onToggle={() => toggle(spec.id)}
              unmountContentWhenClosed={false}
            >
              <div className={s.grid}>
                {spec.before && <spec.before />}
                {spec.fields.map((f) => (
                  <div key={f.path} className={f.kind === 'list' ? s.wide : undefined}>
                    <SpecField spec={f} />
                  </div>
                ))}
                {spec.slot === 'vllm' && vllmSlot}
                {spec.after && (
                  <div className={s.wide}>
                    <spec.after />
                  </div>
                )}
              </div>
            </CollapsableSection>
          </div>
        ))}
      </FormContext.Provider>

      <div className={s.footer} data-testid={testIds.appConfig.footer}>
        {blocked && (
          <div data-testid={testIds.appConfig.problems} className={s.problems}>
            <Alert title={`Fix ${problems.length === 1 ? 'this' : `these ${problems.length}`} before saving`} severity="error">
              <ul>
                {problems.map((p) => (
                  <li key={`${p.path}:${p.message}`}>
                    {p.path ? (
                      <Button variant="primary" fill="text" size="sm" onClick={() => goTo(p)} aria-controls={inputId(p.path)} tooltip="Go to the field">
                        {p.label}
                      </Button>
                    ) : (
                      p.label
                    )}
                    {`: ${p.message}`}
                  </li>
                ))}
              </ul>
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
        <Stack gap={2} alignItems="center">
          <Button data-testid={testIds.appConfig.save} onClick={onSave} disabled={blocked || save.kind === 'saving'}>
            {save.kind === 'saving' ? 'Saving…' : 'Save settings'}
          </Button>
          <span className={s.hint} data-testid={testIds.appConfig.saveWhy}>
            {blocked
              ? `Saving is blocked: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix (listed above).`
              : dirty
                ? 'You have unsaved changes.'
                : 'No changes yet.'}
          </span>
        </Stack>
      </div>
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
  page: css({ marginTop: theme.spacing(2) }),
  section: css({ borderBottom: `1px solid ${theme.colors.border.weak}` }),
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))',
    columnGap: theme.spacing(4),
    alignItems: 'start',
  }),
  wide: css({ gridColumn: '1 / -1' }),
  footer: css({
    position: 'sticky',
    bottom: 0,
    zIndex: theme.zIndex.navbarFixed,
    background: theme.colors.background.primary,
    borderTop: `1px solid ${theme.colors.border.medium}`,
    padding: theme.spacing(1.5, 0),
    marginTop: theme.spacing(2),
  }),
  problems: css({ maxHeight: '40vh', overflowY: 'auto', ul: { marginLeft: theme.spacing(2) } }),
  hint: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
