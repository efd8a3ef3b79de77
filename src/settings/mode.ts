// Which view an org gets, failing closed: only an explicit `mode: "operator"` opens the operator pages.
import type { AppMode } from './types';

export interface ModeReading {
  mode: AppMode;
  /** False: nothing says what this org is; the app shows only its "Set up Sovgrid Ops" page. */
  configured: boolean;
  /** What was found and what happens because of it (for the `mode` field). */
  problem?: string;
}

const own = (o: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function shown(v: unknown): string {
  if (v === null) {
    return 'empty (null)';
  }
  if (typeof v === 'string') {
    return v.trim() === '' ? 'empty text' : `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  }
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/**
 * The mode of an org's settings object. A missing mode with a tenant id set is that tenant; a missing mode
 * without one means the settings were never completed; any other value than the two modes is the narrower tenant
 * view. Reading may throw (hostile getters): the caller treats that as settings that could not be read.
 */
export function readMode(root: Record<string, unknown>): ModeReading {
  const mode = own(root, 'mode') ? root.mode : undefined;
  if (mode === 'operator' || mode === 'tenant') {
    return { mode, configured: true };
  }
  if (mode !== undefined) {
    return {
      mode: 'tenant',
      configured: true,
      problem: `is ${shown(mode)}, not "operator" or "tenant": tenant mode is used (service levels only) until a mode is saved on the configuration page`,
    };
  }
  const tenant = own(root, 'tenant') ? root.tenant : undefined;
  const id = typeof tenant === 'object' && tenant !== null && own(tenant as Record<string, unknown>, 'id') ? (tenant as { id: unknown }).id : undefined;
  if (typeof id === 'string' && id.trim() !== '') {
    return {
      mode: 'tenant',
      configured: true,
      problem: `is missing while tenant id ${shown(id)} is set: tenant mode is used; save the configuration page to record the mode`,
    };
  }
  // Not a problem of any one field: nothing was chosen yet (the config page asks for it before saving).
  return { mode: 'tenant', configured: false };
}
