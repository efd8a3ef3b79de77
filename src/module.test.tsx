import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pluginJson from './plugin.json';
import { ROUTES, VLLM_ROUTE_PATH } from './constants';

import { plugin, withTranslations } from './appPlugin';
import { PLUGIN_ID } from './pluginId';

const relativeImports = (file: string) =>
  [...readFileSync(join(__dirname, file), 'utf8').matchAll(/^(?:import|export) .* from '(\..+)';$/gm)].map((m) => m[1]);

describe('module.tsx', () => {
  it('re-exports the plugin wired in appPlugin.tsx and awaits nothing (it loads on every Grafana page)', () => {
    const src = readFileSync(join(__dirname, 'module.tsx'), 'utf8');
    expect(src).not.toMatch(/^\s*await\b/m);
    expect(relativeImports('module.tsx')).toEqual(['./appPlugin']);
    expect(readFileSync(join(__dirname, 'translations.ts'), 'utf8')).toMatch(/initPluginTranslations\(PLUGIN_ID, \[loadResources\]\)/);
    expect(PLUGIN_ID).toBe(pluginJson.id);
  });

  it('lazy chunks resolve only after the translations are registered', async () => {
    const order: string[] = [];
    jest.doMock('./translations', () => ({ loadTranslations: async () => void order.push('translations') }));
    const chunk = await withTranslations(async () => (order.push('chunk loaded'), 'the page'))();
    order.push(`resolved ${chunk}`);
    expect(order).toEqual(['chunk loaded', 'translations', 'resolved the page']);
    jest.dontMock('./translations');
  });

  it('registers a root page and the configuration page', () => {
    expect(plugin.root).toBeDefined();
    expect(plugin.configPages).toEqual([expect.objectContaining({ id: 'configuration', title: 'Configuration' })]);
  });

  it('imports no page code statically: the app and config page are lazy chunks', () => {
    const src = readFileSync(join(__dirname, 'appPlugin.tsx'), 'utf8');
    // Only the alert-instance link's tiny configure function is eager: Grafana calls it outside the app.
    expect(relativeImports('appPlugin.tsx')).toEqual(['./triage/alertLink']);
    expect(src).toMatch(/lazy\(withTranslations\(\(\) => import\('\.\/app\/App'\)\)\)/);
    expect(src).toMatch(/lazy\(withTranslations\(\(\) => import\('\.\/app\/config\/AppConfig'\)\)\)/);
  });
});

describe('plugin.json', () => {
  it('is an app for Grafana 13 with the four pages and their roles', () => {
    expect(pluginJson.id).toBe('sovgrid-ops-app');
    expect(pluginJson.type).toBe('app');
    expect(pluginJson.dependencies.grafanaDependency).toBe('>=13.0.0');
    const pages = pluginJson.includes.map((p) => [p.name, p.path, p.role, p.defaultNav]);
    expect(pages).toEqual([
      ['Overview', `/a/%PLUGIN_ID%/${ROUTES.Overview}`, 'Editor', true],
      ['Service levels', `/a/%PLUGIN_ID%/${ROUTES.Sla}`, 'Viewer', false],
      ['Alert rules', `/a/%PLUGIN_ID%/${ROUTES.Rules}`, 'Editor', false],
      ['Triage', `/a/%PLUGIN_ID%/${ROUTES.Triage}`, 'Editor', false],
    ]);
  });

  it('declares the vllm/* proxy route with the key from secureJsonData and Editor role', () => {
    expect(pluginJson.routes).toEqual([
      {
        path: VLLM_ROUTE_PATH,
        url: '{{ .JsonData.vllm.url }}',
        reqRole: 'Editor',
        headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.vllmApiKey }}' }],
      },
    ]);
  });

  it('lists the alert-instance link as Grafana registers it: same title, targets and description (isAddedLinkMetaInfoMissing)', () => {
    const registered = plugin.addedLinkConfigs.map((l) => ({ title: l.title, targets: l.targets, description: l.description }));
    expect(registered).toEqual(pluginJson.extensions.addedLinks);
  });

  it('has a real description, keywords and a logo that exists', () => {
    expect(pluginJson.info.description.length).toBeGreaterThan(60);
    expect(pluginJson.info.keywords).toEqual(expect.arrayContaining(['vllm', 'sla', 'alerting']));
    const imgs = readdirSync(join(__dirname, 'img'));
    expect(imgs).toContain(pluginJson.info.logos.small.replace('img/', ''));
  });
});
