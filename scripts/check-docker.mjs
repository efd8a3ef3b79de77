#!/usr/bin/env node
// `npm run server` runs this first: the dev stack needs a Docker engine and the Compose v2 plugin. Without them,
// say what to install now, before the minute-long build, instead of failing afterwards with `unknown flag: --build`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

function run(args) {
  const r = spawnSync('docker', args, { encoding: 'utf8' });
  return { ok: !r.error && r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim(), missing: r.error?.code === 'ENOENT' };
}

/** What is missing, in the order a user has to fix it; empty when the stack can start. */
export function dockerProblems(probe = run) {
  const client = probe(['--version']);
  if (client.missing || !client.ok) {
    return ['Docker is not installed: install Docker Engine (Linux) or Docker Desktop (macOS, Windows), https://docs.docker.com/get-docker/'];
  }
  const problems = [];
  if (!probe(['compose', 'version']).ok) {
    problems.push(
      'The Docker Compose v2 plugin is missing (`docker compose` is not a command here): install docker-compose-plugin (Debian/Ubuntu: apt-get install docker-compose-plugin), https://docs.docker.com/compose/install/'
    );
  }
  const engine = probe(['info', '--format', '{{.ServerVersion}}']);
  if (!engine.ok) {
    problems.push(`No Docker engine answers (${engine.out.split('\n')[0] || 'docker info failed'}): start it (systemctl start docker, or open Docker Desktop), and check that your user may use it.`);
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = dockerProblems();
  if (problems.length > 0) {
    process.stderr.write(`npm run server needs Docker; nothing was built or started.\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
    process.exit(1);
  }
}
