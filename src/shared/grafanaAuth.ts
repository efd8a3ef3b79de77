// Grafana credentials of the command lines (report, tenant): read from the environment and sent as one header.
// Pure: base64 through btoa over UTF-8 bytes, so a non-ASCII password encodes as Grafana's Go decoder expects.

export type GrafanaCredentials = { kind: 'token'; token: string } | { kind: 'basic'; user: string; password: string };

export interface GrafanaEnv {
  GRAFANA_TOKEN?: string;
  GRAFANA_USER?: string;
  GRAFANA_PASSWORD?: string;
}

/**
 * `GRAFANA_TOKEN` or `GRAFANA_USER` + `GRAFANA_PASSWORD`; `prefer` decides when both are set. The report prefers the
 * token (a service account of one org: the least it needs); tenant onboarding prefers the user, because creating
 * orgs needs a Grafana server admin and service accounts are always org-scoped.
 */
export function grafanaCredentialsFromEnv(env: GrafanaEnv, prefer: 'token' | 'basic'): GrafanaCredentials | undefined {
  const token: GrafanaCredentials | undefined = env.GRAFANA_TOKEN
    ? { kind: 'token', token: env.GRAFANA_TOKEN }
    : undefined;
  const basic: GrafanaCredentials | undefined =
    env.GRAFANA_USER && env.GRAFANA_PASSWORD
      ? { kind: 'basic', user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD }
      : undefined;
  return prefer === 'token' ? (token ?? basic) : (basic ?? token);
}

/** The `Authorization` header value: `Bearer <token>` or `Basic <base64 of user:password>` (RFC 7617, UTF-8). */
export function authorizationHeader(c: GrafanaCredentials): string {
  if (c.kind === 'token') {
    return `Bearer ${c.token}`;
  }
  const bytes = new TextEncoder().encode(`${c.user}:${c.password}`);
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return `Basic ${btoa(binary)}`;
}
