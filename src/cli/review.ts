// `npm run review -- <files or dirs…> [--prometheus URL] [--format text|json|markdown|github] [--fail-on …]`
// A thin wrapper over src/rules; options, exit codes and output handling come from the command-line kit.
import { readFileSync } from 'node:fs';
import { defaultSettings } from '../settings/defaults';
import { fetchApiGet } from '../rules/noise/fetchApiGet';
import { prometheusApiQuerier } from '../rules/noise/prometheusApiQuerier';
import { toGithub, toJsonReport, toMarkdown, toText } from '../rules/report';
import { reviewWithData, type FullReview } from '../rules/reviewFiles';
import { rulesFromPrometheusApi } from '../rules/sources/prometheusApi';
import { parseRuleFile } from '../rules/sources/ruleFiles';
import { historyUrlFromVmalertFlags, isVmalertRules, vmalertHistoryMissing } from '../rules/sources/vmalert';
import { reachesSeverity } from '../rules/summary';
import type { LoadProblem, ReviewRule, Severity } from '../rules/types';
import {
  CliFailure,
  runCommand,
  UsageError,
  urlOption,
  type CommandSpec,
  type Io,
  type OptionTable,
  type Parsed,
} from '../shared/cli';
import { fetchHttp } from '../shared/fetchHttp';
import { describe } from '../shared/http';
import { isObj } from '../shared/narrow';
import { walkRuleFiles } from './lib/ruleFileWalk';

/** Some rule file could not be read or parsed, or a path holds none (the review of the others is still printed). */
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
    prometheus: {
      type: 'string',
      value: 'URL',
      help: 'also review the rules this Prometheus (or vmalert) has loaded, and their history',
    },
    history: {
      type: 'string',
      value: 'URL',
      help: "where the rules' 7-day history is read (default: --prometheus; for vmalert, the VictoriaMetrics it writes to)",
    },
    format: {
      type: 'string',
      choices: ['text', 'json', 'markdown', 'github'],
      default: 'text',
      help: 'how to print the review (github: annotations for GitHub Actions)',
    },
    'fail-on': {
      type: 'string',
      choices: SEVERITIES,
      default: 'bug',
      help: 'exit 1 when a finding reaches this severity',
    },
  },
  notes: `Rule files: Prometheus rule files, PrometheusRule manifests, Grafana alert-rule provisioning/export files
(YAML or JSON); directories are searched for .yml, .yaml and .json.
Silence one check on one rule with a comment in or above it:
  # sovgrid-ops disable <check>
  # sovgrid-ops snooze <YYYY-MM-DD> <check>
Exit codes: 0 nothing reaches --fail-on; 1 something does; 2 bad usage, or input that cannot be reviewed
(unreadable or malformed files, a path with no rule files); 3 the review could not run (a Prometheus that cannot
be reached or answers with an error).`,
} as const satisfies CommandSpec<OptionTable>;

type Args = Parsed<typeof SPEC.options>['values'];

function fileProblem(path: string, message: string, line?: number): LoadProblem {
  return { source: { id: path, label: path, kind: 'file' }, message, line };
}

interface ReadRules {
  rules: ReviewRule[];
  problems: LoadProblem[];
  notes: string[];
  /** Per path given: how many rule files it held. */
  ruleFiles: Map<string, number>;
}

const NO_RULE_FILES =
  'no rule files here (looked for .yml, .yaml and .json files with Prometheus "groups", a PrometheusRule, or Grafana alert-rule provisioning)';

