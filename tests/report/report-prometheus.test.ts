/**
 * @jest-environment node
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { defaultSettings, type AppSettings } from '../../src/settings';
import { availabilityText } from '../../src/report/present';
import { runReportCommand } from '../../src/report/server/run';
import { fetchHttp } from '../../src/shared/fetchHttp';
import { collectReport } from '../../src/report/collect';
import { prometheusReportSource } from '../../src/report/sources';
import type { ReportModel } from '../../src/report/types';
import { factsFromAnswers, type InstantSample, type PeriodAnswers } from '../../src/sla/facts';
import { buildHeadline } from '../../src/sla/headline';
import { buildSlaPageQueries, parseRefId } from '../../src/sla/pageQueries';
import type { BurnWindow } from '../../src/sla/slo';
import { monthOf } from '../../src/sla/windows';
import { FakeGrafana } from '../cli/fakeGrafana';
import { runCli } from '../helpers/cli';
import { freePort, run, tempDir } from '../helpers/processes';
import { startVllmSim, type VllmSim } from '../helpers/vllmSim';
import { expectedQuantile } from '../sla/fixture';
import {
  DAY,
  GENERATED_TOKENS_PER_REQUEST,
  PROMPT_TOKENS_PER_REQUEST,
  startReportFixture,
  TZ,
  type ReportFixture,
} from './fixture';

let fx: ReportFixture;

beforeAll(async () => {
  fx = await startReportFixture();
}, 300_000);

afterAll(async () => {
  await fx?.stop();
});

function settingsFor(id: string, name = id): AppSettings {
  const d = defaultSettings();
  return { ...d, mode: 'tenant', tenant: { id, name }, sla: { ...d.sla, timeZone: TZ } };
}

const source = () => prometheusReportSource(fetchHttp(), fx.prom.url);

function report(id: string, month = fx.month, now = fx.end): Promise<ReportModel> {
  return collectReport({ settings: settingsFor(id), scope: { label: 'tenant', id }, month, now }, source());
}

function rel(actual: number | undefined, expected: number, tolerance: number) {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected) / Math.max(Math.abs(expected), 1e-12)).toBeLessThanOrEqual(tolerance);
}

describe('monthly report model against real Prometheus 2.42 (70 days, two tenants, Europe/Berlin)', () => {
  it('the month runs from Berlin midnight to Berlin midnight, and its numbers are what happened then', async () => {
    const m = await report('acme');
    expect(m.current.start).toBe(fx.period.start);
    expect(m.current.end).toBe(fx.period.end);
    expect(m.current.start).not.toBe(fx.utcPeriod.start);
    expect(m.current.complete).toBe(true);
    expect(m.days.map((d) => d.date)).toEqual(fx.days.map((d) => d.date));
    const berlin = fx.truth('acme', fx.period.start, fx.period.end);
    const utc = fx.truth('acme', fx.utcPeriod.start, fx.utcPeriod.end);
    // The error burst of the last UTC hour before the month is already this month in Berlin.
    expect(berlin.errors).toBeGreaterThan(utc.errors * 2);
    rel(m.current.requests, berlin.requests, 2e-3);
    rel(m.current.errors, berlin.errors, 2e-2);
    rel(m.current.latencySeconds, expectedQuantile(0.95, berlin.buckets), 2e-2);
    rel(m.current.availability, 1 - berlin.errors / berlin.requests, 1e-4);
    rel(m.usage.promptTokens, berlin.requests * PROMPT_TOKENS_PER_REQUEST, 2e-3);
    rel(m.usage.generationTokens, berlin.requests * GENERATED_TOKENS_PER_REQUEST, 2e-3);
  });

  it('a month with a data gap: the gap days say "no data", the others have their own numbers', async () => {
    const m = await report('acme');
    expect(m.days.filter((d) => d.state === 'no-data').map((d) => d.date)).toEqual(fx.gapDays);
    for (const d of m.days.filter((x) => x.state === 'ok')) {
      const t = fx.truth('acme', d.start, d.end);
      rel(d.requests, t.requests, 5e-3);
      rel(d.availability, 1 - t.errors / t.requests, 1e-3);
    }
    // The 25-hour day when clocks go back, where the month has one.
    const lengths = new Set(m.days.map((d) => d.end - d.start));
    expect([...lengths].every((s) => [23 * 3600, DAY, 25 * 3600].includes(s))).toBe(true);
  });

  it('globex breaches mid-month: the outage day is below the objective, the budget is exhausted', async () => {
    const m = await report('globex');
    const t = fx.truth('globex', fx.period.start, fx.period.end);
    rel(m.current.errors, t.errors, 2e-2);
    expect(m.current.headline.status).toBe('breaching');
    expect(m.current.budget!.exhausted).toBe(true);
    expect(m.current.headline.availabilityStatus).toBe('breaching');
    const outageDays = m.days.filter((d) => d.start < fx.outage.to && d.end > fx.outage.from);
    expect(outageDays.length).toBeGreaterThan(0);
    expect(outageDays.every((d) => d.availability! < 0.999)).toBe(true);
    expect(m.days.filter((d) => d.end <= fx.outage.from).every((d) => d.availability! > 0.999)).toBe(true);
    // Its series have no token counters: not measured, never zero.
    expect(m.usage.promptTokens).toBeUndefined();
    // The month before had only part of its days in the data: still compared, with its own numbers.
    expect(m.previous).toBeDefined();
    rel(m.previous!.requests, fx.truth('globex', m.previous!.start, m.previous!.end).requests, 5e-3);
    const covered = Math.floor((m.previous!.end - (fx.end - 70 * DAY)) / DAY);
    expect(m.previous!.coverage!.days).toBeGreaterThanOrEqual(28);
    expect(Math.abs(m.previous!.coverage!.daysWithData - covered)).toBeLessThanOrEqual(1);
  });

  it('a month with no traffic says "no requests", never 100 %', async () => {
    const m = await report('initech');
    expect(m.current.headline.sentences).toEqual(['No requests in this period.']);
    expect(m.current.availability).toBeUndefined();
    expect(m.current.budget).toBeUndefined();
    expect(m.days.every((d) => d.state === 'no-requests')).toBe(true);
  });

  it("the running month's numbers equal the Service levels page's for the same month", async () => {
    for (const id of ['acme', 'globex']) {
      const m = await report(id, monthOf(fx.end, TZ), fx.end);
      // The page's own path: its query set at the same instant, reduced by the SLA core.
      const q = buildSlaPageQueries(settingsFor(id), { label: 'tenant', id }, 'raw', fx.end);
      const answers: PeriodAnswers = {};
      for (const x of q.month.queries) {
        const ref = parseRefId(x.refId);
        const data = await fx.prom.query(x.expr, fx.end);
        if (ref?.kind === 'period' && data.resultType === 'vector') {
          answers[ref.fact] = data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
        }
      }
      const burn: Partial<Record<BurnWindow, InstantSample[]>> = {};
      for (const b of q.burn) {
        const ref = parseRefId(b.refId);
        const data = await fx.prom.query(b.expr, fx.end);
        if (ref?.kind === 'burn' && data.resultType === 'vector') {
          burn[ref.window] = data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
        }
      }
      const s = settingsFor(id).sla;
      const facts = factsFromAnswers(answers, burn, s.latencyTargetSeconds);
      const page = buildHeadline(
        facts,
        {
          objective: s.availabilityObjective,
          latencyTargetSeconds: s.latencyTargetSeconds,
          latencyPercentile: s.latencyPercentile,
        },
        q.month.period.label
      );
      expect(q.month.period.start).toBe(m.current.start);
      expect(m.current.requests).toBe(facts.requests);
      expect(m.current.errors).toBe(facts.errors);
      expect(m.current.latencySeconds).toBe(facts.latencySeconds);
      expect(m.current.headline).toEqual(page);
    }
  });

  it('every query is scoped to the tenant: a tenant with no series gets nothing of another', async () => {
    const m = await report('hooli');
    expect(m.current.requests).toBeUndefined();
    expect(m.days.every((d) => d.state === 'no-data')).toBe(true);
    expect(m.usage.promptTokens).toBeUndefined();
  });
});

// ---- The command line: PDF from the real Chromium, narrative from the vLLM simulator, mail to a real SMTP server ----

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stderr = '';
  let stdout = '';
  const code = await runReportCommand(
    args,
    { PATH: process.env.PATH, ...env },
    {
      out: (s) => (stdout += s),
      err: (s) => (stderr += s),
    },
    () => fx.end
  );
  return { code, stderr, stdout };
}

const monthArg = () => `${fx.month.year}-${String(fx.month.month).padStart(2, '0')}`;
const monthLabel = () =>
  new Date(Date.UTC(fx.month.year, fx.month.month - 1, 15)).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

async function pdfText(file: string): Promise<string> {
  const r = await run('pdftotext', ['-layout', file, '-']);
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('npm run report', () => {
  let work: { dir: string; remove: () => void };
  beforeAll(() => {
    work = tempDir('report-cli');
  });
  afterAll(() => work?.remove());

  const base = (tenant: string, out: string, name: string) => [
    '--tenant',
    tenant,
    '--month',
    monthArg(),
    '--out',
    out,
    '--prometheus',
    fx.prom.url,
    '--timezone',
    TZ,
    '--tenant-name',
    name,
  ];

  it('prints the PDF with Chromium: tenant, month, headline and availability in it, nothing of the other tenant, nothing remote', async () => {
    const out = join(work.dir, 'globex.pdf');
    const html = join(work.dir, 'globex.html');
    const r = await cli([...base('globex', out, 'Globex Corporation'), '--html', html]);
    expect(r.stderr).toMatch(/wrote .*globex\.pdf/);
    expect(r.code).toBe(0);
    const m = await report('globex');
    const text = (await pdfText(out)).replace(/\s+/g, ' ');
    expect(text).toContain('Globex Corporation');
    expect(text).toContain(monthLabel());
    expect(text).toContain(m.current.headline.sentences[0].slice(0, 60));
    expect(text).toContain(availabilityText(m.current));
    expect(text).not.toMatch(/acme|initech/i);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // No link, no remote image, font or file reference: the PDF stands alone.
    expect(bytes.toString('latin1')).not.toMatch(/\/URI|https?:\/\/|\/Launch|\/GoToR/);
    expect(readFileSync(html, 'utf8')).not.toMatch(/https?:\/\/|<script|<img|<link|@import|url\(/i);
    const png = join(work.dir, 'page');
    const p = await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', out, png]);
    expect(p.code).toBe(0);
    expect(readdirSync(work.dir).some((f) => f.startsWith('page') && f.endsWith('.png'))).toBe(true);
  }, 120_000);

  it('as cron runs it: the compiled command line (npm run report) writes the PDF and exits 0', async () => {
    const out = join(work.dir, 'compiled.pdf');
    const r = await runCli('report', base('acme', out, 'Acme Corp'), { timeoutMs: 120_000 });
    expect(r.stderr).toMatch(/^report: acme, /);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect((await pdfText(out)).replace(/\s+/g, ' ')).toContain('Acme Corp');
  }, 180_000);

  it('bad input: exit 2 with what to fix, and no file', async () => {
    const out = join(work.dir, 'bad.pdf');
    for (const args of [
      ['--tenant', 'acme', '--month', '2026-13', '--out', out, '--prometheus', fx.prom.url],
      ['--tenant', 'Bad Tenant', '--month', monthArg(), '--out', out, '--prometheus', fx.prom.url],
      ['--tenant', 'acme', '--month', monthArg(), '--out', out],
      ['--tenant', 'acme', '--month', '2999-01', '--out', out, '--prometheus', fx.prom.url],
      [
        '--tenant',
        'acme',
        '--month',
        monthArg(),
        '--out',
        out,
        '--prometheus',
        fx.prom.url,
        '--mail-to',
        'x@example.com',
      ],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^report: /);
    }
    expect(existsSync(out)).toBe(false);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit status: 0 delivered, 1 delivered without the summary, 2 bad input, 3');
  }, 60_000);

  it('Prometheus down: exit 3, says so', async () => {
    const port = await freePort();
    const r = await cli([
      '--tenant',
      'acme',
      '--month',
      monthArg(),
      '--out',
      join(work.dir, 'down.pdf'),
      '--prometheus',
      `http://127.0.0.1:${port}`,
    ]);
    expect(r.code).toBe(3);
    // The first thing asked is how far back Prometheus keeps data (src/history/readRetention.ts).
    expect(r.stderr).toMatch(/could not produce the report: Prometheus at http:\/\/127\.0\.0\.1:\d+ \(status API\).*reached/);
  }, 60_000);

  describe('narrative against the vLLM simulator', () => {
    let sim: VllmSim;
    beforeAll(async () => {
      sim = await startVllmSim();
    }, 30_000);
    afterAll(() => sim?.stop());

    it('success: the summary is in the PDF, from the facts only, one tenant per call with its own cache salt', async () => {
      await sim.fault('');
      const out = join(work.dir, 'narrated.pdf');
      const r = await cli([...base('acme', out, 'Acme Corp'), '--narrate', '--vllm', sim.url]);
      expect(r.code).toBe(0);
      const text = (await pdfText(out)).replace(/\s+/g, ' ');
      expect(text).toContain('Summary');
      expect(text).toContain(`In ${monthLabel()}, Acme Corp was promised 99.9 % availability`);
      const [req] = await sim.requests();
      expect(req.cache_salt).toBe('sovgrid-ops:acme');
      const sent = JSON.stringify(req.messages);
      expect(sent).toContain('untrusted-data');
      expect(sent).not.toMatch(/globex|initech/i);
      // Facts, never series: no PromQL, no raw per-day values.
      expect(sent).not.toMatch(/http_requests_total|increase\(|vllm:/);
      expect((req.response_format as { json_schema: { name: string } }).json_schema.name).toBe('report_narrative');
    }, 120_000);

    it('an invented number drops the summary and says so (exit 1)', async () => {
      await sim.fault('invented_number', 1);
      const out = join(work.dir, 'invented.pdf');
      const r = await cli([...base('acme', out, 'Acme Corp'), '--narrate', '--vllm', sim.url]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/summary unavailable: the narrator wrote a number the facts do not contain \(99\.123\)/);
      const text = (await pdfText(out)).replace(/\s+/g, ' ');
      expect(text).not.toContain('forecast');
      expect(text).not.toContain('was promised');
      expect(text).toMatch(/Summary unavailable: the narrator wrote a number the facts do not contain/);
    }, 120_000);

    it('model down: the report ships without a summary section, exit 1', async () => {
      await sim.fault('503');
      const out = join(work.dir, 'down.pdf');
      const r = await cli([...base('acme', out, 'Acme Corp'), '--narrate', '--vllm', sim.url, '--model', sim.model]);
      expect(r.code).toBe(1);
      const text = (await pdfText(out)).replace(/\s+/g, ' ');
      expect(text).toContain('Acme Corp');
      expect(text).toContain('Summary unavailable');
      expect(text).not.toMatch(/Summary (?!unavailable)/);
      await sim.fault('');
      const only = join(work.dir, 'only.pdf');
      const later = await cli([...base('acme', only, 'Acme Corp'), '--narrate-only', '--vllm', sim.url]);
      expect(later.code).toBe(0);
      const page = (await pdfText(only)).replace(/\s+/g, ' ');
      expect(page).toContain('was promised');
      expect(page).not.toContain('What was delivered');
    }, 120_000);
  });

  it('--mail-to: a real SMTP server on loopback receives the message with the PDF attached', async () => {
    const received: Buffer[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          cb();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const out = join(work.dir, 'mailed.pdf');
      const r = await cli([...base('acme', out, 'Acme Corp'), '--mail-to', 'ops@acme.example'], {
        SMTP_HOST: `127.0.0.1:${port}`,
        SMTP_FROM: 'Sovgrid reports <reports@sovgrid.example>',
      });
      expect(r.stderr).toMatch(/mailed to ops@acme\.example/);
      expect(r.code).toBe(0);
      expect(received).toHaveLength(1);
      const mail = await simpleParser(received[0]);
      expect(mail.subject).toBe(`Service report — Acme Corp — ${monthLabel()}`);
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ops@acme.example');
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0].contentType).toBe('application/pdf');
      expect(mail.attachments[0].filename).toBe(`service-report-acme-${monthArg()}.pdf`);
      expect(mail.attachments[0].content.equals(readFileSync(out))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    // The server gone: the PDF is still written, the exit says it was not delivered.
    const r2 = await cli(
      [...base('acme', join(work.dir, 'unsent.pdf'), 'Acme Corp'), '--mail-to', 'ops@acme.example'],
      {
        SMTP_HOST: `127.0.0.1:${port}`,
        SMTP_FROM: 'reports@sovgrid.example',
      }
    );
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(/mailing to ops@acme\.example failed: .*the PDF is at/);
    expect(existsSync(join(work.dir, 'unsent.pdf'))).toBe(true);
  }, 120_000);
});

describe('npm run report -- --grafana (Grafana stand-in per docs/grafana-contract.md, real Prometheus behind its data source proxy)', () => {
  let grafana: FakeGrafana;
  let work: { dir: string; remove: () => void };
  const env = { GRAFANA_USER: 'viewer', GRAFANA_PASSWORD: 'pw' };

  beforeAll(async () => {
    work = tempDir('report-grafana');
    grafana = new FakeGrafana();
    const acmeOrg = grafana.addOrg('Acme Corp', 2);
    const globexOrg = grafana.addOrg('Globex', 3);
    grafana.addUser({ login: 'viewer', email: 'v@acme.example', name: 'v', password: 'pw', isGrafanaAdmin: false }, [
      [acmeOrg, 'Viewer'],
    ]);
    // The tenant org's Prometheus: in production a label-enforcing proxy; here the shared one, so the app's own
    // tenant scoping is what keeps globex out.
    grafana.datasources.push({
      id: 10,
      uid: 'prom-acme',
      name: 'Prometheus',
      type: 'prometheus',
      access: 'proxy',
      url: fx.prom.url,
      isDefault: true,
      jsonData: {},
      orgId: acmeOrg,
    });
    grafana.appSettings.set(acmeOrg, {
      enabled: true,
      pinned: true,
      jsonData: {
        mode: 'tenant',
        tenant: { id: 'acme', name: 'Acme Corp' },
        datasources: { prometheusUid: 'prom-acme' },
        sla: { timeZone: TZ },
      },
    });
    const mid = (fx.days[16].start + 9 * 3600) * 1000;
    grafana.annotations.push(
      {
        id: 1,
        orgId: acmeOrg,
        alertId: 0,
        time: mid,
        timeEnd: mid + 95 * 60_000,
        text: 'Gateway <b>restarted</b>',
        tags: ['customer-visible', 'acme'],
      },
      {
        id: 2,
        orgId: acmeOrg,
        alertId: 0,
        time: mid,
        timeEnd: mid + 60_000,
        text: 'internal: disk swap on spark',
        tags: ['acme'],
      },
      {
        id: 3,
        orgId: acmeOrg,
        alertId: 7,
        time: mid,
        timeEnd: mid + 60_000,
        text: 'alert state change',
        tags: ['customer-visible', 'acme'],
      },
      {
        id: 4,
        orgId: globexOrg,
        alertId: 0,
        time: mid,
        timeEnd: mid + 60_000,
        text: 'globex outage',
        tags: ['customer-visible', 'globex'],
      },
      {
        id: 5,
        orgId: acmeOrg,
        alertId: 0,
        time: (fx.period.end + 3 * DAY) * 1000,
        timeEnd: (fx.period.end + 3 * DAY) * 1000 + 60_000,
        text: 'next month',
        tags: ['customer-visible', 'acme'],
      }
    );
    await grafana.start();
  });
  afterAll(async () => {
    await grafana?.stop();
    work?.remove();
  });

  it("reads the org's settings, its Prometheus and its customer-visible incidents; nothing else reaches the PDF", async () => {
    const out = join(work.dir, 'acme.pdf');
    const r = await cli(
      ['--tenant', 'acme', '--month', monthArg(), '--out', out, '--grafana', grafana.url, '--org', '2'],
      env
    );
    expect(r.stderr).toMatch(
      /acme, \d{4}-\d{2} \(Europe\/Berlin\), from http:\/\/127\.0\.0\.1:\d+ \(data source prom-acme\)/
    );
    expect(r.code).toBe(0);
    const text = (await pdfText(out)).replace(/\s+/g, ' ');
    expect(text).toContain('Acme Corp');
    expect(text).toContain('Gateway restarted');
    expect(text).toContain('1 h 35 min');
    for (const hidden of ['internal', 'alert state change', 'globex', 'next month']) {
      expect(text).not.toContain(hidden);
    }
    // Every query went through the org's data source proxy with GET, in org 2.
    const proxied = grafana.calls.filter((c) => c.path.startsWith('/api/datasources/proxy/uid/prom-acme/api/v1/query'));
    expect(proxied.length).toBeGreaterThan(60);
    expect(proxied.every((c) => c.method === 'GET' && c.orgId === '2')).toBe(true);
    expect(proxied.every((c) => decodeURIComponent(c.path).includes('tenant="acme"'))).toBe(true);
  }, 120_000);

  it("a tenant org's report is that tenant's: asking for another tenant is refused (exit 2)", async () => {
    const r = await cli(
      [
        '--tenant',
        'globex',
        '--month',
        monthArg(),
        '--out',
        join(work.dir, 'x.pdf'),
        '--grafana',
        grafana.url,
        '--org',
        '2',
      ],
      env
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this organization belongs to tenant "acme", not "globex"');
    expect(grafana.calls.some((c) => c.path.includes('globex'))).toBe(false);
  }, 60_000);

  it('no credentials or the wrong org: says what to fix', async () => {
    const none = await cli([
      '--tenant',
      'acme',
      '--month',
      monthArg(),
      '--out',
      join(work.dir, 'y.pdf'),
      '--grafana',
      grafana.url,
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('GRAFANA_TOKEN');
    const wrong = await cli(
      [
        '--tenant',
        'acme',
        '--month',
        monthArg(),
        '--out',
        join(work.dir, 'z.pdf'),
        '--grafana',
        grafana.url,
        '--org',
        '3',
      ],
      env
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /^report: Grafana \(app settings\) answered HTTP 403: .*Check GRAFANA_TOKEN, or GRAFANA_USER\/GRAFANA_PASSWORD and --org\.\n$/
    );
  }, 60_000);
});
