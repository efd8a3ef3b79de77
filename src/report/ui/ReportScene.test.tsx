import { CustomVariable, EmbeddedScene, SceneVariableSet } from '@grafana/scenes';
import { defaultSettings, type AppSettings } from '../../settings';
import type { ReportDeps } from './deps';
import { ReportScene } from './ReportScene';

const deps = {} as ReportDeps; // never called: these tests stop at the tenant resolution
const tenant: AppSettings = { ...defaultSettings(), mode: 'tenant', tenant: { id: 'acme', name: 'Acme Corp' } };

function mount(settings: AppSettings, picked?: string) {
  const body = new ReportScene({ settings, deps });
  const scene = new EmbeddedScene({
    $variables: picked
      ? new SceneVariableSet({ variables: [new CustomVariable({ name: 'tenant', query: picked, value: picked })] })
      : undefined,
    body,
  });
  const deactivate = scene.activate();
  const stopBody = body.activate();
  return { body, stop: () => (stopBody(), deactivate()) };
}

describe('ReportScene resolves the tenant like the Service levels page', () => {
  it("a tenant org's report is its own tenant's, whatever variable the page carries", () => {
    const { body, stop } = mount(tenant, 'globex');
    expect(body.state.scope).toEqual({ label: 'tenant', id: 'acme' });
    stop();
  });

  it('the operator sees the picked tenant, and is asked to pick one otherwise', () => {
    const op = mount(defaultSettings(), 'globex');
    expect(op.body.state.scope).toEqual({ label: 'tenant', id: 'globex' });
    op.stop();
    const none = mount(defaultSettings());
    expect(none.body.state.scope).toBeUndefined();
    expect(none.body.state.message).toMatch(/Pick a tenant/);
    none.stop();
  });

  it('a tenant org without a tenant id explains instead of querying', () => {
    const { body, stop } = mount({ ...tenant, tenant: { id: '', name: '' } });
    expect(body.state.scope).toBeUndefined();
    expect(body.state.message).toMatch(/no tenant id/);
    stop();
  });
});
