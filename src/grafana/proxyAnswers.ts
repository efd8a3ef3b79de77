// Grafana's own answers on /api/plugin-proxy/<id>/..., told apart from what vLLM answered through the route
// (docs/grafana-contract.md, row "Proxy answers": pkg/api/plugin_proxy.go, pkg/api/pluginproxy/pluginproxy.go,
// pkg/util/proxyutil/reverse_proxy.go). Pure: no Grafana imports.
import { isObj, parseJson, str } from '../shared/narrow';

export type GrafanaProxyProblem =
  | 'route-missing'
  | 'plugin-missing'
  | 'forbidden'
  | 'settings-missing'
  | 'url-template'
  | 'unreachable'
  | 'timeout';

function messageIn(body: unknown): string | undefined {
  const b = typeof body === 'string' ? parseJson(body) : body;
  return isObj(b) ? str(b.message) : undefined;
}

/** The proxy's error handler writes only a status: an empty body (or BackendSrv's wrapping of one). */
function isEmpty(body: unknown): boolean {
  if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) {
    return true;
  }
  return isObj(body) && body.response === '';
}

const BY_MESSAGE: Array<[number, string, GrafanaProxyProblem]> = [
  [404, 'plugin route match not found', 'route-missing'],
  [404, 'Plugin not found, no installed plugin with that id', 'plugin-missing'],
  [403, 'plugin proxy route access denied', 'forbidden'],
  [500, 'Failed to fetch plugin settings', 'settings-missing'],
  [500, 'Could not interpolate plugin route url', 'url-template'],
  [500, 'Failed to render plugin headers', 'url-template'],
];

/** Which of Grafana's own proxy answers this is, or undefined when the answer came from upstream. */
export function grafanaProxyProblem(status: number, body: unknown): GrafanaProxyProblem | undefined {
  const message = messageIn(body);
  const known = BY_MESSAGE.find(([s, m]) => s === status && m === message);
  if (known) {
    return known[2];
  }
  if ((status === 502 || status === 504) && isEmpty(body)) {
    return status === 502 ? 'unreachable' : 'timeout';
  }
  return undefined;
}

/** What the operator reads for each, and what to do. */
export const PROXY_PROBLEM_TEXT: Record<GrafanaProxyProblem, { title: string; message: string }> = {
  'route-missing': {
    title: 'Grafana has no route for this request',
    message:
      'Grafana answered 404 "plugin route match not found": the plugin.json it loaded has no vllm/* proxy route. Install this version of the app and restart Grafana, which reads plugin.json only at start-up.',
  },
  'plugin-missing': {
    title: 'The app is not installed in this Grafana',
    message: 'Grafana does not know the sovgrid-ops-app plugin. Install it, allow it if unsigned, and restart Grafana.',
  },
  forbidden: {
    title: 'Your role cannot use the vLLM route',
    message: 'Grafana refused the vLLM proxy route (403): it needs the Editor role in this organization. Ask an org admin.',
  },
  'settings-missing': {
    title: 'The app is not set up in this organization',
    message: 'Grafana has no saved settings for the app in this organization. Save the configuration page first.',
  },
  'url-template': {
    title: 'Grafana could not build the vLLM request',
    message: 'Grafana could not fill the vLLM URL or key from the saved settings (500). Enter the vLLM URL again and save.',
  },
  unreachable: {
    title: 'vLLM unreachable from Grafana',
    message:
      'Grafana could not reach the vLLM URL (502). Check that the URL is saved, that vLLM is running, and that the Grafana server (not only your browser) can reach it.',
  },
  timeout: {
    title: 'Grafana timed out connecting to vLLM',
    message: 'Grafana could not connect to the vLLM URL in time (504). Check the host and port, and any firewall in between.',
  },
};
