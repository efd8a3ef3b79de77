import React from 'react';
import { arrayToDataFrame, DataTopic, LoadingState } from '@grafana/data';
import {
  sceneGraph,
  SceneDataLayerBase,
  SceneObjectBase,
  type SceneComponentProps,
  type SceneDataLayerProviderState,
  type SceneObjectState,
} from '@grafana/scenes';
import { Alert, LoadingPlaceholder, Stack, Text } from '@grafana/ui';
import { testIds } from '../testIds';
import { loadTenantIncidents, type TenantIncidents } from './tenantIncidentsFetch';

interface ListState extends SceneObjectState {
  tenantId: string;
  result?: TenantIncidents;
}

/** The incidents list of the operator's tenant preview: what the customer's org shows, or why it cannot be shown. */
export class TenantIncidentsList extends SceneObjectBase<ListState> {
  static Component = TenantIncidentsListRenderer;
}

function TenantIncidentsListRenderer({ model }: SceneComponentProps<TenantIncidentsList>) {
  const { result, tenantId } = model.useState();
  if (!result) {
    return <LoadingPlaceholder text={`Reading the incidents ${tenantId} sees…`} />;
  }
  if (!result.ok) {
    return (
      <div data-testid={testIds.sla.incidentsPreview}>
        <Alert severity="warning" title="The customer's incidents cannot be previewed">
          {`${result.reason}. The operator org's own annotations are not shown in their place.`}
        </Alert>
      </div>
    );
  }
  return (
    <div data-testid={testIds.sla.incidentsPreview}>
      <Stack direction="column" gap={1}>
        <Text variant="h5">{`Incidents, as "${result.orgName}" sees them`}</Text>
        {result.incidents.length === 0 ? (
          <Text color="secondary">No customer-visible incidents in this time range.</Text>
        ) : (
          result.incidents.map((i) => (
            <Text
              key={`${i.id}-${i.time}`}
            >{`${new Date(i.time).toISOString().slice(0, 16).replace('T', ' ')} UTC — ${i.text}`}</Text>
          ))
        )}
      </Stack>
    </div>
  );
}

interface LayerState extends SceneDataLayerProviderState {
  tenantId: string;
  tags: string[];
}

/**
 * Operator mode's incident layer: annotations read from the tenant's own org (not the operator's), drawn on every
 * time series of the preview, and handed to the incidents list.
 */
export class TenantIncidentsLayer extends SceneDataLayerBase<LayerState> {
  private generation = 0;

  constructor(
    state: LayerState,
    private readonly list: TenantIncidentsList
  ) {
    super(state);
  }

  onEnable() {
    const sub = sceneGraph.getTimeRange(this).subscribeToState(() => this.runLayer());
    this.querySub = sub;
  }

  onDisable() {
    this.querySub?.unsubscribe();
  }

  protected runLayer() {
    const generation = ++this.generation;
    const range = sceneGraph.getTimeRange(this).state.value;
    loadTenantIncidents(this.state.tenantId, this.state.tags, range.from.valueOf(), range.to.valueOf()).then(
      (result) => {
        if (generation !== this.generation) {
          return;
        }
        this.list.setState({ result });
        const events = result.ok
          ? result.incidents.map((i) => ({
              time: i.time,
              timeEnd: i.timeEnd,
              isRegion: i.timeEnd !== i.time,
              text: i.text,
              tags: i.tags,
              color: 'red',
            }))
          : [];
        const frame = arrayToDataFrame(events);
        frame.meta = { ...frame.meta, dataTopic: DataTopic.Annotations };
        this.publishResults({ state: LoadingState.Done, series: [frame], timeRange: range });
      }
    );
  }
}
