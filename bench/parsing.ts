// `npm run bench -- parsing <dir> [--assignments <outdir>]`: grouping accuracy (GA) of the product's template miner
// on every loghub `*_structured.csv` in <dir>, mined in file order with the default settings, next to Drain's
// published figures (Zhu et al. 2019, tuned per data set). With --assignments, writes <outdir>/<Dataset>.tsv: one
// line per CSV row, the id of the template that row was assigned.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultSettings } from '../src/settings';
import { groupingAccuracy, readStructuredCsv } from '../src/triage/grouping';
import { parseMessages } from '../src/triage/parsing';

/** Drain's GA on the loghub 2k sets as published (tuned per set), facts.md §8a. */
export const DRAIN_PUBLISHED: Record<string, number> = {
  HDFS: 0.998,
  Hadoop: 0.948,
  Spark: 0.92,
  Zookeeper: 0.967,
  OpenStack: 0.733,
  BGL: 0.963,
  HPC: 0.887,
  Thunderbird: 0.955,
  Windows: 0.997,
  Linux: 0.69,
  Mac: 0.787,
  Android: 0.911,
  HealthApp: 0.78,
  Apache: 1.0,
  OpenSSH: 0.788,
  Proxifier: 0.527,
};

export interface SetResult {
  name: string;
  lines: number;
  ga: number;
  templates: number;
  events: number;
  seconds: number;
}

const datasetName = (file: string) =>
  basename(file)
    .replace(/\.log_structured\.csv$/, '')
    .replace(/_\d+k$/, '');

/** Mines every structured CSV in `dir`; writes assignments when `outDir` is given. */
export function measureParsing(dir: string, outDir?: string): SetResult[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('_structured.csv'))
    .sort();
  if (files.length === 0) {
    throw new Error(`no *_structured.csv in ${dir}: expected loghub's <Set>_2k.log_structured.csv files`);
  }
  const similarity = defaultSettings().triage.similarity;
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
  }
  return files.map((file) => {
    const { contents, events } = readStructuredCsv(readFileSync(join(dir, file), 'utf8'));
    const t0 = performance.now();
    const parsed = parseMessages(contents, { similarity });
    const seconds = (performance.now() - t0) / 1000;
    const name = datasetName(file);
    if (outDir) {
      writeFileSync(join(outDir, `${name}.tsv`), parsed.assignments.map((id) => `${id}\n`).join(''));
    }
    return {
      name,
      lines: contents.length,
      ga: groupingAccuracy(events, parsed.assignments),
      templates: parsed.templates.length,
      events: new Set(events).size,
      seconds,
    };
  });
}

/** The GA table as printed. */
export function formatParsing(results: SetResult[]): string {
  const rows = ['data set        lines    GA     Drain (paper)  templates/events  ms'];
  for (const r of results) {
    const drain = DRAIN_PUBLISHED[r.name];
    rows.push(
      `${r.name.padEnd(14)} ${String(r.lines).padStart(6)}  ${r.ga.toFixed(3)}  ${drain === undefined ? '   -  ' : drain.toFixed(3)}          ${`${r.templates}/${r.events}`.padStart(9)}  ${(r.seconds * 1000).toFixed(0).padStart(6)}`
    );
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const published = results.filter((r) => DRAIN_PUBLISHED[r.name] !== undefined);
  rows.push(
    `${'mean'.padEnd(14)} ${''.padStart(6)}  ${mean(results.map((r) => r.ga)).toFixed(3)}  ${mean(published.map((r) => DRAIN_PUBLISHED[r.name])).toFixed(3)} (same sets; 0.866 over all 16)`,
    `lowest: ${results.reduce((a, b) => (b.ga < a.ga ? b : a)).name} ${Math.min(...results.map((r) => r.ga)).toFixed(3)}; one setting for every set (similarity ${defaultSettings().triage.similarity})`
  );
  return rows.join('\n');
}

/** Entry point for `npm run bench -- parsing …`. */
export function parsingCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { assignments: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    process.stderr.write('usage: npm run bench -- parsing <dir with *_structured.csv> [--assignments <outdir>]\n');
    return 2;
  }
  let results: SetResult[];
  try {
    results = measureParsing(positionals[0], values.assignments);
  } catch (e) {
    process.stderr.write(`parsing benchmark: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  process.stdout.write(`${formatParsing(results)}\n`);
  if (values.assignments) {
    process.stdout.write(`assignments written to ${values.assignments}/<Dataset>.tsv\n`);
  }
  return 0;
}
