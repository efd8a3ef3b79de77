import { analyzeExpr } from './analyze';
import { firingConditions, firesOnWindow } from './firing';
import { measureOf, usedPercentAt } from './measure';
import { canonical } from './normalize';

const error = (expr: string) => analyzeExpr(expr).syntaxError?.message;

describe('analyzeExpr refuses what Prometheus 2.42 refuses, naming the problem', () => {
  it.each([
    ['rate(x_total)', 'expected type range vector in call to function "rate", got instant vector'],
    [
      'x_total[5m] > 1',
      'binary expression must contain only scalar and instant vector types (this side is a range vector)',
    ],
    ['{job=~".*"}', expect.stringMatching(/^vector selector must contain at least one non-empty matcher/)],
    ['up{0bad="x"}', 'invalid label name "0bad": a label name starts with a letter or an underscore'],
    ['rated(x[5m])', 'unknown function with name "rated"'],
    ['info(up)', 'unknown function with name "info" (added in Prometheus 3.0 (experimental); the stack runs 2.42)'],
    ['sum()', 'no arguments for aggregate expression provided'],
    ['time() > 0', 'comparisons between scalars must use BOOL modifier'],
    ['x and 1', 'set operator "and" not allowed in binary scalar expression'],
    ['x[0s]', 'duration must be greater than 0'],
    ['x > 5m', 'unexpected duration "5m"'],
    ['x{a="\\d"}', "unknown escape sequence U+0064 'd'"],
    ['x{a=~"(?=y)"}', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    [
      '(x) offset 5m',
      'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    [
      'x{"quoted"}',
      "quoted (UTF-8) label and metric names need Prometheus 3; the stack's Prometheus 2.42 refuses them",
    ],
    ['up ==', 'unexpected end of input'],
    ['', 'the expression is empty'],
  ])('%s', (expr, message) => {
    expect(error(expr)).toEqual(message);
  });

  it.each([
    'up == 0',
    'holt_winters(x[1h], 0.5, 0.5)',
    'sum by (job,) (rate(x_total[5m] offset -5m @ 100))',
    'x{a=~"(?i)foo|(?P<n>bar)[[:alpha:]]\\\\d"}',
    '{job!=""}',
    'a - b offset 10m',
    '0. < x',
  ])('accepts %s', (expr) => {
    expect(error(expr)).toBeUndefined();
  });

  it('binds a range, subquery or offset to the last operand, as Prometheus does', () => {
    expect(error('a > 0[5m:]')).toBe('subquery is only allowed on instant vector, got scalar instead');
  });

  it('gives the position of the error in the expression', () => {
    expect(analyzeExpr('sum(up) + rated(x[5m])').syntaxError?.position).toBe(10);
  });
});

describe('firing conditions', () => {
  const conditions = (expr: string) => {
    const a = analyzeExpr(expr);
    return firingConditions(a.ast!).map((c) => `${a.text(c.measured)} ${c.op} ${c.threshold ?? a.text(c.against!)}`);
  };
  it('reads the comparison whose result fires, not a filter', () => {
    expect(conditions('x / y * 100 > 90 and y > 0')).toEqual(['x / y * 100 > 90']);
    expect(conditions('a > 1 or b < 2')).toEqual(['a > 1', 'b < 2']);
    expect(conditions('0.9 < x')).toEqual(['x > 0.9']);
    expect(conditions('count(x > 5) > 3')).toEqual(['count(x > 5) > 3']);
    expect(conditions('x > 60 * 60')).toEqual(['x > 3600']);
    expect(conditions('absent(x)')).toEqual([]);
  });
  it('knows when a condition already spans a window', () => {
    const w = (e: string) => firesOnWindow(analyzeExpr(e).ast!, 60_000);
    expect(w('increase(x[5m]) > 0')).toBe(true);
    expect(w('irate(x[5m]) > 0')).toBe(false);
    expect(w('up == 0 and increase(x[5m]) > 0')).toBe(true);
    expect(w('increase(x[30s]) > 0')).toBe(false);
  });
});

describe('measures', () => {
  const used = (expr: string) => {
    const a = analyzeExpr(expr);
    const [c] = firingConditions(a.ast!);
    return usedPercentAt(measureOf(c.measured, a.text), c.op, c.threshold!);
  };
  it.each([
    ['node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.25', 75],
    ['100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > 75', 75],
    ['(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes) / node_memory_MemTotal_bytes > 0.6', 60],
    ['container_memory_working_set_bytes / container_spec_memory_limit_bytes * 100 > 80', 80],
    ['avg(rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100 < 30', 70],
    [
      'sum(rate(container_cpu_usage_seconds_total[5m])) / sum(container_spec_cpu_quota / container_spec_cpu_period) > 0.5',
      50,
    ],
  ])('%s is %d %% in use', (expr, pct) => {
    expect(used(expr)).toBeCloseTo(pct);
  });
  it.each([
    'sum(rate(node_cpu_seconds_total[5m])) > 0.5',
    'openstack_nova_memory_used_bytes / openstack_nova_memory_available_bytes > 0.9',
    'node_memory_SwapFree_bytes / node_memory_SwapTotal_bytes < 0.2',
    'rate(process_cpu_seconds_total[5m]) > 0.8',
  ])('cannot place %s, so it is not a share', (expr) => {
    expect(used(expr)).toBeUndefined();
  });
});

describe('canonical', () => {
  it('spells equivalent expressions the same', () => {
    const c = (e: string) => {
      const a = analyzeExpr(e);
      return canonical(a.ast!, a.text);
    };
    expect(c('sum by (b, a) (rate(x{y="1", z=~"2"}[5m])) > .10')).toBe(
      c('sum(rate(x{z=~\'2\',y="1"}[300s])) by (a,b) > 0.1')
    );
    expect(c('a > 1')).not.toBe(c('a >= 1'));
  });
});
