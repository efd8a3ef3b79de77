// Expressions for the differential test against promtool: hand-written seeds that cover the language (and the
// mistakes issue 11 lists), then seeded random mutations of seeds and of real rules. Deterministic for a seed.

/** Valid and invalid PromQL written to cover the grammar, the type rules and the literal rules. */
export const SEEDS: string[] = [
  'up == 0',
  'up{job="node"} == 0',
  'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1',
  '100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > 90',
  'node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"} / node_filesystem_size_bytes < 0.1',
  'predict_linear(node_filesystem_avail_bytes[6h], 4 * 3600) < 0',
  'absent(up{job="prometheus"})',
  'absent_over_time(up{job="prometheus"}[10m])',
  'increase(kube_pod_container_status_restarts_total[1h]) > 3',
  'changes(process_start_time_seconds[15m]) > 2',
  'rate(x_total[5m] offset 1h) > 1',
  'x_total offset -5m',
  'x @ 1609746000',
  'x[5m] @ start()',
  'rate(x_total[5m])[30m:1m]',
  'max_over_time(rate(x_total[5m])[30m:])',
  'topk(3, sum by (pod) (rate(container_cpu_usage_seconds_total[5m])))',
  'quantile(0.9, x)',
  'count_values("version", build_info)',
  'label_replace(up, "host", "$1", "instance", "(.*):.*")',
  'label_join(up, "all", ",", "job", "instance")',
  'sum without (instance) (up)',
  'sum(up) by (job)',
  'a and on(job) b',
  'a unless ignoring(instance) b',
  'a * on(instance) group_left(nodename) node_uname_info',
  'a / ignoring(code) group_right b',
  'a > bool 1',
  '1 > bool 2',
  'vector(1)',
  'scalar(sum(up)) > bool 1',
  'time() - process_start_time_seconds > 86400',
  'clamp(x, 0, 1)',
  'round(x, 0.5)',
  'round(x)',
  'hour() > 8',
  'day_of_week(timestamp(up))',
  'holt_winters(x[1h], 0.5, 0.5)',
  'sort_desc(up)',
  'group(up) by (job)',
  'stddev_over_time(x[1h]) > 2',
  '-x',
  '+x',
  '(x)',
  '2 ^ 3 ^ 2 * x',
  'x atan2 y',
  '0x1F * x',
  '1e3 < x',
  '.5 > x',
  'Inf > bool x',
  'NaN',
  '"string"',
  "x{a='single'}",
  'x{a=`raw\\d`}',
  'x{a="\\u00e9"}',
  'x{a="tab\\there"}',
  'x{a!=""}',
  '{__name__="up"}',
  '{__name__=~"up|down"}',
  '{job=~".+"}',
  'x{} ',
  'sum by (job,) (x)',
  '{a="b",}',
  'x # a comment',
  // Refused by Prometheus 2.42:
  'rate(x_total)',
  'x_total[5m] > 1',
  '{job=~".*"}',
  '{job!~".+"}',
  '{}',
  'up{0bad="x"}',
  'rated(x[5m])',
  'info(up)',
  'limitk(1, up)',
  'double_exponential_smoothing(x[1h], 0.5, 0.5)',
  'x[0s]',
  'x offset 0s',
  'x > 5m',
  'x[300]',
  '1_000',
  'x[5M]',
  'x[1h1d]',
  'x offset 5m offset 1m',
  '(x) offset 5m',
  'x offset 1h [5m]',
  'x @ 1 [5m]',
  'x{__name__="y"}',
  'x > on(a) group_left(a) y',
  'x and on(a) group_left y',
  'x + on(a) 1',
  'x and 1',
  'count_values(1, x)',
  'topk(x, y)',
  'topk(1)',
  'sum(x, y)',
  'sum()',
  'quantile("a", x)',
  'abs()',
  'round(x, 1, 2)',
  'hour(x, y)',
  'vector("a")',
  'scalar(x[5m])',
  '-x[5m]',
  'x[5m][5m:]',
  'sum(x)[5m]',
  'time() > 0',
  'rate(x[5m],)',
  'on',
  'x{a="\\d"}',
  'x{a=~"(?=x)"}',
  'x{a=~"\\\\1"}',
  'x{a=~"a**"}',
  'x{a=~"x{2,1001}"}',
  'x{a=~"(?<n>x)"}',
  'x{a=~"[z-a]"}',
  'x{a=~"(ab"}',
  'x{a=~"ab)"}',
  'x{a=~"[ab"}',
  'x{a=~"*a"}',
  'x{"quoted"}',
  'x > 1 fill(0) y',
  'x[5m+1m]',
  'rate(x[5m]) bool > 1',
  'sum(x) > 1 >',
  'sum by (job (x)',
  'x{job="a"',
  'x{job="a}',
  'histogram_quantile(0.9 rate(x[5m]))',
  'sum(rate(x[5m]) by (job)',
  'up ==== 0',
  'up = 0',
  'x{a=~"\\\\e"}',
];

