import { isolationQuery, judgeIsolation, parseGroups, parseLabelValues } from './isolation';

const vector = (groups: Array<Record<string, string>>) => ({
  status: 'success',
  data: { resultType: 'vector', result: groups.map((metric, i) => ({ metric, value: [1, String(i + 3)] })) },
});

describe('isolation verdict', () => {
  it('the query counts series per tenant label over the last hour', () => {
    expect(isolationQuery('customer')).toBe('count by (customer) (last_over_time({__name__=~".+"}[1h]))');
  });

  it('only this tenant: isolated, with the series count', () => {
    const groups = parseGroups(vector([{ tenant: 'acme' }]), 'tenant');
    expect(groups).toEqual([{ value: 'acme', count: 3 }]);
    expect(judgeIsolation(groups as never, ['acme'], 'tenant', 'acme')).toEqual({ verdict: 'isolated', series: 3 });
  });

  it('another tenant, unlabelled series or foreign label values: a leak, each named', () => {
    const groups = parseGroups(vector([{ tenant: 'acme' }, { tenant: 'globex' }, {}]), 'tenant');
    expect(judgeIsolation(groups as never, ['acme', 'globex'], 'tenant', 'acme')).toEqual({
      verdict: 'leak',
      seen: ['4 series with tenant="globex"', '5 series without a tenant label', 'label values API lists tenant="globex"'],
    });
    expect(judgeIsolation([{ value: 'acme', count: 1 }], ['initech'], 'tenant', 'acme').verdict).toBe('leak');
  });

  it('nothing returned proves nothing', () => {
    expect(judgeIsolation([], [], 'tenant', 'acme')).toEqual({ verdict: 'empty' });
  });

  it('error answers and malformed bodies are reported, not judged', () => {
    expect(parseGroups({ status: 'error', error: 'query timed out' }, 'tenant')).toBe('the query failed: query timed out');
    expect(parseGroups('<html>', 'tenant')).toBe('the query failed: not a Prometheus query answer');
    expect(parseGroups({ status: 'success', data: { result: [{ metric: 1 }] } }, 'tenant')).toBe('the query answer has a malformed series');
    expect(parseLabelValues({ status: 'success', data: ['acme', 3] })).toEqual(['acme']);
    expect(parseLabelValues({ status: 'error', error: 'nope' })).toBe('the label values request failed: nope');
  });
});
