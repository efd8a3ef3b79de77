import { act } from '@testing-library/react';
import { VLLM_PROXY_BASE } from '../../src/constants';
import type { AppSettings } from '../../src/settings';
import { TriageScene, type TriageDeps } from '../../src/triage/TriageScene';
import type { LogLine } from '../../src/triage/types';
import type { FetchLike } from '../../src/triage/vllm';
import { renderScene, type RenderedScene } from './render';
import { nodeFetch } from './vllmSim';

/** Lines as `journalctl -o json` writes them (one object per line, microsecond timestamps as strings). */
export function journalOf(lines: LogLine[]): string {
  return lines
    .map((l) =>
      JSON.stringify({
        __REALTIME_TIMESTAMP: String(l.time * 1000),
        _HOSTNAME: l.host,
        _SYSTEMD_UNIT: l.unit,
        PRIORITY: l.priority === null ? undefined : String(l.priority),
        MESSAGE: l.message,
      })
    )
    .join('\n');
}

/**
 * Grafana's `vllm/*` proxy route in front of a vLLM (or the simulator) at `upstream`, over real HTTP. An upstream
 * that cannot be reached is a bare 502, as Grafana's proxy answers it (docs/grafana-contract.md, "Proxy answers").
 */
export function proxyTo(upstream: string): FetchLike {
  return async (url, init) => {
    if (!url.startsWith(VLLM_PROXY_BASE)) {
      return nodeFetch(url, init);
    }
    try {
      return await nodeFetch(`${upstream}${url.slice(VLLM_PROXY_BASE.length)}`, init);
    } catch (e) {
      if (init.signal?.aborted) {
        throw e;
      }
      return { status: 502, text: async () => '' };
    }
  };
}

export interface RenderedTriage extends RenderedScene {
  scene: TriageScene;
  /** Triages lines the way an uploaded journal export is triaged. */
  triage: (lines: LogLine[]) => Promise<void>;
}

/** The triage page as Grafana renders it, at `url`, with the given settings and outside services. */
export function renderTriage(settings: AppSettings, deps: Partial<TriageDeps> = {}, url = '/a/sovgrid-ops-app/triage'): RenderedTriage {
  const scene = new TriageScene({ settings }, deps);
  const page = renderScene(scene, url);
  return {
    ...page,
    scene,
    triage: async (lines) => {
      await act(async () => {
        void scene.runJournal(journalOf(lines), 'test journal');
      });
    },
  };
}
