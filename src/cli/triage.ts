// `npm run triage -- --journal <file|-> [--format text|json] [--dry-run] [--vllm URL] [--model M]`
// A thin wrapper over src/triage: parse a journalctl -o json export, compute facts, build the redacted prompt,
// and (unless --dry-run) ask the vLLM at --vllm for the narrative. API key from VLLM_API_KEY.
import { readFileSync } from 'node:fs';
import { defaultSettings } from '../settings';
import { removalSummary } from '../triage/conversation';
import { parseJournalExport } from '../triage/journal';
import { narrateTriage, prepareTriage } from '../triage/pipeline';
import { promptText } from '../triage/prompt';
import { totalRedactions } from '../triage/redact';
import { VllmClient, type FetchLike, type Narrative } from '../triage/vllm';

interface Args {
  journal?: string;
  format: 'text' | 'json';
  dryRun: boolean;
  vllm: string;
  model?: string;
  maxPriority: number;
  timeoutSeconds: number;
}

const USAGE = `usage: npm run triage -- --journal <file|-> [--format text|json] [--dry-run] [--vllm URL] [--model M]
                       [--max-priority 0-7 (default 3 = err)] [--timeout SECONDS]
  The API key, if vLLM was started with --api-key, comes from the VLLM_API_KEY environment variable.
  Export a journal with: journalctl -u vllm.service -p err --since -1h -o json > vllm.json`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const a: Args = { format: 'text', dryRun: false, vllm: process.env.VLLM_URL ?? 'http://localhost:8000', maxPriority: 3, timeoutSeconds: 60 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) {
        throw new UsageError(`${k} needs a value`);
      }
      return v;
    };
    if (k === '--journal') {
      a.journal = value();
    } else if (k === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') {
        throw new UsageError('--format is text or json');
      }
      a.format = f;
    } else if (k === '--dry-run') {
      a.dryRun = true;
    } else if (k === '--vllm') {
      a.vllm = value().replace(/\/+$/, '').replace(/\/v1$/, '');
    } else if (k === '--model') {
      a.model = value();
    } else if (k === '--max-priority') {
      a.maxPriority = Number(value());
      if (!Number.isInteger(a.maxPriority) || a.maxPriority < 0 || a.maxPriority > 7) {
        throw new UsageError('--max-priority is 0 (emerg) to 7 (debug)');
      }
    } else if (k === '--timeout') {
      a.timeoutSeconds = Number(value());
      if (!(a.timeoutSeconds > 0)) {
        throw new UsageError('--timeout is a number of seconds');
      }
    } else if (k === '--help' || k === '-h') {
      throw new UsageError('');
    } else {
      throw new UsageError(`unknown argument ${k}`);
    }
  }
  if (!a.journal) {
    throw new UsageError('--journal is required (a file, or - for standard input)');
  }
  return a;
}

const nodeFetch: FetchLike = async (url, init) => {
  const r = await fetch(url, init);
  return { status: r.status, text: () => r.text() };
};

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
    ...f.templates.map((t) => `${String(t.count).padStart(5)}  ${t.template}   [${t.units.join(', ')} | ${t.hosts.join(', ')} | ${t.firstSeen} … ${t.lastSeen}]`),
    '',
  ];
  if (dryRun) {
    rows.push(`Prompt (${out.prompt.estimatedTokens} tokens, estimated), not sent:`, prompt);
  } else if (out.narrative) {
    const n: Narrative = out.narrative;
    rows.push('Narrative:', n.summary, n.likely_cause ? `Likely cause: ${n.likely_cause}` : '', ...n.next_steps.map((s, i) => `${i + 1}. ${s}`));
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
    facts: { lines: facts.lines, byPriority: facts.byPriority, byUnit: facts.byUnit, byHost: facts.byHost, templates: facts.templates, notes: facts.notes },
    prompt: { messages: prompt.messages, estimatedTokens: prompt.estimatedTokens },
    redactions: prepared.redactions,
    conversations: prepared.conversations,
    ...(result?.narrative ? { narrative: result.narrative } : {}),
    ...(result?.error !== undefined ? { error: result.error } : {}),
  };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message ? `${e.message}\n` : ''}${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  let text: string;
  try {
    text = readFileSync(args.journal === '-' ? 0 : args.journal!, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${args.journal}: ${e instanceof Error ? e.message : e}\n`);
    return 2;
  }
  const parsed = parseJournalExport(text);
  if (parsed.lines.length === 0) {
    process.stderr.write(`no journal entries could be read from ${args.journal}:\n${parsed.problems.slice(0, 5).join('\n')}\n${USAGE}\n`);
    return 2;
  }
  for (const p of parsed.problems) {
    process.stderr.write(`warning: ${p}\n`);
  }
  const settings = defaultSettings();
  const prepared = prepareTriage(parsed.lines, settings, { facts: { maxPriority: args.maxPriority } });
  let result: { narrative?: Narrative; error?: string } | undefined;
  let prompt = prepared.prompt;
  if (!args.dryRun && prepared.facts.lines > 0) {
    const client = new VllmClient({
      baseUrl: args.vllm,
      fetch: nodeFetch,
      timeoutMs: args.timeoutSeconds * 1000,
      apiKey: process.env.VLLM_API_KEY || undefined,
      site: { configHint: '--vllm/--model', keyHint: 'VLLM_API_KEY' },
    });
    const outcome = await narrateTriage(prepared, client, args.model, prepared.redactions);
    prompt = outcome.prompt;
    result = outcome.result.ok ? { narrative: outcome.result.narrative } : { error: outcome.result.error.message };
  }
  const out = jsonReport(prepared, prompt, result);
  process.stdout.write(args.format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : textReport(out, promptText(prompt), parsed.problems, args.dryRun));
  return result?.error ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`triage failed: ${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  }
);
