import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Stack, Text, useStyles2 } from '@grafana/ui';
import type { Narrative } from '../vllm';
import { testIds } from '../../testIds';

/**
 * The model's answer as plain text only: React text nodes, never HTML or Markdown rendering, so links, images
 * and tags in the answer stay inert characters (facts.md §3: rendered Markdown can leak data via image URLs).
 */
export function NarrativeView({ narrative }: { narrative: Narrative }) {
  const s = useStyles2(getStyles);
  return (
    <div data-testid={testIds.triage.narrative}>
      <Stack direction="column" gap={1}>
        <Text element="p">{narrative.summary}</Text>
        {narrative.likely_cause && <Text element="p">{`Likely cause: ${narrative.likely_cause}`}</Text>}
        {narrative.next_steps.length > 0 && (
          <ol className={s.steps} aria-label="Next steps">
            {narrative.next_steps.map((step, i) => (
              <li key={i}>
                <Text>{step}</Text>
              </li>
            ))}
          </ol>
        )}
      </Stack>
    </div>
  );
}

/** The narrative as text for the clipboard. */
export function narrativeText(n: Narrative): string {
  return [
    n.summary,
    n.likely_cause ? `Likely cause: ${n.likely_cause}` : '',
    ...n.next_steps.map((s, i) => `${i + 1}. ${s}`),
  ]
    .filter(Boolean)
    .join('\n');
}

const getStyles = (theme: GrafanaTheme2) => ({
  steps: css({ margin: 0, paddingLeft: theme.spacing(3), li: { marginBottom: theme.spacing(0.5) } }),
});
