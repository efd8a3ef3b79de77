import { templateError } from '../goTemplate';
import { finding, quote, type Check } from './check';

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
    const errors: string[] = [];
    let first: string | undefined;
    let firstLine: number | undefined;
    for (const [field, map] of [
      ['labels', rule.labels],
      ['annotations', rule.annotations],
    ] as const) {
      for (const [name, text] of Object.entries(map)) {
        const err = text.includes('{{') ? ctx.cache.memo('template/syntax', text, templateError) : undefined;
        if (!err) {
          continue;
        }
        const line = rule.fieldLines?.[`${field}.${name}`];
        firstLine ??= line;
        first ??= `${field === 'labels' ? 'label' : 'annotation'} "${name}": ${err.message}`;
        errors.push(
          `${field}.${name}: ${quote(text, 80)}: ${err.message}${rule.location && line ? ` (${rule.location.file}:${line})` : ''}`
        );
      }
    }
    if (!first) {
      return undefined;
    }
    const f = finding(
      'template/syntax',
      'fatal',
      `Prometheus refuses the ${first}.`,
      errors,
      'Close every action with "}}", quote strings, and use only variables ($labels, $value, $externalLabels, $externalURL) and functions Prometheus defines; Prometheus refuses to load the whole file until then.'
    );
    return { ...f, line: firstLine };
  },
};
