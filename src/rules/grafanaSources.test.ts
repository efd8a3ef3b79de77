import type { HttpResult } from '../shared/http';
import { testRule } from './testRules';
import { explainFailure, grafanaQuerier, loadRuleSources, queriersByDatasource } from './grafanaSources';

describe('explainFailure', () => {
  it('says what to do for each kind of failure', () => {
    expect(explainFailure({ kind: 'http', status: 403, message: 'Forbidden', body: null })).toMatch(/alert.rules:read/);
    expect(explainFailure({ kind: 'http', status: 404, message: 'Not found', body: null })).toMatch(/no rules API/);
    expect(explainFailure({ kind: 'timeout', message: 'no answer within 30 s' })).toMatch(
      /^The data source \(through Grafana\) did not answer in time \(no answer within 30 s\)\. The data source may be overloaded/
    );
    expect(explainFailure({ kind: 'network', message: 'offline' })).toMatch(/^The data source \(through Grafana\) could not be reached \(offline\)\. Check that Grafana/);
  });
});

describe('grafanaQuerier', () => {
  it("goes through the data source proxy and passes Prometheus' own error on", async () => {
    const urls: string[] = [];
    const q = grafanaQuerier(async (url) => {
      urls.push(url);
      return {
        ok: false,
        error: {
          kind: 'http',
          status: 400,
          message: 'bad',
          body: { status: 'error', errorType: 'bad_data', error: 'parse error' },
        },
      };
    }, 'uid/with space');
    await expect(q.instant('up', 1)).rejects.toThrow('bad_data: parse error');
    expect(urls).toEqual(['/api/datasources/proxy/uid/uid%2Fwith%20space/api/v1/query']);
  });
  it('explains failures without a Prometheus body', async () => {
    const q = grafanaQuerier(async () => ({ ok: false, error: { kind: 'network', message: 'offline' } }), 'p');
    await expect(q.range('up', 0, 1, 1)).rejects.toThrow(/could not be reached \(offline\)/);
  });
});

describe('loadRuleSources', () => {
  it('keeps Grafana rules when only the ruler answers, with a caveat', async () => {
    const get = async (url: string): Promise<HttpResult> =>
      url.includes('ruler')
        ? {
            ok: true,
            status: 200,
            data: { Ops: [{ name: 'g', rules: [{ grafana_alert: { uid: 'u', title: 'T', data: [] } }] }] },
          }
        : { ok: false, error: { kind: 'http', status: 500, message: 'boom', body: null } };
    const [grafana] = await loadRuleSources(get, []);
    expect(grafana).toMatchObject({
      ok: true,
      message: expect.stringMatching(/status API failed .*health is unknown/),
    });
    expect(grafana.rules.map((r) => r.name)).toEqual(['T']);
  });
  it('turns a thrown error into that source failing alone', async () => {
    const get = async (url: string): Promise<HttpResult> => {
      if (url.includes('/p1/')) {
        throw new Error('kaput');
      }
      return { ok: true, status: 200, data: url.includes('ruler') ? {} : { status: 'success', data: { groups: [] } } };
    };
    const loads = await loadRuleSources(get, [
      { uid: 'p1', name: 'One', type: 'prometheus' },
      { uid: 'p2', name: 'Two', type: 'prometheus' },
    ]);
    expect(loads.map((l) => [l.source.label, l.ok, l.message])).toEqual([
      ['Grafana-managed', true, undefined],
      ['One', false, 'Unexpected error: kaput'],
      ['Two', true, undefined],
    ]);
  });
});

describe('queriersByDatasource', () => {
  it('uses the rule own data source, the query data source for Grafana rules, nothing for Loki', () => {
    const pick = queriersByDatasource(
      async () => ({ ok: true, status: 200, data: {} }),
      [
        { uid: 'p', name: 'P', type: 'prometheus' },
        { uid: 'l', name: 'L', type: 'loki' },
      ]
    );
    const fromP = pick(testRule({ source: { id: 'p', label: 'P', kind: 'prometheus' } }));
    expect(fromP).toBeDefined();
    expect(pick(testRule({ source: { id: 'grafana', label: 'G', kind: 'grafana' }, datasourceUid: 'p' }))).toBe(fromP);
    expect(pick(testRule({ source: { id: 'l', label: 'L', kind: 'prometheus' } }))).toBeUndefined();
    expect(pick(testRule())).toBeUndefined();
  });
});
