// Renders docs/sample-report.pdf and docs/sample-report-page1.png: the monthly report of the demo stack's "globex"
// tenant (the flaky one) for last month in Europe/Berlin. The dev stack itself cannot run without Docker, so the
// data is the demo exporter's series shape backfilled into a real Prometheus (tests/fixtures/report/demoShape.ts),
// two incidents as Grafana's /api/annotations returns them, and the summary from the vLLM simulator.
// Run: npx tsx scripts/sample-report.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectReport } from '../src/report/collect';
import { narrateReport } from '../src/report/narrative';
import { reportHtml } from '../src/report/server/html';
import { printPdf } from '../src/report/server/pdf';
import { parseAnnotations } from '../src/shared/annotations';
import { prometheusReportSource } from '../src/report/sources';
import { fetchHttp } from '../src/shared/fetchHttp';
import { defaultSettings } from '../src/settings';
import { monthOf, monthPeriod, previousMonth } from '../src/sla/windows';
import { VllmClient } from '../src/triage/vllm';
import { startDemoPrometheus } from '../tests/fixtures/report/demoPrometheus';
import { nodeFetch, startVllmSim } from '../tests/helpers/vllmSim';

async function main() {
  const tz = 'Europe/Berlin';
  const { prom, end } = await startDemoPrometheus();
  const sim = await startVllmSim();
  try {
    const d = defaultSettings();
    const settings = { ...d, mode: 'tenant' as const, tenant: { id: 'globex', name: 'Globex Corporation' }, sla: { ...d.sla, timeZone: tz } };
    const month = previousMonth(monthOf(end, tz));
    const p = monthPeriod(month, tz, end)!;
    const at = (day: number, hour: number) => (p.start + (day - 1) * 86400 + hour * 3600) * 1000;
    const annotations = parseAnnotations([
      { id: 7, time: at(9, 14), timeEnd: at(9, 15) + 25 * 60_000, text: 'Inference host restarted after a GPU driver fault; requests failed until the model had reloaded.', tags: ['customer-visible', 'globex'] },
      { id: 9, time: at(21, 3), timeEnd: at(21, 3) + 40 * 60_000, text: 'Slow responses while the model was upgraded.', tags: ['customer-visible', 'globex'] },
    ]);
    const model = await collectReport({ settings, scope: { label: 'tenant', id: 'globex' }, month, now: end }, prometheusReportSource(fetchHttp(), prom.url), {
      annotations: async () => annotations,
    });
    const client = new VllmClient({ baseUrl: sim.url, fetch: nodeFetch, timeoutMs: 30_000, site: { configHint: '--vllm', keyHint: 'VLLM_API_KEY' } });
    const narrative = await narrateReport(model, client, sim.model);
    const pdf = await printPdf(reportHtml(model, narrative));
    mkdirSync('docs', { recursive: true });
    writeFileSync(join('docs', 'sample-report.pdf'), pdf);
    const r = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', 'docs/sample-report.pdf', 'docs/sample-report-page1']);
    if (r.status !== 0) {
      throw new Error(`pdftoppm failed: ${r.stderr}`);
    }
    process.stdout.write(`docs/sample-report.pdf (${Math.round(pdf.length / 1024)} KB), docs/sample-report-page1.png; summary: ${narrative.status}\n`);
  } finally {
    await sim.stop();
    await prom.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
