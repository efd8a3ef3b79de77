/** @jest-environment node */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpus } from '../../../tests/helpers/corpora';
import type { LogLine } from '../types';
import { stripConversations } from '.';

// No false removal on real logs: the loghub-2k sets (HDFS, Hadoop, Spark, Zookeeper, OpenStack, Linux, Mac,
// Proxifier), both the raw lines and the message part (`Content` of the ground truth), pass unchanged.
const dir = corpus('loghub-2k');

/** The `Content` column of a loghub _structured.csv (RFC 4180 quoting). */
function contentColumn(csv: string): string[] {
  const rows = csv.split(/\r?\n/).filter(Boolean);
  const header = rows[0].split(',');
  const at = header.indexOf('Content');
  return rows.slice(1).map((row) => {
    const cells = row.match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g) ?? [];
    return (cells[at] ?? '').replace(/,$/, '').replace(/^"([\s\S]*)"$/, '$1').replace(/""/g, '"');
  });
}

const asLines = (messages: string[], unit: string): LogLine[] =>
  messages.map((message, i) => ({ time: Date.UTC(2026, 0, 1) + i * 1000, host: 'h', unit, priority: 6, message }));

(dir ? describe : describe.skip)('loghub-2k', () => {
  const sets = dir ? readdirSync(dir).filter((f) => f.endsWith('.log')) : [];

  it('has the eight sets', () => {
    expect(sets.length).toBe(8);
  });

  it.each(sets.map((f) => [f]))('%s: raw lines and their Content pass unchanged', (file) => {
    const raw = readFileSync(join(dir!, file), 'utf8').split('\n').filter(Boolean);
    const content = contentColumn(readFileSync(join(dir!, file.replace(/\.log$/, '.log_structured.csv')), 'utf8'));
    expect(raw.length).toBe(2000);
    expect(content.length).toBe(2000);
    for (const lines of [asLines(raw, file), asLines(content, file)]) {
      const r = stripConversations(lines);
      const changed = r.lines.filter((l, i) => l.message !== lines[i].message).map((l) => l.message);
      expect(changed).toEqual([]);
      expect(r.removed.lines).toBe(0);
    }
    // Positive control: a vLLM request line planted in the same input is removed, and only it.
    const planted = asLines(raw, file);
    planted.splice(1000, 0, { ...planted[1000], message: "INFO 05-06 12:00:01 [logger.py:39] Received request chatcmpl-1a2b3c: prompt: 'Quarterly layoffs at Initech', params: SamplingParams(n=1), prompt_token_ids: [1, 2], lora_request: None, prompt_adapter_request: None." });
    expect(stripConversations(planted).removed.lines).toBe(1);
  });
});
