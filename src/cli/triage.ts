// `npm run triage -- --journal <file|-> [--format text|json] [--dry-run] [--vllm URL] [--model M] [--max-priority 0-7] [--timeout S]`
// A thin wrapper over src/triage: parse a journal export (json or text), compute facts, build the redacted prompt,
// and (unless --dry-run) ask the vLLM at --vllm for the narrative. API key from VLLM_API_KEY.
import { readFileSync } from 'node:fs';
import { defaultSettings } from '../settings';
import { removalSummary } from '../triage/conversation';
import { parseJournalExport } from '../triage/journal';
import { narrateTriage, nothingToNarrate, prepareTriage } from '../triage/pipeline';
import { promptText } from '../triage/prompt';
import { totalRedactions } from '../triage/redact';
import { VllmClient, type Narrative } from '../triage/vllm';
import { checkVllmUrl } from '../triage/vllmUrl';
import {
  CliFailure,
  intOption,
  positiveOption,
  runCommand,
  UsageError,
  type CommandSpec,
  type Io,
  type OptionTable,
  type Parsed,
} from '../shared/cli';
import { fetchHttp } from '../shared/fetchHttp';
import { textTransport } from '../shared/http';

/** The narrative could not be had (vLLM failed); the facts are still printed. */
const EXIT_NO_NARRATIVE = 1;
/** The journal could not be read, or held no entry. */
const EXIT_BAD_INPUT = 2;

const SPEC = {
  name: 'triage',
  synopsis: '--journal <file|-> [options]',
  failureCode: EXIT_NO_NARRATIVE,
  options: {
    journal: {
      type: 'string',
      value: '<file|->',
      help: 'a journalctl -o json export (or journalctl text); - reads standard input',
    },
    format: { type: 'string', choices: ['text', 'json'], default: 'text', help: 'how to print the triage' },
    'dry-run': { type: 'boolean', help: 'print the redacted prompt instead of sending it' },
    vllm: { type: 'string', value: 'URL', help: 'the vLLM server root (default $VLLM_URL or http://localhost:8000)' },
    model: { type: 'string', value: 'M', help: 'the served model to ask (default: the first one vLLM serves)' },
    'max-priority': {
      type: 'string',
      value: '0-7',
      default: '3',
      help: 'keep lines up to this journal priority (3 = err)',
    },
    timeout: { type: 'string', value: 'SECONDS', default: '60', help: 'give up on vLLM after this long' },
  },
  notes: `The API key, if vLLM was started with --api-key, comes from the VLLM_API_KEY environment variable; its value
is redacted wherever it appears in the journal. --vllm is http(s) only, without user:password; redirects are not
followed. With nothing at --max-priority, the tool says what it read and how to widen, and calls nothing.
Export a journal with: journalctl -u vllm.service -p err --since -1h -o json > vllm.json
Exit codes: 0 done; 1 no narrative (vLLM failed; the facts are printed); 2 bad usage or unreadable journal.`,
} as const satisfies CommandSpec<OptionTable>;

interface Args {
  journal: string;
  format: 'text' | 'json';
  dryRun: boolean;
  vllm: string;
  model?: string;
  maxPriority: number;
  timeoutSeconds: number;
}

function argsOf({ values }: Parsed<typeof SPEC.options>, env: NodeJS.ProcessEnv): Args {
  if (!values.journal) {
    throw new UsageError('--journal is required (a file, or - for standard input)');
  }
  // http(s) only, no user:password@ (never echoed): checked even for --dry-run, so a bad URL is found early.
  const vllm = checkVllmUrl(values.vllm ?? env.VLLM_URL ?? 'http://localhost:8000');
  if (!vllm.ok) {
    throw new UsageError(vllm.message);
  }
  return {
    journal: values.journal,
    format: values.format,
    dryRun: values['dry-run'],
    vllm: vllm.url,
    model: values.model,
    maxPriority: intOption('max-priority', values['max-priority'], 0, 7, '0 (emerg) to 7 (debug)'),
    timeoutSeconds: positiveOption('timeout', values.timeout, 'a number of seconds'),
  };
}

