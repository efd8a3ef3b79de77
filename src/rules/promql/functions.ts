// The functions and aggregations of Prometheus 2.42 (promql/parser/functions.go and the aggregators of lex.go at
// tag v2.42.0): the version the stack runs (Debian's prometheus package). The grammar we parse with is newer and
// knows more; anything outside these tables is refused with the name of the Prometheus version that added it.

/** PromQL value types, named as Prometheus names them in its messages. */
export type ValueType = 'scalar' | 'instant vector' | 'range vector' | 'string' | 'none';

export interface FunctionSignature {
  args: ValueType[];
  /** 0: exactly `args`; -1: the last argument repeats without limit; n > 0: up to n optional trailing arguments. */
  variadic: number;
  returns: ValueType;
}

const V: ValueType = 'instant vector';
const M: ValueType = 'range vector';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

const vectorMath = ['abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'deg', 'exp'];
const vectorMath2 = ['floor', 'ln', 'log10', 'log2', 'rad', 'sgn', 'sin', 'sinh', 'sort', 'sort_desc', 'sqrt'];
const vectorMath3 = ['tan', 'tanh', 'timestamp', 'absent', 'histogram_count', 'histogram_sum'];
const overTime = ['absent_over_time', 'avg_over_time', 'changes', 'count_over_time', 'delta', 'deriv', 'idelta'];
const overTime2 = ['increase', 'irate', 'last_over_time', 'max_over_time', 'min_over_time', 'present_over_time'];
const overTime3 = ['rate', 'resets', 'stddev_over_time', 'stdvar_over_time', 'sum_over_time'];
const calendar = ['days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'hour', 'minute', 'month', 'year'];

function table(): Map<string, FunctionSignature> {
  const t = new Map<string, FunctionSignature>();
  for (const name of [...vectorMath, ...vectorMath2, ...vectorMath3]) {
    t.set(name, { args: [V], variadic: 0, returns: V });
  }
  for (const name of [...overTime, ...overTime2, ...overTime3]) {
    t.set(name, { args: [M], variadic: 0, returns: V });
  }
  for (const name of calendar) {
    t.set(name, { args: [V], variadic: 1, returns: V });
  }
  t.set('clamp', { args: [V, S, S], variadic: 0, returns: V });
  t.set('clamp_max', { args: [V, S], variadic: 0, returns: V });
  t.set('clamp_min', { args: [V, S], variadic: 0, returns: V });
  t.set('histogram_fraction', { args: [S, S, V], variadic: 0, returns: V });
  t.set('histogram_quantile', { args: [S, V], variadic: 0, returns: V });
  t.set('holt_winters', { args: [M, S, S], variadic: 0, returns: V });
  t.set('label_replace', { args: [V, STR, STR, STR, STR], variadic: 0, returns: V });
  t.set('label_join', { args: [V, STR, STR, STR], variadic: -1, returns: V });
  t.set('pi', { args: [], variadic: 0, returns: S });
  t.set('predict_linear', { args: [M, S], variadic: 0, returns: V });
  t.set('quantile_over_time', { args: [S, M], variadic: 0, returns: V });
  t.set('round', { args: [V, S], variadic: 1, returns: V });
  t.set('scalar', { args: [V], variadic: 0, returns: S });
  t.set('time', { args: [], variadic: 0, returns: S });
  t.set('vector', { args: [S], variadic: 0, returns: V });
  return t;
}

/** Prometheus 2.42's functions by name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = table();

/** Aggregation operators of Prometheus 2.42; the value says which parameter type comes first, if any. */
export const AGGREGATORS: Readonly<Record<string, ValueType | undefined>> = {
  sum: undefined,
  avg: undefined,
  count: undefined,
  min: undefined,
  max: undefined,
  group: undefined,
  stddev: undefined,
  stdvar: undefined,
  topk: S,
  bottomk: S,
  quantile: S,
  count_values: STR,
};

// Names the newer grammar knows that Prometheus 2.42 does not, with the release that brought them.
const LATER: Record<string, string> = {
  sort_by_label: '2.49 (experimental)',
  sort_by_label_desc: '2.49 (experimental)',
  histogram_stddev: '2.49',
  histogram_stdvar: '2.49',
  histogram_avg: '2.53',
  mad_over_time: '2.54 (experimental)',
  limitk: '2.54 (experimental)',
  limit_ratio: '2.54 (experimental)',
  double_exponential_smoothing: '3.0 (the new name of holt_winters)',
  info: '3.0 (experimental)',
  first_over_time: '3.5 (experimental)',
  ts_of_first_over_time: '3.5 (experimental)',
  ts_of_max_over_time: '3.5 (experimental)',
  ts_of_min_over_time: '3.5 (experimental)',
  ts_of_last_over_time: '3.5 (experimental)',
  histogram_quantiles: '3.x (experimental)',
  start_timestamp: '3.x (experimental)',
  step: '3.x (experimental)',
  range: '3.x (experimental)',
};

/** The Prometheus release that added a function or aggregation 2.42 lacks, when we know it. */
export function addedIn(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(LATER, name) ? LATER[name] : undefined;
}
