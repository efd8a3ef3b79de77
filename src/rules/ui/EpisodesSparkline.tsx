import React from 'react';
import { FieldColorModeId, FieldType, type Field } from '@grafana/data';
import { GraphDrawStyle } from '@grafana/schema';
import { Sparkline, Stack, Text, useTheme2 } from '@grafana/ui';
import type { NoiseEstimate } from '../noise/types';
import { episodesPerDay } from './view';

/** Firing episodes per day over the last 7 days, as bars, with the total beside them. */
export function EpisodesSparkline({ estimate }: { estimate: NoiseEstimate }) {
  const theme = useTheme2();
  const perDay = episodesPerDay(estimate);
  const max = Math.max(1, ...perDay);
  const y: Field = {
    name: 'episodes per day',
    type: FieldType.number,
    values: perDay,
    config: {
      color: { mode: FieldColorModeId.Fixed, fixedColor: theme.colors.warning.main },
      custom: { drawStyle: GraphDrawStyle.Bars, fillOpacity: 80, lineWidth: 1 },
    },
    state: { range: { min: 0, max, delta: max } },
  };
  return (
    <Stack gap={1} alignItems="center">
      <span title={`Episodes per day, oldest first: ${perDay.join(', ')}`}>
        <Sparkline theme={theme} width={70} height={20} sparkline={{ y }} />
      </span>
      <Text variant="bodySmall">{String(estimate.episodes)}</Text>
    </Stack>
  );
}
