/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_DEPTH,
  OVERSIZE_NOTE,
  journalField,
  nestingDepth,
  parseJournalExport,
  parseJournalExportInSlices,
} from './journal';

const fixture = readFileSync(join(__dirname, '../../tests/fixtures/triage/journal-export.ndjson'), 'utf8');

describe('parseJournalExport on a real-shaped journalctl -o json export', () => {
  const { lines, problems } = parseJournalExport(fixture);

  it('keeps every entry, converting __REALTIME_TIMESTAMP from µs to ms', () => {
    expect(lines).toHaveLength(9);
    expect(new Date(lines[0].time).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(lines[1].time - lines[0].time).toBe(60_000);
    expect(lines[0]).toMatchObject({ host: 'spark-host', unit: 'vllm.service', priority: 3 });
  });

  it('decodes byte-array MESSAGE fields as UTF-8, invalid bytes as U+FFFD', () => {
    expect(lines[1].message).toBe('\u001b[31mERROR\u001b[0m CUDA error: an illegal memory access was encountered');
    expect(lines[2].message).toBe('RuntimeError: NCCL error \uFFFD\uFFFD in allreduce');
  });

  it('turns a null (oversize) MESSAGE into a visible note and reports it', () => {
    expect(lines[3].message).toBe(OVERSIZE_NOTE);
    expect(problems.join('\n')).toMatch(/1 message\(s\) were over 4096 bytes/);
  });

  it('joins repeated fields and attributes systemd messages to the unit they are about', () => {
    expect(lines[4].message).toBe('vllm.service: Main process exited, code=exited, status=1/FAILURE | second value');
    expect(lines[4].unit).toBe('vllm.service');
    expect(lines[5].unit).toBe('vllm.service');
  });

  it('falls back to SYSLOG_IDENTIFIER when there is no unit (kernel lines)', () => {
    expect(lines[8]).toMatchObject({ unit: 'kernel', priority: 0 });
  });
});

describe('parseJournalExport input shapes and bad input', () => {
  const entry = (i: number, msg: string) => ({
    __REALTIME_TIMESTAMP: String(1_700_000_000_000_000 + i),
    MESSAGE: msg,
    PRIORITY: '3',
  });

  it('reads json-pretty (multi-line objects) and a JSON array alike', () => {
    const pretty = [entry(1, 'a {brace} "quoted"'), entry(2, 'b')].map((e) => JSON.stringify(e, null, 2)).join('\n');
    expect(parseJournalExport(pretty).lines.map((l) => l.message)).toEqual(['a {brace} "quoted"', 'b']);
    const arr = JSON.stringify([entry(1, 'x'), entry(2, 'y')]);
    expect(parseJournalExport(arr).lines).toHaveLength(2);
  });

  it('reports bad entries by line and keeps the good ones', () => {
    const text = [
      JSON.stringify(entry(1, 'ok')),
      '{"MESSAGE": "no time"}',
      '{"broken": ',
      JSON.stringify(entry(2, 'ok2')),
    ].join('\n');
    const r = parseJournalExport(text);
    expect(r.lines.map((l) => l.message)).toEqual(['ok', 'ok2']);
    expect(r.problems.some((p) => /no __REALTIME_TIMESTAMP/.test(p))).toBe(true);
    expect(r.problems.some((p) => /line 3/.test(p))).toBe(true);
  });

  it('says what it expected when given something else', () => {
    expect(parseJournalExport('hello world').problems[0]).toMatch(/journalctl -o json/);
  });

  it('decodes multi-byte UTF-8 in byte arrays', () => {
    expect(journalField([0xe2, 0x82, 0xac, 0x20, 0xf0, 0x9f, 0x94, 0xa5])).toBe('€ 🔥');
  });
});

describe('journalctl text, nesting limits and reading in slices', () => {
  it('reads journalctl -o short and -o short-iso, continuation lines included', () => {
    const text = [
      '-- Logs begin at Sun 2026-11-22 00:00:00 UTC. --',
      'Nov 23 08:00:01 spark-host vllm[4242]: ERROR 11-23 08:00:01 [engine.py:112] EngineCore failed to start.',
      '    Traceback (most recent call last):',
      'Nov 23 08:00:02 spark-host syslogd 1.4.1: restart.',
      '2026-11-23T08:00:03+0000 floki kernel: Out of memory: Killed process 812 (python3)',
    ].join('\n');
    const r = parseJournalExport(text, { year: 2026 });
    expect(r.problems).toEqual([]);
    expect(r.lines).toEqual([
      {
        time: Date.UTC(2026, 10, 23, 8, 0, 1),
        host: 'spark-host',
        unit: 'vllm',
        priority: null,
        message: 'ERROR 11-23 08:00:01 [engine.py:112] EngineCore failed to start.\nTraceback (most recent call last):',
      },
      {
        time: Date.UTC(2026, 10, 23, 8, 0, 2),
        host: 'spark-host',
        unit: 'syslogd 1.4.1',
        priority: null,
        message: 'restart.',
      },
      {
        time: Date.UTC(2026, 10, 23, 8, 0, 3),
        host: 'floki',
        unit: 'kernel',
        priority: null,
        message: 'Out of memory: Killed process 812 (python3)',
      },
    ]);
  });

  it('refuses an entry nested deeper than the limit with a clear problem, and keeps the others', () => {
    const deep = `{"__REALTIME_TIMESTAMP":"1700000000000000","MESSAGE":${'['.repeat(100_000)}"x"${']'.repeat(100_000)}}`;
    const ok = '{"__REALTIME_TIMESTAMP":"1700000000000001","MESSAGE":"fine","PRIORITY":"3"}';
    const r = parseJournalExport(`${ok}\n${deep}\n${ok}`);
    expect(r.lines.map((l) => l.message)).toEqual(['fine', 'fine']);
    expect(r.problems).toEqual([
      `line 2: entry nested deeper than ${MAX_DEPTH} levels (journal entries are flat); it was skipped`,
    ]);
    expect(nestingDepth('{"a":[{"b":[1]}]}')).toBe(4);
    expect(nestingDepth('{"a":"[[[["}')).toBe(1);
  });

  it('reads an array with a broken element, keeping the rest', () => {
    const r = parseJournalExport(
      '[\n{"__REALTIME_TIMESTAMP":"1","MESSAGE":"a"},\n{"__REALTIME_TIMESTAMP":"2","MESSAGE":},\n{"__REALTIME_TIMESTAMP":"3","MESSAGE":"c"}\n]'
    );
    expect(r.lines.map((l) => l.message)).toEqual(['a', 'c']);
    expect(r.problems[0]).toMatch(/^line 3: not valid JSON/);
  });

  it('reads in slices with progress, yielding between them, to the same result as reading at once', async () => {
    const entries = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({
        __REALTIME_TIMESTAMP: String(1_700_000_000_000_000 + i * 1000),
        MESSAGE: `m ${i}`,
        PRIORITY: '3',
      })
    );
    const text = entries.join('\n');
    const seen: Array<{ done: number; total: number }> = [];
    let yielded = 0;
    const tick = setInterval(() => yielded++, 0);
    const sliced = await parseJournalExportInSlices(text, (p) => seen.push({ ...p }), { sliceSize: 1000 });
    clearInterval(tick);
    expect(sliced).toEqual(parseJournalExport(text));
    expect(seen).toEqual([
      { done: 1000, total: 2500 },
      { done: 2000, total: 2500 },
      { done: 2500, total: 2500 },
    ]);
    // The event loop ran between slices (a timer fired): the page would have stayed responsive.
    expect(yielded).toBeGreaterThan(0);
  });
});
