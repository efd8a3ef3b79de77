import pluginJson from '../plugin.json';
import { ROUTES } from '../constants';
import { PAGE_ACCESS, pageRefusal, roleIncludes } from './access';

describe('page access', () => {
  it('asks for the same role as plugin.json includes[].role for each page', () => {
    const declared = Object.fromEntries(pluginJson.includes.map((i) => [i.path.replace('/a/%PLUGIN_ID%/', ''), i.role]));
    expect(Object.fromEntries(Object.entries(PAGE_ACCESS).map(([slug, a]) => [slug, a.role]))).toEqual(declared);
  });

  it('ranks roles as Grafana does: None < Viewer < Editor < Admin, unknown below all', () => {
    expect(['Admin', 'Editor', 'Viewer', 'None', '', 'viewer'].map((r) => roleIncludes(r, 'Viewer'))).toEqual([true, true, true, false, false, false]);
    expect(['Admin', 'Editor', 'Viewer'].map((r) => roleIncludes(r, 'Editor'))).toEqual([true, true, false]);
    expect(roleIncludes(undefined, 'None')).toBe(false);
  });

  it('checks the org mode before the role', () => {
    expect(pageRefusal(ROUTES.Overview, 'tenant', 'Admin')).toEqual({ reason: 'mode' });
    expect(pageRefusal(ROUTES.Overview, 'tenant', 'Viewer')).toEqual({ reason: 'mode' });
    expect(pageRefusal(ROUTES.Overview, 'operator', 'Viewer')).toEqual({ reason: 'role', need: 'Editor', have: 'Viewer' });
    expect(pageRefusal(ROUTES.Sla, 'tenant', 'Viewer')).toBeUndefined();
    expect(pageRefusal(ROUTES.Sla, 'tenant', undefined)).toEqual({ reason: 'role', need: 'Viewer', have: 'no role' });
    expect(pageRefusal(ROUTES.Triage, 'operator', 'Editor')).toBeUndefined();
  });
});
