import React, { useMemo } from 'react';
import {
  applyFieldOverrides,
  dateTime,
  FieldColorModeId,
  FieldType,
  type DataFrame,
  type TimeRange,
} from '@grafana/data';
import { GraphDrawStyle, LegendDisplayMode, StackingMode } from '@grafana/schema';
import { Stack, Text, TimeSeries, useTheme2 } from '@grafana/ui';
import { useWidth } from '../../app/useWidth';
import { testIds } from '../../testIds';
import type { LogLine } from '../types';
import { templateTimeline } from './timeline';

const CHARTED = 6;
const FIELD_CONFIG = {
  color: { mode: FieldColorModeId.PaletteClassic },
  custom: {
    drawStyle: GraphDrawStyle.Bars,
    fillOpacity: 85,
    lineWidth: 1,
    stacking: { mode: StackingMode.Normal, group: 'A' },
    axisSoftMin: 0,
  },
  min: 0,
  decimals: 0,
};
const HEIGHT = 220;
const short = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}…` : t);

/** Lines per time bucket, stacked by the most frequent templates, so bursts and their template stand out. */
export function TemplateTimeline({ lines, templates }: { lines: LogLine[]; templates: string[] }) {
  const theme = useTheme2();
  const [ref, width] = useWidth<HTMLDivElement>(800);
  const timeline = useMemo(() => templateTimeline(lines, templates.slice(0, CHARTED)), [lines, templates]);
  const frames = useMemo(() => {
    if (!timeline) {
      return [];
    }
    const series = [...timeline.series.filter((x) => x.counts.some(Boolean)).map((x) => ({ name: short(x.name), counts: x.counts }))];
    if (timeline.other.some(Boolean)) {
      series.push({ name: 'other templates', counts: timeline.other });
    }
    const frame: DataFrame = {
      name: 'lines by template',
      length: timeline.times.length,
      fields: [
        { name: 'time', type: FieldType.time, values: timeline.times, config: {} },
        ...series.map((x) => ({ name: x.name, type: FieldType.number, values: x.counts, config: { ...FIELD_CONFIG, displayName: x.name } })),
      ],
    };
    // Field config set on the fields themselves (no panel registry here); overrides add display processors and colours.
    return applyFieldOverrides({
      data: [frame],
      fieldConfig: { defaults: {}, overrides: [] },
      theme,
      replaceVariables: (v) => v,
      timeZone: 'browser',
    });
  }, [timeline, theme]);
  if (!timeline || frames.length === 0) {
    return null;
  }
  const range: TimeRange = {
    from: dateTime(timeline.times[0]),
    to: dateTime(timeline.times[timeline.times.length - 1] + timeline.bucketMs),
    raw: { from: dateTime(timeline.times[0]), to: dateTime(timeline.times[timeline.times.length - 1] + timeline.bucketMs) },
  };
  return (
    <section aria-label="Lines by template over time" data-testid={testIds.triage.timeline}>
      <Stack direction="column" gap={1}>
        <Text element="h3" variant="h5">
          {`Lines by template (per ${Math.round(timeline.bucketMs / 60_000) >= 60 ? `${Math.round(timeline.bucketMs / 3_600_000)} h` : `${Math.round(timeline.bucketMs / 60_000)} min`})`}
        </Text>
        <div ref={ref}>
          <TimeSeries
            frames={frames}
            width={width}
            height={HEIGHT}
            timeRange={range}
            timeZone="browser"
            legend={{ showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] }}
          />
        </div>
      </Stack>
    </section>
  );
}
