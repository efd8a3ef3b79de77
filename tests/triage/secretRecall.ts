// Recall of redaction over generated secrets: a secret counts as leaked when any 16-character stretch of it (or the
// whole of a shorter one) survives. Shared by the held-out test and the bench.
import { SECRET_FAMILIES, prng, type Rand, type SecretFamily } from './secretFamilies';
import { plant } from './secretContexts';

export function leaked(out: string, secret: string): boolean {
  const w = Math.min(16, secret.length);
  for (let i = 0; i + w <= secret.length; i++) {
    if (out.includes(secret.slice(i, i + w))) {
      return true;
    }
  }
  return false;
}

export interface RecallCase {
  family: string;
  line: string;
  secret: string;
}

/** The contexts a family's secrets are planted in: its shape wraps, or its name in each assignment form. */
function contextsOf(
  f: SecretFamily,
  shapeWraps: Array<(s: string) => string>,
  assignments: Array<(name: string, s: string) => string>
): Array<(s: string) => string> {
  const ctx = f.context;
  return ctx === 'shape' ? shapeWraps : assignments.map((a) => (s: string) => a(ctx.keyword, s));
}

/** Cases: every family and every wrap (shape families) or assignment (keyword families), `perContext` draws each. */
export function recallCases(
  seed: number,
  shapeWraps: Array<(s: string) => string>,
  assignments: Array<(name: string, s: string) => string>,
  perContext = 2,
  families: SecretFamily[] = SECRET_FAMILIES
): RecallCase[] {
  const r: Rand = prng(seed);
  const cases: RecallCase[] = [];
  for (const f of families) {
    for (let k = 0; k < perContext; k++) {
      for (const ctx of contextsOf(f, shapeWraps, assignments)) {
        const generated = f.generate(r);
        cases.push({
          family: f.id,
          line: plant(r, ctx(generated)),
          secret: f.secretOf ? f.secretOf(generated) : generated,
        });
      }
    }
  }
  return cases;
}

export function recall(
  cases: RecallCase[],
  redact: (line: string) => string
): { recall: number; misses: RecallCase[] } {
  const misses = cases.filter((c) => leaked(redact(c.line), c.secret));
  return { recall: 1 - misses.length / cases.length, misses };
}
