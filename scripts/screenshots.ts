// `npm run screenshots`: renders the rules, triage and configuration pages in headless Chromium, light and dark,
// with real data, into PNGs (src/img/screenshots/, used by the README and plugin.json), and measures each page:
// horizontal overflow at 1280 px and text contrast. tests/screenshots/screenshots.test.ts runs it in `npm test`.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { defaultSettings } from '../src/settings';
import { isObj } from '../src/shared/narrow';
import { INCIDENT_TAG } from '../src/sla/incidents';
import { monthOf, monthPeriod, previousMonth } from '../src/sla/windows';
import { dataSourceName, tenantSettings } from '../src/tenants/onboard';
import { startReportFixture, TZ as REPORT_TZ } from '../tests/report/fixture';
import { corpus } from '../tests/helpers/corpora';
import { freePort, hasCommand, tempDir } from '../tests/helpers/processes';
import { startNodeExporter, startPrometheus, type RunningPrometheus } from '../tests/helpers/prometheus';
import { startVllmSim, type VllmSim } from '../tests/helpers/vllmSim';
import { prometheusRulesAnswer, syslogAsJournal } from '../tests/screenshots/data';
import type { PageMeasures } from '../tests/screenshots/measure';

const ROOT = join(__dirname, '..');
export const WIDTH = 1280;
export const MIN_CONTRAST = 4.5;
const MAX_HEIGHT = 1800;
const PROM_UID = 'sovgrid-prometheus';
// Syslog lines carry no year; a fixed one keeps the screenshots reproducible.
const JOURNAL_YEAR = 2025;

export interface Shot {
  name: string;
  file: string;
  theme: 'light' | 'dark';
  measures: PageMeasures;
  image: { width: number; height: number; colours: number; spread: number };
}

interface DataSourceRef {
  uid: string;
  name: string;
  type: string;
}

/** One Grafana org as the pages see it: the app's settings and the org's data sources. */
interface Org {
  settings: unknown;
  datasources: DataSourceRef[];
}

/** Grafana's stored annotation (pkg/services/annotations: the fields the report reads). */
interface Annotation {
  id: number;
  alertId: number;
  time: number;
  timeEnd: number;
  text: string;
  tags: string[];
}

interface Backends {
  rules: unknown;
  prom?: RunningPrometheus;
  stopExporter?: () => Promise<void>;
  vllm: VllmSim;
  journal: string;
  /** The operator org (rules, triage, configuration). */
  operator: Org;
  /** A customer's org for the monthly report: the report tests' flaky tenant over its backfilled history. */
  tenant?: Org & { prom: RunningPrometheus; annotations: Annotation[] };
}

async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'tests/screenshots/harness.tsx')],
    bundle: true,
    outfile: join(dir, 'app.js'),
    platform: 'browser',
    format: 'iife',
    target: 'chrome110',
    jsx: 'automatic',
    minify: false,
    sourcemap: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'dataurl' },
  });
}

