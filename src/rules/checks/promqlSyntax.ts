import { finding, quote, type Check } from './check';

/** A character offset as `line:column` (1-based) when the expression spans lines, else `character N`. */
function place(expr: string, position: number): string {
  const before = expr.slice(0, position);
  const line = before.split('\n').length;
  return line > 1 ? `line ${line}, column ${position - before.lastIndexOf('\n')}` : `character ${position + 1}`;
}

/**
 * `promql/syntax`: a rule file's expression that Prometheus 2.42 refuses to load (syntax, unknown function, wrong
 * argument type, a selector that matches every series, an invalid label name …). Prometheus refuses the whole file.
 */
export const promqlSyntax: Check = {
  id: 'promql/syntax',
  title: 'PromQL that Prometheus refuses',
  run(rule, ctx) {
    if (rule.source.kind !== 'file' || rule.language !== 'promql') {
      return undefined;
    }
    const err = ctx.analysis(rule)?.syntaxError;
    if (!err) {
      return undefined;
    }
    const line = rule.fieldLines?.expr ?? rule.location?.line;
    const f = finding(
      'promql/syntax',
      'fatal',
      `Prometheus refuses the expression: ${err.message}.`,
      [
        `expr: ${quote(rule.expr, 200)}`,
        `at ${place(rule.expr, err.position)} of the expression`,
        rule.location ? `${rule.location.file}:${line}` : '',
      ].filter(Boolean),
      'Fix the expression (promtool check rules shows the same error); Prometheus refuses to load the whole file until then.'
    );
    return { ...f, line };
  },
};
