// Grafana's data source service and query runner as scene tests meet them (with backendSrv.ts for HTTP and
// render.tsx for layout and URL sync). Each follows docs/grafana-contract.md, not what a test would find convenient.
import { of } from 'rxjs';
import { LoadingState, type DataFrame, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import { setDataSourceSrv, setRunRequest, type DataSourceSrv } from '@grafana/runtime';

export interface StandInDataSource {
  uid: string;
  type: string;
  name?: string;
  /** What the data source instance offers beyond its identity (e.g. `metricFindQuery` for variables). */
  api?: Record<string, unknown>;
}

interface Ref {
  uid?: string;
  type?: string;
}

/**
 * Grafana's data source service over a fixed list; the first entry is the org default. Contract row 13
 * (datasource_srv.ts `getInstanceSettings` → `lookup`): a ref with a uid (or a name) finds that data source; a
 * type-only ref resolves by type, then falls back to the default; no ref is the org default, of whatever type.
 */
export function installDataSources(list: StandInDataSource[]): void {
  const settings = list.map(
    (d) =>
      ({ uid: d.uid, type: d.type, name: d.name ?? d.uid, meta: { id: d.type } }) as unknown as DataSourceInstanceSettings
  );
  const lookup = (ref?: Ref | string | null): DataSourceInstanceSettings | undefined => {
    if (ref === undefined || ref === null) {
      return settings[0];
    }
    if (typeof ref === 'string') {
      return settings.find((s) => s.uid === ref || s.name === ref);
    }
    if (ref.uid) {
      return settings.find((s) => s.uid === ref.uid || s.name === ref.uid);
    }
    return settings.find((s) => s.type === ref.type) ?? settings[0];
  };
  setDataSourceSrv({
    getInstanceSettings: lookup,
    get: async (ref?: Ref | string | null) => {
      const s = lookup(ref);
      if (!s) {
        throw new Error(`Datasource ${JSON.stringify(ref)} was not found`);
      }
      const api = list.find((d) => d.uid === s.uid)?.api ?? {};
      return { ...s, getRef: () => ({ uid: s.uid, type: s.type }), ...api };
    },
    getList: () => settings,
    reload: async () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as unknown as DataSourceSrv);
}

/**
 * Scenes' query runner path (`getRunRequest`): every request is recorded and answered with the frames `answer`
 * gives, or with Grafana's error state when it throws (what a failed /api/ds/query turns into).
 */
export function installRunRequest<Q>(answer: (request: DataQueryRequest<Q & { refId: string }>) => DataFrame[]) {
  const requests: Array<DataQueryRequest<Q & { refId: string }>> = [];
  setRunRequest((_ds, req) => {
    const request = req as DataQueryRequest<Q & { refId: string }>;
    requests.push(request);
    try {
      return of({ state: LoadingState.Done, series: answer(request), timeRange: req.range, request: req });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return of({ state: LoadingState.Error, series: [], errors: [{ message }], timeRange: req.range, request: req });
    }
  });
  return requests;
}
