import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, ClipboardButton, Drawer, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { removalSummary } from '../conversation';
import type { NarrationOutcome, PreparedTriage } from '../pipeline';
import { promptText, type Prompt } from '../prompt';
import { totalRedactions } from '../redact';
import type { TriageRun } from '../TriageScene';
import { testIds } from '../../testIds';
import { FactsView } from './FactsView';
import { NarrativeView, narrativeText } from './NarrativeView';

function provenance(prepared: PreparedTriage, outcome: NarrationOutcome): string {
  const r = outcome.result;
  if (!r.ok) {
    return '';
  }
  const prompt = outcome.prompt;
  const tokens = `${r.promptTokens ?? prompt.estimatedTokens} prompt tokens${r.promptTokens ? '' : ' (estimated)'}`;
  const notes = r.notes.length ? ` ${r.notes.join('; ')}.` : '';
  return `Model ${r.model || outcome.model}, ${r.seconds.toFixed(1)} s, ${prepared.facts.lines} lines, ${prompt.included.templates} of ${prepared.facts.templates.length} templates, ${tokens}${r.structured ? '' : ', plain-text answer'}.${notes}`;
}

/** The model's words, in a panel of their own that says who wrote them and from what. */
function NarrativePanel({ prepared, outcome }: { prepared: PreparedTriage; outcome?: NarrationOutcome }) {
  const s = useStyles2(getStyles);
  const r = outcome?.result;
  const model = (r?.ok && r.model) || outcome?.model || 'your model';
  return (
    <section className={s.narrative} aria-label="Narrative">
      <Stack direction="column" gap={1}>
        <Stack gap={1} alignItems="center" wrap="wrap">
          <Badge text="Written by your model" color="purple" icon="ai" />
          <Text element="h3" variant="h5">
            {r?.ok ? `Written by ${model} from the facts below` : 'Narrative'}
          </Text>
        </Stack>
        {!r && prepared.facts.lines > 0 && <LoadingPlaceholder text="Asking your vLLM to narrate the facts…" />}
        {!r && prepared.facts.lines === 0 && <Text color="secondary">No lines, so nothing was sent to the model.</Text>}
        {r?.ok && outcome && (
          <>
            <NarrativeView narrative={r.narrative} />
            <div data-testid={testIds.triage.provenance}>
              <Text color="secondary">{provenance(prepared, outcome)}</Text>
            </div>
            <div>
              <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => narrativeText(r.narrative)}>
                Copy narrative
              </ClipboardButton>
            </div>
          </>
        )}
        {r && !r.ok && (
          <div data-testid={testIds.triage.error}>
            <Alert severity="error" title="No narrative: the facts below are complete without it">
              {r.error.message}
              {r.error.detail ? ` Server said: ${r.error.detail}` : ''}
            </Alert>
          </div>
        )}
      </Stack>
    </section>
  );
}

/** Exactly what left the browser: the redacted, fenced prompt, with what was removed before it was built. */
function SentPanel({ prepared, prompt }: { prepared: PreparedTriage; prompt: Prompt }) {
  const s = useStyles2(getStyles);
  const [open, setOpen] = useState(false);
  return (
    <section className={s.sent} aria-label="What was sent" data-testid={testIds.triage.sent}>
      <Stack direction="column" gap={1}>
        <Text element="h3" variant="h5">
          What was sent
        </Text>
        <Text color="secondary">{`${prompt.included.templates} of ${prepared.facts.templates.length} templates, about ${prompt.estimatedTokens} tokens, to your vLLM only.`}</Text>
        <div data-testid={testIds.triage.removed}>
          <Text color="secondary">{removalSummary(totalRedactions(prepared.redactions), prepared.conversations)}</Text>
        </div>
        <Stack gap={1} wrap="wrap">
          <Button variant="secondary" size="sm" icon="eye" onClick={() => setOpen(true)} data-testid={testIds.triage.showPrompt}>
            Show the prompt
          </Button>
          <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => promptText(prompt)}>
            Copy prompt
          </ClipboardButton>
        </Stack>
      </Stack>
      {open && (
        <Drawer title="What was sent" subtitle="The prompt exactly as it left the browser (secrets and conversations removed)" size="md" onClose={() => setOpen(false)}>
          <pre className={s.prompt} data-testid={testIds.triage.prompt}>
            {promptText(prompt)}
          </pre>
        </Drawer>
      )}
    </section>
  );
}

/** A triage run: the narrative and what was sent side by side, then the facts it was written from. */
export function TriageResult({ run }: { run: TriageRun }) {
  const s = useStyles2(getStyles);
  const { prepared, outcome } = run;
  const prompt = outcome?.prompt ?? prepared.prompt;
  return (
    <div data-testid={testIds.triage.drawer} aria-label={`Triage of ${run.source}`}>
      <Stack direction="column" gap={2}>
        <Text color="secondary">{`Source: ${run.source}`}</Text>
        <div className={s.top}>
          <NarrativePanel prepared={prepared} outcome={outcome} />
          <SentPanel prepared={prepared} prompt={prompt} />
        </div>
        <FactsView facts={prepared.facts} lines={run.lines} redactions={prepared.redactions} problems={run.problems} conversations={prepared.conversations} />
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  top: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)',
    gap: theme.spacing(2),
    [theme.breakpoints.down('lg')]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  }),
  narrative: css({
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.medium}`,
    borderLeft: `4px solid ${theme.visualization.getColorByName('purple')}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
  }),
  sent: css({
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
  }),
  prompt: css({
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontSize: theme.typography.bodySmall.fontSize,
    background: theme.colors.background.secondary,
    padding: theme.spacing(1),
  }),
});
