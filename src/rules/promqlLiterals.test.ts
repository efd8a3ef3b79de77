import fc from 'fast-check';
import { analyzeExpr as analyzeWith, analyzeUnshared, type ExprAnalysis } from './promql/analyze';
import { canonical } from './promql/normalize';
import { ReviewCache } from './reviewCache';

// One review's cache, fresh for each test: expressions of a test share parses as they do within a review.
let cache = new ReviewCache();
const analyzeExpr = (expr: string) => analyzeWith(expr, cache);
import { blankStrings, originalPos } from './promqlLiterals';

describe('blankStrings', () => {
  it('empties every kind of string literal and maps positions back', () => {
    const expr = `a{x="h1", y='\\'q'} / b{z=\`raw"\`} > 1`;
    const b = blankStrings(expr);
    expect(b?.shape).toBe(`a{x="", y=''} / b{z=\`\`} > 1`);
    // The closing brace of the first selector, and the end of the text.
    expect(expr[originalPos(b!, b!.shape.indexOf('}'))]).toBe('}');
    expect(originalPos(b!, b!.shape.length)).toBe(expr.length);
  });
  it('leaves a text without literals as it is', () => {
    expect(blankStrings('up == 0')).toEqual({ shape: 'up == 0', ends: [] });
  });
  it('gives up on comments and unterminated literals rather than guess', () => {
    expect(blankStrings('up == 0 # "x"')).toBeUndefined();
    expect(blankStrings('up{job="x} == 0')).toBeUndefined();
    expect(blankStrings('up{job="x\n"} == 0')).toBeUndefined();
    expect(blankStrings('up{job=`x} == 0')).toBeUndefined();
    expect(blankStrings('up{job="x\\')).toBeUndefined();
  });
  it('keeps # inside a literal as content', () => {
    expect(blankStrings('up{job="a#b"} == 0')?.shape).toBe('up{job=""} == 0');
  });
});

// What checks can read from an analysis: the verdict, names, and every literal through the canonical form.
function observable(a: ExprAnalysis) {
  return {
    error: a.syntaxError,
    metrics: a.metrics,
    functions: [...a.functions].sort(),
    canonical: a.ast && !a.syntaxError ? canonical(a.ast, a.text) : undefined,
  };
}

describe('analyzeExpr shares one parse between expressions that differ only in strings', () => {
  beforeEach(() => {
    cache = new ReviewCache();
  });

  it('reads literals and __name__ selectors from each expression itself', () => {
    const first = analyzeExpr('up{job="a"} == 0');
    const second = analyzeExpr('up{job="a_much_longer_value"} == 0');
    expect(second.ast).toBe(first.ast);
    expect(canonical(second.ast!, second.text)).toBe('(up{job="a_much_longer_value"} == 0)');
    analyzeExpr('{__name__="foo"} > 1');
    expect(analyzeExpr('{__name__="vllm:gpu_cache_usage_perc"} > 1').metrics).toEqual(['vllm:gpu_cache_usage_perc']);
  });

  it('gives each expression its own lists, so sorting one leaves its siblings alone', () => {
    const a = analyzeExpr('rate(x{a="1"}[5m]) > absent(y{b="2"})');
    const b = analyzeExpr('rate(x{a="11"}[5m]) > absent(y{b="22"})');
    expect(b.functions).toEqual(['rate', 'absent']);
    a.functions.sort().reverse();
    expect(b.functions).toEqual(['rate', 'absent']);
  });

  it('still reports the syntax error of an expression whose valid sibling is cached', () => {
    analyzeExpr('up{job="a"} == 0');
    expect(analyzeExpr('up{job="a} == 0').syntaxError).toBeDefined();
    expect(analyzeExpr('up{job="a"} ==').syntaxError?.message).toBe('unexpected end of input');
    // A literal Prometheus refuses is refused in the expression that has it, not in its siblings.
    expect(analyzeExpr('up{job=~"("} == 0').syntaxError?.message).toMatch(/missing closing \)/);
    expect(analyzeExpr('up{job=~"b"} == 0').syntaxError).toBeUndefined();
  });

  // Any string content (quotes, escapes, newlines, #, braces, unicode) must give exactly the unshared analysis.
  const content = fc.string({
    unit: fc.constantFrom('a', 'Z', '9', '_', ' ', '"', "'", '`', '\\', '\n', '#', '}', '{', ',', '=', ')', 'é', '😀'),
    maxLength: 8,
  });
  const literal = fc.tuple(fc.constantFrom('"', "'", '`'), content).map(([q, c]) => `${q}${c}${q}`);
  const templates = [
    (s: string[]) => `up{job=${s[0]}} == 0`,
    (s: string[]) => `{__name__=${s[0]}} > 1`,
    (s: string[]) => `0.9 < node_memory_x{i=${s[0]}, j!~${s[1]}}`,
    (s: string[]) => `sum(rate(x_total{a=${s[0]},b=~${s[1]}}[5m])) / sum(rate(x_total{a=${s[2]}}[5m])) > 0.05`,
    (s: string[]) => `label_replace(up, "dst", ${s[0]}, "src", ${s[1]}) < 3`,
    (s: string[]) => `up{${s[0]}} == 0 and on() vector(1) > bool 2`,
    (s: string[]) => `count(up{${s[0]}=${s[1]}}) > 1 # ${s[2]}`,
  ];
  it('matches the unshared analysis for any string content', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: templates.length - 1 }),
        fc.array(literal, { minLength: 3, maxLength: 3 }),
        (t, strings) => {
          analyzeExpr(templates[t](['"x"', '"y"', '"z"']));
          const expr = templates[t](strings);
          expect(observable(analyzeExpr(expr))).toEqual(observable(analyzeUnshared(expr)));
        }
      ),
      { numRuns: 500 }
    );
  });
});