async function forward(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) {
    chunks.push(c as Buffer);
  }
  const headers: Record<string, string> = {};
  for (const h of ['content-type', 'authorization', 'accept']) {
    const v = req.headers[h];
    if (typeof v === 'string') {
      headers[h] = v;
    }
  }
  try {
    const up = await fetch(target, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined, redirect: 'manual' });
    res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(Buffer.from(await up.arrayBuffer()));
  } catch {
    // What Grafana's proxy answers when the upstream cannot be reached (docs/grafana-contract.md, "Proxy answers").
    res.writeHead(502).end();
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

// Grafana's page resets the body margin (its reboot styles), loads uPlot's stylesheet for every chart, and sets grafanaBootData before any plugin code runs; @grafana/runtime's config reads it.
const BOOT = { settings: { appSubUrl: '', buildInfo: { version: '13.0.0' }, featureToggles: {} }, user: { orgId: 1, orgRole: 'Admin', isSignedIn: true, timezone: 'browser' }, navTree: [] };
const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Sovgrid Ops</title><style>body{margin:0}</style><link rel="stylesheet" href="/harness/uPlot.min.css"><script>window.grafanaBootData = ${JSON.stringify(BOOT)};</script></head><body><div id="root"></div><script src="/harness/app.js"></script></body></html>`;

// Grafana serves its icons from public/build/img/icons/<set>/<name>.svg (@grafana/ui Icon/utils.ts getIconRoot); the
// package ships the icons it uses, an icon it lacks answers 404 as Grafana would for an unknown file.
const ICONS_URL = '/public/build/img/icons/';
const ICONS_DIR = join(dirname(require.resolve('@grafana/ui/package.json')), 'dist/public/img/icons');

function serveIcon(res: ServerResponse, path: string) {
  const rel = path.slice(ICONS_URL.length);
  const file = join(ICONS_DIR, rel);
  if (!/^[a-z]+\/[a-z0-9-]+\.svg$/.test(rel) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(readFileSync(file));
}

/**
 * GET /api/annotations as pkg/api/annotations.go GetAnnotations and annotationsimpl/xorm_store.go Get answer it
 * (read for tests/cli/fakeGrafana.ts): overlap with from/to (ms) when both are > 0, `type=annotation` keeps alertId 0,
 * every tag must match unless matchAny=true, newest first, `limit` (default 100).
 */
function annotationsAnswer(all: Annotation[], q: URLSearchParams): Annotation[] {
  const from = Number(q.get('from') ?? 0);
  const to = Number(q.get('to') ?? 0);
  const tags = q.getAll('tags');
  const any = q.get('matchAny') === 'true';
  const type = q.get('type');
  return all
    .filter((a) => !(from > 0 && to > 0) || (a.time <= to && a.timeEnd >= from))
    .filter((a) => (type === 'annotation' ? a.alertId === 0 : type === 'alert' ? a.alertId > 0 : true))
    .filter((a) => tags.length === 0 || (any ? tags.some((t) => a.tags.includes(t)) : tags.every((t) => a.tags.includes(t))))
    .sort((a, b) => b.time - a.time)
    .slice(0, Number(q.get('limit') ?? 100) || 100);
}

/** Grafana's routes the pages call, answered from real data and real services. */
function serve(dir: string, b: Backends): Server {
  const dsProxy = '/api/datasources/proxy/uid/';
  const proms = new Map<string, string>();
  if (b.prom) {
    proms.set(PROM_UID, b.prom.url);
  }
  if (b.tenant) {
    proms.set(b.tenant.datasources[0].uid, b.tenant.prom.url);
  }
  const vllmProxy = '/api/plugin-proxy/sovgrid-ops-app/vllm/';
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://harness');
    const p = url.pathname;
    if (p === '/' || p === '/harness') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    } else if (p === '/harness/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(dir, 'app.js')));
    } else if (p === '/harness/uPlot.min.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(require.resolve('uplot/dist/uPlot.min.css')));
    } else if (p.startsWith(ICONS_URL)) {
      serveIcon(res, p);
    } else if (p === '/harness/data.json') {
      json(res, 200, { operator: b.operator, tenant: b.tenant && { settings: b.tenant.settings, datasources: b.tenant.datasources } });
    } else if (p === '/api/annotations' && b.tenant) {
      json(res, 200, annotationsAnswer(b.tenant.annotations, url.searchParams));
    } else if (p === '/api/prometheus/grafana/api/v1/rules') {
      json(res, 200, { status: 'success', data: { groups: [] } });
    } else if (p === '/api/ruler/grafana/api/v1/rules') {
      json(res, 200, {});
    } else if (p === `/api/prometheus/${PROM_UID}/api/v1/rules`) {
      json(res, 200, b.rules);
    } else if (/^\/api\/prometheus\/[^/]+\/api\/v1\/rules$/.test(p)) {
      // Another data source's ruler (the dev stack's Loki) with no rules loaded.
      json(res, 200, { status: 'success', data: { groups: [] } });
    } else if (p.startsWith(dsProxy) && proms.has(p.slice(dsProxy.length).split('/')[0])) {
      const [uid, ...rest] = p.slice(dsProxy.length).split('/');
      void forward(req, res, `${proms.get(uid)}/${rest.join('/')}${url.search}`);
    } else if (p.startsWith(vllmProxy)) {
      void forward(req, res, `${b.vllm.url}/${p.slice(vllmProxy.length)}${url.search}`);
    } else {
      // Grafana's answer to an unknown API path (pkg/api/index.go NotFoundHandler).
      json(res, 404, { message: 'Not found' });
    }
  });
}

async function startBackends(): Promise<Backends | undefined> {
  const rulesDir = corpus('rules/awesome-prometheus-alerts');
  const loghub = corpus('loghub-2k');
  if (!rulesDir || !loghub) {
    return undefined;
  }
  // The dev stack's operator org: its provisioned app settings and data sources.
  const settings = (parseYaml(readFileSync(join(ROOT, 'provisioning/grafana/plugins/app.yaml'), 'utf8')) as { apps: Array<{ jsonData: unknown }> }).apps[0].jsonData;
  const provisioned = parseYaml(readFileSync(join(ROOT, 'provisioning/grafana/datasources/operator.yaml'), 'utf8')) as {
    datasources: Array<{ uid: string; name: string; type: string; orgId?: number }>;
  };
  const datasources: DataSourceRef[] = provisioned.datasources.filter((d) => (d.orgId ?? 1) === 1).map(({ uid, name, type }) => ({ uid, name, type }));
  let prom: RunningPrometheus | undefined;
  let stopExporter: (() => Promise<void>) | undefined;
  if ((await hasCommand('prometheus')) && (await hasCommand('prometheus-node-exporter'))) {
    const exporter = await startNodeExporter();
    stopExporter = exporter.stop;
    prom = await startPrometheus({
      scrapeInterval: '1s',
      scrapeConfigsYaml: `  - job_name: node\n    static_configs:\n      - targets: ['${exporter.target}']`,
    });
    await new Promise((r) => setTimeout(r, 3000));
  }
  const vllm = await startVllmSim();
  const journal = syslogAsJournal(readFileSync(join(loghub, 'Linux_2k.log'), 'utf8'), JOURNAL_YEAR).ndjson;
  const tenant = prom ? await startTenantOrg(settings) : undefined;
  return { rules: prometheusRulesAnswer(rulesDir).answer, prom, stopExporter, vllm, journal, operator: { settings, datasources }, tenant };
}

const TENANT = { id: 'globex', name: 'Globex Corporation' };

/**
 * The tenant org `npm run tenant -- add` makes (its settings and data source), over the report tests' 70 days of
 * series backfilled into a real Prometheus (tests/report/fixture.ts), with two customer-visible incidents in last month.
 */
async function startTenantOrg(operatorSettings: unknown): Promise<Backends['tenant']> {
  const { prom, end } = await startReportFixture();
  // As `npm run tenant -- add globex --url <its label proxy>` leaves the org (prom-label-proxy, no history), in the
  // fixture's time zone so its months are the report's.
  const made = tenantSettings(operatorSettings, { ...TENANT, url: prom.url, viewerLogin: `${TENANT.id}-viewer` });
  // The fixture's series carry the tenant label themselves (the default recipe); the dev stack's operator org uses
  // the Traefik recipe, whose recording rules this Prometheus does not run.
  const settings = { ...made, sla: { ...made.sla, timeZone: REPORT_TZ }, sli: defaultSettings().sli };
  const month = monthPeriod(previousMonth(monthOf(Date.now() / 1000, settings.sla.timeZone)), settings.sla.timeZone, end);
  const at = (day: number, hour: number) => ((month?.start ?? end - 30 * 86400) + (day - 1) * 86400 + hour * 3600) * 1000;
  const tags = [INCIDENT_TAG, TENANT.id];
  const annotations: Annotation[] = [
    { id: 7, alertId: 0, time: at(9, 14), timeEnd: at(9, 15) + 25 * 60_000, text: 'Inference host restarted after a GPU driver fault; requests failed until the model had reloaded.', tags },
    { id: 9, alertId: 0, time: at(21, 3), timeEnd: at(21, 3) + 40 * 60_000, text: 'Slow responses while the model was upgraded.', tags },
  ];
  const datasources = [{ uid: settings.datasources.prometheusUid, name: dataSourceName(TENANT.id), type: 'prometheus' }];
  return { settings, datasources, prom, annotations };
}

type Scenario = {
  name: string;
  path: string;
  act: (page: Page, b: Backends) => Promise<void>;
  /** A drawer is fixed to the viewport: shoot what the person sees, not the page under it. */
  viewportOnly?: boolean;
  /** Needs the tenant org (a real Prometheus with the report fixture's history). */
  needsTenant?: boolean;
};

/** The rules page has loaded and the 7-day noise estimate has come back. */
async function rulesSettled(page: Page) {
  await page.waitForSelector(tid('sovgrid-rules-summary'), { timeout: 120_000 });
  await page.waitForFunction(() => !document.body.innerText.includes('Estimating how often'), undefined, { timeout: 300_000 });
}

const tid = (id: string) => `[data-testid="data-testid ${id}"]`;

const SCENARIOS: Scenario[] = [
  {
    name: 'rules',
    path: '/harness?page=rules',
    act: rulesSettled,
  },
  {
    name: 'rules-drawer',
    path: '/harness?page=rules&layout=flat',
    viewportOnly: true,
    act: async (page) => {
      await rulesSettled(page);
      await page.locator(tid('sovgrid-rules-details')).first().click();
      await page.waitForSelector(tid('sovgrid-rules-drawer'));
    },
  },
  {
    name: 'triage',
    path: '/harness?page=triage',
    act: async (page, b) => {
      await page.waitForSelector(tid('sovgrid-triage'));
      await page.getByLabel('Journal export').click();
      await page.locator(tid('sovgrid-triage-paste')).fill(b.journal);
      await page.locator(tid('sovgrid-triage-run')).click();
      await page.waitForSelector(`${tid('sovgrid-triage-narrative')}, ${tid('sovgrid-triage-error')}`, { timeout: 120_000 });
    },
  },
  {
    name: 'report',
    path: '/harness?page=report',
    needsTenant: true,
    act: async (page) => {
      await page.waitForSelector(`${tid('sovgrid-report')}, ${tid('sovgrid-report-error')}`, { timeout: 120_000 });
      if (await page.locator(tid('sovgrid-report-error')).count()) {
        throw new Error(`the report could not be made: ${await page.locator(tid('sovgrid-report-error')).innerText()}`);
      }
      // The summary an editor asks the vLLM for (here the simulator behind the plugin route).
      await page.locator(tid('sovgrid-report-narrate')).click();
      await page.waitForSelector(`${tid('sovgrid-report-narrative')}, ${tid('sovgrid-report-narrative-note')}`, { timeout: 120_000 });
    },
  },
  {
    name: 'config',
    path: '/harness?page=config',
    act: async (page) => {
      await page.waitForSelector(tid('sovgrid-config'));
    },
  },
];

async function shoot(browser: Browser, base: string, outDir: string, s: Scenario, theme: 'light' | 'dark', b: Backends): Promise<Shot> {
  const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 900 }, colorScheme: theme, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.message} ${e.stack ?? ''}`.slice(0, 1500)));
  page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`${r.status()} ${r.url()}`));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text().slice(0, 500)));
  try {
    await page.goto(`${base}${s.path}&theme=${theme}`);
    // Measured at rest: no hover or focus left over from the clicks that got the page here.
    const rest = async () => {
      await page.mouse.move(WIDTH - 1, 1);
      await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
    };
    await s.act(page, b).then(rest).catch((e: unknown) => {
      throw new Error(`${s.name} (${theme}): ${e instanceof Error ? e.message : String(e)}\npage errors: ${[...errors, ...consoleErrors].join('\n')}`);
    });
    // Let charts, fonts and transitions settle.
    await page.waitForTimeout(800);
    if (errors.length) {
      throw new Error(`${s.name} (${theme}): page error: ${errors.join('; ')}`);
    }
    const measures = (await page.evaluate(`window.sovgridMeasure.measurePage(${MIN_CONTRAST})`)) as PageMeasures;
    const file = join(outDir, `${s.name}-${theme}.png`);
    // The top of a long page is what a person sees first (and what the README shows); measures cover the whole page.
    const height = Math.min(MAX_HEIGHT, (await page.evaluate('document.documentElement.scrollHeight')) as number);
    if (!s.viewportOnly) {
      // A window as tall as the shot: a sticky bar (the configuration's Save) then sits below the content, as it does
      // once a person has scrolled, instead of over the middle of a full-page capture.
      await page.setViewportSize({ width: WIDTH, height });
      await page.waitForTimeout(300);
    }
    const png = await page.screenshot({ path: file });
    const image = (await page.evaluate(`window.sovgridMeasure.imageStats(${JSON.stringify(`data:image/png;base64,${png.toString('base64')}`)})`)) as Shot['image'];
    return { name: s.name, file, theme, measures, image };
  } finally {
    await ctx.close();
  }
}

