import { defaultSettings } from '../../settings';
import { fetchLokiLines } from './lokiSource';
import { installBackendStandIn, type Answer } from '../../../tests/helpers/backendSrv';
import { lokiLogsJSON } from '../../../tests/helpers/grafanaFrames';

// Grafana's backend service stood in (tests/helpers/backendSrv.ts): the request body is checked; the answers follow
// docs/grafana-contract.md rows "/api/ds/query frames" (Loki logs frame) and "BackendSrv.fetch" (errors).
function grafana(answer: Answer) {
  const backend = installBackendStandIn();
  backend.on('POST /api/ds/query', () => answer);
  return backend.requests;
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
    const calls = grafana({ status: 200, data: { results: { A: { frames: [frame] } } } });
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
    grafana({ status: 200, data: { results: { A: { error: 'parse error at line 1, col 9' } } } });
    const bad = await fetchLokiLines(settings(), { hosts: [], units: [], from: 0, to: 1 });
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/Loki rejected the query: parse error.*label names/) });
    // A data source proxy error as BackendSrv hands it on: an empty 502 body becomes {message: statusText, ...}.
    grafana({ status: 502, text: '', contentType: 'text/plain' });
    const down = await fetchLokiLines(settings(), { hosts: [], units: [], from: 0, to: 1 });
    expect(down).toEqual({ ok: false, message: expect.stringMatching(/The Loki query \(through Grafana\) answered HTTP 502: Bad Gateway\. Check the Loki data source/) });
  });
});
