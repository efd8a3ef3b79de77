import React, { useCallback, useMemo } from 'react';
import { Button, InteractiveTable, Text, Tooltip, type Column } from '@grafana/ui';
import { testIds } from '../../testIds';
import type { NoiseEstimate } from '../noise/types';
import { EpisodesSparkline } from './EpisodesSparkline';
import { FindingChips, SeverityBadge } from './SeverityBadge';
import { isSortKey, ruleLocation, type ShownRule, type SortKey } from './view';

interface Row {
  id: string;
  shown: ShownRule;
}

interface Props {
  shown: ShownRule[];
  noise?: Map<string, NoiseEstimate>;
  onOpen: (key: string) => void;
  /** Flat layout: sortable headers, location and source columns, pages of 50. */
  flat?: { sort: SortKey; desc: boolean; onSort: (sort: SortKey, desc: boolean) => void; showSource: boolean };
}

// Sorting happens in the scene (fetchData), so the header only needs to be marked sortable.
const SORTABLE = 'basic' as const;

function columnsFor(p: Props): Array<Column<Row>> {
  const sortType = p.flat ? SORTABLE : undefined;
  const cols: Array<Column<Row>> = [
    {
      id: 'name',
      header: 'Rule',
      sortType,
      cell: ({ row }) => (
        <Button
          size="sm"
          variant="primary"
          fill="text"
          data-testid={testIds.rules.details}
          aria-label={`Details of ${row.original.shown.review.rule.name}`}
          onClick={() => p.onOpen(row.original.id)}
        >
          {row.original.shown.review.rule.name}
        </Button>
      ),
    },
    { id: 'worst', header: 'Worst', sortType, sortDescFirst: true, cell: ({ row }) => <SeverityBadge severity={row.original.shown.worst} /> },
    { id: 'findings', header: 'Findings', sortType, sortDescFirst: true, cell: ({ row }) => <FindingChips findings={row.original.shown.findings} /> },
  ];
  if (p.noise && p.noise.size > 0) {
    cols.push({
      id: 'episodes',
      header: 'Fired (7 days)',
      sortType,
      sortDescFirst: true,
      cell: ({ row }) => {
        const est = p.noise?.get(row.original.id);
        if (!est || est.error) {
          return <Text color="secondary">—</Text>;
        }
        return est.episodes > 0 ? <EpisodesSparkline estimate={est} /> : <Text color="secondary">0</Text>;
      },
    });
  }
  if (p.flat) {
    cols.push({
      id: 'location',
      header: 'Location',
      sortType,
      cell: ({ row }) => {
        const loc = ruleLocation(row.original.shown.review);
        return (
          <Tooltip content={loc.full}>
            <span tabIndex={0}>
              <Text variant="bodySmall" color="secondary">
                {loc.short}
              </Text>
            </span>
          </Tooltip>
        );
      },
    });
  }
  if (p.flat?.showSource) {
    cols.push({ id: 'source', header: 'Source', cell: ({ row }) => row.original.shown.review.rule.source.label });
  }
  return cols;
}

/** One row per rule: name (opens the details), worst severity, findings as chips, firing history, location. */
export function RulesTable(p: Props) {
  const { shown, noise, onOpen, flat } = p;
  const columns = useMemo(() => columnsFor({ shown, noise, onOpen, flat }), [shown, noise, onOpen, flat]);
  const data = useMemo(() => shown.map((s) => ({ id: s.review.rule.key, shown: s })), [shown]);
  const initialSortBy = useMemo(() => (flat ? [{ id: flat.sort, desc: flat.desc }] : []), [flat]);
  const onSort = flat?.onSort;
  const fetchData = useCallback(
    ({ sortBy }: { sortBy: Array<{ id: string; desc?: boolean }> }) => {
      const s = sortBy[0];
      if (onSort && s && isSortKey(s.id)) {
        onSort(s.id, Boolean(s.desc));
      }
    },
    [onSort]
  );
  return (
    <div data-testid={testIds.rules.table}>
      <InteractiveTable
        columns={columns}
        data={data}
        getRowId={(r: Row) => r.id}
        pageSize={50}
        initialSortBy={initialSortBy}
        disableSortRemove
        fetchData={flat ? fetchData : undefined}
      />
    </div>
  );
}
