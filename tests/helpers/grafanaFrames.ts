import { dataFrameFromJSON, FieldType, type DataFrame, type DataFrameJSON } from '@grafana/data';

/**
 * Frames as Grafana hands them to the app, for the data-source stand-ins (setRunRequest, /api/ds/query handlers).
 * Row "/api/ds/query frames" of docs/grafana-contract.md: Prometheus — grafana/grafana pkg/promlib/converter/prom.go
 * (one frame per series: Time + a labelled number field, meta.type "timeseries-multi", custom.resultType) and
 * pkg/promlib/querydata/response.go addMetadataToMultiFrame (time field interval, value field named after
 * `__name__` when present, displayNameFromDS for a custom legend); the browser decodes it with @grafana/data
 * dataFrameFromJSON (toDataQueryResponse) and the Prometheus frontend's transformV2 marks time series
 * preferredVisualisationType "graph". Loki logs — pkg/tsdb/loki/frame.go adjustLogsFrame: labels (JSON), Time,
 * Line, tsNs, id. Table-format and heatmap targets are not modelled.
 */
export interface SeriesOptions {
  /** Query step in ms (Fields[0].Config.Interval). */
  stepMs?: number;
  /** A custom legend already rendered for this series (DisplayNameFromDS); none for `__auto`. */
  displayName?: string;
  resultType?: 'matrix' | 'vector';
}

/** The JSON frame Grafana's backend sends for one Prometheus series. */
export function prometheusSeriesJSON(
  refId: string,
  labels: Record<string, string>,
  points: Array<[number, number]>,
  o: SeriesOptions = {}
): DataFrameJSON {
  const resultType = o.resultType ?? 'matrix';
  return {
    schema: {
      refId,
      meta: { type: resultType === 'matrix' ? 'timeseries-multi' : 'numeric-multi', typeVersion: [0, 1], custom: { resultType } } as never,
      fields: [
        { name: 'Time', type: FieldType.time, config: { interval: o.stepMs ?? 15_000 } },
        {
          name: labels.__name__ ?? 'Value',
          type: FieldType.number,
          labels,
          config: o.displayName ? { displayNameFromDS: o.displayName } : {},
        },
      ],
    },
    data: { values: [points.map((p) => p[0]), points.map((p) => p[1])] },
  };
}

/** One Prometheus series as a scenes query receives it (decoded, then transformV2 for a time_series target). */
export function prometheusSeries(refId: string, labels: Record<string, string>, points: Array<[number, number]>, o: SeriesOptions = {}): DataFrame {
  const frame = dataFrameFromJSON(prometheusSeriesJSON(refId, labels, points, o));
  return { ...frame, refId, meta: { ...frame.meta, preferredVisualisationType: 'graph' } };
}

/** A Loki logs frame as `/api/ds/query` returns it (newest first for direction=backward). */
export function lokiLogsJSON(refId: string, rows: Array<{ labels: Record<string, string>; timeMs: number; line: string }>): DataFrameJSON {
  const tsNs = rows.map((r) => `${r.timeMs}000000`);
  return {
    schema: {
      refId,
      meta: { typeVersion: [0, 0] } as never,
      fields: [
        { name: 'labels', type: FieldType.other },
        { name: 'Time', type: FieldType.time },
        { name: 'Line', type: FieldType.string },
        { name: 'tsNs', type: FieldType.string },
        { name: 'id', type: FieldType.string },
      ],
    },
    data: {
      values: [rows.map((r) => r.labels), rows.map((r) => r.timeMs), rows.map((r) => r.line), tsNs, tsNs.map((t, i) => `${t}_${i.toString(16)}`)],
    },
  };
}
