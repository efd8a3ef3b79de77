/** @jest-environment node */
// The contract of `npm run bench -- parsing <dir> [--assignments <outdir>]` (issue 12), on real loghub sets copied
// into a scratch folder: a GA table with the mean, and one assignment per CSV row in CSV order.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsingCommand } from '../../bench/parsing';
import { groupingAccuracy, readStructuredCsv } from '../../src/triage/grouping';
import { LOGHUB_2K, corpusAvailable } from './corpus';

const SETS = ['Proxifier_2k.log_structured.csv', 'Zookeeper_2k.log_structured.csv'];

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: parsingCommand(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('npm run bench -- parsing', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parsing-bench-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says what it expected when the folder has no structured CSV, or no folder is given', () => {
    const empty = run([dir]);
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/no \*_structured\.csv in .*_2k\.log_structured\.csv/);
    const usage = run([]);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^usage: npm run bench -- parsing <dir/);
  });

  (corpusAvailable(LOGHUB_2K) ? it : it.skip)(
    'prints GA per set and the mean, and writes one template id per CSV row, in order',
    () => {
      const data = join(dir, 'data');
      const outDir = join(dir, 'out');
      mkdirSync(data);
      SETS.forEach((f) => copyFileSync(join(LOGHUB_2K, f), join(data, f)));

      const { code, out } = run([data, '--assignments', outDir]);
      expect(code).toBe(0);
      const rows = out.split('\n');
      const ga = (name: string) => Number(rows.find((r) => r.startsWith(`${name} `))?.split(/\s+/)[2]);

      const exact: number[] = [];
      for (const [file, name] of SETS.map((f) => [f, f.split('_')[0]] as const)) {
        const { events } = readStructuredCsv(readFileSync(join(data, file), 'utf8'));
        const lines = readFileSync(join(outDir, `${name}.tsv`), 'utf8').split('\n');
        expect(lines.pop()).toBe('');
        expect(lines).toHaveLength(events.length);
        expect(lines.every((l) => /^-?\d+$/.test(l))).toBe(true);
        // The written assignments are the ones scored: GA recomputed from the file is the GA printed.
        exact.push(groupingAccuracy(events, lines.map(Number)));
        expect(ga(name)).toBe(Number(exact[exact.length - 1].toFixed(3)));
      }
      const mean = Number(rows.find((r) => r.startsWith('mean '))?.split(/\s+/)[1]);
      expect(mean).toBe(Number(((exact[0] + exact[1]) / 2).toFixed(3)));
      expect(out).toContain(`assignments written to ${outDir}/<Dataset>.tsv`);
    }
  );
});
