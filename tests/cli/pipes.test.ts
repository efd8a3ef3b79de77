/**
 * @jest-environment node
 */
// Every command line as `npm run <cli>` runs it (compiled, scripts/cli.mjs), with standard output a pipe: large
// output arrives whole, a reader that stops early ends the command quietly, --help exits 0, and usage errors
// (exit 2, with the usage) stay apart from failures at run time (their own code, no usage).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { freePort, tempDir } from '../helpers/processes';
import { FakeGrafana } from './fakeGrafana';

jest.setTimeout(120_000);

const TWO_MB = 2 * 1024 * 1024;
const ORGS = 900;
let tmp: ReturnType<typeof tempDir>;

/** Rule files whose JSON review is several megabytes: many rules, each with findings (vague action, no `for`). */
function bigRuleFile(): string {
  const rules = Array.from(
    { length: 4000 },
    (_, i) => `  - alert: ServiceDown${i}
    expr: up{job="service-${i}", instance=~"host-${i % 50}.*"} == 0
    labels: {severity: critical}
    annotations:
      summary: "Service ${i} is down on {{ $labels.instance }}"
      action: "investigate"`
  );
  const path = join(tmp.dir, 'big.yml');
  writeFileSync(path, `groups:\n- name: many\n  rules:\n${rules.join('\n')}\n`);
  return path;
}

/** A journal export whose JSON triage is several megabytes: every line from its own unit and host. */
function bigJournal(): string {
  const lines = Array.from({ length: 60_000 }, (_, i) =>
    JSON.stringify({
      MESSAGE: `worker failed: error code E${i}`,
      PRIORITY: '3',
      _SYSTEMD_UNIT: `service-number-${i}.service`,
      _HOSTNAME: `host-number-${i}.example.internal`,
      __REALTIME_TIMESTAMP: String(1_700_000_000_000_000 + i * 1_000_000),
    })
  );
  const path = join(tmp.dir, 'big.ndjson');
  writeFileSync(path, lines.join('\n'));
  return path;
}

const grafana = new FakeGrafana();
const admin = () => ({ GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'secret', GRAFANA_URL: grafana.url });

beforeAll(async () => {
  tmp = tempDir('pipes');
  await grafana.start();
  // Enough organizations that `tenant list` writes more than a pipe holds (64 KiB), within the 999 it reads.
  for (let id = 2; id <= ORGS; id++) {
    grafana.orgs.push({ id, name: `Customer organization number ${id} ${'with a long name '.repeat(6)}`.trim() });
  }
});
afterAll(async () => {
  await grafana.stop();
  tmp.remove();
});

