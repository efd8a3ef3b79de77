import React, { useContext, useMemo } from 'react';
import { ClipboardButton, Field, RadioButtonGroup, Stack, TextArea } from '@grafana/ui';
import { parseSettings, type SliRecipeId } from '../../settings';
import { RECIPE_DEFAULTS, recipeFor, recipeRulesYaml } from '../../sla/recipes';
import { testIds } from '../../testIds';
import { getPath } from './draft';
import { FormContext, inputId, TextField } from './fields';

function useForm() {
  const ctx = useContext(FormContext);
  if (!ctx) {
    throw new Error('sections must be rendered inside FormContext');
  }
  return ctx;
}

const RECIPES: Array<{ label: string; value: SliRecipeId; description: string }> = [
  {
    label: 'Tenant scrape label',
    value: 'tenant-label',
    description: 'One vLLM (or served model) per customer; the scrape job adds the tenant label',
  },
  { label: 'Traefik', value: 'traefik', description: 'One Traefik router per customer (addRoutersLabels on)' },
  { label: 'LiteLLM', value: 'litellm', description: 'One LiteLLM team per customer (its Prometheus metrics on)' },
  {
    label: 'Route label',
    value: 'route-label',
    description: 'Any gateway with a route or consumer label on its request metrics',
  },
];

// The section lays fields out in a grid; the recipe choice and the rules need its whole width.
const WIDE: React.CSSProperties = { gridColumn: '1 / -1' };

/** Labels of the fields below, for the validation summary (they are rendered here, not from specs). */
export const SLI_FIELD_LABELS: Record<string, string> = {
  'sli.recipe': 'Recipe',
  'sli.routeLabel': 'Customer label',
  'sli.routePattern': 'Customer pattern',
  'sli.requestCounter': 'Request counter',
  'sli.statusLabel': 'Status label',
  'sli.errorStatusPattern': 'Failed statuses (regex)',
  'sli.latencyHistogram': 'Latency histogram (base name, seconds)',
};

/** Where each customer's request series come from, and the recording rules that turn them into tenant series. */
export function SliFields() {
  const { draft, set } = useForm();
  const recipe = (getPath(draft, 'sli.recipe') as SliRecipeId | undefined) ?? 'tenant-label';
  const settings = useMemo(() => parseSettings(draft).settings, [draft]);
  const yaml = useMemo(() => recipeRulesYaml(recipeFor(settings)), [settings]);
  const defaults = RECIPE_DEFAULTS[settings.sli.recipe];
  return (
    <>
      <div style={WIDE}>
        <Field
          label="Recipe"
          description="Where each customer's requests, failures and latency come from. The service-level pages read the tenant series its recording rules produce."
        >
          <RadioButtonGroup
            options={RECIPES}
            value={recipe}
            onChange={(v) => set('sli.recipe', v)}
            id={inputId('sli.recipe')}
          />
        </Field>
      </div>
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
          <TextField
            path="sli.requestCounter"
            label={SLI_FIELD_LABELS['sli.requestCounter']}
            description="The gateway's request counter carrying the customer label, e.g. kong_http_requests_total."
          />
          <TextField
            path="sli.statusLabel"
            label={SLI_FIELD_LABELS['sli.statusLabel']}
            width={20}
            description="The label with the HTTP status on that counter, e.g. code or status."
          />
          <TextField
            path="sli.errorStatusPattern"
            label={SLI_FIELD_LABELS['sli.errorStatusPattern']}
            width={20}
            description="Statuses that count as failed requests (RE2, whole value), e.g. 5.."
          />
          <TextField
            path="sli.latencyHistogram"
            label={SLI_FIELD_LABELS['sli.latencyHistogram']}
            description="The gateway's request-duration histogram in seconds, without _bucket."
          />
        </>
      )}
      <div style={WIDE}>
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
      </div>
    </>
  );
}

const LEVELS: Array<[key: string, label: string, unit: string, what: string]> = [
  ['ttftP95Seconds', 'Time to first token p95', 's', 'how long the 95th-percentile request waits for its first token'],
  ['itlP95Seconds', 'Inter-token latency p95', 's', 'the 95th-percentile gap between two generated tokens'],
  ['queueP95Seconds', 'Queue time p95', 's', 'how long the 95th-percentile request waits in vLLM’s queue'],
  [
    'lengthShare',
    'Answers cut at max_tokens',
    'share 0–1',
    'the share of answers that stopped at max_tokens (finish reason "length")',
  ],
  [
    'preemptionsPer5m',
    'Preemptions in 5 minutes',
    'count',
    'how often vLLM preempted a running request to free KV cache',
  ],
];

/**
 * The vLLM panels' levels (yellow from, red from): they depend on the model and the hardware, so no universal value
 * exists. Plain field specs, so every one has help text and a label in the validation summary.
 */
export const VLLM_LEVEL_FIELDS = LEVELS.flatMap(([key, label, unit, what]) =>
  (['yellow', 'red'] as const).map((band) => ({
    path: `thresholds.vllm.${key}.${band}`,
    label: `${label}: ${band} (${unit})`,
    kind: 'number' as const,
    description: `The panel turns ${band} when ${what} reaches this.`,
  }))
);
