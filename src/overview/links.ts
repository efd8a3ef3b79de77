// Runtime helpers the overview's links share: time range and host selection read from the scene.
import { locationUtil } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { type SceneObject, sceneGraph } from '@grafana/scenes';
import type { AppSettings } from '../settings/types';
import { HOST_VARIABLE } from './hostVariable';

/** The scene's time range as epoch-ms strings (what Explore and triage links carry). */
export function rangeOf(model: SceneObject): { from: string; to: string } {
  const { value } = sceneGraph.getTimeRange(model).state;
  return { from: String(value.from.valueOf()), to: String(value.to.valueOf()) };
}

/** Hosts picked in the host variable; undefined when "All" (or no variable) is selected. */
export function selectedHosts(model: SceneObject): string[] | undefined {
  const variable = sceneGraph.lookupVariable(HOST_VARIABLE, model);
  if (!variable || !('hasAllValue' in variable) || typeof variable.hasAllValue !== 'function') {
    return undefined;
  }
  if (variable.hasAllValue()) {
    return undefined;
  }
  const value = variable.getValue();
  const list = Array.isArray(value) ? value : [value];
  const hosts = list.map(String).filter((h) => h !== '');
  return hosts.length ? hosts : undefined;
}

/**
 * Uid of the org's Prometheus: the configured one, else the one Grafana resolves for a type-only ref — the same
 * data source the panels query (docs/grafana-contract.md, "Data source references"); the org default could be Loki.
 */
export function prometheusUid(settings: AppSettings): string {
  if (settings.datasources.prometheusUid) {
    return settings.datasources.prometheusUid;
  }
  return getDataSourceSrv().getInstanceSettings({ type: 'prometheus' })?.uid ?? '';
}

/** An app-relative URL made safe for Grafana served under a sub-path. */
export function grafanaHref(url: string): string {
  return locationUtil.assureBaseUrl(url);
}
