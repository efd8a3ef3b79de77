import { DEFAULT_VIEW, fromUrl, toUrl, type RulesViewState } from './urlState';

describe('rules page URL state', () => {
  it('writes nothing for the default view, and every change otherwise', () => {
    expect(Object.values(toUrl(DEFAULT_VIEW)).filter((v) => v !== undefined)).toEqual([]);
    const v: RulesViewState = {
      filters: { check: 'action/vague', severity: 'bug', source: 'prom1', folder: 'Ops' },
      search: 'severity=critical',
      layout: 'flat',
      sort: 'name',
      desc: false,
      selected: 'prom1#0/2',
    };
    const url = toUrl(v);
    expect(url).toEqual({ check: 'action/vague', severity: 'bug', source: 'prom1', folder: 'Ops', q: 'severity=critical', layout: 'flat', sort: 'name', order: 'asc', rule: 'prom1#0/2' });
    expect(fromUrl(DEFAULT_VIEW, url)).toEqual(v);
  });

  it('changes only the keys the URL changed; a removed key (null) goes back to the default', () => {
    const start: RulesViewState = { ...DEFAULT_VIEW, search: 'disk', layout: 'flat' };
    expect(fromUrl(start, { layout: null })).toEqual({ ...start, layout: 'grouped' });
    expect(fromUrl(start, { q: null }).search).toBe('');
  });

  it('ignores values it does not know and cuts overlong ones', () => {
    const next = fromUrl(DEFAULT_VIEW, { check: 'rm -rf', severity: 'huge', layout: 'sideways', sort: 'random', q: 'x'.repeat(1000) });
    expect(next).toMatchObject({ filters: { check: undefined, severity: undefined }, layout: 'grouped', sort: 'worst' });
    expect(next.search).toHaveLength(300);
  });
});
