import React, { useContext, useMemo } from 'react';
import { ClipboardButton, Field, FieldSet, RadioButtonGroup, Stack, TextArea } from '@grafana/ui';
import { parseSettings, type SliRecipeId } from '../../settings';
import { RECIPE_DEFAULTS, recipeFor, recipeRulesYaml } from '../../sla/recipes';
import { testIds } from '../../testIds';
import { getPath } from './draft';
import { FormContext, NumberField, TextField } from './fields';

function useForm() {
  const ctx = useContext(FormContext);
  if (!ctx) {
    throw new Error('sections must be rendered inside FormContext');
  }
  return ctx;
}

const RECIPES: Array<{ label: string; value: SliRecipeId; description: string }> = [
  { label: 'Tenant scrape label', value: 'tenant-label', description: 'One vLLM (or served model) per customer; the scrape job adds the tenant label' },
  { label: 'Traefik', value: 'traefik', description: 'One Traefik router per customer (addRoutersLabels on)' },
  { label: 'LiteLLM', value: 'litellm', description: 'One LiteLLM team per customer (its Prometheus metrics on)' },
  { label: 'Route label', value: 'route-label', description: 'Any gateway with a route or consumer label on its request metrics' },
];

/** Where each customer's request series come from, and the recording rules that turn them into tenant series. */
export function SliSection() {
  const { draft, set } = useForm();
  const recipe = (getPath(draft, 'sli.recipe') as SliRecipeId | undefined) ?? 'tenant-label';
  const settings = useMemo(() => parseSettings(draft).settings, [draft]);
  const yaml = useMemo(() => recipeRulesYaml(recipeFor(settings)), [settings]);
  const defaults = RECIPE_DEFAULTS[settings.sli.recipe];
  return (
    <FieldSet label="Per-customer SLIs">
      <Field
        label="Recipe"
        description="Where each customer's requests, failures and latency come from. The service-level pages read the tenant series its recording rules produce."
      >
        <RadioButtonGroup options={RECIPES} value={recipe} onChange={(v) => set('sli.recipe', v)} />
      </Field>
      <TextField
        path="sli.routeLabel"
        label="Customer label"
        description="The label naming the customer on the gateway's series. Empty: the recipe's own."
        placeholder={recipe === 'tenant-label' ? settings.labels.tenant : defaults.label}
      />
      <TextField
        path="sli.routePattern"
        label="Customer pattern"
        description="A regular expression (RE2) for the whole label value; its one capture group is the tenant id. Empty: the recipe's own."
        placeholder={defaults.pattern}
      />
      {recipe === 'route-label' && (
        <>
          <TextField path="sli.requestCounter" label="Request counter" />
          <TextField path="sli.statusLabel" label="Status label" width={20} />
          <TextField path="sli.errorStatusPattern" label="Failed statuses (regex)" width={20} />
          <TextField path="sli.latencyHistogram" label="Latency histogram (base name, seconds)" />
        </>
      )}
      <Field
        label="Recording rules for this recipe"
        description="Load them into Prometheus beside sla-recording.yml (provisioning/prometheus/rules). Generated from the settings above."
      >
        <Stack direction="column" gap={1}>
          <TextArea data-testid={testIds.appConfig.sliRules} readOnly rows={12} value={yaml} />
          <div>
            <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => yaml}>
              Copy rules
            </ClipboardButton>
          </div>
        </Stack>
      </Field>
    </FieldSet>
  );
}

const LEVELS: Array<[key: string, label: string, unit: string]> = [
  ['ttftP95Seconds', 'Time to first token p95', 's'],
  ['itlP95Seconds', 'Inter-token latency p95', 's'],
  ['queueP95Seconds', 'Queue time p95', 's'],
  ['lengthShare', 'Answers cut at max_tokens', 'share 0–1'],
  ['preemptionsPer5m', 'Preemptions in 5 minutes', 'count'],
];

/** The vLLM panels' levels: they depend on the model and the hardware, so no universal value exists. */
export function VllmLevelsSection() {
  return (
    <FieldSet label="vLLM panel levels (yellow from, red from)">
      {LEVELS.map(([key, label, unit]) => (
        <Stack key={key} gap={2}>
          <NumberField path={`thresholds.vllm.${key}.yellow`} label={`${label}: yellow (${unit})`} />
          <NumberField path={`thresholds.vllm.${key}.red`} label={`${label}: red (${unit})`} />
        </Stack>
      ))}
    </FieldSet>
  );
}
