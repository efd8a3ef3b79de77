import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Stack, Text, useStyles2 } from '@grafana/ui';
import type { ConversationCounts } from '../conversation';
import type { Facts, TemplateFact } from '../facts';
import { nothingToNarrate } from '../pipeline';
import { totalRedactions, type RedactionCounts } from '../redact';
import { testIds } from '../../testIds';

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  template: css({ fontFamily: theme.typography.fontFamilyMonospace, wordBreak: 'break-word' }),
  num: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
});

function counts(m: Record<string, number>): string {
  return Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** What the variables of a template were, most frequent first (`api-0 ×3, worker-1 ×1`). */
function valuesText(t: TemplateFact): string {
  return t.values
    .filter((v) => v.values.length > 0)
    .slice(0, 2)
    .map(
      (v) =>
        v.values
          .slice(0, 3)
          .map(([value, n]) => `${value} ×${n}`)
          .join(', ') + (v.others > 0 ? ', …' : '')
    )
    .join('; ');
}

/** The deterministic findings: always shown, before and regardless of the model. All text renders as text nodes. */
export function FactsView({
  facts,
  redactions,
  problems,
  conversations,
}: {
  facts: Facts;
  redactions: RedactionCounts;
  problems: string[];
  conversations?: ConversationCounts;
}) {
  const s = useStyles2(getStyles);
  const redacted = totalRedactions(redactions);
  return (
    <div data-testid={testIds.triage.facts}>
      <Stack direction="column" gap={1}>
        {facts.lines === 0 && (
          <Alert severity="info" title="No error lines">
            {facts.read.lines > 0
              ? nothingToNarrate(
                  facts,
                  3,
                  'export or query them at a wider priority (the command line takes --max-priority {p})'
                )
              : 'Nothing was found for this selection. Widen the time range or pick other hosts or units.'}
          </Alert>
        )}
        {problems.length > 0 && (
          <Alert severity="warning" title={`${problems.length} input problem(s)`}>
            {problems.slice(0, 5).join('; ')}
            {problems.length > 5 ? `; and ${problems.length - 5} more` : ''}
          </Alert>
        )}
        <Text element="p">
          {`${facts.lines} lines${facts.window ? ` from ${facts.window.from} to ${facts.window.to}` : ''}. By priority: ${counts(facts.byPriority) || 'none'}. By unit: ${counts(facts.byUnit) || 'none'}. By host: ${counts(facts.byHost) || 'none'}.`}
        </Text>
        {facts.firstError && (
          <Text element="p">{`First error: ${facts.firstError.time} ${facts.firstError.host} ${facts.firstError.unit}: ${facts.firstError.message}`}</Text>
        )}
        {facts.bursts.slice(0, 3).map((b) => (
          <Text element="p" key={`${b.template}${b.at}`} color="warning">
            {`Burst: "${b.template}" came back at ${b.at} after ${b.quietMinutes} quiet minutes (${b.count} lines).`}
          </Text>
        ))}
        {facts.notes.map((n) => (
          <Text element="p" key={n} color="secondary">
            {n}
          </Text>
        ))}
        {redacted > 0 && (
          <Text element="p" color="secondary">{`${redacted} secret(s) redacted: ${counts(redactions)}.`}</Text>
        )}
        {conversations && conversations.lines > 0 && (
          <Text
            element="p"
            color="secondary"
          >{`${conversations.lines} line(s) carried customers' conversation content (${conversations.chars} chars): removed before analysis, by server: ${counts(conversations.byServer)}.`}</Text>
        )}
        {facts.templates.length > 0 && (
          <table className={s.table}>
            <thead>
              <tr>
                <th className={s.num}>Count</th>
                <th>Template</th>
                <th>Values</th>
                <th>Units</th>
                <th>Hosts</th>
                <th>First seen</th>
                <th>Last seen</th>
              </tr>
            </thead>
            <tbody>
              {facts.templates.slice(0, 50).map((t) => (
                <tr key={t.template} title={t.examples.join('\n')}>
                  <td className={s.num}>{t.count}</td>
                  <td className={s.template}>{t.template}</td>
                  <td>{valuesText(t)}</td>
                  <td>{t.units.join(', ')}</td>
                  <td>{t.hosts.join(', ')}</td>
                  <td>{t.firstSeen}</td>
                  <td>{t.lastSeen}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {facts.templates.length > 50 && (
          <Text color="secondary">{`${facts.templates.length - 50} rarer templates not listed.`}</Text>
        )}
        {facts.other.lines > 0 && (
          <Text color="secondary">{`Other: ${facts.other.templates} templates with ${facts.other.lines} lines, counted but not listed (the template memory is a bound, not a filter).`}</Text>
        )}
      </Stack>
    </div>
  );
}
