import { CHECK_IDS, isCheckId, type Directive } from '../types';

// `# sovgrid-ops disable <check> [reason]` and `# sovgrid-ops snooze <YYYY-MM-DD> <check> [reason]` in a rule file
// silence one check on one rule: the rule the comment sits in, or the rule right below a block of comments.

const DIRECTIVE = /#\s*sovgrid-ops\s+(\S+)(.*)$/;
const COMMENT_OR_BLANK = /^\s*(#.*)?$/;

/** A directive written in the file, and what is wrong with it when it cannot be used. */
export interface WrittenDirective {
  directive?: Directive;
  problem?: string;
  line: number;
}

function parseDirective(kind: string, rest: string, line: number): WrittenDirective {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  if (kind !== 'disable' && kind !== 'snooze') {
    return {
      line,
      problem: `unknown sovgrid-ops comment "${kind}": write "disable <check>" or "snooze <YYYY-MM-DD> <check>"`,
    };
  }
  const until = kind === 'snooze' ? words.shift() : undefined;
  if (kind === 'snooze' && (!until || !/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until)))) {
    return {
      line,
      problem: `sovgrid-ops snooze needs a date first: "snooze <YYYY-MM-DD> <check>", got "${until ?? ''}"`,
    };
  }
  const check = words[0];
  if (!isCheckId(check)) {
    return {
      line,
      problem: `unknown check "${check ?? ''}" in a sovgrid-ops comment; checks: ${CHECK_IDS.join(', ')}`,
    };
  }
  return { line, directive: { kind, check, until, line } };
}

/** Every `# sovgrid-ops …` comment of the text, by line (1-based). */
export function readDirectives(lines: string[]): WrittenDirective[] {
  const out: WrittenDirective[] = [];
  lines.forEach((text, i) => {
    if (!text.includes('sovgrid-ops')) {
      return;
    }
    const m = DIRECTIVE.exec(text);
    if (m) {
      out.push(parseDirective(m[1], m[2], i + 1));
    }
  });
  return out;
}

/**
 * The rule (by index into `ruleLines`, the sorted first lines of the file's rules) a directive applies to: the
 * next rule when only comments and blank lines lie between, else the rule whose lines hold it.
 */
export function ruleForLine(line: number, ruleLines: number[], lines: string[]): number | undefined {
  const next = ruleLines.findIndex((start) => start >= line);
  if (next >= 0 && lines.slice(line, ruleLines[next] - 1).every((l) => COMMENT_OR_BLANK.test(l))) {
    return next;
  }
  const inside = next < 0 ? ruleLines.length - 1 : next - 1;
  return inside >= 0 ? inside : undefined;
}