/** What the measures say about a page made to fail them, and about a blank image: they must notice both. */
async function controls(browser: Browser, base: string, outDir: string): Promise<{ page: PageMeasures; blank: Shot['image'] }> {
  const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 400 } });
  try {
    const page = await ctx.newPage();
    await page.goto(`${base}/harness?page=control&theme=light`);
    await page.waitForSelector(tid('sovgrid-control'));
    const measures = (await page.evaluate(`window.sovgridMeasure.measurePage(${MIN_CONTRAST})`)) as PageMeasures;
    const png = await page.screenshot({ path: join(outDir, 'control-blank.png'), clip: { x: 0, y: 200, width: 300, height: 150 } });
    const blank = (await page.evaluate(`window.sovgridMeasure.imageStats(${JSON.stringify(`data:image/png;base64,${png.toString('base64')}`)})`)) as Shot['image'];
    return { page: measures, blank };
  } finally {
    await ctx.close();
  }
}

export interface ScreenshotRun {
  shots: Shot[];
  controls: { page: PageMeasures; blank: Shot['image'] };
}

/** Runs every scenario in both themes; undefined when the corpora are missing outside CI (corpus() says so). */
export async function runScreenshots(opts: { outDir?: string; only?: string[] } = {}): Promise<ScreenshotRun | undefined> {
  const outDir = opts.outDir ?? join(ROOT, 'src/img/screenshots');
  mkdirSync(outDir, { recursive: true });
  const backends = await startBackends();
  if (!backends) {
    return undefined;
  }
  const work = tempDir('screenshots');
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    await bundle(work.dir);
    server = serve(work.dir, backends);
    const port = await freePort();
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const base = `http://127.0.0.1:${port}`;
    const shots: Shot[] = [];
    const scenarios = SCENARIOS.filter((x) => (!opts.only || opts.only.includes(x.name)) && (!x.needsTenant || backends.tenant));
    for (const s of scenarios) {
      for (const theme of ['light', 'dark'] as const) {
        shots.push(await shoot(browser, base, outDir, s, theme, backends));
      }
    }
    return { shots, controls: await controls(browser, base, work.dir) };
  } finally {
    await browser?.close();
    server?.close();
    await backends.vllm.stop();
    await backends.prom?.stop();
    await backends.tenant?.prom.stop();
    await backends.stopExporter?.();
    work.remove();
  }
}

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const run = await runScreenshots({ only: only.length ? only : undefined });
  if (!run) {
    process.exitCode = 1;
    return;
  }
  const { shots } = run;
  for (const s of shots) {
    const low = s.measures.lowContrast;
    process.stdout.write(
      `${s.file.replace(`${ROOT}/`, '')}: ${s.image.width}×${s.image.height}, ${s.image.colours} colours, overflow ${s.measures.overflowPx} px${s.measures.overflowing.length ? ` (${s.measures.overflowing.join(', ')})` : ''}, ` +
        `${s.measures.textNodes} text nodes, ${low.length} below ${MIN_CONTRAST}:1${low.length ? ` (${low.slice(0, 5).map((l) => `"${l.text}" ${l.ratio}`).join('; ')})` : ''}\n`
    );
  }
  writeFileSync(SUMMARY, JSON.stringify(mergeSummary(shots), null, 2) + '\n');
}

const SUMMARY = join(ROOT, '.screenshots.json');

/** An entry of an earlier summary worth keeping: it names its shot (the rest is only reported, never read). */
function isShot(v: unknown): v is Shot {
  return isObj(v) && typeof v.name === 'string' && (v.theme === 'light' || v.theme === 'dark') && typeof v.file === 'string';
}

/** The committed summary: paths relative to the project, and a partial run (`npm run screenshots rules`) replaces only its own shots. */
function mergeSummary(shots: Shot[]): Shot[] {
  const fresh = shots.map((s) => ({ ...s, file: relative(ROOT, s.file) }));
  const key = (s: Shot) => `${s.name}-${s.theme}`;
  let old: Shot[] = [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(SUMMARY, 'utf8'));
    old = Array.isArray(parsed) ? parsed.filter(isShot) : [];
  } catch {
    // No summary yet (or an unreadable one): this run writes it whole.
  }
  const byKey = new Map(old.map((s) => [key(s), s]));
  fresh.forEach((s) => byKey.set(key(s), s));
  return [...byKey.values()].sort((a, b) => key(a).localeCompare(key(b)));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`screenshots failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
