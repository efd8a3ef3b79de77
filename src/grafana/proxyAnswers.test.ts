import { failureFromStatus } from '../triage/vllmErrors';
import { grafanaProxyProblem } from './proxyAnswers';

// Grafana's own answers (docs/grafana-contract.md, "Proxy answers") as they reach the app: raw text from fetch,
// or a body BackendSrv already parsed and normalised.
describe('grafanaProxyProblem', () => {
  it.each([
    [404, '{"message":"plugin route match not found"}\n', 'route-missing'],
    [404, { message: 'Plugin not found, no installed plugin with that id' }, 'plugin-missing'],
    [403, { message: 'plugin proxy route access denied' }, 'forbidden'],
    [500, { message: 'Failed to fetch plugin settings', traceID: '' }, 'settings-missing'],
    [500, { message: 'Could not interpolate plugin route url', traceID: '' }, 'url-template'],
    [502, '', 'unreachable'],
    [502, { message: 'Bad Gateway', error: 'Bad Gateway', response: '' }, 'unreachable'],
    [504, '', 'timeout'],
  ])('%i %j → %s', (status, body, problem) => {
    expect(grafanaProxyProblem(status, body)).toBe(problem);
  });

  it.each([
    [404, '{"error":{"message":"The model `x` does not exist.","type":"NotFoundError"}}'],
    [404, '404 page not found'],
    [403, { message: 'Permission denied' }],
    [502, '<html>nginx: bad gateway</html>'],
    [401, '{"error":"Unauthorized"}'],
  ])('leaves upstream answers alone: %i %j', (status, body) => {
    expect(grafanaProxyProblem(status, body)).toBeUndefined();
  });
});

describe('failureFromStatus with Grafana in front', () => {
  const site = { configHint: 'the config page', keyHint: 'the key', timeoutSeconds: 5 };
  it('names the missing route only for calls through the plugin proxy', () => {
    const body = '{"message":"plugin route match not found"}';
    expect(failureFromStatus(404, body, { ...site, target: '/api/plugin-proxy/sovgrid-ops-app/vllm/v1/models' }).message).toMatch(
      /no vllm\/\* proxy route.*restart Grafana/
    );
    // The CLI talks to vLLM directly: the same status is vLLM's (or its reverse proxy's) own.
    expect(failureFromStatus(404, body, { ...site, target: 'http://spark-host:8000/v1/models' }).message).toMatch(/Nothing answered at/);
  });
});
