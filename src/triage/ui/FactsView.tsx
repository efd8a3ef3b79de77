import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Stack, Text, useStyles2 } from '@grafana/ui';
import type { ConversationCounts } from '../conversation';
import type { Facts } from '../facts';
import { nothingToNarrate } from '../pipeline';
import { totalRedactions, type RedactionCounts } from '../redact';
import { PRIORITY_NAMES, type LogLine } from '../types';
import { testIds } from '../../testIds';
import { humanMinutes, localTime } from './format';
import { TemplatesTable } from './TemplatesTable';
import { TemplateTimeline } from './TemplateTimeline';

function ranked(m: Record<string, number>): Array<[string, number]> {
  return Object.entries(m).sort((a, b) => b[1] - a[1]);
}

function counts(m: Record<string, number>): string {
  return ranked(m)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The most severe priority present, as journald names it ("err"), or "none". */
function worstPriority(by: Record<string, number>): string {
  return PRIORITY_NAMES.find((p) => by[p]) ?? (Object.keys(by)[0] || 'none');
}

/** A stat tile: a title, the headline number, and the top entries with right-aligned counts. */
function Tile({ title, value, rows }: { title: string; value: string; rows?: Array<[string, number]> }) {
  const s = useStyles2(getStyles);
  const top = rows?.slice(0, 4) ?? [];
  const rest = (rows?.length ?? 0) - top.length;
  return (
    <section className={s.tile} aria-label={title}>
      <Text color="secondary" variant="bodySmall">
        {title}
      </Text>
      <Text element="p" variant="h3">
        {value}
      </Text>
      {top.length > 0 && (
        <table className={s.tileTable}>
          <tbody>
            {top.map(([k, v]) => (
              <tr key={k}>
                <td className={s.name} title={k}>
                  {k}
                </td>
                <td className={s.num}>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rest > 0 && <Text color="secondary" variant="bodySmall">{`and ${rest} more`}</Text>}
    </section>
  );
}

/** The deterministic findings: always shown, before and regardless of the model. All text renders as text nodes. */
export function FactsView({
  facts,
  lines,
  redactions,
  problems,
  conversations,
}: {
  facts: Facts;
  lines: LogLine[];
  redactions: RedactionCounts;
  problems: string[];
  conversations?: ConversationCounts;
}) {
  const s = useStyles2(getStyles);
  const redacted = totalRedactions(redactions);
  const from = facts.window ? localTime(facts.window.from) : undefined;
  const to = facts.window ? localTime(facts.window.to) : undefined;
  return (
    <div data-testid={testIds.triage.facts}>
      <Stack direction="column" gap={2}>
        <Stack gap={1} alignItems="baseline" wrap="wrap">
          <Text element="h3" variant="h4">
            Facts
          </Text>
          <Text color="secondary">computed in code from the journal lines; the narrative above is written from them</Text>
        </Stack>
        {facts.lines === 0 && (
          <Alert severity="info" title="No error lines">
            {(facts.read.lines > 0 &&
              nothingToNarrate(facts, 3, 'export or query them at a wider priority (the command line takes --max-priority {p})')) ||
              'Nothing was found for this selection. Widen the time range or pick other hosts or units.'}
          </Alert>
        )}
        {problems.length > 0 && (
          <Alert severity="warning" title={`${problems.length} input problem(s)`}>
            {problems.slice(0, 5).join('; ')}
            {problems.length > 5 ? `; and ${problems.length - 5} more` : ''}
          </Alert>
        )}
        <div className={s.tiles} data-testid={testIds.triage.tiles}>
          <Tile title="Lines" value={String(facts.lines)} rows={[['templates', facts.templates.length]]} />
          <Tile title="By priority" value={worstPriority(facts.byPriority)} rows={ranked(facts.byPriority)} />
          <Tile title="Top units" value={plural(Object.keys(facts.byUnit).length, 'unit')} rows={ranked(facts.byUnit)} />
          <Tile title="Top hosts" value={plural(Object.keys(facts.byHost).length, 'host')} rows={ranked(facts.byHost)} />
        </div>
        {from && to && (
          <Text color="secondary">
            <span title={`${from.utc} – ${to.utc}`}>{`From ${from.text} to ${to.text} (your time zone).`}</span>
          </Text>
        )}
        {facts.firstError && (
          <Text element="p">
            <span title={localTime(facts.firstError.time).utc}>{`First error ${localTime(facts.firstError.time).text}`}</span>
            {` on ${facts.firstError.host}, ${facts.firstError.unit}: ${facts.firstError.message}`}
          </Text>
        )}
        {facts.bursts.slice(0, 3).map((b) => (
          <Text element="p" key={`${b.template}${b.at}`} color="warning">
            <span title={localTime(b.at).utc}>{`Burst at ${localTime(b.at).text}: `}</span>
            {`"${b.template}" came back after ${humanMinutes(b.quietMinutes)} quiet (${b.count} lines).`}
          </Text>
        ))}
        <TemplateTimeline lines={lines} templates={facts.templates.map((t) => t.template)} />
        {facts.notes.map((n) => (
          <Text element="p" key={n} color="secondary">
            {n}
          </Text>
        ))}
        {redacted > 0 && <Text element="p" color="secondary">{`${redacted} secret(s) redacted: ${counts(redactions)}.`}</Text>}
        {conversations && conversations.lines > 0 && (
          <Text element="p" color="secondary">{`${conversations.lines} line(s) carried customers' conversation content (${conversations.chars} chars): removed before analysis, by server: ${counts(conversations.byServer)}.`}</Text>
        )}
        {facts.templates.length > 0 && <TemplatesTable templates={facts.templates} />}
        {facts.other.lines > 0 && (
          <Text color="secondary">{`Other: ${facts.other.templates} templates with ${facts.other.lines} lines, counted but not listed (the template memory is a bound, not a filter).`}</Text>
        )}
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tiles: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: theme.spacing(2) }),
  tile: css({
    padding: theme.spacing(1.5, 2),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
    p: { margin: 0 },
  }),
  tileTable: css({ width: '100%', borderCollapse: 'collapse', fontSize: theme.typography.bodySmall.fontSize, td: { padding: theme.spacing(0.25, 0) } }),
  name: css({ maxWidth: 0, width: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  num: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums', paddingLeft: theme.spacing(1), whiteSpace: 'nowrap' }),
});
