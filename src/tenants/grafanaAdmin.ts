/**
 * A small typed client for the Grafana HTTP API endpoints tenant onboarding needs, for Node (the CLI), not the
 * browser. Every failure becomes a `GrafanaApiError` whose message says what to do.
 */
import { fetchHttp } from '../shared/fetchHttp';
import { authorizationHeader, type GrafanaCredentials } from '../shared/grafanaAuth';
import { describe, serverMessage, type Http } from '../shared/http';

export type Credentials = GrafanaCredentials;

export type ApiErrorKind = 'network' | 'auth' | 'forbidden' | 'not-found' | 'conflict' | 'http' | 'bad-response';

export class GrafanaApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number
  ) {
    super(message);
    this.name = 'GrafanaApiError';
  }
}

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Runs the call in this org (`X-Grafana-Org-Id`), for org-scoped endpoints. */
  orgId?: number;
  body?: unknown;
}

export class GrafanaAdmin {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly creds: Credentials,
    private readonly timeoutMs = 15_000,
    private readonly http: Http = fetchHttp()
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private authHeader(): string {
    return authorizationHeader(this.creds);
  }

  /** Sends one call; resolves with status and parsed body for 2xx and 404/409 (callers branch on those). */
  async call(c: ApiCall): Promise<{ status: number; body: unknown }> {
    const res = await this.request(c);
    if ((res.status >= 200 && res.status < 300) || res.status === 404 || res.status === 409) {
      return res;
    }
    throw this.failure(c, res.status, res.body);
  }

  /** Sends one call and resolves with whatever status came back; only an unreachable Grafana throws. */
  async request(c: ApiCall): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { Authorization: this.authHeader() };
    if (c.orgId !== undefined) {
      headers['X-Grafana-Org-Id'] = String(c.orgId);
    }
    // Credentials go along, so a redirect is reported, not followed (src/shared/http.ts).
    const r = await this.http({ url: `${this.baseUrl}${c.path}`, method: c.method, headers, body: c.body, timeoutMs: this.timeoutMs });
    if (r.ok) {
      return { status: r.status, body: r.data };
    }
    if (r.error.kind === 'http') {
      return { status: r.error.status, body: r.error.body };
    }
    const advice = { network: 'Is it running? Set --grafana or GRAFANA_URL.', redirect: 'Set --grafana or GRAFANA_URL to the address Grafana answers on.' };
    throw new GrafanaApiError('network', describe(r.error, { what: `Grafana at ${this.baseUrl}`, advice }));
  }

  private failure(c: ApiCall, status: number, body: unknown): GrafanaApiError {
    const msg = serverMessage(body) ?? `HTTP ${status}`;
    if (status === 401) {
      return new GrafanaApiError(
        'auth',
        `Grafana rejected the credentials (401: ${msg}). Check GRAFANA_USER and GRAFANA_PASSWORD (or GRAFANA_TOKEN).`,
        401
      );
    }
    if (status === 403) {
      return new GrafanaApiError(
        'forbidden',
        `Grafana refused ${c.method} ${c.path} (403: ${msg}). Tenant onboarding needs a Grafana server admin with basic auth; service account tokens cannot create organizations.`,
        403
      );
    }
    return new GrafanaApiError('http', `${c.method} ${c.path} failed (${status}: ${msg})`, status);
  }
}

/** Narrowing helpers for tenant onboarding's untrusted JSON, beyond src/shared/narrow.ts: required values. */
export function num(v: unknown, what: string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new GrafanaApiError('bad-response', `Grafana answered without a valid ${what}`);
  }
  return n;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