const TOKENS = [
  '(',
  ')',
  '[5m]',
  '[5m:1m]',
  '{',
  '}',
  ',',
  '"',
  ' offset 5m',
  ' offset 0s',
  ' by (job) ',
  ' bool ',
  ' > ',
  ' == ',
  ' and ',
  ' or 1',
  'rate(',
  'x_total',
  ' 1 ',
  '5m',
  ' @ 100',
  '=~".*"',
  '!',
  '~',
  '-',
  '[300]',
  ' on(job) ',
  ' group_left ',
  '"\\q"',
  '1_0',
];

const FUNCTIONS = [
  'rate',
  'irate',
  'sum',
  'abs',
  'histogram_quantile',
  'rated',
  'info',
  'holt_winters',
  'absent',
  'avg_over_time',
  'topk',
  'vector',
  'scalar',
  'label_replace',
  'time',
  'count_values',
  'sort_by_label',
];

/** A small deterministic generator (32-bit LCG), so a failure can be replayed. */
export class Lcg {
  constructor(private state: number) {}
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: T[]): T {
    return list[this.int(list.length)];
  }
}

type Mutation = (expr: string, rnd: Lcg) => string;

const MUTATIONS: Mutation[] = [
  // Drop one character.
  (e, r) => {
    const i = r.int(e.length);
    return e.slice(0, i) + e.slice(i + 1);
  },
  // Insert a token.
  (e, r) => {
    const i = r.int(e.length + 1);
    return e.slice(0, i) + r.pick(TOKENS) + e.slice(i);
  },
  // Swap a function name for another (some unknown, some of the wrong type).
  (e, r) =>
    e.replace(
      /\b(rate|irate|increase|sum|avg|max|min|abs|absent|histogram_quantile|avg_over_time|topk|vector|delta|changes)\b/,
      r.pick(FUNCTIONS)
    ),
  // Change a range.
  (e, r) => e.replace(/\[(\d+[smhdw])/, `[${r.pick(['0s', '5M', '300', '1h1d', '1m30s', '2w'])}`),
  // Make a matcher match everything.
  (e, r) => e.replace(/\{([a-z_]+)(=~?|!=)"[^"]*"/, `{$1${r.pick(['=~".*"', '!~".+"', '=""', '=~""', '=~".+"'])}`),
  // Add a range to the whole expression.
  (e, r) => `${r.next() < 0.5 ? e : `(${e})`}${r.pick(['[5m]', '[5m:]', '[1h:5m]'])}`,
  // Drop the last argument of the first call.
  (e) => e.replace(/,\s*([^,()]+)\)/, ')'),
  // Change a comparison.
  (e, r) => e.replace(/(==|!=|>=|<=|>|<)/, r.pick(['> bool', '==', '=', '>>', '=<', 'and'])),
  // Replace a number with another literal.
  (e, r) => e.replace(/\b\d+(\.\d+)?\b(?![smhdwy])/, r.pick(['1_000', '0x1F', '1e3', 'Inf', '"5"', '5m', '-1'])),
  // Insert any printable character.
  (e, r) => {
    const i = r.int(e.length + 1);
    return e.slice(0, i) + String.fromCharCode(33 + r.int(94)) + e.slice(i);
  },
  // Repeat a slice of the expression.
  (e, r) => {
    const i = r.int(e.length);
    const j = i + r.int(Math.min(12, e.length - i) + 1);
    return e.slice(0, j) + e.slice(i, j) + e.slice(j);
  },
  // Wrap in an aggregation or function, sometimes with a modifier.
  (e, r) => `${r.pick(['sum', 'max by (job)', 'abs', 'rate', 'count_values("v",', 'topk(2,', 'sort', 'absent'])}(${e})`,
  // Break a regex.
  (e, r) =>
    e.replace(/=~"/, `=~"${r.pick(['(', '[', '*', '(?=', '\\\\1', '\\\\e', 'a{2,2000}', '(?i)', '[[:alpha:]]'])}`),
];

/** `count` expressions: the seeds first, then mutations of seeds and of `extra` (real rules), seeded. */
export function differentialExpressions(count: number, extra: string[], seed = 20260422): string[] {
  const rnd = new Lcg(seed);
  const pool = [...SEEDS, ...extra];
  const out = new Set<string>(SEEDS);
  let guard = 0;
  while (out.size < count && guard++ < count * 20) {
    let e = rnd.pick(pool);
    const steps = 1 + rnd.int(2);
    for (let s = 0; s < steps; s++) {
      e = rnd.pick(MUTATIONS)(e, rnd);
    }
    if (e.trim() !== '' && !e.includes('\n')) {
      out.add(e);
    }
  }
  return [...out];
}
