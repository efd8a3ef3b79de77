import React from 'react';
import { Button, FilterInput, RadioButtonGroup, Stack, Text } from '@grafana/ui';
import { testIds } from '../../testIds';
import type { filterChoices, ReviewFilters } from '../filters';
import type { Severity } from '../types';
import { FiltersBar } from './FiltersBar';
import { SeverityBadge } from './SeverityBadge';
import type { RulesLayout } from './urlState';

interface Props {
  choices: ReturnType<typeof filterChoices>;
  filters: ReviewFilters;
  search: string;
  layout: RulesLayout;
  shown: number;
  total: number;
  worst: Severity | undefined;
  onFilters: (f: ReviewFilters) => void;
  onSearch: (q: string) => void;
  onLayout: (l: RulesLayout) => void;
  onExport: (format: 'md' | 'csv') => void;
}

const LAYOUTS: Array<{ label: string; value: RulesLayout; icon: 'folder' | 'list-ul'; description: string }> = [
  { label: 'Grouped', value: 'grouped', icon: 'folder', description: 'Data source › folder › group' },
  { label: 'List', value: 'flat', icon: 'list-ul', description: 'Every rule in one sortable table' },
];

/** Search, filters, layout and exports; then how many rules the filters let through and the worst of them. */
export function RulesToolbar(p: Props) {
  const filtered = p.search !== '' || Object.values(p.filters).some((v) => v !== undefined);
  return (
    <Stack direction="column" gap={1}>
      <Stack gap={1} wrap="wrap" alignItems="center">
        <div data-testid={testIds.rules.search}>
          <FilterInput
            width={48}
            value={p.search}
            onChange={p.onSearch}
            placeholder="Name or label, e.g. severity=critical"
            escapeRegex={false}
          />
        </div>
        <RadioButtonGroup options={LAYOUTS} value={p.layout} onChange={p.onLayout} aria-label="Layout" />
        <Stack gap={1}>
          <Button icon="download-alt" variant="secondary" data-testid={testIds.rules.exportMarkdown} onClick={() => p.onExport('md')} tooltip="The rules shown, as Markdown for the review notes">
            Markdown
          </Button>
          <Button icon="download-alt" variant="secondary" data-testid={testIds.rules.exportCsv} onClick={() => p.onExport('csv')} tooltip="The rules shown, as CSV">
            CSV
          </Button>
        </Stack>
      </Stack>
      <FiltersBar choices={p.choices} filters={p.filters} onChange={p.onFilters} />
      <Stack gap={1} alignItems="center" data-testid={testIds.rules.shownCount}>
        <Text color="secondary">{`${p.shown} of ${p.total} rules shown${filtered ? ' (filtered)' : ''}; worst:`}</Text>
        <SeverityBadge severity={p.worst} />
        {filtered && (
          <Button size="sm" variant="secondary" fill="text" icon="times" onClick={() => { p.onFilters({}); p.onSearch(''); }}>
            Clear filters
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
