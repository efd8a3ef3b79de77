/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runCliText } from '../helpers/cli';
import { PLANTED, SHAPES, plantedWords } from '../fixtures/conversations/shapes';
import { blanked, checkable, leaked, wordsOf } from '../fixtures/conversations/words';
import { startVllmSim, type VllmSim } from '../helpers/vllmSim';

// The triage CLI end to end, as `npm run triage` runs it, against the vLLM simulator.
const root = join(__dirname, '../..');
const fixture = join(root, 'tests/fixtures/triage/journal-export.ndjson');
let sim: VllmSim;

beforeAll(async () => {
  sim = await startVllmSim({ API_KEY: 'cli-key' });
}, 30_000);
afterAll(async () => {
  await sim?.stop();
});

function cli(args: string[], env: Record<string, string> = {}, input?: string) {
  return runCliText('triage', args, { env, input });
}

describe('npm run triage', () => {
  it('--dry-run --format json prints exactly facts, prompt and redactions, and calls nothing', async () => {
    await sim.fault('');
    const r = await cli(['--journal', fixture, '--format', 'json', '--dry-run', '--vllm', sim.url]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['facts', 'prompt', 'redactions', 'conversations']);
    expect(Object.keys(out.facts)).toEqual(['lines', 'byPriority', 'byUnit', 'byHost', 'templates', 'notes']);
    expect(Object.keys(out.facts.templates[0])).toEqual([
      'template',
      'count',
      'firstSeen',
      'lastSeen',
      'units',
      'hosts',
      'callers',
      'examples',
      'values',
    ]);
    expect(Object.keys(out.prompt)).toEqual(['messages', 'estimatedTokens']);
    expect(Object.keys(out.prompt.messages[0])).toEqual(['role', 'content']);
    expect(out.redactions).toEqual({ 'bearer-token': 1 });
    expect(r.stdout).not.toContain('sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0');
    expect(await sim.requests()).toHaveLength(0);
  }, 60_000);

  it('calls vLLM with VLLM_API_KEY and adds the narrative; reads the journal from stdin', async () => {
    const r = await cli(
      ['--journal', '-', '--format', 'json', '--vllm', `${sim.url}/v1`],
      { VLLM_API_KEY: 'cli-key' },
      readFileSync(fixture, 'utf8')
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['facts', 'prompt', 'redactions', 'conversations', 'narrative']);
    expect(Object.keys(out.narrative)).toEqual(['summary', 'likely_cause', 'next_steps']);
    expect(out.narrative.summary).toMatch(/^8 error lines in the window/);
  }, 60_000);

  it('a wrong key gives "error", exit code 1, and the facts still', async () => {
    const r = await cli(['--journal', fixture, '--format', 'json', '--vllm', sim.url], { VLLM_API_KEY: 'wrong' });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.error).toMatch(/rejected the API key \(401\)\. Set VLLM_API_KEY/);
    expect(out.facts.lines).toBe(8);
    expect(out.narrative).toBeUndefined();
  }, 60_000);

  it('text format narrates; bad usage and unreadable input exit 2 with help', async () => {
    const t = await cli(['--journal', fixture, '--vllm', sim.url], { VLLM_API_KEY: 'cli-key' });
    expect(t.stdout).toMatch(/Narrative:\n8 error lines/);
    const u = await cli(['--format', 'yaml']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/--format must be one of text, json/);
    expect(u.stderr).toContain('usage: npm run triage');
    const bad = await cli(['--journal', '-'], {}, 'not json at all');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no journal entries could be read/);
  }, 60_000);

  it("request logging on (the issue's ten vllm.service lines): --dry-run prints no word of the conversations", async () => {
    // journalctl -o json entries as systemd writes a Python service's stderr: PRIORITY 6, one entry per line.
    const entry = (message: string, i: number, priority = '6') =>
      JSON.stringify({
        __REALTIME_TIMESTAMP: String(1795420800000000 + i * 1_000_000),
        _HOSTNAME: 'spark-host',
        _SYSTEMD_UNIT: 'vllm.service',
        SYSLOG_IDENTIFIER: 'vllm',
        PRIORITY: priority,
        MESSAGE: message,
      });
    const exportOf = (cs: typeof PLANTED) => {
      const messages = cs
        .flatMap((c) =>
          SHAPES.filter((s) => s.server === 'vllm' && s.id !== 'vllm-journald-split').flatMap((s) => s.render(c))
        )
        .slice(0, 10);
      return [
        ...messages.map((m, i) => entry(m, i)),
        entry('ERROR 05-06 12:00:11 [async_llm.py:420] AsyncLLM output_handler failed.', 11, '3'),
      ].join('\n');
    };
    const input = exportOf(PLANTED);
    // Words the tool writes itself (system prompt, field names) are found by a run with word-free conversations.
    const blank = exportOf(PLANTED.map(blanked));
    const own = await Promise.all(
      [[], ['--format', 'json']].map((f) =>
        cli(['--journal', '-', '--dry-run', '--max-priority', '7', ...f], {}, blank)
      )
    );
    const scaffold = wordsOf(own.map((r) => r.stdout).join('\n'));
    const words = PLANTED.flatMap((c) => checkable(plantedWords(c), scaffold));
    expect(leaked(words, input).length).toBeGreaterThanOrEqual(15);
    for (const args of [['--max-priority', '7'], []]) {
      const r = await cli(['--journal', '-', '--dry-run', ...args], {}, input);
      expect(r.code).toBe(0);
      expect(leaked(words, r.stdout)).toEqual([]);
      expect(r.stdout).toMatch(
        /note: 10 request log lines from vllm\.service \(91% of its lines\): request logging is on \(vLLM --enable-log-requests/
      );
      expect(r.stdout).toMatch(
        /Removed before sending: 0 secrets redacted; conversation content from 10 lines \([\d,]+ chars\)\./
      );
    }
    const j = JSON.parse(
      (await cli(['--journal', '-', '--dry-run', '--format', 'json', '--max-priority', '7'], {}, input)).stdout
    );
    expect(j.conversations).toMatchObject({ lines: 10, byServer: { vllm: 10 }, byUnit: { 'vllm.service': 10 } });
    expect(leaked(words, JSON.stringify(j))).toEqual([]);
  }, 60_000);

  const entry = (i: number, priority: string, message: string) =>
    JSON.stringify({
      __REALTIME_TIMESTAMP: String(1795420800000000 + i * 1_000_000),
      _HOSTNAME: 'spark-host',
      _SYSTEMD_UNIT: 'vllm.service',
      PRIORITY: priority,
      MESSAGE: message,
    });

  it('nothing at the selected priority: says what was read and how to widen, and calls nothing', async () => {
    await sim.fault('');
    const input = [
      entry(1, '6', 'started worker 1'),
      entry(2, '6', 'started worker 2'),
      entry(3, '4', 'disk almost full'),
    ].join('\n');
    const r = await cli(['--journal', '-', '--vllm', sim.url], { VLLM_API_KEY: 'cli-key' }, input);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '3 lines were read (1 warning, 2 info) but none at err priority or above, so nothing was sent to the model. To include them, run again with --max-priority 6.\n'
    );
    expect(await sim.requests()).toHaveLength(0);
    // Positive control: widened as told, the model is asked.
    const widened = await cli(
      ['--journal', '-', '--vllm', sim.url, '--max-priority', '6'],
      { VLLM_API_KEY: 'cli-key' },
      input
    );
    expect(widened.stdout).toMatch(/Narrative:\n3 error lines/);
    expect(await sim.requests()).toHaveLength(1);
  }, 60_000);

  it('--vllm takes http(s) only, and never echoes credentials given in it', async () => {
    const ftp = await cli(['--journal', fixture, '--vllm', 'ftp://spark-host/']);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toMatch(/--vllm must be an http:\/\/ or https:\/\/ URL, not ftp:/);
    const creds = await cli(['--journal', fixture, '--vllm', 'http://ops:hunter2@127.0.0.1:9']);
    expect(creds.code).toBe(2);
    expect(creds.stderr).toMatch(/must not carry a user or password in the URL: put the API key in VLLM_API_KEY/);
    expect(creds.stderr + creds.stdout).not.toContain('hunter2');
  }, 60_000);

  it('redacts the exact value of VLLM_API_KEY wherever the journal carries it', async () => {
    const input = [
      entry(1, '3', 'upstream 401: header was plainkeyvalue'),
      entry(2, '3', 'retry with plainkeyvalue failed'),
    ].join('\n');
    const r = await cli(['--journal', '-', '--dry-run', '--format', 'json'], { VLLM_API_KEY: 'plainkeyvalue' }, input);
    expect(r.stdout).not.toContain('plainkeyvalue');
    expect(JSON.parse(r.stdout).redactions).toEqual({ 'configured-secret': 2 });
    // Positive control: without the key set, the plain value is not recognisable as a secret.
    expect((await cli(['--journal', '-', '--dry-run', '--format', 'json'], {}, input)).stdout).toContain(
      'plainkeyvalue'
    );
  }, 60_000);

  it('writes its whole output into a pipe (more than 64 KiB) and ends quietly when the reader goes away', async () => {
    // Every line its own event (two words differ from any other line's): hundreds of templates, a long report.
    const word = (n: number) => Array.from(n.toString(26), (d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
    const input = Array.from({ length: 3000 }, (_, i) =>
      entry(
        i,
        '3',
        `job ${word(i)}x failed in stage ${word(i * 7 + 3)}y while ${'copying the shard to the replica '.repeat(2)}code ${i}`
      )
    ).join('\n');
    const r = await cli(['--journal', '-', '--dry-run', '--format', 'json'], {}, input);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(65_536);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    const head = await runCli('triage', ['--journal', '-', '--dry-run', '--format', 'json'], {
      input,
      closeAfterBytes: 100,
    });
    expect(head.stderr).not.toMatch(/EPIPE|Error/);
  }, 90_000);

  it('refuses a deeply nested entry with a clear message, no stack trace', async () => {
    const deep = `{"__REALTIME_TIMESTAMP":"1795420800000000","PRIORITY":"3","MESSAGE":${'['.repeat(50_000)}"x"${']'.repeat(50_000)}}`;
    const r = await cli(['--journal', '-', '--dry-run'], {}, deep);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 1: entry nested deeper than 32 levels \(journal entries are flat\); it was skipped/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
