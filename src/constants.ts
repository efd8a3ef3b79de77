import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

/** Route slugs, relative as scenes' `routePath` needs them. */
export const ROUTES = {
  Overview: 'overview',
  Sla: 'sla',
  Rules: 'rules',
  Triage: 'triage',
} as const;

export type RouteSlug = (typeof ROUTES)[keyof typeof ROUTES];

/** First segment of the plugin.json proxy route to the operator's vLLM. */
export const VLLM_ROUTE = 'vllm';
/**
 * The route's `path` in plugin.json. Grafana matches app routes with its router tree, where only a trailing `*`
 * takes the rest of the path and forwards it (docs/grafana-contract.md, "Proxy route matching").
 */
export const VLLM_ROUTE_PATH = `${VLLM_ROUTE}/*`;
/** Browser-side base URL of that route; Grafana adds the Authorization header server-side. */
export const VLLM_PROXY_BASE = `/api/plugin-proxy/${PLUGIN_ID}/${VLLM_ROUTE}`;

/** Absolute URL of an app page. */
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}
