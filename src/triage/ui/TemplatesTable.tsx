import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, InteractiveTable, Stack, Text, useStyles2, type Column } from '@grafana/ui';
import type { TemplateFact } from '../facts';
import { testIds } from '../../testIds';
import { localTime } from './format';

const FIRST = 50;

/** What the variables of a template were, most frequent first (`api-0 ×3, worker-1 ×1`). */
function valuesText(t: TemplateFact): string {
  return t.values
    .filter((v) => v.values.length > 0)
    .slice(0, 2)
    .map((v) => v.values.slice(0, 3).map(([value, n]) => `${value} ×${n}`).join(', ') + (v.others > 0 ? ', …' : ''))
    .join('; ');
}

function Time({ iso }: { iso: string }) {
  const s = useStyles2(getStyles);
  const t = localTime(iso);
  return (
    <span className={s.time} title={t.utc}>
      {t.text}
    </span>
  );
}

/** Templates by count, with their lines' examples one click away and every template on request. */
export function TemplatesTable({ templates }: { templates: TemplateFact[] }) {
  const s = useStyles2(getStyles);
  const [all, setAll] = useState(false);
  const columns = useMemo<Array<Column<TemplateFact>>>(
    () => [
      { id: 'count', header: 'Count', cell: ({ row }) => <div className={s.num}>{row.original.count}</div> },
      { id: 'template', header: 'Template', cell: ({ row }) => <span className={s.template}>{row.original.template}</span> },
      { id: 'values', header: 'Values', cell: ({ row }) => valuesText(row.original) },
      { id: 'units', header: 'Units', cell: ({ row }) => row.original.units.join(', ') },
      { id: 'hosts', header: 'Hosts', cell: ({ row }) => row.original.hosts.join(', ') },
      { id: 'firstSeen', header: 'First seen', cell: ({ row }) => <Time iso={row.original.firstSeen} /> },
      { id: 'lastSeen', header: 'Last seen', cell: ({ row }) => <Time iso={row.original.lastSeen} /> },
    ],
    [s]
  );
  const shown = useMemo(() => (all ? templates : templates.slice(0, FIRST)), [all, templates]);
  const hidden = templates.length - shown.length;
  return (
    <div data-testid={testIds.triage.templates}>
      <Stack direction="column" gap={1}>
        <Text element="h3" variant="h5">{`Templates (${templates.length})`}</Text>
        <InteractiveTable
          columns={columns}
          data={shown}
          getRowId={(t: TemplateFact) => t.template}
          renderExpandedRow={(t) => (
            <div className={s.examples}>
              <Text color="secondary" variant="bodySmall">
                Example lines (redacted)
              </Text>
              <ul>
                {t.examples.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            </div>
          )}
        />
        {hidden > 0 && (
          <div>
            <Button variant="secondary" onClick={() => setAll(true)} data-testid={testIds.triage.showAll}>
              {`Show all ${templates.length} templates (${hidden} rarer ones)`}
            </Button>
          </div>
        )}
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  num: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
  template: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize, wordBreak: 'break-word' }),
  time: css({ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }),
  examples: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    ul: { margin: theme.spacing(0.5, 0, 0, 2) },
    li: { wordBreak: 'break-word' },
  }),
});
