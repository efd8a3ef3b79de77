import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The reference data beside the project (`../shared`); SOVGRID_SHARED points elsewhere (e.g. from a git worktree). */
export const SHARED_DIR = process.env.SOVGRID_SHARED || resolve(__dirname, '../../../shared');

export type SharedFile = { found: true; path: string } | { found: false; path: string; reason: string };

/**
 * Locates a file under `../shared`. In CI (`CI=true`) a missing file throws, so the suite fails instead of
 * passing on nothing; elsewhere the caller skips with the returned reason.
 */
export function sharedFile(relative: string): SharedFile {
  const path = join(SHARED_DIR, relative);
  if (existsSync(path)) {
    return { found: true, path };
  }
  const reason = `../shared/${relative} is not there (fetch it as .github/workflows/ci.yml does)`;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true and ${reason}`);
  }
  return { found: false, path, reason };
}
