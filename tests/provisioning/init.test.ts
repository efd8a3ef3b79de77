/**
 * @jest-environment node
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { freePort, hasCommand, run } from '../helpers/processes';
import { ROOT } from './files';

// The tenant-init service first waits for Grafana with provisioning/init/wait-for-grafana.sh (busybox wget in
// node:alpine; GNU wget here). Grafana is replaced by a server answering /api/health the way Grafana does:
// 503 while starting, then pretty-printed JSON with "database": "ok".
const SCRIPT = join(ROOT, 'provisioning/init/wait-for-grafana.sh');

describe('wait-for-grafana.sh', () => {
  let server: Server;
  let url: string;
  let calls = 0;

  beforeAll(async () => {
    expect(await hasCommand('wget')).toBe(true);
    server = createServer((req, res) => {
      calls += 1;
      if (req.url !== '/api/health' || calls < 3) {
        res.writeHead(503, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ database: 'failing' }, null, 2));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ database: 'ok', version: '13.2.2', commit: 'abc' }, null, 2));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns once Grafana reports a working database', async () => {
    const r = await run('env', [`GRAFANA_URL=${url}`, 'WAIT_SECONDS=30', 'sh', SCRIPT], { timeoutMs: 40_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Grafana at .* is healthy after \d+s/);
    expect(calls).toBeGreaterThanOrEqual(3);
  }, 45_000);

  it('gives up with a message saying where to look when Grafana never comes up', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const r = await run('env', [`GRAFANA_URL=${dead}`, 'WAIT_SECONDS=2', 'sh', SCRIPT], { timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Grafana at ${dead} did not become healthy within 2s; see: docker compose logs grafana`);
  }, 25_000);
});

describe('check-cli.sh', () => {
  it('passes where the compiled tenant command line runs (this machine)', async () => {
    const r = await run('sh', [join(ROOT, 'provisioning/init/check-cli.sh')], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('explains what to run from the host when the command line cannot start', async () => {
    // A directory without the repository: the launcher cannot be found, as when the bundle cannot be (re)built.
    const r = await run('sh', [join(ROOT, 'provisioning/init/check-cli.sh')], { cwd: '/' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Run 'npm run build:cli' on the host");
    expect(r.stderr).toContain('npm run tenant -- add acme --name "Acme Corp"');
  });
});