describe.each(['review', 'triage', 'tenant', 'report'])('npm run %s', (name) => {
  it.each([['--help'], ['-h'], ['--bogus', '--help']])('%s prints the usage on stdout and exits 0', async (...args) => {
    const r = await runCli(name, args);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(new RegExp(`^usage: npm run ${name} -- `));
    expect(r.stdout.toString()).toContain('-h, --help');
    expect(r.stderr).toBe('');
  });

  it('an unknown option is a usage error: exit 2, the usage on stderr, nothing on stdout', async () => {
    const r = await runCli(name, ['--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${name}: unknown option --no-such-flag`);
    expect(r.stderr).toContain(`usage: npm run ${name} -- `);
    expect(r.stdout.length).toBe(0);
  });
});

describe('output through a pipe', () => {
  it('review: more than 2 MB of JSON arrives whole, and the exit code still says "findings"', async () => {
    const r = await runCli('review', [bigRuleFile(), '--format=json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(TWO_MB);
    const json = JSON.parse(r.stdout.toString());
    expect(json.rules).toHaveLength(4000);
    expect(json.summary.rules).toBe(4000);
  });

  it('triage: more than 2 MB of JSON arrives whole', async () => {
    const r = await runCli('triage', ['--journal', bigJournal(), '--format', 'json', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(TWO_MB);
    const json = JSON.parse(r.stdout.toString());
    expect(json.facts.lines).toBe(60_000);
    expect(Object.keys(json.facts.byHost)).toHaveLength(60_000);
  });

  it('tenant: a list longer than a pipe holds arrives whole', async () => {
    const r = await runCli('tenant', ['list'], { env: admin() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.toString().trimEnd().split('\n');
    expect(r.stdout.length).toBeGreaterThan(64 * 1024);
    expect(lines).toHaveLength(1 + ORGS);
    expect(lines[ORGS]).toMatch(new RegExp(`^\\s+${ORGS} {2}Customer organization number ${ORGS} with a long name`));
  });

  it.each([
    ['review', () => [bigRuleFile(), '--format', 'json'], {}],
    ['triage', () => ['--journal', bigJournal(), '--format', 'json', '--dry-run'], {}],
    ['tenant', () => ['list'], { useGrafana: true }],
  ])('%s: a reader that stops after the first bytes (| head -c 1) ends it quietly', async (name, args, o) => {
    const r = await runCli(name, args(), { closeAfterBytes: 1, env: 'useGrafana' in o ? admin() : {} });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('usage errors and failures at run time are told apart', () => {
  it('review: "--flag=value" and "--flag value" both parse; a bad value is a usage error', async () => {
    const r = await runCli('review', ['x.yml', '--format=xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of text, json, markdown, github, got "xml"');
    expect(r.stderr).toContain('usage: npm run review');
  });

  it('review: an unreachable Prometheus exits 3 with what to do and no usage', async () => {
    const port = await freePort();
    const r = await runCli('review', ['--prometheus', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `review: Prometheus at http://127.0.0.1:${port} (GET /api/v1/rules) could not be reached (ECONNREFUSED). Is it running? Check --prometheus.\n`
    );
  });

  it('triage: --journal=<file> works; an unreadable journal exits 2 without usage', async () => {
    const ok = await runCli('triage', [`--journal=${bigJournal()}`, '--dry-run', '--format=json']);
    expect(ok.code).toBe(0);
    const missing = await runCli('triage', ['--journal=/nonexistent/journal.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^triage: cannot read \/nonexistent\/journal.json: ENOENT/);
    expect(missing.stderr).not.toContain('usage:');
  });

  it('triage: an unreachable vLLM still prints the facts, exits 1, no usage', async () => {
    const port = await freePort();
    const journal = join(tmp.dir, 'one.ndjson');
    writeFileSync(journal, JSON.stringify({ MESSAGE: 'disk full', PRIORITY: '3', _SYSTEMD_UNIT: 'vllm.service', __REALTIME_TIMESTAMP: '1700000000000000' }));
    const r = await runCli('triage', ['--journal', journal, '--vllm', `http://127.0.0.1:${port}`, '--format', 'json', '--timeout', '5']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout.toString());
    expect(out.facts.lines).toBe(1);
    expect(out.error).toMatch(/vLLM could not be reached at http:\/\/127.0.0.1:\d+\/v1\/models|vLLM could not be reached/);
    expect(r.stderr).not.toContain('usage:');
  });

  it('tenant: missing credentials are a usage error; an unreachable Grafana exits 1 without usage', async () => {
    const usage = await runCli('tenant', ['list'], { env: { GRAFANA_USER: '', GRAFANA_PASSWORD: '', GRAFANA_TOKEN: '' } });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('set GRAFANA_USER and GRAFANA_PASSWORD');
    expect(usage.stderr).toContain('usage: npm run tenant');
    const port = await freePort();
    const down = await runCli('tenant', ['list', `--grafana=http://127.0.0.1:${port}`], { env: { GRAFANA_TOKEN: 't' } });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`Grafana at http://127.0.0.1:${port} could not be reached (ECONNREFUSED)`);
    expect(down.stderr).not.toContain('usage:');
  });
});
