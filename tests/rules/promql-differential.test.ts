/**
 * @jest-environment node
 */
import { analyzeExpr } from '../../src/rules/promql/analyze';
import { templateError } from '../../src/rules/goTemplate';
import { corpusPath } from '../helpers/corpora';
import { readCorpus } from './corpus';
import { differentialExpressions, Lcg } from './promqlMutations';
import { hasPromtool, promtoolVerdicts, promtoolVersion } from './promtool';

// The review's verdict (refused or loaded) against the real promtool 2.42 on generated and mutated rules. Any
// disagreement fails with the expression and both messages; deliberate differences would be listed here and in
// the README (there are none at present).
jest.setTimeout(120_000);

const COUNT = 1500;

function corpusRules() {
  const path = corpusPath('rules/awesome-prometheus-alerts');
  return path ? readCorpus(path).rules : [];
}

function disagreements(items: string[], ours: (s: string) => string | undefined, theirs: Map<number, string>) {
  const out: string[] = [];
  items.forEach((item, i) => {
    const a = ours(item);
    const b = theirs.get(i);
    if ((a === undefined) !== (b === undefined)) {
      out.push(`${JSON.stringify(item)}\n  review: ${a ?? 'loads'}\n  promtool: ${b ?? 'loads'}`);
    }
  });
  return out;
}

const maybe = hasPromtool() || process.env.CI === 'true' ? describe : describe.skip;

maybe('differential test against promtool check rules', () => {
  const real = corpusRules();

  it('runs Prometheus 2.42', () => {
    expect(promtoolVersion()).toMatch(/version 2\.42\./);
  });

  it(`agrees on every one of ${COUNT}+ expressions, hand-written, generated and mutated from real rules`, () => {
    const exprs = differentialExpressions(COUNT, real.map((r) => r.expr).filter(Boolean));
    const verdicts = promtoolVerdicts(exprs);
    // The sample must hold both verdicts in number, or agreement would prove little.
    expect(exprs.length).toBeGreaterThanOrEqual(COUNT);
    expect(verdicts.size).toBeGreaterThan(COUNT / 5);
    expect(exprs.length - verdicts.size).toBeGreaterThan(COUNT / 5);
    expect(disagreements(exprs, (e) => analyzeExpr(e).syntaxError?.message, verdicts)).toEqual([]);
  });

  it('agrees on annotation templates, real and mutated', () => {
    const rnd = new Lcg(11);
    const seeds = [
      ...new Set(real.flatMap((r) => Object.values(r.annotations)).filter((t) => t.includes('{{'))),
      '{{ $labels.instance }} at {{ $value | humanizePercentage }}',
      '{{ range $k, $v := $labels }}{{ $k }}={{ $v }}{{ end }}',
      '{{ if gt $value 0.9 }}high{{ else }}ok{{ end }}',
    ];
    const tokens = [
      '{{',
      '}}',
      ' }}',
      '$',
      '$nope',
      '"',
      '`',
      "'",
      '(',
      ')',
      '|',
      '{{ end }}',
      '{{ else }}',
      ' := ',
      'humanise',
      '\\q',
      '{{/*',
      '-',
    ];
    const texts = new Set(seeds.slice(0, 200));
    while (texts.size < 2000) {
      let t = rnd.pick(seeds);
      const i = rnd.int(t.length + 1);
      t = rnd.next() < 0.5 ? t.slice(0, i) + rnd.pick(tokens) + t.slice(i) : t.slice(0, i) + t.slice(i + 1);
      texts.add(t);
    }
    const list = [...texts];
    const verdicts = promtoolVerdicts(
      list.map(() => 'up == 0'),
      list.map((a) => ({ a }))
    );
    expect(verdicts.size).toBeGreaterThan(100);
    expect(disagreements(list, (t) => templateError(t)?.message, verdicts)).toEqual([]);
  });
});
