/**
 * @jest-environment node
 */
// `npm run server` checks for Docker before building: this machine has the docker client but neither the Compose
// plugin nor an engine (facts.md §1), so the real script must stop with what to install.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { run, tempDir } from '../helpers/processes';
import { ROOT } from './files';

describe('scripts/check-docker.mjs', () => {
  it('runs first in `npm run server`, before the build', async () => {
    const pkg = (await import(join(ROOT, 'package.json'))) as { scripts: Record<string, string> };
    expect(pkg.scripts.server).toMatch(/^node scripts\/check-docker\.mjs && .*npm run build && docker compose up --build$/);
  });

  it('on this machine (client only): exit 1, says to install the Compose plugin and start an engine, builds nothing', async () => {
    const r = await run('node', [join(ROOT, 'scripts/check-docker.mjs')], { cwd: ROOT, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was built or started');
    expect(r.stderr).toContain('install docker-compose-plugin');
    expect(r.stderr).toContain('No Docker engine answers');
  });

  it.each([
    ['all there', 'exit 0', 0, []],
    ['no compose plugin', 'case "$1" in compose) echo "docker: \'compose\' is not a docker command." >&2; exit 1;; esac; exit 0', 1, ['Compose v2 plugin is missing']],
    ['no engine', 'case "$1" in info) echo "Cannot connect to the Docker daemon" >&2; exit 1;; esac; exit 0', 1, ['No Docker engine answers (Cannot connect to the Docker daemon)']],
  ])('%s: a docker client that answers so', async (_name, script, code, messages) => {
    const tmp = tempDir('fake-docker');
    try {
      writeFileSync(join(tmp.dir, 'docker'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
      const r = await run('sh', ['-c', `PATH="${tmp.dir}:$PATH" node scripts/check-docker.mjs`], { cwd: ROOT, timeoutMs: 30_000 });
      expect(r.code).toBe(code);
      for (const m of messages) {
        expect(r.stderr).toContain(m);
      }
      if (code === 0) {
        expect(r.stderr).toBe('');
      }
    } finally {
      tmp.remove();
    }
  });

  it('without any docker client: says to install Docker', async () => {
    const r = await run('sh', ['-c', `PATH=/nonexistent ${process.execPath} scripts/check-docker.mjs`], { cwd: ROOT, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Docker is not installed');
  });
});
