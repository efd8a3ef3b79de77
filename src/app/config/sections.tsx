import React, { useState } from 'react';
import type { DataSourceInstanceSettings } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, RadioButtonGroup, TextArea } from '@grafana/ui';
import { getPath } from './draft';
import { inputId, ListField, NumberField, SeveritiesField, TextField, useForm, type FieldProps } from './fields';
import { SLI_FIELD_LABELS, SliFields, VLLM_LEVEL_FIELDS } from './SliSection';

type Kind = 'text' | 'number' | 'list' | 'severities';
export type FieldSpec = FieldProps & { kind: Kind };

/** A section of the configuration page: what it is for, its fields, and custom parts before or after them. */
export interface SectionSpec {
  id: string;
  title: string;
  description: string;
  /** Needed before the app does anything useful; shown first and open. */
  required?: boolean;
  fields: FieldSpec[];
  /** Labels of fields rendered by the custom parts, for the validation summary. */
  customFields?: Record<string, string>;
  before?: React.ComponentType;
  /** Filled in by the page (the vLLM key and test need its state). */
  slot?: 'vllm';
  after?: React.ComponentType;
}

const MODES = [
  { label: 'Operator', value: 'operator', description: 'All pages: overview, service levels, alert rules, triage' },
  { label: 'Tenant', value: 'tenant', description: 'A customer org: its service levels only' },
];

function ModeField() {
  const { draft, set, errors } = useForm();
  const chosen = getPath(draft, 'mode');
  // Nothing preselected until the org has a mode: guessing here would decide what the org sees.
  const mode = chosen === 'tenant' || chosen === 'operator' ? chosen : undefined;
  return (
    <Field
      label="Mode"
      description="Operator: your own org, every page. Tenant: a customer's org, which sees only its own service levels."
      invalid={Boolean(errors.mode)}
      error={errors.mode}
    >
      <RadioButtonGroup options={MODES} value={mode} onChange={(v) => set('mode', v)} id={inputId('mode')} />
    </Field>
  );
}

function DataSourceField({ path, label, type, description }: { path: string; label: string; type: string; description: string }) {
  const { draft, set, errors } = useForm();
  const uid = getPath(draft, path);
  return (
    <Field label={label} description={description} invalid={Boolean(errors[path])} error={errors[path]}>
      <DataSourcePicker
        inputId={inputId(path)}
        type={type}
        current={typeof uid === 'string' && uid ? uid : null}
        noDefault
        width={36}
        onChange={(ds: DataSourceInstanceSettings) => set(path, ds.uid)}
        onClear={() => set(path, '')}
      />
    </Field>
  );
}

function DataSourceFields() {
  return (
    <>
      <DataSourceField
        path="datasources.prometheusUid"
        label="Prometheus"
        type="prometheus"
        description="Where the stack's metrics are: overview, service levels and the rules' 7-day history. Empty: the org's default Prometheus."
      />
      <DataSourceField
        path="datasources.lokiUid"
        label="Loki (journal logs)"
        type="loki"
        description="Where Alloy ships the hosts' journald (error and above). Triage reads it. Empty: the org's default Loki."
      />
      <DataSourceField
        path="datasources.historyUid"
        label="History (VictoriaMetrics, optional)"
        type="prometheus"
        description="Long-term history: windows of 14 days or more, and anything older than Prometheus keeps, are read from it. In a customer org: that customer's own label-enforcing proxy. Empty: none, and the page says what it cannot show."
      />
    </>
  );
}

