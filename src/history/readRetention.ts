import { describe, type Http } from '../shared/http';
import { retentionFromFlags, retentionFromRuntimeInfo, storageRetentionOf, type Retention } from './retention';

/**
 * Prometheus' retention from its status API under `base` (Prometheus itself, or Grafana's data source proxy path):
 * `/api/v1/status/runtimeinfo`, else `/api/v1/status/flags`. A label proxy that does not pass these through
 * (prom-label-proxy without `-unsafe-passthrough-paths`, a vmauth route list) makes it unknown, with the reason.
 */
export async function readRetention(http: Http, base: string, what = `Prometheus at ${base}`): Promise<Retention> {
  const runtime = await http({ url: `${base}/api/v1/status/runtimeinfo`, timeoutMs: 15_000 });
  if (runtime.ok && storageRetentionOf(runtime.data) !== undefined) {
    return retentionFromRuntimeInfo(runtime.data);
  }
  const flags = await http({ url: `${base}/api/v1/status/flags`, timeoutMs: 15_000 });
  if (flags.ok) {
    return retentionFromFlags(flags.data);
  }
  const failure = runtime.ok ? flags.error : runtime.error;
  const unreachable = failure.kind === 'network' || failure.kind === 'timeout';
  return { kind: 'unknown', why: describe(failure, { what: `${what} (status API)` }), unreachable };
}
