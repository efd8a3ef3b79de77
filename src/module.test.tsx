import React from 'react';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen } from '@testing-library/react';
import type { AppPluginMeta, AppRootProps, PluginConfigPageProps } from '@grafana/data';
import pluginJson from './plugin.json';
import { ROUTES, VLLM_ROUTE_PATH } from './constants';

import { plugin, withTranslations } from './appPlugin';
import { PLUGIN_ID } from './pluginId';

// What loads when, observed: the page chunks and the translations record their loading (factories run on first
// require), so what Grafana gets from module.tsx, and what it costs, is seen rather than read from source text.
const loaded: string[] = [];
jest.mock('./app/App', () => {
  loaded.push('app');
  return { __esModule: true, default: () => <div>app rendered</div> };
});
jest.mock('./app/config/AppConfig', () => {
  loaded.push('config page');
  return { __esModule: true, default: () => <div>config page rendered</div> };
});
jest.mock('./translations', () => {
  loaded.push('translations');
  return { loadTranslations: async () => void loaded.push('translations registered') };
});

describe('module.tsx', () => {
  it('hands Grafana the plugin at once: loading it awaits nothing and loads no page, config page or translations', () => {
    const mod: typeof import('./module') = require('./module');
    expect(mod.plugin).toBe(plugin);
    expect(loaded).toEqual([]);
    expect(PLUGIN_ID).toBe(pluginJson.id);
  });

  it('the root page loads the app chunk only when rendered, and renders it after the translations are registered', async () => {
    const Root = plugin.root!;
    render(<Root {...({ meta: { jsonData: {} } } as unknown as AppRootProps)} />);
    expect(await screen.findByText('app rendered')).toBeInTheDocument();
    expect(loaded).toEqual(expect.arrayContaining(['app', 'translations', 'translations registered']));
    expect(loaded).not.toContain('config page');
  });

  it('the configuration page is a chunk of its own, loaded when opened', async () => {
    expect(plugin.configPages).toEqual([expect.objectContaining({ id: 'configuration', title: 'Configuration' })]);
    const Page = plugin.configPages![0].body;
    render(<Page {...({ plugin, query: {} } as unknown as PluginConfigPageProps<AppPluginMeta>)} />);
    expect(await screen.findByText('config page rendered')).toBeInTheDocument();
    expect(loaded.filter((x) => x === 'config page')).toHaveLength(1);
  });

  it('lazy chunks resolve only after the translations are registered', async () => {
    const order: string[] = [];
    const before = loaded.length;
    const chunk = await withTranslations(async () => (order.push('chunk loaded'), 'the page'))();
    order.push(...loaded.slice(before), `resolved ${chunk}`);
    expect(order).toEqual(['chunk loaded', 'translations registered', 'resolved the page']);
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
