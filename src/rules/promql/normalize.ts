import type { ExprNode } from './ast';
import { unquote } from './lexical';
import type { LiteralText } from './validate';

// One text for expressions that Prometheus evaluates the same way although they are written differently: spacing,
// comments, quoting, the order of label matchers and grouping labels, redundant parentheses around a selector or
// a number, and number spelling (`.10` and `0.1`). Two rules are identical when this text, their kind and their
// labels are equal.

function str(text: LiteralText, span: { from: number; to: number }): string {
  const u = unquote(text(span));
  return JSON.stringify(u.ok ? u.value : text(span));
}

function list(labels: string[]): string {
  return [...labels].sort().join(',');
}

function modifiers(n: ExprNode & { k: 'binary' }): string {
  const parts = [n.bool ? 'bool' : ''];
  const m = n.matching;
  if (m) {
    parts.push(`${m.on ? 'on' : 'ignoring'}(${list(m.labels)})`);
    if (m.group) {
      parts.push(`group_${m.group}(${list(m.include)})`);
    }
  }
  return parts.filter(Boolean).join(' ');
}

/** The expression in one canonical spelling. */
export function canonical(n: ExprNode, text: LiteralText): string {
  switch (n.k) {
    case 'number':
      return String(n.value);
    case 'string':
      return str(text, n);
    case 'selector': {
      const ms = n.matchers.map((m) => `${m.name}${m.op}${str(text, m.value)}`).sort();
      return `${n.name ?? ''}{${ms.join(',')}}`;
    }
    case 'matrix':
      return `${canonical(n.expr, text)}[${n.rangeMs}ms]`;
    case 'subquery':
      return `${canonical(n.expr, text)}[${n.rangeMs}ms:${n.stepMs ?? ''}]`;
    case 'offset':
      return `${canonical(n.expr, text)} offset ${n.ms}ms`;
    case 'at':
      return `${canonical(n.expr, text)} @ ${text(n).replace(/^[\s\S]*@\s*/, '')}`;
    case 'call':
      return `${n.fn}(${n.args.map((a) => canonical(a, text)).join(',')})`;
    case 'aggregate': {
      const g = n.grouping ? `${n.grouping.without ? 'without' : 'by'}(${list(n.grouping.labels)})` : '';
      return `${n.op}${g}(${n.args.map((a) => canonical(a, text)).join(',')})`;
    }
    case 'binary':
      return `(${[canonical(n.lhs, text), n.op, modifiers(n), canonical(n.rhs, text)].filter(Boolean).join(' ')})`;
    case 'unary':
      return `${n.op}${canonical(n.expr, text)}`;
    case 'paren':
      return canonical(n.expr, text);
  }
}
