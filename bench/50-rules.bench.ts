// Rule review: precision on the labelled real corpus; wall time of the compiled command line against
// `promtool check rules` on the same corpus, run side by side (goal ≤ 2×); start-up on an empty directory
// (goal < 0.5 s); YAML and static-check throughput on 10,000 rules; the 7-day noise estimate per rule against a
// real Prometheus with the integration fixture's history. Figures only: nothing here passes or fails on time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { reviewRules } from '../src/rules/engine';
import { estimateFiringEpisodes, WEEK_SECONDS } from '../src/rules/noise/estimate';
import { fetchApiGet } from '../src/rules/noise/fetchApiGet';
import { prometheusApiQuerier } from '../src/rules/noise/prometheusApiQuerier';
import { ReviewCache } from '../src/rules/reviewCache';
import { parseRuleFile } from '../src/rules/sources/ruleFiles';
import { defaultSettings } from '../src/settings/defaults';
import { corpusPath } from '../tests/helpers/corpora';
import { startPrometheus } from '../tests/helpers/prometheus';
import { corpusPrecision, loadLabels } from '../tests/rules/corpusPrecision';
import { historyFixture, RULES_YAML } from '../tests/rules/fixture';

const N = 10_000;
const RUNS = 7;
const CORPUS = 'rules/awesome-prometheus-alerts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Like a generated file: a few expression shapes with per-rule label values. With `uniqueShapes`, every rule's
// expression differs outside its string literals too (the worst case: nothing can share a parse).
function ruleFile(n: number, uniqueShapes = false): string {
  const m = (name: string, i: number) => (uniqueShapes ? `${name}_${i}` : name);
  const kinds = [
    (i: number) => `${m('up', i)}{job="job_${i}"} == 0`,
    (i: number) =>
      `100 * (1 - ${m('node_memory_MemAvailable_bytes', i)}{instance="h${i}"} / node_memory_MemTotal_bytes{instance="h${i}"}) > ${70 + (i % 30)}`,
    (i: number) =>
      `sum(rate(${m('http_requests_total', i)}{code=~"5..",svc="s${i}"}[5m])) / sum(rate(http_requests_total{svc="s${i}"}[5m])) > 0.05`,
    (i: number) => `absent(${m('vllm:num_requests_running', i)}{model="m${i}"})`,
  ];
  const actions = [
    'investigate',
    '',
    `SSH to host-${'x'}, run: systemctl status unit.service && journalctl -u unit.service -n 50`,
  ];
  const rules = Array.from({ length: n }, (_, i) =>
    [
      `  - alert: Rule${i}`,
      `    expr: '${kinds[i % kinds.length](i)}'`,
      i % 3 ? `    for: ${i % 10}m` : '',
      `    labels: {severity: ${['critical', 'warning', 'page'][i % 3]}}`,
      `    annotations: {action: "${actions[i % actions.length]}", runbook_url: "https://wiki/r${i}", reviewed: "2026-0${1 + (i % 9)}-01"}`,
    ]
      .filter(Boolean)
      .join('\n')
  );
  return `groups:\n- name: bench\n  rules:\n${rules.join('\n')}\n`;
}

function precisionTable(root: string) {
  const { rows } = corpusPrecision(root, loadLabels('awesome-prometheus-alerts.labels.json'));
  console.log(`precision of the judging checks on ${CORPUS} (hand-labelled, tests/rules/fixtures):`);
  console.log(
    `  ${'check'.padEnd(22)} ${'findings'.padStart(8)} ${'right'.padStart(6)} ${'wrong'.padStart(6)}  precision`
  );
  for (const r of rows) {
    const pct = `${(r.precision * 100).toFixed(1)} %`;
    console.log(
      `  ${r.check.padEnd(22)} ${String(r.findings).padStart(8)} ${String(r.right).padStart(6)} ${String(r.wrong).padStart(6)}  ${pct}`
    );
  }
}

/** The command line as users run it: `npm run review` is `node scripts/cli.mjs review`, the compiled bundle. */
async function compiledReview(): Promise<{ cmd: string[]; how: string }> {
  const build: { buildClis: (names: string[]) => Promise<void> } = await import(
    pathToFileURL(join(process.cwd(), 'scripts', 'build-cli.mjs')).href
  );
  await build.buildClis(['review']);
  return { cmd: [process.execPath, join(process.cwd(), 'scripts', 'cli.mjs'), 'review'], how: 'compiled, dist-cli' };
}

function wallMs(cmd: string[]): number {
  const t = performance.now();
  spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'ignore'] });
  return performance.now() - t;
}

const quoted = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/** CPU time (user + system) of one run, in ms, from bash's `time`: less at the mercy of other load than wall time. */
function cpuMs(cmd: string[]): number {
  const script = `TIMEFORMAT='%3U %3S'; time ${cmd.map(quoted).join(' ')} >/dev/null 2>&1`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  const [user, sys] = r.stderr.trim().split(/\s+/).map(Number);
  return (user + sys) * 1000;
}

function ruleFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? ruleFilesUnder(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

async function againstPromtool(root: string) {
  if (spawnSync('sh', ['-c', 'command -v promtool']).status !== 0) {
    console.log('wall time against promtool: skipped (promtool not installed)');
    return;
  }
  const review = await compiledReview();
  const files = ruleFilesUnder(root);
  const empty = mkdtempSync(join(tmpdir(), 'sovgrid-bench-empty-'));
  const ours: number[] = [];
  const theirs: number[] = [];
  const startUp: number[] = [];
  const oursCpu: number[] = [];
  const theirsCpu: number[] = [];
  const reviewCmd = [...review.cmd, root, '--format', 'json'];
  const promtoolCmd = ['promtool', 'check', 'rules', ...files];
  try {
    // One unmeasured run of each first: the rebuilt bundle writes V8's code cache (dist-cli/.v8-cache), as a user's
    // first run after a build does, and both tools find their files in the page cache.
    wallMs(reviewCmd);
    wallMs(promtoolCmd);
    // Alternate the two tools so both see the same load on the shared machine.
    for (let i = 0; i < RUNS; i++) {
      ours.push(wallMs(reviewCmd));
      theirs.push(wallMs(promtoolCmd));
      startUp.push(wallMs([...review.cmd, empty]));
      oursCpu.push(cpuMs(reviewCmd));
      theirsCpu.push(cpuMs(promtoolCmd));
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  const o = median(ours);
  const p = median(theirs);
  console.log(`wall time on ${CORPUS} (${files.length} files), median of ${RUNS} alternating runs:`);
  console.log(`  npm run review (${review.how}): ${o.toFixed(0)} ms`);
  console.log(`  promtool check rules:          ${p.toFixed(0)} ms`);
  console.log(`  ratio: ${(o / p).toFixed(2)}× (goal ≤ 2×)`);
  const oc = median(oursCpu);
  const pc = median(theirsCpu);
  console.log(`  CPU time (user + system): review ${oc.toFixed(0)} ms, promtool ${pc.toFixed(0)} ms, ratio ${(oc / pc).toFixed(2)}×`);
  console.log(`start-up on an empty directory: median ${median(startUp).toFixed(0)} ms (goal < 500 ms)`);
}

function staticChecks() {
  const review = defaultSettings().review;
  let t = performance.now();
  const { rules, problems } = parseRuleFile(ruleFile(N), 'bench.yml');
  const parseMs = performance.now() - t;
  if (problems.length || rules.length !== N) {
    throw new Error(`bench file did not parse: ${problems[0]?.message}`);
  }
  console.log(
    `parse 10,000-rule YAML file: ${parseMs.toFixed(0)} ms (${Math.round(N / (parseMs / 1000)).toLocaleString('en')} rules/s)`
  );
  const unique = parseRuleFile(ruleFile(N, true), 'unique.yml').rules;
  const served = rules.map((r) => ({
    ...r,
    key: `api-${r.key}`,
    source: { id: 'p', label: 'p', kind: 'prometheus' as const },
  }));
  const cases: Array<[string, typeof rules, boolean]> = [
    ['rule file, cold (the goal figure: from normalised rules to findings, parsing included)', rules, true],
    ['rule file, warm (same rules and cache reviewed again: parses and verdicts cached)', rules, false],
    ['rules API, cold', served, true],
    ['rule file, cold, every expression a different shape (worst case: one parse per rule)', unique, true],
  ];
  // The warm case hands every run the same cache, as the page does when it reviews the same rules again.
  const warmCache = new ReviewCache();
  for (const [label, list, cold] of cases) {
    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i < RUNS; i++) {
      // Cold: fresh rule objects as a new load would give, and a fresh cache (each review makes its own).
      const input = cold ? list.map((r) => ({ ...r })) : list;
      t = performance.now();
      const reviews = reviewRules(input, { review, now: Date.now(), cache: cold ? undefined : warmCache });
      times.push(performance.now() - t);
      findings = reviews.reduce((n, r) => n + r.findings.length, 0);
    }
    const rate = (ms: number) => Math.round(N / (ms / 1000)).toLocaleString('en');
    const best = Math.min(...times);
    console.log(
      `static checks, ${label}: median ${median(times).toFixed(0)} ms = ${rate(median(times))} rules/s, best ${rate(best)} rules/s (${findings} findings)`
    );
  }
}

async function noiseEstimate() {
  if (spawnSync('sh', ['-c', 'command -v prometheus && command -v promtool']).status !== 0) {
    console.log('noise estimate: skipped (prometheus/promtool not installed)');
    return;
  }
  const fixture = historyFixture();
  const prom = await startPrometheus({
    openmetrics: fixture.openmetrics,
    ruleFiles: { 'review.yml': RULES_YAML },
    evaluationInterval: '15s',
  });
  try {
    const q = prometheusApiQuerier(fetchApiGet(prom.url));
    const served = parseRuleFile(RULES_YAML, 'review.yml').rules.filter((r) =>
      ['GpuHot', 'DiskFull', 'NoSuchMetric'].includes(r.name)
    );
    const win = { end: Math.floor(Date.now() / 1000), seconds: WEEK_SECONDS };
    for (const step of [15, 60]) {
      for (const rule of served) {
        const times: number[] = [];
        let episodes = 0;
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          const est = await estimateFiringEpisodes({ ...rule, intervalSeconds: step }, q, win);
          times.push(performance.now() - t);
          episodes = est?.episodes ?? -1;
        }
        console.log(
          `7-day noise estimate, ${rule.name} at ${step} s step: median ${median(times).toFixed(0)} ms (${episodes} episodes)`
        );
      }
    }
  } finally {
    await prom.stop();
  }
}

export default async function rulesBench() {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`load average: ${load} (2 shared cores; medians of ${RUNS} runs)`);
  const root = corpusPath(CORPUS);
  if (root) {
    precisionTable(root);
    await againstPromtool(root);
  } else {
    console.log(`precision and promtool ratio: skipped (../shared/corpora/${CORPUS} not found)`);
  }
  staticChecks();
  await noiseEstimate();
}
