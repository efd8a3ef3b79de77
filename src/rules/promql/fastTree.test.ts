/**
 * @jest-environment node
 */
import { corpus } from '../../../tests/helpers/corpora';
import { readCorpus } from '../../../tests/rules/corpus';
import { differentialExpressions } from '../../../tests/rules/promqlMutations';
import { blankStrings } from '../promqlLiterals';
import { buildTree, lezerTree } from './ast';
import { fastTree } from './fastTree';

// The direct parser is only a shortcut: wherever it answers, its tree must be the Lezer path's to the last position
// and key (property order too, so anything that walks or prints a tree sees no difference).

const same = (text: string) => {
  const fast = fastTree(text);
  if (fast) {
    expect({ text, tree: JSON.stringify(fast) }).toEqual({ text, tree: JSON.stringify(lezerTree(text)) });
    expect(fast).toStrictEqual(lezerTree(text));
  }
  return fast !== undefined;
};

const EVERYDAY = [
  'up == 0',
  'up{job="node"} == 0',
  'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
  'sum(rate(x_total[5m])) without (instance, pod,) > 1e3',
  'count_values("version", build_info)',
  'topk(5, sum by(instance)(rate(node_cpu_seconds_total{mode!="idle"}[1m])))',
  'quantile(0.9, x) > .5',
  'histogram_quantile(0.99, sum(rate(b_bucket[5m])) by (le)) > 2.5',
  'a / on(instance) group_left(nodename) b',
  'a * ignoring(job) group_right c',
  'a > bool 1',
  'a and b or c unless d',
  'a ^ b ^ c * d + e - f % g / h atan2 i',
  'a > b offset 5m',
  'rate(x[5m] offset 1h)',
  'max_over_time(rate(x[1m])[1h:5m])',
  'max_over_time(x[1h:])',
  '(a + b)[5m:]',
  'time() - x > 3600',
  'vector(1)',
  'absent(up{job="x"})',
  'label_replace(up, "a", "$1", "b", "(.*)")',
  "x{a='b', c!~`d`}",
  '{__name__="up"}',
  '{}',
  'x{quantile="0.99"} > 1',
  'x{on="a", by="b", group="c", offset="d"}',
  'sum by (group, quantile, on) (x)',
  'predict_linear(node_filesystem_free_bytes[1h], 4 * 3600) < 0',
  'SUM(x) BY (a) > 1 AND Y OFFSET 5m OR z UNLESS ON(b) GROUP_LEFT(c) d',
  'a > BOOL 1 Atan2 sum WITHOUT (x) (b)',
  'x > 1h',
  'x[5]',
  'x[0s]',
  'x[5m1h]',
  'x offset -5m',
  'x @ 100',
  'x # comment',
  'rate(x[5m],)',
  'sum()',
  'holt_winters(x[5m], 0.5, 0.5)',
  'x > 1.',
  'foo(x)',
  'RATE(x[5m])',
  'x constructor y',
  'x > toString',
  'sum',
  'rate',
  'bool',
  'Inf',
  'x > Inf',
  'x{0bad="a"}',
  'x{a:b="c"}',
  'x{a=="b"}',
  'x{a="b}',
  'x == 0x1f',
  'x > 1_000',
  'x </ y',
  'x smoothed',
  'start()',
  'x[5m:1m] offset 1w',
  'a > on() b',
  'a * on(x) group_left (y) b',
  'sum by (a) (x) by (b)',
  'rate(x[5m]) by (job)',
  '((x))',
  '  x  >  1  ',
  'x\n  > 1\r\n',
  'x > 1 < 2 == 3',
  'first_over_time(x[5m])',
  'limitk(2, x)',
];

describe('the direct PromQL parser', () => {
  it('builds the Lezer path’s tree for every shape it answers, and answers the everyday ones', () => {
    const answered = EVERYDAY.filter(same);
    // The everyday shapes of the list above (up to `x > 1h`, where the refusals start) are all answered directly.
    expect(EVERYDAY.slice(0, EVERYDAY.indexOf('x > 1h')).filter((t) => !fastTree(t))).toEqual([]);
    expect(answered).not.toContain('x > 1h');
    expect(answered).not.toContain('x # comment');
  });

  it('gives up on what it does not mirror: the Lezer path decides (refusals keep their messages)', () => {
    for (const t of ['x > 1h', 'x[5]', 'foo(x)', 'rate(x[5m],)', 'x{0bad="a"}', 'holt_winters(x[5m], 0.5, 0.5)']) {
      expect(fastTree(t)).toBeUndefined();
      expect(buildTree(t)).toStrictEqual(lezerTree(t));
    }
  });

  it('reads signs as the grammar does: a signed literal only at the end of the text, else a unary expression', () => {
    const ops = ['^', '*', '/', '%', 'atan2', '+', '-', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless', '> bool'];
    const shapes = ['x OP -1', '-1 OP x', 'x OP -1 OP y', 'x OP -1 > 0', 'x OP -1 * 2', 'x OP - 1', 'x OP +1', 'x OP -x'];
    const signed = [
      ...ops.flatMap((op) => shapes.map((t) => t.replace(/OP/g, op))),
      ...['(-1)', 'clamp_min(x, -1)', 'topk(-1, x)', '-1', '- 1 ', '+.5', '-x', '-x[5m]', '-x offset 5m', '-x ^ 2'],
      ...['- -1', '-(1)', 'x > -(1)', 'x < -0.05 and y', '-rate(x[5m]) * 2', 'sum(-x) by (a)', '-1e3', 'x > -1 ^ 2'],
    ];
    const answered = signed.filter(same);
    expect(answered).toContain('x > -1');
    expect(answered).toContain('x < -0.05 and y');
    expect(answered).toContain('-x ^ 2');
  });

  it('agrees with the Lezer path on the generated and mutated expressions of the differential test', () => {
    const exprs = differentialExpressions(3000, []);
    const answered = exprs.filter(same).length;
    // Mutants are mostly broken; the sample still has to exercise the direct path.
    expect(answered).toBeGreaterThan(exprs.length / 10);
  });

  const root = corpus('rules/awesome-prometheus-alerts');
  (root ? it : it.skip)('agrees on every expression of the real corpus, and answers most of them', () => {
    const exprs = readCorpus(root!).rules.map((r) => r.expr);
    const texts = [...exprs, ...exprs.map((e) => blankStrings(e)?.shape ?? e)];
    const answered = texts.filter(same).length;
    expect(answered / texts.length).toBeGreaterThan(0.8);
  });
});
