import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reviewAll } from '../../src/rules/engine';
import { defaultSettings } from '../../src/settings/defaults';
import { readCorpus } from './corpus';

/** Checks that judge (and so can be wrong about) a rule, as issue 11 lists them. */
export const JUDGING = /^(shape\/|for\/|rule\/duplicate$|routing\/|action\/vague$|action\/runbook-only$)/;

export interface Label {
  file: string;
  rule: string;
  check: string;
  verdict: 'right' | 'wrong';
  reason: string;
}

/** The hand-labelled judging findings on a corpus (tests/rules/fixtures/<corpus>.labels.json). */
export function loadLabels(fixture: string): Label[] {
  const raw: unknown = JSON.parse(readFileSync(join(process.cwd(), 'tests', 'rules', 'fixtures', fixture), 'utf8'));
  const labels = typeof raw === 'object' && raw !== null && 'labels' in raw ? raw.labels : undefined;
  if (!Array.isArray(labels)) {
    throw new Error(`${fixture}: no "labels" list`);
  }
  return labels.filter(
    (l): l is Label =>
      typeof l === 'object' &&
      l !== null &&
      ['file', 'rule', 'check', 'reason'].every((k) => typeof l[k] === 'string') &&
      (l.verdict === 'right' || l.verdict === 'wrong')
  );
}

export interface PrecisionRow {
  check: string;
  findings: number;
  right: number;
  wrong: number;
  unlabelled: number;
  precision: number;
}

/** Reviews the corpus and scores every judging finding against the labels, per check. */
export function corpusPrecision(root: string, labels: Label[]) {
  const { rules } = readCorpus(root);
  // A fixed "now": the labels judge findings, and no finding of a judging check depends on the date.
  const outcome = reviewAll(rules, { review: defaultSettings().review, now: Date.parse('2026-11-22T12:00:00Z') });
  const byKey = new Map(labels.map((l) => [`${l.check}\u0000${l.file}\u0000${l.rule}`, l]));
  const rows = new Map<string, PrecisionRow>();
  const unlabelled: string[] = [];
  for (const r of outcome.reviews) {
    for (const f of r.findings.filter((x) => JUDGING.test(x.check))) {
      const row = rows.get(f.check) ?? { check: f.check, findings: 0, right: 0, wrong: 0, unlabelled: 0, precision: 0 };
      const label = byKey.get(`${f.check}\u0000${r.rule.location?.file}\u0000${r.rule.name}`);
      row.findings++;
      if (!label) {
        row.unlabelled++;
        unlabelled.push(`${f.check} ${r.rule.location?.file} ${r.rule.name}: ${f.summary}`);
      } else {
        row[label.verdict]++;
      }
      rows.set(f.check, row);
    }
  }
  for (const row of rows.values()) {
    row.precision = row.right / Math.max(1, row.right + row.wrong + row.unlabelled);
  }
  return { outcome, rows: [...rows.values()].sort((a, b) => a.check.localeCompare(b.check)), unlabelled };
}