/** Per-model throughput thresholds edited as lines of `model red green`. */
function PerModelThresholds() {
  const { draft, set } = useForm();
  const current = getPath(draft, 'thresholds.throughputByModel');
  const initial =
    typeof current === 'object' && current !== null
      ? Object.entries(current as Record<string, { red?: unknown; green?: unknown }>)
          .map(([m, t]) => `${m} ${t?.red ?? ''} ${t?.green ?? ''}`)
          .join('\n')
      : '';
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string>();
  const onChange = (value: string) => {
    setText(value);
    const out: Record<string, { red: number; green: number }> = {};
    const bad: number[] = [];
    value.split('\n').forEach((line, i) => {
      const parts = line.trim().split(/\s+/);
      if (line.trim() === '') {
        return;
      }
      const [model, red, green] = parts;
      if (parts.length !== 3 || !Number.isFinite(Number(red)) || !Number.isFinite(Number(green))) {
        bad.push(i + 1);
        return;
      }
      out[model] = { red: Number(red), green: Number(green) };
    });
    setError(bad.length ? `line ${bad.join(', ')}: write "model red green", e.g. "qwen-32b 8 15"` : undefined);
    set('thresholds.throughputByModel', out);
  };
  return (
    <Field
      label="Per-model throughput thresholds"
      description='A threshold right for a 7B model is wrong for a 32B one. One model per line: "model_name red green" (tokens/s); models not listed use the values above.'
      invalid={Boolean(error)}
      error={error}
    >
      <TextArea id={inputId('thresholds.throughputByModel')} rows={3} value={text} onChange={(e) => onChange(e.currentTarget.value)} placeholder="qwen-32b 8 15" />
    </Field>
  );
}

const job = (path: string, label: string, what: string): FieldSpec => ({
  path: `jobs.${path}`,
  label,
  kind: 'text',
  width: 28,
  description: `The Prometheus job label of ${what}.`,
});