function textReport(out: ReturnType<typeof jsonReport>, prompt: string, problems: string[], dryRun: boolean): string {
  const f = out.facts;
  const rows = [
    `${f.lines} lines. By priority: ${JSON.stringify(f.byPriority)}. By unit: ${JSON.stringify(f.byUnit)}. By host: ${JSON.stringify(f.byHost)}.`,
    ...problems.map((p) => `input: ${p}`),
    ...f.notes.map((n) => `note: ${n}`),
    `${totalRedactions(out.redactions)} redaction(s) ${JSON.stringify(out.redactions)}`,
    removalSummary(totalRedactions(out.redactions), out.conversations),
    '',
    'count  template',
    ...f.templates.map(
      (t) =>
        `${String(t.count).padStart(5)}  ${t.template}   [${t.units.join(', ')} | ${t.hosts.join(', ')} | ${t.firstSeen} … ${t.lastSeen}]`
    ),
    '',
  ];
  if (dryRun) {
    rows.push(`Prompt (${out.prompt.estimatedTokens} tokens, estimated), not sent:`, prompt);
  } else if (out.narrative) {
    const n: Narrative = out.narrative;
    rows.push(
      'Narrative:',
      n.summary,
      n.likely_cause ? `Likely cause: ${n.likely_cause}` : '',
      ...n.next_steps.map((s, i) => `${i + 1}. ${s}`)
    );
  } else if (out.error) {
    rows.push(`No narrative: ${out.error}`);
  }
  return `${rows.filter((r) => r !== undefined).join('\n')}\n`;
}

function jsonReport(
  prepared: ReturnType<typeof prepareTriage>,
  prompt: ReturnType<typeof prepareTriage>['prompt'],
  result?: { narrative?: Narrative; error?: string }
) {
  const { facts } = prepared;
  return {
    facts: {
      lines: facts.lines,
      byPriority: facts.byPriority,
      byUnit: facts.byUnit,
      byHost: facts.byHost,
      templates: facts.templates,
      notes: facts.notes,
    },
    prompt: { messages: prompt.messages, estimatedTokens: prompt.estimatedTokens },
    redactions: prepared.redactions,
    conversations: prepared.conversations,
    ...(result?.narrative ? { narrative: result.narrative } : {}),
    ...(result?.error !== undefined ? { error: result.error } : {}),
  };
}

function readJournal(journal: string): string {
  try {
    return readFileSync(journal === '-' ? 0 : journal, 'utf8');
  } catch (e) {
    throw new CliFailure(`cannot read ${journal}: ${e instanceof Error ? e.message : String(e)}`, EXIT_BAD_INPUT);
  }
}

function readParsedJournal(journal: string, io: Io): ReturnType<typeof parseJournalExport> {
  const parsedJournal = parseJournalExport(readJournal(journal));
  if (parsedJournal.lines.length === 0) {
    const why = parsedJournal.problems.slice(0, 5).join('\n');
    throw new CliFailure(`no journal entries could be read from ${journal}${why ? `:\n${why}` : ''}`, EXIT_BAD_INPUT);
  }
  for (const p of parsedJournal.problems) {
    io.err(`warning: ${p}\n`);
  }
  return parsedJournal;
}

type Prepared = ReturnType<typeof prepareTriage>;

async function narrate(
  args: Args,
  prepared: Prepared,
  apiKey: string | undefined
): Promise<{ prompt: Prepared['prompt']; result: { narrative?: Narrative; error?: string } }> {
  const client = new VllmClient({
    baseUrl: args.vllm,
    fetch: textTransport(fetchHttp()),
    timeoutMs: args.timeoutSeconds * 1000,
    apiKey,
    site: { configHint: '--vllm/--model', keyHint: 'VLLM_API_KEY' },
  });
  const outcome = await narrateTriage(prepared, client, args.model, prepared.redactions);
  return {
    prompt: outcome.prompt,
    result: outcome.result.ok ? { narrative: outcome.result.narrative } : { error: outcome.result.error.message },
  };
}

async function main(parsed: Parsed<typeof SPEC.options>, io: Io): Promise<number> {
  const args = argsOf(parsed, process.env);
  const parsedJournal = readParsedJournal(args.journal, io);
  const apiKey = process.env.VLLM_API_KEY || undefined;
  // The operator's own key is redacted wherever it appears in the journal, whatever it looks like.
  const prepared = prepareTriage(parsedJournal.lines, defaultSettings(), {
    facts: { maxPriority: args.maxPriority, secrets: apiKey ? [apiKey] : [] },
  });
  const nothing = nothingToNarrate(prepared.facts, args.maxPriority, 'run again with --max-priority {p}');
  if (nothing) {
    // Nothing at the selected priority: say what there was and how to widen; the model is not called.
    io.out(
      args.format === 'json'
        ? `${JSON.stringify({ ...jsonReport(prepared, prepared.prompt), nothing }, null, 2)}\n`
        : `${nothing}\n`
    );
    return 0;
  }
  const { prompt, result } = args.dryRun
    ? { prompt: prepared.prompt, result: undefined }
    : await narrate(args, prepared, apiKey);
  const out = jsonReport(prepared, prompt, result);
  io.out(
    args.format === 'json'
      ? `${JSON.stringify(out, null, 2)}\n`
      : textReport(out, promptText(prompt), parsedJournal.problems, args.dryRun)
  );
  return result?.error ? EXIT_NO_NARRATIVE : 0;
}

void runCommand(SPEC, main);
