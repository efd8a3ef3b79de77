/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OVERSIZE_NOTE, journalField, parseJournalExport } from './journal';

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
