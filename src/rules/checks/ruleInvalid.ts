import { finding, type Check } from './check';

/**
 * `rule/invalid`: a rule file's rule with fields Prometheus refuses (rulefmt's validation: an invalid label or
 * annotation name, an unknown field such as a misspelt "annotation", both or neither of "alert" and "record",
 * "for" or annotations on a recording rule). Prometheus refuses the whole file.
 */
export const ruleInvalid: Check = {
  id: 'rule/invalid',
  title: 'Rule fields that Prometheus refuses',
  run(rule) {
    const problems = rule.invalid ?? [];
    if (problems.length === 0) {
      return undefined;
    }
    const where = (line?: number) => (rule.location && line ? ` (${rule.location.file}:${line})` : '');
    const who = rule.language === 'grafana' ? 'Grafana' : 'Prometheus';
    const f = finding(
      'rule/invalid',
      'fatal',
      `${who} refuses this rule: ${problems[0].message}.`,
      problems.map((p) => `${p.message}${where(p.line)}`),
      `Fix the field; ${who} refuses to load the whole file until then.`
    );
    return { ...f, line: problems[0].line };
  },
};
