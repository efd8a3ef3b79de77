// `npm run review -- <files or dirs…> [--prometheus URL] [--format text|json|markdown|github] [--fail-on info|warning|bug|fatal]`
// Exit 0: nothing reaches --fail-on; 1: something does; 2: bad usage, or input that cannot be reviewed.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultSettings } from '../settings/defaults';
import { fetchApiGet } from '../rules/noise/fetchApiGet';
import { prometheusApiQuerier } from '../rules/noise/prometheusApiQuerier';
import { toGithub, toJsonReport, toMarkdown, toText } from '../rules/report';
import { reviewWithData, type FullReview } from '../rules/reviewFiles';
import { rulesFromPrometheusApi } from '../rules/sources/prometheusApi';
import { parseRuleFile } from '../rules/sources/ruleFiles';
import { reachesSeverity } from '../rules/summary';
import { isSeverity, type LoadProblem, type ReviewRule, type Severity } from '../rules/types';
import { walkRuleFiles } from './lib/ruleFileWalk';

const USAGE = `usage: npm run review -- <files or dirs…> [--prometheus URL] [--format text|json|markdown|github] [--fail-on info|warning|bug|fatal]

Reviews Prometheus rule files, PrometheusRule manifests and Grafana alert-rule provisioning/export files (YAML or
JSON), and optionally the rules a Prometheus server has loaded, against the operator's creed.
Silence one check on one rule with a comment in or above it:
  # sovgrid-ops disable <check>
  # sovgrid-ops snooze <YYYY-MM-DD> <check>
Exit 0: no finding reaches --fail-on (default bug); 1: one does; 2: bad usage or input that cannot be reviewed.`;
const FORMATS = ['text', 'json', 'markdown', 'github'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

interface Args {
  paths: string[];
  prometheus?: string;
  format: Format;
  failOn: Severity;
  help: boolean;
}

function isFormat(f: string): f is Format {
  return (FORMATS as readonly string[]).includes(f);
}

function parse(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        prometheus: { type: 'string' },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'bug' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const v = parsed.values;
  const format = v.format ?? 'text';
  const failOn = v['fail-on'] ?? 'bug';
  if (!isFormat(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  }
  if (!isSeverity(failOn)) {
    throw new UsageError(`--fail-on must be info, warning, bug or fatal, got "${failOn}"`);
  }
  const prometheus = v.prometheus?.replace(/\/+$/, '');
  if (prometheus !== undefined && !/^https?:\/\//.test(prometheus)) {
    throw new UsageError(`--prometheus must be an http(s) URL, got "${prometheus}"`);
  }
  if (!v.help && parsed.positionals.length === 0 && !prometheus) {
    throw new UsageError('give rule files or directories, or --prometheus URL');
  }
  return { paths: parsed.positionals, prometheus, format, failOn, help: v.help === true };
}

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

async function serverRules(base: string): Promise<ReviewRule[]> {
  let body: unknown;
  try {
    const res = await fetch(`${base}/api/v1/rules`, { signal: AbortSignal.timeout(30_000) });
    body = await res.json();
  } catch (e) {
    throw new UsageError(`cannot read rules from ${base}/api/v1/rules: ${e instanceof Error ? e.message : String(e)}`);
  }
  const answer = rulesFromPrometheusApi(body, { id: base, label: base, kind: 'prometheus' });
  if (!answer.ok) {
    throw new UsageError(`${base}/api/v1/rules: ${answer.message}`);
  }
  return answer.rules;
}

function render(format: Format, result: FullReview): string {
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

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { rules, problems, notes } = readRules(args.paths);
  if (args.prometheus) {
    rules.push(...(await serverRules(args.prometheus)));
  }
  const querier = args.prometheus ? prometheusApiQuerier(fetchApiGet(args.prometheus)) : undefined;
  const result = await reviewWithData(rules, problems, defaultSettings().review, querier, Date.now());
  process.stdout.write(render(args.format, result));
  for (const p of [...(result.facts?.problems ?? []), ...notes]) {
    process.stderr.write(`warning: ${p}\n`);
  }
  for (const p of problems) {
    process.stderr.write(`${p.source.label}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}\n`);
  }
  if (problems.length > 0) {
    return 2;
  }
  return reachesSeverity(result.reviews, args.failOn, result.general) ? 1 : 0;
}

// A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') {
    process.exit(0);
  }
  throw e;
});

// Exit codes are set, never forced with process.exit: a forced exit would cut output still queued for a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message ? `error: ${e.message}\n` : ''}${USAGE}\n`);
    } else {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    process.exitCode = 2;
  }
);
