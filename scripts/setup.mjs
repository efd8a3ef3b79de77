#!/usr/bin/env node
// Set-up shared by `npm test` and `npm run server` on a fresh machine: installs node_modules with `npm ci` when
// they are missing or older than package-lock.json, and (with --services) the Debian packages the integration
// tests start for real. Uses only Node built-ins: it runs before node_modules exist.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const PACKAGES = ['prometheus', 'prometheus-alertmanager', 'prometheus-node-exporter', 'chromium', 'victoria-metrics', 'poppler-utils'];
const BINARIES = ['prometheus', 'promtool', 'prometheus-alertmanager', 'amtool', 'prometheus-node-exporter', 'chromium', 'victoria-metrics', 'vmauth', 'pdftotext', 'pdftoppm'];

function has(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args) {
  console.log(`setup: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    console.error(`setup: "${cmd} ${args.join(' ')}" failed (exit ${r.status})`);
    process.exit(1);
  }
}

function ensureServices() {
  const missing = BINARIES.filter((b) => !has(b));
  if (missing.length === 0) {
    return;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = root ? [] : has('sudo') ? ['sudo'] : null;
  if (!has('apt-get') || sudo === null) {
    console.error(`setup: missing ${missing.join(', ')}; install the Debian packages ${PACKAGES.join(' ')} (needs root).`);
    process.exit(1);
  }
  const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
  const apt = sudo.length ? ['apt-get'] : [];
  run(cmd, [...pre, ...apt, 'update', '-qq']);
  run(cmd, [...pre, ...apt, 'install', '-y', '-qq', '--no-install-recommends', ...PACKAGES]);
}

function ensureNodeModules() {
  const marker = 'node_modules/.package-lock.json';
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
  if (stale) {
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

if (process.argv.includes('--services')) {
  ensureServices();
}
ensureNodeModules();
