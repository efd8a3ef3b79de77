import React from 'react';
import { dateTimeFormat } from '@grafana/data';
import { type SceneComponentProps, sceneGraph, SceneObjectBase, type SceneObjectState } from '@grafana/scenes';
import { Alert, Card, Stack, Text } from '@grafana/ui';
import { grafanaHttp } from '../grafana/http';
import { describe, type HttpResult } from '../shared/http';
import { testIds } from '../testIds';
import { type Incident, INCIDENT_LIMIT, INCIDENT_TAG, incidentsUrl, parseIncidents } from './annotations';

type IncidentsState = SceneObjectState & {
  result: { status: 'loading' } | { status: 'ok'; incidents: Incident[] } | { status: 'error'; message: string };
};

/** Grafana annotations tagged `incident` in the page's time range: the incidents the operator already knows of. */
export class Incidents extends SceneObjectBase<IncidentsState> {
  static Component = IncidentsRenderer;

  /** Bumped by every load: an answer to an older one (the time range changed meanwhile) is dropped. */
  private generation = 0;
  private inFlight?: AbortController;

  constructor() {
    super({ result: { status: 'loading' } });
    this.addActivationHandler(() => {
      this.load();
      const sub = sceneGraph.getTimeRange(this).subscribeToState(() => this.load());
      return () => {
        sub.unsubscribe();
        this.generation++;
        this.inFlight?.abort();
      };
    });
  }

  async load() {
    const generation = ++this.generation;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const { value } = sceneGraph.getTimeRange(this).state;
    const res = await grafanaHttp({
      url: incidentsUrl(value.from.valueOf(), value.to.valueOf()),
      timeoutMs: 15_000,
      signal: controller.signal,
    });
    if (generation !== this.generation) {
      return;
    }
    this.setState({ result: incidentsResult(res) });
  }
}

/** An annotations answer as what the panel shows. */
function incidentsResult(res: HttpResult): IncidentsState['result'] {
  if (!res.ok) {
    return { status: 'error', message: describe(res.error, { what: 'The annotations API', advice: PERMISSION }) };
  }
  try {
    return { status: 'ok', incidents: parseIncidents(res.data) };
  } catch (e) {
    return { status: 'error', message: e instanceof Error ? e.message : 'unreadable answer' };
  }
}

const PERMISSION = {
  401: 'Annotations need the annotations:read permission.',
  403: 'Annotations need the annotations:read permission.',
};

function IncidentsRenderer({ model }: SceneComponentProps<Incidents>) {
  const { result } = model.useState();
  return (
    <div data-testid={testIds.overview.incidents}>
      <Stack direction="column" gap={1}>
        <Text element="h3" variant="h5">
          Known incidents (annotations tagged “{INCIDENT_TAG}”)
        </Text>
        {result.status === 'loading' && <Text color="secondary">Loading incidents…</Text>}
        {result.status === 'error' && (
          <Alert severity="warning" title="Incidents could not be read">
            {result.message}
          </Alert>
        )}
        {result.status === 'ok' && result.incidents.length === 0 && (
          <Text color="secondary">No incident recorded in this time range.</Text>
        )}
        {result.status === 'ok' && result.incidents.length >= INCIDENT_LIMIT && (
          <Text color="warning">Showing the newest {INCIDENT_LIMIT}; narrow the time range to see older ones.</Text>
        )}
        {result.status === 'ok' &&
          result.incidents.map((i) => (
            <Card key={i.id}>
              <Card.Heading>{i.text || '(no text)'}</Card.Heading>
              <Card.Meta>
                {[
                  i.timeEnd > i.time
                    ? `${dateTimeFormat(i.time)} – ${dateTimeFormat(i.timeEnd)}`
                    : dateTimeFormat(i.time),
                  i.login || 'unknown author',
                ]}
              </Card.Meta>
            </Card>
          ))}
      </Stack>
    </div>
  );
}
