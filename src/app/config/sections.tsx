import React, { useContext, useState } from 'react';
import type { DataSourceInstanceSettings } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, FieldSet, RadioButtonGroup, TextArea } from '@grafana/ui';
import { getPath } from './draft';
import { FormContext, ListField, NumberField, TextField } from './fields';

function useFormContext() {
  const ctx = useContext(FormContext);
  if (!ctx) {
    throw new Error('sections must be rendered inside FormContext');
  }
  return ctx;
}

const MODES = [
  { label: 'Operator', value: 'operator', description: 'All pages: overview, service levels, alert rules, triage' },
  { label: 'Tenant', value: 'tenant', description: 'A customer org: its service levels only' },
];

export function ModeSection() {
  const { draft, set } = useFormContext();
  const chosen = getPath(draft, 'mode');
  // Nothing preselected until the org has a mode: guessing here would decide what the org sees.
  const mode = chosen === 'tenant' || chosen === 'operator' ? chosen : undefined;
  return (
    <FieldSet label="Organization">
      <Field label="Mode" description="Tenant mode shows only the Service levels page, scoped to the tenant below.">
        <RadioButtonGroup options={MODES} value={mode} onChange={(v) => set('mode', v)} />
      </Field>
      <TextField
        path="tenant.id"
        label="Tenant id"
        description="The tenant label value that scopes every service-level query of this org (required in tenant mode)."
        placeholder="acme"
      />
      <TextField path="tenant.name" label="Tenant display name" placeholder="Acme Corp" />
    </FieldSet>
  );
}

function DataSourceField({
  path,
  label,
  type,
  description = "Leave empty to use the org's default data source.",
}: {
  path: string;
  label: string;
  type: string;
  description?: string;
}) {
  const { draft, set, errors } = useFormContext();
  const uid = getPath(draft, path);
  return (
    <Field
      label={label}
      description={description}
      invalid={Boolean(errors[path])}
      error={errors[path]}
    >
      <DataSourcePicker
        type={type}
        current={typeof uid === 'string' && uid ? uid : null}
        noDefault
        width={40}
        onChange={(ds: DataSourceInstanceSettings) => set(path, ds.uid)}
        onClear={() => set(path, '')}
      />
    </Field>
  );
}

export function DataSection() {
  return (
    <FieldSet label="Data sources and labels">
      <DataSourceField path="datasources.prometheusUid" label="Prometheus" type="prometheus" />
      <DataSourceField path="datasources.lokiUid" label="Loki (journal logs)" type="loki" />
      <DataSourceField
        path="datasources.historyUid"
        label="History (VictoriaMetrics, optional)"
        type="prometheus"
        description="Long-term history: windows of 14 days or more, and anything older than Prometheus keeps, are read from it. In a customer org: that customer's own label-enforcing proxy. Empty: none, and the page says what it cannot show."
      />
      <TextField path="labels.tenant" label="Tenant label" width={20} />
      <TextField path="labels.host" label="Host label" width={20} />
      <TextField path="labels.unit" label="Systemd unit label (Loki)" width={20} />
      <TextField path="labels.level" label="Log level label (Loki)" width={20} />
    </FieldSet>
  );
}

export function JobsSection() {
  return (
    <FieldSet label="Scrape jobs">
      <TextField path="jobs.vllm" label="Inference server (vLLM/SGLang)" width={30} />
      <TextField path="jobs.nodeSpark" label="Inference host node_exporter" width={30} />
      <TextField path="jobs.nodeMgmt" label="Management host node_exporter" width={30} />
      <TextField path="jobs.nodeFloki" label="VPS node_exporter" width={30} />
      <TextField path="jobs.mcp" label="MCP server" width={30} />
      <TextField path="jobs.lightning" label="Lightning (lndmon)" width={30} />
      <TextField path="jobs.dcgm" label="GPU (dcgm-exporter)" width={30} />
      <TextField path="jobs.alertmanager" label="Alertmanager" width={30} />
      <ListField
        path="jobs.expected"
        label="Jobs expected to exist"
        description="A job missing from `up` is a blind spot: it never alerts. Coverage lists every job here."
      />
    </FieldSet>
  );
}

/** Per-model throughput thresholds edited as lines of `model red green`. */
function PerModelThresholds() {
  const { draft, set } = useFormContext();
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
      description='One model per line: "model_name red green" (tokens/s). Models not listed use the values above.'
      invalid={Boolean(error)}
      error={error}
    >
      <TextArea rows={3} value={text} onChange={(e) => onChange(e.currentTarget.value)} placeholder="qwen-32b 8 15" />
    </Field>
  );
}

export function ThresholdsSection() {
  return (
    <FieldSet label="Thresholds">
      <NumberField path="thresholds.throughputRed" label="Throughput red below (tokens/s)" />
      <NumberField path="thresholds.throughputGreen" label="Throughput green from (tokens/s)" />
      <PerModelThresholds />
      <NumberField
        path="thresholds.kvCacheCritical"
        label="KV-cache critical (0–1)"
        description="Latency spikes above it."
      />
      <NumberField path="thresholds.diskCritical" label="Disk used critical (0–1)" />
      <NumberField path="thresholds.lightningRebalanceSats" label="Lightning rebalancing threshold (sats)" />
    </FieldSet>
  );
}

export function SlaSection() {
  return (
    <FieldSet label="Service levels">
      <NumberField path="sla.latencyPercentile" label="Latency percentile (0–1)" description="0.95 = p95" />
      <NumberField path="sla.latencyTargetSeconds" label="Latency target (s)" />
      <NumberField path="sla.availabilityObjective" label="Availability objective (0–1)" description="0.999 = 99.9 %" />
      <NumberField path="sla.windowDays" label="Rolling window (days)" />
      <TextField
        path="sla.timeZone"
        label="Time zone of the calendar"
        description="Months and days of the service levels and the monthly report start at midnight here (e.g. Europe/Berlin)."
      />
      <TextField path="metrics.slaLatencyHistogram" label="Latency histogram (base name)" />
      <TextField path="metrics.slaSuccessCounter" label="Finished-requests counter" />
      <TextField path="metrics.slaHttpRequests" label="HTTP requests counter" />
      <TextField path="metrics.mcpLatencyHistogram" label="MCP latency histogram (base name)" />
      <TextField path="metrics.mcpRequestCounter" label="MCP request counter (with a status label)" />
    </FieldSet>
  );
}

export function ReviewSection() {
  return (
    <FieldSet label="Alert-rule review">
      <TextField path="review.actionAnnotation" label="Action annotation" width={20} />
      <NumberField path="review.intervalWeeks" label="Review interval (weeks)" />
      <NumberField path="review.smsBudgetPerHour" label="SMS budget (pages per hour)" />
      <ListField path="review.phoneSeverities" label="Severities routed to the phone" />
      <ListField path="review.emailSeverities" label="Severities routed to email" />
    </FieldSet>
  );
}

export function TriageSection() {
  return (
    <FieldSet label="Triage">
      <NumberField path="triage.maxLines" label="Max journal lines per triage" />
      <NumberField path="triage.similarity" label="Template similarity (0–1)" />
      <NumberField path="triage.maxClusters" label="Max templates kept" />
    </FieldSet>
  );
}
