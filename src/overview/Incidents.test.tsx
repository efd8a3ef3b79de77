import React from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneTimeRange } from '@grafana/scenes';
import { installBackendStandIn } from '../../tests/helpers/backendSrv';
import { testIds } from '../testIds';
import { Incidents } from './Incidents';

const incident = (id: number, text: string) => ({ id, time: 1_700_000_000_000 + id, text, tags: ['incident'], login: 'admin' });

function scene() {
  const incidents = new Incidents();
  const timeRange = new SceneTimeRange({ from: 'now-7d', to: 'now' });
  const s = new EmbeddedScene({ $timeRange: timeRange, body: new SceneFlexLayout({ children: [new SceneFlexItem({ body: incidents })] }) });
  return { s, timeRange };
}

describe('Incidents', () => {
  it('ignores a late answer: the slow request for the old range cannot overwrite the new range', async () => {
    const backend = installBackendStandIn();
    const release: Array<() => void> = [];
    backend.on('GET /api/annotations', (req) => {
      const oldRange = backend.requests.indexOf(req) === 0;
      const body = [incident(oldRange ? 1 : 2, oldRange ? 'answer for the old range' : 'answer for the new range')];
      // The first request (old range) answers only after the second: a slow server.
      return new Promise((resolve) => release.push(() => resolve({ status: 200, data: body })));
    });
    const { s, timeRange } = scene();
    render(<s.Component model={s} />);
    await waitFor(() => expect(backend.requests).toHaveLength(1));
    act(() => timeRange.setState({ from: 'now-1d', to: 'now' }));
    await waitFor(() => expect(backend.requests).toHaveLength(2));
    expect(backend.requests[0].abortSignal?.aborted).toBe(true);
    await act(async () => release[1]());
    await waitFor(() => expect(screen.getByTestId(testIds.overview.incidents)).toHaveTextContent('answer for the new range'));
    await act(async () => release[0]());
    expect(screen.getByTestId(testIds.overview.incidents)).toHaveTextContent('answer for the new range');
    expect(screen.getByTestId(testIds.overview.incidents)).not.toHaveTextContent('answer for the old range');
  });

  it('says what failed and what to do', async () => {
    const backend = installBackendStandIn();
    backend.on('GET /api/annotations', () => ({ status: 403, data: { message: 'Permission denied' } }));
    const { s } = scene();
    render(<s.Component model={s} />);
    expect(await screen.findByText(/The annotations API answered HTTP 403: Permission denied\. Annotations need the annotations:read permission\./)).toBeInTheDocument();
  });
});
