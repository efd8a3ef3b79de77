import type { Http } from '../../shared/http';

export type GrafanaAuth = { kind: 'token'; token: string } | { kind: 'basic'; user: string; password: string };

/** Grafana credentials from the environment: a service account token, or a user and password. */
export function grafanaAuthFromEnv(env: NodeJS.ProcessEnv): GrafanaAuth | undefined {
  if (env.GRAFANA_TOKEN) {
    return { kind: 'token', token: env.GRAFANA_TOKEN };
  }
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) {
    return { kind: 'basic', user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD };
  }
  return undefined;
}

/**
 * An `Http` that reaches Grafana's API at `base` as the command line's user: its credentials, and the org chosen with
 * `X-Grafana-Org-Id` (Grafana's `orgIDFromRequest`; a service account token is bound to its own org anyway).
 * Relative URLs (`/api/…`) are resolved against `base`; redirects are refused (credentials are sent).
 */
export function grafanaAuthHttp(http: Http, base: string, auth: GrafanaAuth, org?: number): Http {
  const authorization =
    auth.kind === 'token'
      ? `Bearer ${auth.token}`
      : `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
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
