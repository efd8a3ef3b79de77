import type { Threshold } from '../types';
import { arr, isObj, num, str, type Obj } from '../../shared/narrow';

// A Grafana-managed rule's `data`: queries to data sources and server-side expressions chained by refId, the one
// named by `condition` deciding whether it fires (Grafana pkg/expr: threshold.go ThresholdCommand with evaluator
// types gt/lt/gte/lte/eq/ne/within_range/…, classic/classic.go conditions[].evaluator, math expressions such as
// `$B > 80`, reduce.go reducers). The same shape arrives from the ruler API (`grafana_alert.data`) and from
// provisioning files and exports (`rules[].data`, pkg/services/provisioning/alerting/rules_types.go QueryV1).

const EVALUATORS: Record<string, Threshold['op']> = { gt: '>', lt: '<', gte: '>=', lte: '<=', eq: '==', ne: '!=' };
const MATH = /^\s*\$\{?([A-Za-z0-9_-]+)\}?\s*(>=|<=|==|!=|>|<)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$/i;
const EXPR_DATASOURCE = '__expr__';

/** What the checks read from a Grafana rule's queries. */
export interface GrafanaCondition {
  /** Every query's text, joined with " | " (what the page shows). */
  expr: string;
  threshold?: Threshold;
  /** The data source of the one query the condition reads, when there is exactly one. */
  datasourceUid?: string;
  /** PromQL equivalent to the condition (`(query) > 85`), when one Prometheus query is compared by a threshold. */
  evalExpr?: string;
}

/** A node's `model`, or an empty object. */
function model(node: Obj | undefined): Obj {
  return node && isObj(node.model) ? node.model : {};
}

function isExpression(node: Obj): boolean {
  const ds = str(node.datasourceUid) ?? str(node.datasourceUID);
  return (
    ds === EXPR_DATASOURCE || (isObj(model(node).datasource) && (model(node).datasource as Obj).uid === EXPR_DATASOURCE)
  );
}

function datasourceOf(node: Obj): string | undefined {
  return str(node.datasourceUid) ?? str(node.datasourceUID);
}

/** The query text of a data-source query (PromQL and LogQL use `expr`; other data sources `query`). */
function queryText(node: Obj): string | undefined {
  return str(model(node).expr) ?? str(model(node).query);
}

interface Comparison {
  threshold?: Threshold;
  input?: string;
}

function evaluatorOf(cond: unknown): Threshold | undefined {
  const ev = isObj(cond) && isObj(cond.evaluator) ? cond.evaluator : undefined;
  const op = ev ? EVALUATORS[str(ev.type) ?? ''] : undefined;
  const raw = ev ? arr(ev.params)[0] : undefined;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : num(raw);
  return op && value !== undefined && Number.isFinite(value) ? { op, value } : undefined;
}

function thresholdNode(m: Obj): Comparison {
  return { threshold: evaluatorOf(arr(m.conditions)[0]), input: str(m.expression) };
}

function classicNode(m: Obj): Comparison {
  const conds = arr(m.conditions);
  // Several classic conditions combine with and/or: no single comparison decides.
  const only = conds.length === 1 && isObj(conds[0]) ? conds[0] : undefined;
  const query = only && isObj(only.query) ? str(arr(only.query.params)[0]) : undefined;
  return { threshold: only ? evaluatorOf(only) : undefined, input: query };
}

function mathNode(m: Obj): Comparison | undefined {
  const mm = MATH.exec(str(m.expression) ?? '');
  const op = mm ? COMPARISON_OPS.find((o) => o === mm[2]) : undefined;
  return mm && op ? { threshold: { op, value: Number(mm[3]) }, input: mm[1] } : undefined;
}

const COMPARISON_OPS: Array<Threshold['op']> = ['==', '!=', '>', '<', '>=', '<='];
const COMPARISONS: Record<string, (m: Obj) => Comparison | undefined> = {
  threshold: thresholdNode,
  classic_conditions: classicNode,
  math: mathNode,
};

/** The comparison an expression node makes, and the refId it reads. */
function comparisonOf(node: Obj): Comparison | undefined {
  const m = model(node);
  const read = COMPARISONS[str(m.type) ?? ''];
  return read ? read(m) : undefined;
}

/** Follows reduce/resample nodes back to the query they read; `reduces` tells whether a reducer changes the value. */
function queryBehind(start: Obj | undefined, byRef: Map<string, Obj>): { query?: Obj; reduces: boolean } {
  let node = start;
  let reduces = false;
  for (let hops = 0; node && isExpression(node) && hops < 10; hops++) {
    const m = model(node);
    const type = str(m.type);
    if (type !== 'reduce' && type !== 'resample') {
      return { reduces };
    }
    reduces = reduces || (type === 'reduce' && (str(m.reducer) ?? 'last') !== 'last');
    node = byRef.get((str(m.expression) ?? '').replace(/^\$\{?|\}$/g, ''));
  }
  return { query: node && !isExpression(node) ? node : undefined, reduces };
}

/**
 * Reads the condition of a Grafana rule. `isPromQL` says whether a query node is PromQL (the ruler API knows each
 * data source's type; a file may say it in `model.datasource.type`).
 */
export function grafanaCondition(
  data: Obj[],
  condition: string | undefined,
  isPromQL: (query: Obj) => boolean
): GrafanaCondition {
  const queries = data.filter((d) => !isExpression(d));
  const expr = queries
    .map(queryText)
    .filter((t): t is string => Boolean(t))
    .join(' | ');
  const byRef = new Map(data.map((d) => [str(d.refId) ?? '', d]));
  const decisive = (condition ? byRef.get(condition) : undefined) ?? data.find((d) => comparisonOf(d) !== undefined);
  const cmp = decisive && isExpression(decisive) ? comparisonOf(decisive) : undefined;
  const behind = queryBehind(cmp?.input ? byRef.get(cmp.input) : decisive, byRef);
  const single = behind.query && queries.length === 1 ? behind.query : undefined;
  const promql = single && isPromQL(single) ? str(model(single).expr) : undefined;
  return {
    expr,
    threshold: cmp?.threshold,
    datasourceUid: single ? datasourceOf(single) : undefined,
    evalExpr: promql && !behind.reduces ? evalExprOf(promql, cmp?.threshold, decisive === single) : undefined,
  };
}

/** PromQL equivalent to the condition: the query compared by the threshold, or the query itself when it decides. */
function evalExprOf(promql: string, threshold: Threshold | undefined, queryDecides: boolean): string | undefined {
  if (threshold) {
    return `(${promql}) ${threshold.op} ${threshold.value}`;
  }
  // Without a threshold the query itself decides (`up == 0`, condition A).
  return queryDecides ? promql : undefined;
}

/** The data source type a query names in its model (`model.datasource.type`), if any. */
export function declaredType(query: Obj): string | undefined {
  const ds = model(query).datasource;
  return isObj(ds) ? str(ds.type) : undefined;
}
