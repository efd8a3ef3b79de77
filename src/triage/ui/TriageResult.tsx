import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ClipboardButton, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { removalSummary } from '../conversation';
import type { NarrationOutcome, PreparedTriage } from '../pipeline';
import { promptText } from '../prompt';
import { totalRedactions } from '../redact';
import { testIds } from '../../testIds';
import { FactsView } from './FactsView';
import { NarrativeView, narrativeText } from './NarrativeView';

export interface TriageResultProps {
  prepared: PreparedTriage;
  problems: string[];
  /** Asks the model; must not throw (failures are results). */
  narrate: () => Promise<NarrationOutcome>;
}

const getStyles = (theme: GrafanaTheme2) => ({
  prompt: css({
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    maxHeight: 400,
    overflow: 'auto',
    fontSize: theme.typography.bodySmall.fontSize,
    background: theme.colors.background.secondary,
    padding: theme.spacing(1),
  }),
  section: css({ marginTop: theme.spacing(2) }),
});

/** Drawer body: facts at once, then the narrative (or what went wrong), provenance and the exact prompt sent. */
export function TriageResult({ prepared, problems, narrate }: TriageResultProps) {
  const s = useStyles2(getStyles);
  const [outcome, setOutcome] = useState<NarrationOutcome | undefined>();
  const [showPrompt, setShowPrompt] = useState(false);
  useEffect(() => {
    // Each run mounts a fresh TriageResult (keyed by the caller), so there is no old outcome to clear here.
    let live = true;
    if (prepared.facts.lines === 0) {
      return;
    }
    narrate().then((o) => live && setOutcome(o));
    return () => {
      live = false;
    };
  }, [narrate, prepared]);
  const prompt = outcome?.prompt ?? prepared.prompt;
  const r = outcome?.result;
  return (
    <Stack direction="column" gap={2}>
      <section>
        <Text element="h4">Narrative</Text>
        {!r && prepared.facts.lines > 0 && <LoadingPlaceholder text="Asking your vLLM to narrate the facts…" />}
        {!r && prepared.facts.lines === 0 && <Text color="secondary">No lines, so nothing was sent to the model.</Text>}
        {r?.ok && (
          <>
            <NarrativeView narrative={r.narrative} />
            <div data-testid={testIds.triage.provenance}>
              <Text color="secondary" variant="bodySmall">
                {`Model ${r.model || outcome?.model}, ${r.seconds.toFixed(1)} s, ${prepared.facts.lines} lines, ${prompt.included.templates} of ${prepared.facts.templates.length} templates, ${r.promptTokens ?? prompt.estimatedTokens} prompt tokens${r.promptTokens ? '' : ' (estimated)'}${r.structured ? '' : ', plain-text answer'}.${r.notes.length ? ` ${r.notes.join('; ')}.` : ''}`}
              </Text>
            </div>
            <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => narrativeText(r.narrative)}>
              Copy narrative
            </ClipboardButton>
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
      </section>
      <section>
        <Text element="h4">Facts</Text>
        <FactsView
          facts={prepared.facts}
          redactions={prepared.redactions}
          problems={problems}
          conversations={prepared.conversations}
        />
      </section>
      <section>
        <Stack direction="row" gap={1}>
          <Button
            variant="secondary"
            size="sm"
            icon={showPrompt ? 'angle-down' : 'angle-right'}
            onClick={() => setShowPrompt(!showPrompt)}
            data-testid={testIds.triage.showPrompt}
          >
            What was sent
          </Button>
          <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => promptText(prompt)}>
            Copy prompt
          </ClipboardButton>
        </Stack>
        <div data-testid={testIds.triage.removed}>
          <Text color="secondary" variant="bodySmall">
            {removalSummary(totalRedactions(prepared.redactions), prepared.conversations)}
          </Text>
        </div>
        {showPrompt && (
          <pre className={s.prompt} data-testid={testIds.triage.prompt}>
            {promptText(prompt)}
          </pre>
        )}
      </section>
    </Stack>
  );
}
