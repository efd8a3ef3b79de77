import { of, throwError } from 'rxjs';
import { setBackendSrv, type BackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';
import { defaultSettings } from '../../settings';
import { fetchLokiLines } from './lokiSource';
import { fetchErrorOf } from '../../../tests/helpers/backendSrv';
import { lokiLogsJSON } from '../../../tests/helpers/grafanaFrames';

// A stand-in for Grafana's backend service only: the request body is checked; the answers follow
// docs/grafana-contract.md rows "/api/ds/query frames" (Loki logs frame) and "BackendSrv.fetch" (errors).
function grafana(answer: () => ReturnType<BackendSrv['fetch']>) {
  const calls: BackendSrvRequest[] = [];
  setBackendSrv({ fetch: (req: BackendSrvRequest) => (calls.push(req), answer()) } as unknown as BackendSrv);
  return calls;
}

const settings = () => {
  const s = defaultSettings();
  s.datasources.lokiUid = 'loki-uid';
  s.labels.host = 'hostname';
  s.triage.maxLines = 2;
  return s;
};
const labels = { hostname: 'spark-host', unit: 'vllm.service', level: 'error' };
const frame = lokiLogsJSON('A', [
  { labels, timeMs: 2000, line: 'b failed' },
  { labels, timeMs: 1000, line: 'a failed' },
]);

describe('fetchLokiLines', () => {
  it('posts the LogQL query to /api/ds/query with the line cap and range, and flags truncation', async () => {
    const calls = grafana(() => of({ status: 200, data: { results: { A: { frames: [frame] } } } } as unknown as FetchResponse));
    const r = await fetchLokiLines(settings(), { hosts: ['spark-host'], units: ['vllm.service'], from: 1000, to: 5000 });
    expect(calls[0]).toMatchObject({
      url: '/api/ds/query',
      method: 'POST',
      showErrorAlert: false,
      data: {
        from: '1000',
        to: '5000',
        queries: [{ refId: 'A', datasource: { type: 'loki', uid: 'loki-uid' }, queryType: 'range', maxLines: 2, direction: 'backward', expr: expect.stringContaining('hostname="spark-host"') }],
      },
    });
    expect(r).toMatchObject({ ok: true, truncatedAt: 2, lines: [{ message: 'b failed', host: 'spark-host', priority: 3 }, { message: 'a failed' }] });
  });

  it('says what to do without a Loki data source, and when Loki rejects the query', async () => {
    const none = await fetchLokiLines(defaultSettings(), { hosts: [], units: [], from: 0, to: 1 });
    expect(none).toEqual({ ok: false, message: expect.stringMatching(/No Loki data source.*paste journalctl -o json/) });
    grafana(() => of({ status: 200, data: { results: { A: { error: 'parse error at line 1, col 9' } } } } as unknown as FetchResponse));
    const bad = await fetchLokiLines(settings(), { hosts: [], units: [], from: 0, to: 1 });
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/Loki rejected the query: parse error.*label names/) });
    // A data source proxy error as BackendSrv hands it on: an empty 502 body becomes {message: statusText, ...}.
    grafana(() => throwError(() => fetchErrorOf(502, '', { url: '/api/ds/query' })));
    const down = await fetchLokiLines(settings(), { hosts: [], units: [], from: 0, to: 1 });
    expect(down).toEqual({ ok: false, message: expect.stringMatching(/The Loki query \(through Grafana\) answered HTTP 502: Bad Gateway\. Check the Loki data source/) });
  });
});
