/**
 * A small typed client for the Grafana HTTP API endpoints tenant onboarding needs, for Node (the CLI), not the
 * browser. Every failure becomes a `GrafanaApiError` whose message says what to do.
 */

export type Credentials = { kind: 'basic'; user: string; password: string } | { kind: 'token'; token: string };

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

/** Message of a Grafana error body (`{"message": …}`), if any. */
function messageOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return undefined;
}

export class GrafanaAdmin {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly creds: Credentials,
    private readonly timeoutMs = 15_000
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private authHeader(): string {
    return this.creds.kind === 'basic'
      ? `Basic ${Buffer.from(`${this.creds.user}:${this.creds.password}`).toString('base64')}`
      : `Bearer ${this.creds.token}`;
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
    const headers: Record<string, string> = { Authorization: this.authHeader(), Accept: 'application/json' };
    if (c.orgId !== undefined) {
      headers['X-Grafana-Org-Id'] = String(c.orgId);
    }
    if (c.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${c.path}`, {
        method: c.method,
        headers,
        body: c.body === undefined ? undefined : JSON.stringify(c.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
      throw new GrafanaApiError(
        'network',
        `cannot reach Grafana at ${this.baseUrl} (${why}). Is it running? Set --grafana or GRAFANA_URL.`
      );
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      // Not JSON (a proxy's HTML error page): keep the text for the message.
    }
    return { status: res.status, body };
  }

  private failure(c: ApiCall, status: number, body: unknown): GrafanaApiError {
    const msg = messageOf(body) ?? (typeof body === 'string' ? body.slice(0, 200) : `HTTP ${status}`);
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

/** Narrowing helpers for untrusted JSON. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

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
