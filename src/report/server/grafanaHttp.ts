import { authorizationHeader, grafanaCredentialsFromEnv, type GrafanaCredentials } from '../../shared/grafanaAuth';
import type { Http } from '../../shared/http';

export type GrafanaAuth = GrafanaCredentials;

/** Grafana credentials from the environment: a service account token (preferred), or a user and password. */
export function grafanaAuthFromEnv(env: NodeJS.ProcessEnv): GrafanaAuth | undefined {
  return grafanaCredentialsFromEnv(env, 'token');
}

/**
 * An `Http` that reaches Grafana's API at `base` as the command line's user: its credentials, and the org chosen with
 * `X-Grafana-Org-Id` (Grafana's `orgIDFromRequest`; a service account token is bound to its own org anyway).
 * Relative URLs (`/api/…`) are resolved against `base`; redirects are refused (credentials are sent).
 */
export function grafanaAuthHttp(http: Http, base: string, auth: GrafanaAuth, org?: number): Http {
  const authorization = authorizationHeader(auth);
  return (req) =>
    http({
      ...req,
      url: req.url.startsWith('/') ? `${base}${req.url}` : req.url,
      headers: {
        ...req.headers,
        Authorization: authorization,
        ...(org !== undefined ? { 'X-Grafana-Org-Id': String(org) } : {}),
      },
      redirect: 'refuse',
    });
}
