// What render tests of scene pages need from the browser and Grafana's router beyond the scaffold's jest setup.
// The Grafana runtime kit is this folder: grafanaRuntime.ts (data sources, query runner), backendSrv.ts (HTTP),
// grafanaFrames.ts (frames as /api/ds/query returns them) and this file (layout, URL sync).
import React from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { EmbeddedScene, UrlSyncManager, type SceneObject } from '@grafana/scenes';

/**
 * Combobox measures option text on a canvas (jsdom has no 2D context) and virtualises its list by element size
 * (jsdom lays nothing out): give both a size so options render, and charts a canvas to draw on. Call in `beforeAll`.
 */
export function stubLayout(): void {
  for (const prop of ['clientHeight', 'clientWidth', 'offsetHeight', 'offsetWidth'] as const) {
    jest.spyOn(HTMLElement.prototype, prop, 'get').mockReturnValue(400);
  }
  // A 2D context that measures text roughly and draws nothing (charts draw through uPlot on a canvas).
  const ctx = new Proxy({ measureText: (t: string) => ({ width: t.length * 7 }), font: '' } as Record<string | symbol, unknown>, {
    get: (target, key) => (key in target ? target[key] : () => undefined),
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  });
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ctx as unknown as CanvasRenderingContext2D);
  // uPlot builds its paths as Path2D objects, which jsdom lacks; nothing is drawn, so a path that records nothing does.
  if (!('Path2D' in globalThis)) {
    const noop = () => undefined;
    Object.assign(globalThis, {
      Path2D: class {
        addPath = noop;
        moveTo = noop;
        lineTo = noop;
        rect = noop;
        arc = noop;
        closePath = noop;
        bezierCurveTo = noop;
        quadraticCurveTo = noop;
      },
    });
  }
}

export interface RenderedScene extends RenderResult {
  root: EmbeddedScene;
  /** Tells the scene the URL changed (what Grafana's router does on navigation). */
  navigate: (url: string) => void;
}

/**
 * Renders a page body as Grafana does: inside an EmbeddedScene whose URL sync follows locationService, opened at
 * `url` (its query string is the page's state).
 */
export function renderScene(body: SceneObject, url: string, extra: Partial<ConstructorParameters<typeof EmbeddedScene>[0]> = {}): RenderedScene {
  locationService.push(url);
  const root = new EmbeddedScene({ body, ...extra });
  const sync = new UrlSyncManager({ updateUrlOnInit: true, createBrowserHistorySteps: true });
  sync.initSync(root);
  const r = render(<root.Component model={root} />);
  return {
    ...r,
    root,
    navigate: (to: string) => {
      locationService.push(to);
      sync.handleNewLocation(locationService.getLocation());
    },
  };
}
