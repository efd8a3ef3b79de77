// `npm run review -- <files or dirs…> [--prometheus URL] [--format text|json|markdown] [--fail-on info|warning|bug|fatal]`
// A thin wrapper over src/rules; options, exit codes and output handling come from the command-line kit.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../settings/defaults';
import { reachesSeverity } from '../rules/engine';
import { fetchApiGet } from '../rules/noise/fetchApiGet';
import { prometheusApiQuerier } from '../rules/noise/prometheusApiQuerier';
import { toJsonReport, toMarkdown, toText } from '../rules/report';
import { reviewWithData } from '../rules/reviewFiles';
import { parseRuleFile } from '../rules/sources/ruleFiles';
import { rulesFromPrometheusApi } from '../rules/sources/prometheusApi';
import type { LoadProblem, ReviewRule, Severity } from '../rules/types';
import { CliFailure, runCommand, UsageError, urlOption, type CommandSpec, type Io, type OptionTable, type Parsed } from '../shared/cli';
import { fetchHttp } from '../shared/fetchHttp';
import { describe } from '../shared/http';

/** Some rule file could not be read or parsed (the review of the others is still printed). */
const EXIT_BAD_INPUT = 2;
/** The review could not run at all (not a usage error, not a finding). */
const EXIT_CANNOT_RUN = 3;
const SEVERITIES = ['info', 'warning', 'bug', 'fatal'] as const satisfies readonly Severity[];

const SPEC = {
  name: 'review',
  synopsis: '<files or dirs…> [options]',
  positionals: true,
  failureCode: EXIT_CANNOT_RUN,
  options: {
    prometheus: { type: 'string', value: 'URL', help: "also review the rules this Prometheus has loaded, and their history" },
    format: { type: 'string', choices: ['text', 'json', 'markdown'], default: 'text', help: 'how to print the review' },
    'fail-on': { type: 'string', choices: SEVERITIES, default: 'bug', help: 'exit 1 when a finding reaches this severity' },
  },
  notes: `Rule files are Prometheus rule files (*.yml, *.yaml; directories are searched).
Exit codes: 0 nothing reaches --fail-on; 1 something does; 2 bad usage or unreadable/malformed input;
3 the review could not run (a Prometheus that cannot be reached or answers with an error).`,
} as const satisfies CommandSpec<OptionTable>;

type Args = Parsed<typeof SPEC.options>['values'];

/** Rule files under the given paths: files as given, directories searched for *.yml / *.yaml. */
function ruleFiles(paths: string[], problems: LoadProblem[]): string[] {
  const out: string[] = [];
  const walk = (p: string, explicit: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      problems.push({
        source: { id: p, label: p, kind: 'file' },
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      });
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (!name.startsWith('.')) {
          walk(join(p, name), false);
        }
      }
    } else if (explicit || /\.ya?ml$/i.test(p)) {
      out.push(p);
    }
  };
  paths.forEach((p) => walk(p, true));
  return out;
}

function readRules(paths: string[]): { rules: ReviewRule[]; problems: LoadProblem[] } {
  const problems: LoadProblem[] = [];
  const rules: ReviewRule[] = [];
  for (const file of ruleFiles(paths, problems)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({
        source: { id: file, label: file, kind: 'file' },
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      });
      continue;
    }
    const parsed = parseRuleFile(text, file);
    rules.push(...parsed.rules);
    problems.push(...parsed.problems);
  }
  return { rules, problems };
}

async function serverRules(base: string): Promise<ReviewRule[]> {
  const r = await fetchHttp()({ url: `${base}/api/v1/rules`, timeoutMs: 30_000 });
  if (!r.ok) {
    const what = `Prometheus at ${base} (GET /api/v1/rules)`;
    throw new CliFailure(describe(r.error, { what, advice: { network: 'Is it running? Check --prometheus.' } }), EXIT_CANNOT_RUN);
  }
  const answer = rulesFromPrometheusApi(r.data, { id: base, label: base, kind: 'prometheus' });
  if (!answer.ok) {
    throw new CliFailure(`${base}/api/v1/rules: ${answer.message}`, EXIT_CANNOT_RUN);
  }
  return answer.rules;
}

function render(format: Args['format'], result: Awaited<ReturnType<typeof reviewWithData>>): string {
  if (format === 'json') {
    return JSON.stringify(toJsonReport(result.reviews), null, 2) + '\n';
  }
  if (format === 'markdown') {
    return toMarkdown(result.reviews, 'Alert rule review', result.sentence);
  }
  return toText(result.reviews, result.sentence);
}

async function main({ values, positionals }: Parsed<typeof SPEC.options>, io: Io): Promise<number> {
  const prometheus = values.prometheus === undefined ? undefined : urlOption('prometheus', values.prometheus);
  if (positionals.length === 0 && !prometheus) {
    throw new UsageError('give rule files or directories, or --prometheus URL');
  }
  const { rules, problems } = readRules(positionals);
  if (prometheus) {
    rules.push(...(await serverRules(prometheus)));
  }
  const querier = prometheus ? prometheusApiQuerier(fetchApiGet(prometheus)) : undefined;
  const result = await reviewWithData(rules, problems, defaultSettings().review, querier, Date.now());
  io.out(render(values.format, result));
  for (const p of result.facts?.problems ?? []) {
    io.err(`warning: ${p}\n`);
  }
  for (const p of problems) {
    io.err(`${p.source.label}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}\n`);
  }
  if (problems.length > 0) {
    return EXIT_BAD_INPUT;
  }
  return reachesSeverity(result.reviews, values['fail-on']) ? 1 : 0;
}

void runCommand(SPEC, main);
