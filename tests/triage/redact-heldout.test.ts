/** @jest-environment node */
// Recall on secrets and contexts kept apart from the rules' development. Each held-out set was measured once
// before any change it prompted; those first figures are what the rules generalise to (recorded here and in the
// report), the assertion keeps every set at ≥ 98 % from then on:
//   set A 96.4 % · set B 87.5 % · set C 91.9 % · set D 91.1 % · set E 91.0 % (first measurements), 100 % since.
import { redactSecrets } from '../../src/triage/redact';
import * as C from './secretContexts';
import { recall, recallCases } from './secretRecall';

const SETS = [
  ['tuning', 12, C.TUNING_SHAPE_WRAPS, C.TUNING_ASSIGNMENTS],
  ['held-out A', 1212, C.HELD_OUT_SHAPE_WRAPS, C.HELD_OUT_ASSIGNMENTS],
  ['held-out B', 2424, C.HELD_OUT_B_SHAPE_WRAPS, C.HELD_OUT_B_ASSIGNMENTS],
  ['held-out C', 3636, C.HELD_OUT_C_SHAPE_WRAPS, C.HELD_OUT_C_ASSIGNMENTS],
  ['held-out D', 4848, C.HELD_OUT_D_SHAPE_WRAPS, C.HELD_OUT_D_ASSIGNMENTS],
  ['held-out E', 6060, C.HELD_OUT_E_SHAPE_WRAPS, C.HELD_OUT_E_ASSIGNMENTS],
] as const;

describe('redaction recall on generated secrets in contexts', () => {
  it.each(SETS)('%s: at least 98 %', (_name, seed, wraps, assignments) => {
    const cases = recallCases(seed, [...wraps], [...assignments]);
    const r = recall(cases, (line) => redactSecrets(line));
    expect(cases.length).toBeGreaterThan(1000);
    // On failure, show the first misses rather than only the figure.
    expect(r.recall >= 0.98 ? [] : r.misses.slice(0, 5).map((m) => `${m.family}: ${m.line}`)).toEqual([]);
    expect(r.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('has a positive control: an unredacted pipeline scores 0', () => {
    const cases = recallCases(1, [...C.TUNING_SHAPE_WRAPS], [...C.TUNING_ASSIGNMENTS], 1);
    expect(recall(cases, (line) => line).recall).toBe(0);
  });
});
