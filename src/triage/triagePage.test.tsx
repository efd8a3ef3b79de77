import { locationService } from '@grafana/runtime';
import { EmbeddedScene, sceneGraph, UrlSyncManager } from '@grafana/scenes';
import { defaultSettings } from '../settings';
import { triageUrl } from './links';
import { triagePage } from './triagePage';
import { TriageScene } from './TriageScene';

describe('triagePage', () => {
  it('follows the page contract', () => {
    const page = triagePage(defaultSettings());
    expect(page.state.url).toBe('/a/sovgrid-ops-app/triage');
    expect(page.state.routePath).toBe('triage/*');
    expect(page.state.title).toBe('Triage');
  });

  it('takes hosts, units, alert, rule and time range from the deep link through URL sync', () => {
    locationService.push(triageUrl({ hosts: ['spark-host', 'floki'], units: ['vllm.service'], alertname: 'VllmDown', rule: 'vLLM down', from: 'now-6h', to: 'now' }));
    const scene = triagePage(defaultSettings()).state.getScene!(undefined as never) as EmbeddedScene;
    const body = scene.state.body as TriageScene;
    expect(body).toBeInstanceOf(TriageScene);
    new UrlSyncManager().initSync(scene);
    expect(body.state).toMatchObject({ hosts: ['spark-host', 'floki'], units: ['vllm.service'], alertname: 'VllmDown', rule: 'vLLM down' });
    expect(sceneGraph.getTimeRange(body).state.from).toBe('now-6h');
  });
});
