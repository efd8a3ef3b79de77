// Monthly report: time to produce one report end to end (`npm run report`'s path: ~130 queries to a real
// Prometheus 2.42, server-side React render, Chromium PDF) and the PDF's size. Goals: under 10 s, under 300 KB.
// Prints figures only; nothing passes or fails on a timer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runReportCommand } from '../src/report/server/run';
import { previousMonth, monthOf, formatYearMonth } from '../src/sla/windows';
import { startDemoPrometheus } from '../tests/fixtures/report/demoPrometheus';

export default async function run() {
  const t0 = performance.now();
  const { prom, end } = await startDemoPrometheus();
  console.log(`setup: 62 days of two demo tenants backfilled into Prometheus in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const dir = mkdtempSync(join(tmpdir(), 'sovgrid-report-bench-'));
  try {
    const month = formatYearMonth(previousMonth(monthOf(end, 'Europe/Berlin')));
    const rows: Array<{ seconds: number; bytes: number; lines: string }> = [];
    for (let i = 0; i < 3; i++) {
      const out = join(dir, `r${i}.pdf`);
      let lines = '';
      const s = performance.now();
      const code = await runReportCommand(
        ['--tenant', 'globex', '--month', month, '--out', out, '--prometheus', prom.url, '--timezone', 'Europe/Berlin', '--tenant-name', 'Globex Corporation'],
        process.env,
        { out: () => undefined, err: (x) => (lines += x) },
        () => end
      );
      if (code !== 0) {
        throw new Error(`report exited ${code}:\n${lines}`);
      }
      rows.push({ seconds: (performance.now() - s) / 1000, bytes: statSync(out).size, lines });
    }
    const times = rows.map((r) => r.seconds).sort((a, b) => a - b);
    const read = /service levels read in ([\d.]+) s/.exec(rows[1].lines)?.[1];
    console.log(`one report end to end (${month}, Europe/Berlin): median ${times[1].toFixed(2)} s, best ${times[0].toFixed(2)} s of 3 (goal < 10 s)`);
    console.log(`  of which reading Prometheus: ${read} s; the rest is the React render and Chromium's start and print`);
    console.log(`PDF size: ${(rows[0].bytes / 1024).toFixed(0)} KB (goal < 300 KB)`);
    // As cron runs it: a fresh process through npm, module loading included.
    const out = join(dir, 'cold.pdf');
    const s = performance.now();
    const r = spawnSync('npm', ['run', '-s', 'report', '--', '--tenant', 'globex', '--month', month, '--out', out, '--prometheus', prom.url, '--timezone', 'Europe/Berlin'], {
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      throw new Error(`npm run report exited ${r.status}: ${r.stderr}`);
    }
    console.log(`\`npm run report\` as a new process (cron): ${((performance.now() - s) / 1000).toFixed(2)} s, ${(statSync(out).size / 1024).toFixed(0)} KB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await prom.stop();
  }
}
