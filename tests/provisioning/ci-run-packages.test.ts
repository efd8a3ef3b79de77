/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasCommand, run } from '../helpers/processes';

/**
 * `.ci/run` on a fresh machine installs every Debian package whose binaries the tests start: each binary the test
 * helpers spawn is in its check list, and the package this machine's copy comes from (`dpkg -S`) is in its list.
 */
const ROOT = join(__dirname, '../..');
const script = readFileSync(join(ROOT, '.ci/run'), 'utf8');
const packages = (/^PACKAGES="([^"]*)"/m.exec(script)?.[1] ?? '').split(/\s+/).filter(Boolean);
const checked = (/^for bin in ([^;]*); do/m.exec(script)?.[1] ?? '').split(/\s+/).filter(Boolean);

/** Binaries the history tests start (tests/helpers/victoriametrics.ts startDaemon / vmToolsAvailable). */
function vmBinaries(): string[] {
  const text = readFileSync(join(ROOT, 'tests/helpers/victoriametrics.ts'), 'utf8');
  return [...new Set([...text.matchAll(/startDaemon\(\s*'([^']+)'/g)].map((m) => m[1]))].sort();
}

describe('.ci/run', () => {
  it('reads its lists (guards the parsing below)', () => {
    expect(packages).toContain('prometheus');
    expect(checked).toContain('promtool');
  });

  it('checks for every VictoriaMetrics binary the tests start', () => {
    const bins = vmBinaries();
    expect(bins).toEqual(['victoria-metrics', 'vmalert', 'vmauth']);
    expect(bins.filter((b) => !checked.includes(b))).toEqual([]);
  });

  it('installs the Debian package those binaries come from on this machine', async () => {
    for (const bin of vmBinaries()) {
      if (!(await hasCommand(bin))) {
        expect(process.env.CI).not.toBe('true');
        continue;
      }
      const path = (await run('sh', ['-c', `readlink -f "$(command -v ${bin})"`])).stdout.trim();
      const owner = (await run('dpkg', ['-S', path])).stdout.split(':')[0];
      expect([bin, packages.includes(owner)]).toEqual([bin, true]);
    }
  });
});
