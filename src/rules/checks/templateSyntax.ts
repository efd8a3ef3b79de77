import { templateError } from '../goTemplate';
import type { ReviewRule } from '../types';
import { finding, quote, type Check, type CheckContext } from './check';

interface Refusal {
  summary: string;
  evidence: string;
  line: number | undefined;
}

/** One label or annotation text's refusal, if Prometheus would refuse it. */
function refusalOf(
  rule: ReviewRule,
  ctx: CheckContext,
  field: 'labels' | 'annotations',
  name: string,
  text: string
): Refusal | undefined {
  const err = text.includes('{{') ? ctx.cache.memo('template/syntax', text, templateError) : undefined;
  if (!err) {
    return undefined;
  }
  const line = rule.fieldLines?.[`${field}.${name}`];
  const where = rule.location && line ? ` (${rule.location.file}:${line})` : '';
  return {
    summary: `${field === 'labels' ? 'label' : 'annotation'} "${name}": ${err.message}`,
    evidence: `${field}.${name}: ${quote(text, 80)}: ${err.message}${where}`,
    line,
  };
}

/** Each label and annotation text Prometheus would refuse as a template, in order. */
function refusals(rule: ReviewRule, ctx: CheckContext): Refusal[] {
  const texts = [
    ...Object.entries(rule.labels).map(([name, text]) => ['labels', name, text] as const),
    ...Object.entries(rule.annotations).map(([name, text]) => ['annotations', name, text] as const),
  ];
  return texts
    .map(([field, name, text]) => refusalOf(rule, ctx, field, name, text))
    .filter((r): r is Refusal => r !== undefined);
}

/**
 * `template/syntax`: a label or annotation of an alerting rule in a rule file that is not a valid Go template.
 * Prometheus parses each one when it loads the file (rulefmt testTemplateParsing) and refuses the whole file.
 */
export const templateSyntax: Check = {
  id: 'template/syntax',
  title: 'Template that Prometheus refuses',
  run(rule, ctx) {
    if (rule.kind !== 'alerting' || rule.source.kind !== 'file' || rule.language !== 'promql') {
      return undefined;
    }
    const found = refusals(rule, ctx);
    if (found.length === 0) {
      return undefined;
    }
    const f = finding(
      'template/syntax',
      'fatal',
      `Prometheus refuses the ${found[0].summary}.`,
      found.map((r) => r.evidence),
      'Close every action with "}}", quote strings, and use only variables ($labels, $value, $externalLabels, $externalURL) and functions Prometheus defines; Prometheus refuses to load the whole file until then.'
    );
    return { ...f, line: found[0].line };
  },
};
