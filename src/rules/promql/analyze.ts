import { blankStrings, originalPos, type BlankedText } from '../promqlLiterals';
import type { ReviewCache } from '../reviewCache';
import { buildTree, type ExprNode, type Issue } from './ast';
import { unquote } from './lexical';
import { literalIssues, structureIssues, typeIssues, walk, type LiteralText } from './validate';

/** What a PromQL expression tells the checks. */
export interface ExprAnalysis {
  /** The first reason Prometheus 2.42 refuses the expression; undefined when it loads. */
  syntaxError?: { message: string; position: number };
  /** The syntax tree; positions are into the parsed shape, read them through `text`. */
  ast?: ExprNode;
  /** The expression's own text of a node or span of `ast`. */
  text: LiteralText;
  /** Metric names selected (by name or `__name__="…"`), sorted, unique. */
  metrics: string[];
  /** Function names called, unique. */
  functions: string[];
}

/** What one parse of a shape (the text with string literals emptied) gives every expression of that shape. */
interface ShapeParse {
  ast?: ExprNode;
  /** Refusals that do not depend on literal contents, grammar first. */
  issues: Issue[];
  /** Type refusals: Prometheus checks types only when nothing else was refused. */
  typeIssues: Issue[];
  functions: string[];
  grammarError: boolean;
}

function parseShape(shape: string): ShapeParse {
  const tree = buildTree(shape);
  const functions = new Set<string>();
  if (tree.ast) {
    walk(tree.ast, (n) => {
      if (n.k === 'call') {
        functions.add(n.fn);
      }
    });
  }
  const issues = tree.ast ? [...tree.issues, ...structureIssues(tree.ast)] : tree.issues;
  return {
    ast: tree.ast,
    issues,
    typeIssues: tree.ast && issues.length === 0 ? typeIssues(tree.ast) : [],
    functions: [...functions],
    grammarError: tree.grammarError,
  };
}

const EMPTY: ExprAnalysis = {
  syntaxError: { message: 'the expression is empty', position: 0 },
  text: () => '',
  metrics: [],
  functions: [],
};

/**
 * Parses PromQL with the Prometheus project's Lezer grammar and checks it as Prometheus 2.42 would. With a cache,
 * each text is analysed once and each shape parsed once: expressions that differ only inside string literals share
 * one parse (see promqlLiterals.ts).
 */
export function analyzeExpr(expr: string, cache?: ReviewCache): ExprAnalysis {
  if (!cache) {
    return analyze(expr, (shape) => parseShape(shape));
  }
  return cache.memo('promql/expr', expr, (e) => analyze(e, (shape) => cache.memo('promql/shape', shape, parseShape)));
}

function analyze(expr: string, shapeOf: (shape: string) => ShapeParse): ExprAnalysis {
  if (expr.trim() === '') {
    return EMPTY;
  }
  const blanked = blankStrings(expr);
  if (blanked) {
    const shared = shapeOf(blanked.shape);
    // A grammar error is reported from the expression's own parse, so its message quotes the real text.
    if (!shared.grammarError) {
      return resolve(shared, expr, blanked);
    }
  }
  return resolve(parseShape(expr), expr, undefined);
}

function resolve(parse: ShapeParse, expr: string, blanked: BlankedText | undefined): ExprAnalysis {
  const pos = blanked ? (p: number) => originalPos(blanked, p) : (p: number) => p;
  const text: LiteralText = (span) => expr.slice(pos(span.from), pos(span.to));
  const literal = parse.ast ? literalIssues(parse.ast, text) : [];
  const first = parse.issues[0] ?? literal[0] ?? parse.typeIssues[0];
  const ast = parse.ast;
  let metrics: string[] | undefined;
  return {
    syntaxError: first ? { message: first.message, position: pos(first.from) } : undefined,
    ast,
    text,
    // Read on demand: only the data-source checks ask for metric names.
    get metrics() {
      return (metrics ??= ast ? metricsOf(ast, text) : []);
    },
    // A copy: callers may sort it, and the parse serves every expression of its shape.
    functions: parse.functions.slice(),
  };
}

function metricsOf(ast: ExprNode, text: LiteralText): string[] {
  const names = new Set<string>();
  walk(ast, (n) => {
    if (n.k !== 'selector') {
      return;
    }
    if (n.name !== undefined) {
      names.add(n.name);
      return;
    }
    const byName = n.matchers.find((m) => m.name === '__name__' && m.op === '=');
    const value = byName ? unquote(text(byName.value)) : undefined;
    if (value?.ok && value.value) {
      names.add(value.value);
    }
  });
  return [...names].sort();
}

/** The text of a string literal node or matcher value, unquoted; undefined when Prometheus would refuse it. */
export function literalValue(a: ExprAnalysis, span: { from: number; to: number }): string | undefined {
  const u = unquote(a.text(span));
  return u.ok ? u.value : undefined;
}

/** The analysis from the expression's own parse, sharing nothing (tests compare the shared path against it). */
export function analyzeUnshared(expr: string): ExprAnalysis {
  return expr.trim() === '' ? EMPTY : resolve(parseShape(expr), expr, undefined);
}
