import React from 'react';
import { VizOrientation, type DisplayValue } from '@grafana/data';
import { BarGauge, BarGaugeDisplayMode, useTheme2 } from '@grafana/ui';
import { BarGaugeNamePlacement, BarGaugeValueMode } from '@grafana/schema';
import { LEVEL_BADGE, severityLevel } from '../../app/severity';
import { testIds } from '../../testIds';
import { worstOf, type CheckId, type Severity } from '../types';
import { checkTitle } from './checkTitles';
import { useWidth } from '../../app/useWidth';

interface Props {
  rows: Array<{ check: CheckId; bySeverity: Partial<Record<Severity, number>>; total: number }>;
  onPick: (check: CheckId) => void;
}

const ROW_HEIGHT = 26;

/** Findings per check as horizontal bars in the colour of the check's worst severity; a bar filters by its check. */
export function FindingsChart({ rows, onPick }: Props) {
  const theme = useTheme2();
  const [ref, width] = useWidth<HTMLDivElement>(420);
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <div ref={ref} data-testid={testIds.rules.chart} role="list" aria-label="Findings by check">
      {rows.map((r) => {
        const worst = worstOf(Object.keys(r.bySeverity) as Severity[]);
        const color = theme.visualization.getColorByName(LEVEL_BADGE[severityLevel(worst ?? 'info')]);
        const value: DisplayValue = { numeric: r.total, text: String(r.total), title: checkTitle(r.check), color };
        return (
          <div role="listitem" key={r.check} title={`${r.check}: ${r.total} finding(s); click to show only these`}>
            <BarGauge
              theme={theme}
              width={width}
              height={ROW_HEIGHT}
              value={value}
              field={{ min: 0, max }}
              orientation={VizOrientation.Horizontal}
              displayMode={BarGaugeDisplayMode.Basic}
              valueDisplayMode={BarGaugeValueMode.Text}
              namePlacement={BarGaugeNamePlacement.Left}
              text={{ titleSize: 12, valueSize: 12 }}
              itemSpacing={2}
              onClick={() => onPick(r.check)}
            />
          </div>
        );
      })}
    </div>
  );
}
