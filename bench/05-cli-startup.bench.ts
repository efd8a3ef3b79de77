// Start-up of every command line as `npm run <cli>` runs it (scripts/cli.mjs → compiled dist-cli/<cli>.cjs), on an
// empty input, median of several runs; beside it the same source through the tsx loader, the way it ran before.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = process.cwd();
const RUNS = 7;
const TSX_RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall time of one run, in ms; the command's exit code does not matter (an empty input may be refused). */
function timeOnce(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, input: '', stdio: ['pipe', 'ignore', 'ignore'] });
  if (r.error) {
    throw r.error;
  }
  return performance.now() - t0;
}

function medianOf(runs: number, cmd: string, args: string[]): number {
  return median(Array.from({ length: runs }, () => timeOnce(cmd, args)));
}

/** What each command line gets as an empty input: no rule files, an empty journal, no command. */
function emptyInput(name: string, emptyDir: string): string[] {
  const inputs: Record<string, string[]> = { review: [emptyDir], triage: ['--journal', '-'], tenant: [] };
  return inputs[name] ?? [];
}

export default async function cliStartupBench() {
  const names = readdirSync(join(ROOT, 'src', 'cli'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const emptyDir = mkdtempSync(join(tmpdir(), 'sovgrid-bench-cli-'));
  const ms = (n: number) => `${Math.round(n)} ms`;
  try {
    console.log(`command-line start-up, empty input (median of ${RUNS}; tsx: median of ${TSX_RUNS})`);
    for (const name of names) {
      const args = emptyInput(name, emptyDir);
      timeOnce(process.execPath, ['scripts/cli.mjs', name, '--help']); // builds the bundle if it is stale
      const compiled = medianOf(RUNS, process.execPath, ['scripts/cli.mjs', name, ...args]);
      const help = medianOf(RUNS, process.execPath, ['scripts/cli.mjs', name, '--help']);
      const tsx = medianOf(TSX_RUNS, join(ROOT, 'node_modules', '.bin', 'tsx'), [`src/cli/${name}.ts`, ...args]);
      console.log(
        `  ${name.padEnd(8)} compiled ${ms(compiled).padStart(7)} (--help ${ms(help)})   via tsx ${ms(tsx).padStart(7)}   ${(tsx / compiled).toFixed(1)}x`
      );
    }
    const npm = medianOf(3, 'npm', ['run', '--silent', 'review', '--', '--help']);
    console.log(`  npm's own share: \`npm run review -- --help\` takes ${ms(npm)} in all`);
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
  }
}