/** The page's sections in the order a new user needs them: what the org is and where its data is, first. */
export const SECTIONS: SectionSpec[] = [
  {
    id: 'organization',
    title: 'Organization',
    description: 'What this Grafana organization is: your own (operator) or one customer’s (tenant).',
    required: true,
    before: ModeField,
    customFields: { mode: 'Mode' },
    fields: [
      { path: 'tenant.id', label: 'Tenant id', kind: 'text', placeholder: 'acme', description: 'The tenant label value that scopes every service-level query of this org. Required in tenant mode.' },
      { path: 'tenant.name', label: 'Tenant display name', kind: 'text', placeholder: 'Acme Corp', description: 'How the customer is named on its service-level page and report.' },
    ],
  },
  {
    id: 'datasources',
    title: 'Data sources',
    description: 'Where metrics and journal logs are read from. Each org has its own; a tenant org’s are scoped to that tenant.',
    required: true,
    before: DataSourceFields,
    customFields: {
      'datasources.prometheusUid': 'Prometheus',
      'datasources.lokiUid': 'Loki (journal logs)',
      'datasources.historyUid': 'History (VictoriaMetrics, optional)',
    },
    fields: [],
  },
  {
    id: 'vllm',
    title: 'vLLM (triage narrator)',
    description: 'Your own vLLM turns the facts triage computes into a few sentences. Without it the facts still show.',
    slot: 'vllm',
    fields: [
      { path: 'vllm.url', label: 'URL', kind: 'text', placeholder: 'http://spark-host:8000', description: 'The OpenAI-compatible server root, reached from the Grafana server through the plugin’s proxy route (not from your browser).' },
      { path: 'vllm.model', label: 'Model', kind: 'text', placeholder: 'Qwen/Qwen2.5-32B-Instruct', description: 'The served model name. Empty: the first model the server lists.' },
      { path: 'vllm.timeoutSeconds', label: 'Timeout (s)', kind: 'number', description: 'How long triage waits for the narrative before showing the facts alone.' },
      { path: 'vllm.maxPromptTokens', label: 'Max prompt tokens', kind: 'number', description: 'Budget for the facts sent; keep it well under the model’s context length.' },
    ],
  },
  {
    id: 'labels',
    title: 'Labels',
    description: 'The label names your Prometheus and Loki use; they differ between set-ups (Alloy relabelling, exporters).',
    fields: [
      { path: 'labels.tenant', label: 'Tenant label', kind: 'text', width: 20, description: 'The label that carries the customer on per-tenant series, e.g. tenant.' },
      { path: 'labels.host', label: 'Host label', kind: 'text', width: 20, description: 'The label naming a host on metrics and logs, e.g. instance or host.' },
      { path: 'labels.unit', label: 'Systemd unit label (Loki)', kind: 'text', width: 20, description: 'The label Alloy relabels __journal__systemd_unit to, e.g. unit.' },
      { path: 'labels.level', label: 'Log level label (Loki)', kind: 'text', width: 20, description: 'The label Alloy relabels the journal priority to, e.g. level or priority.' },
    ],
  },
  {
    id: 'jobs',
    title: 'Scrape jobs',
    description: 'Which Prometheus job scrapes what. The overview and the coverage check look for these jobs.',
    fields: [
      job('vllm', 'Inference server (vLLM/SGLang)', 'the inference server’s metrics (:8000)'),
      job('nodeSpark', 'Inference host node_exporter', 'node_exporter on the GPU box'),
      job('nodeMgmt', 'Management host node_exporter', 'node_exporter on the management host'),
      job('nodeFloki', 'VPS node_exporter', 'node_exporter on the VPS'),
      job('mcp', 'MCP server', 'the MCP server’s request metrics (:9091)'),
      job('lightning', 'Lightning (lndmon)', 'lndmon, the Lightning node’s exporter'),
      job('dcgm', 'GPU (dcgm-exporter)', 'NVIDIA dcgm-exporter (:9400)'),
      job('alertmanager', 'Alertmanager', 'Alertmanager’s own metrics (:9093)'),
      {
        path: 'jobs.expected',
        label: 'Jobs expected to exist',
        kind: 'list',
        placeholder: 'job name, then Enter',
        description: 'A job missing from `up` is a blind spot: it never alerts. Coverage lists every job here that is down or absent.',
      },
    ],
  },
  {
    id: 'thresholds',
    title: 'Thresholds',
    description: 'Where the overview turns yellow and red. Calibrate them for your model and hardware; review them with the rules.',
    after: PerModelThresholds,
    customFields: { 'thresholds.throughputByModel': 'Per-model throughput thresholds' },
    fields: [
      { path: 'thresholds.throughputRed', label: 'Throughput red below (tokens/s)', kind: 'number', description: 'Generation throughput under this is red on the overview.' },
      { path: 'thresholds.throughputGreen', label: 'Throughput green from (tokens/s)', kind: 'number', description: 'At or above this it is green; between the two, yellow.' },
      { path: 'thresholds.kvCacheCritical', label: 'KV-cache critical (0–1)', kind: 'number', description: 'KV-cache usage above this is red: latency spikes once the cache is full (0.9 = 90 %).' },
      { path: 'thresholds.diskCritical', label: 'Disk used critical (0–1)', kind: 'number', description: 'Filesystem use above this is red (0.9 = 90 %).' },
      { path: 'thresholds.lightningRebalanceSats', label: 'Lightning rebalancing threshold (sats)', kind: 'number', description: 'Outgoing channel balance under this needs a rebalance.' },
    ],
  },
  {
    id: 'vllmLevels',
    title: 'vLLM panel levels',
    description: 'Where the overview’s vLLM engine panels turn yellow and red. They depend on the model and the hardware: no value fits every set-up.',
    fields: VLLM_LEVEL_FIELDS,
  },
  {
    id: 'sla',
    title: 'Service levels',
    description: 'What customers were promised, and the metrics the service-level pages compute it from.',
    fields: [
      { path: 'sla.latencyPercentile', label: 'Latency percentile (0–1)', kind: 'number', description: 'Which percentile the latency target applies to: 0.95 = p95.' },
      { path: 'sla.latencyTargetSeconds', label: 'Latency target (s)', kind: 'number', description: 'The promised end-to-end latency at that percentile.' },
      { path: 'sla.availabilityObjective', label: 'Availability objective (0–1)', kind: 'number', description: 'Share of requests that must succeed: 0.999 = 99.9 %.' },
      { path: 'sla.windowDays', label: 'Rolling window (days)', kind: 'number', description: 'The window the error budget is counted over, usually 30.' },
      {
        path: 'sla.timeZone',
        label: 'Time zone of the calendar',
        kind: 'text',
        placeholder: 'Europe/Berlin',
        description: 'Months and days of the service levels and the monthly report start at midnight here (e.g. Europe/Berlin).',
      },
      { path: 'metrics.slaLatencyHistogram', label: 'Latency histogram (base name)', kind: 'text', description: 'Histogram of request latency without _bucket, e.g. vllm:e2e_request_latency_seconds.' },
      { path: 'metrics.slaSuccessCounter', label: 'Finished-requests counter', kind: 'text', description: 'Counter of finished requests by finished_reason, e.g. vllm:request_success_total.' },
      { path: 'metrics.slaHttpRequests', label: 'HTTP requests counter', kind: 'text', description: 'Counter of HTTP requests by status, e.g. http_requests_total.' },
      { path: 'metrics.mcpLatencyHistogram', label: 'MCP latency histogram (base name)', kind: 'text', description: 'The MCP server’s request-latency histogram without _bucket.' },
      { path: 'metrics.mcpRequestCounter', label: 'MCP request counter (with a status label)', kind: 'text', description: 'The MCP server’s request counter with a status label, e.g. http_requests_total (prometheus-fastapi-instrumentator).' },
    ],
  },
  {
    id: 'sli',
    title: 'Per-customer SLIs',
    description: 'Where each customer’s requests, failures and latency come from, and the recording rules that turn them into the tenant series the service-level pages read.',
    before: SliFields,
    customFields: SLI_FIELD_LABELS,
    fields: [],
  },
  {
    id: 'review',
    title: 'Alert-rule review',
    description: 'The creed the alert-rule review checks against: what an action looks like, how often to review, what may page.',
    fields: [
      { path: 'review.actionAnnotation', label: 'Action annotation', kind: 'text', width: 20, description: 'The annotation that says what to do when the alert fires, e.g. action.' },
      { path: 'review.intervalWeeks', label: 'Review interval (weeks)', kind: 'number', description: 'Rules not reviewed for longer are flagged stale (6–8 weeks is typical).' },
      { path: 'review.smsBudgetPerHour', label: 'SMS budget (pages per hour)', kind: 'number', description: 'The hard limit of phone pages per hour; the review flags rules that would exceed it.' },
      { path: 'review.phoneSeverities', label: 'Severities routed to the phone', kind: 'severities', placeholder: 'critical', description: 'Alerts with these severity labels page your phone by SMS.' },
      { path: 'review.emailSeverities', label: 'Severities routed to email', kind: 'severities', placeholder: 'warning', description: 'Alerts with these severity labels go to email, read when convenient.' },
    ],
  },
  {
    id: 'triage',
    title: 'Triage',
    description: 'How much of the journal triage reads and how it groups lines into templates.',
    fields: [
      { path: 'triage.maxLines', label: 'Max journal lines per triage', kind: 'number', description: 'Lines read from Loki per run; more lines, slower triage.' },
      { path: 'triage.similarity', label: 'Template similarity (0–1)', kind: 'number', description: 'How alike two lines must be to share a template (Drain); lower merges more.' },
      { path: 'triage.maxClusters', label: 'Max templates kept', kind: 'number', description: 'Templates kept in memory per run; the rarest go first.' },
    ],
  },
];

const RENDER: Record<Kind, React.ComponentType<FieldProps>> = {
  text: TextField,
  number: NumberField,
  list: ListField,
  severities: SeveritiesField,
};

/** One field from its spec. */
export function SpecField({ spec }: { spec: FieldSpec }) {
  const Render = RENDER[spec.kind];
  return <Render {...spec} />;
}

/** Field path → label and section, for the validation summary's links. */
export const FIELD_INDEX: Record<string, { label: string; section: string }> = Object.fromEntries(
  SECTIONS.flatMap((s) => [
    ...s.fields.map((f) => [f.path, { label: f.label, section: s.id }] as const),
    ...Object.entries(s.customFields ?? {}).map(([path, label]) => [path, { label, section: s.id }] as const),
  ])
);
