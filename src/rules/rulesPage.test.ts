import { EmbeddedScene } from '@grafana/scenes';
import { defaultSettings } from '../settings/defaults';
import { rulesPage } from './rulesPage';
import { RulesScene } from './ui/RulesScene';

describe('rulesPage', () => {
  it('follows the page contract and hosts the review scene with the settings', () => {
    const settings = defaultSettings();
    const page = rulesPage(settings);
    expect(page.state).toMatchObject({ url: '/a/sovgrid-ops-app/rules', routePath: 'rules/*', title: 'Alert rules' });
    const scene = page.state.getScene!({
      params: {},
      isExact: true,
      path: '/a/sovgrid-ops-app/rules',
      url: '/a/sovgrid-ops-app/rules',
    }) as EmbeddedScene;
    const body = scene.state.body;
    expect(body).toBeInstanceOf(RulesScene);
    expect((body as RulesScene).state.settings).toBe(settings);
  });
});