/** Reads one file found by the walk into `into`. */
function readOne(f: { arg: string; path: string; explicit: boolean }, into: ReadRules): void {
  let text: string;
  try {
    text = readFileSync(f.path, 'utf8');
  } catch (e) {
    into.problems.push(fileProblem(f.path, `cannot read: ${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  const parsed = parseRuleFile(text, f.path);
  if (parsed.notRules) {
    // A directory holds other YAML too (values files, dashboards): only a file named on the line must be rules.
    if (f.explicit) {
      into.problems.push(fileProblem(f.path, parsed.notRules));
    } else {
      into.notes.push(`${f.path}: skipped, ${parsed.notRules}`);
    }
    return;
  }
  into.ruleFiles.set(f.arg, (into.ruleFiles.get(f.arg) ?? 0) + 1);
  into.rules.push(...parsed.rules);
  into.problems.push(...parsed.problems);
}

/** Reads every rule file under the paths; a path holding no rule file at all is a problem. */
function readRules(paths: string[]): ReadRules {
  const walked = walkRuleFiles(paths);
  const read: ReadRules = {
    rules: [],
    problems: walked.errors.map((e) => fileProblem(e.path, e.message)),
    notes: walked.skipped.map((s) => `${s.path}: skipped, ${s.message}`),
    ruleFiles: new Map(paths.map((p) => [p, 0])),
  };
  walked.files.forEach((f) => readOne(f, read));
  for (const [arg, n] of read.ruleFiles) {
    if (n === 0 && !read.problems.some((p) => p.source.id === arg)) {
      read.problems.push(fileProblem(arg, NO_RULE_FILES));
    }
  }
  return read;
}

async function serverRules(base: string): Promise<{ rules: ReviewRule[]; vmalert: boolean }> {
  const r = await fetchHttp()({ url: `${base}/api/v1/rules`, timeoutMs: 30_000 });
  if (!r.ok) {
    const what = `Prometheus at ${base} (GET /api/v1/rules)`;
    throw new CliFailure(
      describe(r.error, { what, advice: { network: 'Is it running? Check --prometheus.' } }),
      EXIT_CANNOT_RUN
    );
  }
  const answer = rulesFromPrometheusApi(r.data, { id: base, label: base, kind: 'prometheus' });
  if (!answer.ok) {
    throw new CliFailure(`${base}/api/v1/rules: ${answer.message}`, EXIT_CANNOT_RUN);
  }
  return { rules: answer.rules, vmalert: isVmalertRules(r.data) };
}

/** Whether a server has a Prometheus query API (VictoriaMetrics proxying vmalert's rules does; vmalert does not). */
async function answersQueries(server: string): Promise<boolean> {
  const r = await fetchHttp()({ url: `${server}/api/v1/query`, params: { query: 'vector(1)' }, timeoutMs: 10_000 });
  return r.ok && isObj(r.data) && r.data.status === 'success';
}

/**
 * Where the history of `--prometheus`'s rules is queried: `--history` when given; Prometheus (or a VictoriaMetrics
 * proxying vmalert's rules) answers queries itself; vmalert has no query API, so its VictoriaMetrics is read from its
 * `/flags` when vmalert shows the URL there.
 */
async function historyBase(server: string, vmalert: boolean, history: string | undefined): Promise<string> {
  if (history || !vmalert || (await answersQueries(server))) {
    return history ?? server;
  }
  const r = await fetchHttp()({ url: `${server}/flags`, timeoutMs: 10_000 });
  const found = r.ok && typeof r.data === 'string' ? historyUrlFromVmalertFlags(r.data) : undefined;
  if (!found) {
    throw new CliFailure(vmalertHistoryMissing(server), EXIT_CANNOT_RUN);
  }
  return found;
}

function render(format: Args['format'], result: FullReview): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJsonReport(result, result.problems), null, 2) + '\n';
    case 'markdown':
      return toMarkdown(result.reviews, 'Alert rule review', result.sentence, result.general);
    case 'github':
      return toGithub(result, result.sentence);
    default:
      return toText(result, result.sentence);
  }
}

/** `--prometheus` checked, with what needs it. */
function serverOption(values: Args, files: number): string | undefined {
  const prometheus = values.prometheus === undefined ? undefined : urlOption('prometheus', values.prometheus);
  if (files === 0 && !prometheus) {
    throw new UsageError('give rule files or directories, or --prometheus URL');
  }
  if (values.history !== undefined && !prometheus) {
    throw new UsageError("--history goes with --prometheus: it is where that server's rules keep their history");
  }
  return prometheus;
}

/** Adds the server's rules to `rules` and returns the querier of their history. */
async function withServer(prometheus: string, historyFlag: string | undefined, rules: ReviewRule[]) {
  const history = historyFlag === undefined ? undefined : urlOption('history', historyFlag);
  const server = await serverRules(prometheus);
  rules.push(...server.rules);
  return prometheusApiQuerier(fetchApiGet(await historyBase(prometheus, server.vmalert, history)));
}

async function main({ values, positionals }: Parsed<typeof SPEC.options>, io: Io): Promise<number> {
  const prometheus = serverOption(values, positionals.length);
  const { rules, problems, notes } = readRules(positionals);
  const querier = prometheus ? await withServer(prometheus, values.history, rules) : undefined;
  const result = await reviewWithData(rules, problems, defaultSettings().review, querier, Date.now());
  io.out(render(values.format, result));
  for (const p of [...(result.facts?.problems ?? []), ...notes]) {
    io.err(`warning: ${p}\n`);
  }
  for (const p of problems) {
    io.err(`${p.source.label}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}\n`);
  }
  if (problems.length > 0) {
    return EXIT_BAD_INPUT;
  }
  return reachesSeverity(result.reviews, values['fail-on'], result.general) ? 1 : 0;
}

void runCommand(SPEC, main);
