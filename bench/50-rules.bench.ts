// Rule review: static-check throughput on 10,000 rules (goal ≥ 50,000 rules/s) and the time of the 7-day noise
// estimate per rule against a real Prometheus with the integration fixture's history.
import { performance } from 'node:perf_hooks';
import { defaultSettings } from '../src/settings/defaults';
import { reviewRules } from '../src/rules/engine';
import { ReviewCache } from '../src/rules/reviewCache';
import { estimateFiringEpisodes, WEEK_SECONDS } from '../src/rules/noise/estimate';
import { fetchApiGet } from '../src/rules/noise/fetchApiGet';
import { prometheusApiQuerier } from '../src/rules/noise/prometheusApiQuerier';
import { parseRuleFile } from '../src/rules/sources/ruleFiles';
import { historyFixture, RULES_YAML } from '../tests/rules/fixture';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { startPrometheus } from '../tests/helpers/prometheus';

const N = 10_000;
const RUNS = 7;

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

export default async function rulesBench() {
  const review = defaultSettings().review;
  const text = ruleFile(N);
  let t = performance.now();
  const { rules, problems } = parseRuleFile(text, 'bench.yml');
  const parseMs = performance.now() - t;
  if (problems.length || rules.length !== N) {
    throw new Error(`bench file did not parse: ${problems[0]?.message}`);
  }
  console.log(
    `parse 10,000-rule YAML file: ${parseMs.toFixed(0)} ms (${Math.round(N / (parseMs / 1000)).toLocaleString('en')} rules/s)`
  );

  const unique = parseRuleFile(ruleFile(N, true), 'unique.yml').rules;
  if (unique.length !== N) {
    throw new Error('bench file with unique shapes did not parse');
  }

  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`load average: ${load} (2 shared cores; median and best of ${RUNS} runs shown)`);
  const served = rules.map((r) => ({
    ...r,
    key: `api-${r.key}`,
    source: { id: 'p', label: 'p', kind: 'prometheus' as const },
  }));
  const cases: Array<[string, typeof rules, boolean]> = [
    // The goal figure: what a user gets from normalised rules to findings, every expression parsed.
    ['rule file, cold (the goal figure: from normalised rules to findings, parsing included)', rules, true],
    ['rule file, warm (same rules reviewed again: parses and verdicts cached)', rules, false],
    // Rules read from a rules API skip promql/syntax (the server parsed them): only rules that can have a wrong
    // shape or use absent() are parsed.
    ['rules API, cold', served, true],
    ['rule file, cold, every expression a different shape (worst case: one parse per rule)', unique, true],
  ];
  // The warm case hands every run the same cache, as the page does when it reviews the same rules again.
  const warmCache = new ReviewCache();
  for (const [label, list, cold] of cases) {
    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i < RUNS; i++) {
      // Cold: no cache filled by an earlier run, and fresh rule objects as a new load would give.
      const input = cold ? list.map((r) => ({ ...r })) : list;
      t = performance.now();
      const reviews = reviewRules(input, { review, now: Date.now(), cache: cold ? undefined : warmCache });
      times.push(performance.now() - t);
      findings = reviews.reduce((n, r) => n + r.findings.length, 0);
    }
    times.sort((a, b) => a - b);
    const rate = (ms: number) => Math.round(N / (ms / 1000)).toLocaleString('en');
    const median = times[Math.floor(RUNS / 2)];
    console.log(
      `static checks, ${label}: median ${median.toFixed(0)} ms = ${rate(median)} rules/s, best ${rate(times[0])} rules/s (goal ≥ 50,000; ${findings} findings)`
    );
  }

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
          t = performance.now();
          const est = await estimateFiringEpisodes({ ...rule, intervalSeconds: step }, q, win);
          times.push(performance.now() - t);
          episodes = est?.episodes ?? -1;
        }
        times.sort((a, b) => a - b);
        console.log(
          `7-day noise estimate, ${rule.name} at ${step} s step: median ${times[1].toFixed(0)} ms (${episodes} episodes)`
        );
      }
    }
  } finally {
    await prom.stop();
  }
}
