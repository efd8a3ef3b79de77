/**
 * The command-line kit every `npm run <cli>` uses: options declared in one table (one line per flag), parsed by
 * Node's `util.parseArgs` (`--flag value` and `--flag=value`), `--help`/`-h` printing usage with exit 0, usage
 * errors (exit 2, with usage) kept apart from failures at run time (their own code, no usage), standard output
 * written completely before the process ends, and a reader that stops early (`| head -1`) ending it quietly.
 * Node-only by design.
 */
import { parseArgs } from 'node:util';

/** Exit codes every command shares; a command may add its own (review: 1 = findings). */
export const EXIT = { ok: 0, usage: 2 } as const;

/** Wrong flags or arguments: printed with the usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure at run time (unreachable server, unreadable input): printed without usage, with its own exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly code: number
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One-letter alias. */
  short?: string;
  /** Placeholder shown in the usage, e.g. "URL". */
  value?: string;
  /** The only values accepted; anything else is a usage error. */
  choices?: readonly string[];
  default?: string;
  /** May be given more than once (values collected in order). */
  multiple?: boolean;
  help: string;
}

export type OptionTable = Record<string, OptionSpec>;

/** One option's text value: the union of its choices when it has them. */
type TextOf<S extends OptionSpec> = S['choices'] extends ReadonlyArray<infer C> ? C : string;

/** Parsed values typed from the table: booleans, text (defaulted or optional), or lists. */
export type Values<O extends OptionTable> = {
  [K in keyof O]: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['multiple'] extends true
      ? Array<TextOf<O[K]>>
      : O[K]['default'] extends string
        ? TextOf<O[K]>
        : TextOf<O[K]> | undefined;
};

export interface CommandSpec<O extends OptionTable> {
  /** As typed after `npm run`: "review". */
  name: string;
  /** What follows the name, e.g. "<files or dirs…> [options]"; one line per form for subcommands. */
  synopsis: string | string[];
  options: O;
  /** Whether arguments without a flag are accepted (files, subcommands). */
  positionals?: boolean;
  /** Text after the options: environment variables, examples. */
  notes?: string;
  /** Exit code of failures at run time that are not `CliFailure`s (an unexpected error). */
  failureCode: number;
}

export interface Parsed<O extends OptionTable> {
  values: Values<O>;
  positionals: string[];
  help: boolean;
}

function optionLine(name: string, o: OptionSpec): [string, string] {
  const placeholder = o.type === 'boolean' ? '' : ` ${o.choices ? o.choices.join('|') : (o.value ?? 'VALUE')}`;
  const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${placeholder}`;
  return [flag, `${o.help}${o.default !== undefined ? ` (default ${o.default})` : ''}`];
}

/** The usage text: synopsis, one line per option (from the table), then the notes. */
export function usageText<O extends OptionTable>(spec: CommandSpec<O>): string {
  const forms = Array.isArray(spec.synopsis) ? spec.synopsis : [spec.synopsis];
  const rows = [...Object.entries(spec.options).map(([n, o]) => optionLine(n, o)), ['-h, --help', 'show this help']];
  const width = Math.max(...rows.map(([f]) => f.length));
  return [
    ...forms.map((f, i) => `${i === 0 ? 'usage:' : '      '} npm run ${spec.name} -- ${f}`),
    '',
    'options:',
    ...rows.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`),
    ...(spec.notes ? ['', spec.notes] : []),
  ].join('\n');
}

/** Turns `util.parseArgs`' error codes into the sentence a user reads. */
function usageMessage(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option ${/'([^']+)'/.exec(msg)?.[1] ?? msg}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `unexpected argument ${/'([^']+)'/.exec(msg)?.[1] ?? msg}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /--[\w-]+/.exec(msg)?.[0] ?? 'an option';
    return msg.includes('does not take an argument') ? `${flag} takes no value` : `${flag} needs a value`;
  }
  return msg;
}

function checkValue(name: string, o: OptionSpec, v: string) {
  if (v === '') {
    throw new UsageError(`--${name} needs a value`);
  }
  if (o.choices && !o.choices.includes(v)) {
    throw new UsageError(`--${name} must be one of ${o.choices.join(', ')}, got "${v}"`);
  }
}

function checkValues(options: OptionTable, values: Record<string, unknown>) {
  for (const [name, o] of Object.entries(options)) {
    const given = values[name];
    const texts = (Array.isArray(given) ? given : [given]).filter((v): v is string => typeof v === 'string');
    texts.forEach((v) => checkValue(name, o, v));
  }
}

/** Parses `argv` against the table; throws `UsageError` with a readable message. `--help` wins over everything. */
export function parseCommandLine<O extends OptionTable>(spec: CommandSpec<O>, argv: string[]): Parsed<O> {
  // util.parseArgs rejects keys present with the value undefined: copy only what is set.
  const config = Object.fromEntries(
    Object.entries(spec.options).map(([n, { type, short, multiple, default: d }]) => [
      n,
      { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}), ...(d !== undefined ? { default: d } : {}) },
    ])
  );
  if (argv.includes('--help') || argv.includes('-h')) {
    return { values: {} as Values<O>, positionals: [], help: true };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: config, strict: true, allowPositionals: spec.positionals ?? false });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_') ? new UsageError(usageMessage(e)) : e;
  }
  checkValues(spec.options, parsed.values);
  return { values: parsed.values as Values<O>, positionals: parsed.positionals, help: false };
}

/** An integer option within [min, max]; a usage error otherwise. */
export function intOption(name: string, v: string, min: number, max: number, hint = `${min} to ${max}`): number {
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || n < min || n > max) {
    throw new UsageError(`--${name} is ${hint}, got "${v}"`);
  }
  return n;
}

/** A positive number option (seconds, sizes); a usage error otherwise. */
export function positiveOption(name: string, v: string, what = 'a positive number'): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--${name} is ${what}, got "${v}"`);
  }
  return n;
}

/** An http(s) URL option without trailing slashes; a usage error otherwise. */
export function urlOption(name: string, v: string): string {
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new UsageError(`--${name} must be an http(s) URL, got "${v}"`);
  }
  return v.replace(/\/+$/, '');
}

/** Where a command writes. `out` is standard output (the result), `err` standard error (progress, warnings). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Writes to the process's streams, remembering the last write so the end can wait for it. */
class ProcessIo implements Io {
  private pending: Array<Promise<void>> = [];
  closed = false;

  constructor(private readonly onClosed: () => void) {
    // A reader that went away (EPIPE) is not an error: stop quietly. Other stream errors surface as usual.
    for (const s of [process.stdout, process.stderr]) {
      s.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? this.close() : this.rethrow(e)));
    }
  }

  private close() {
    if (!this.closed) {
      this.closed = true;
      this.onClosed();
    }
  }

  private rethrow(e: Error) {
    throw e;
  }

  private write(stream: NodeJS.WriteStream, text: string) {
    if (this.closed || text === '') {
      return;
    }
    this.pending.push(new Promise((resolve) => stream.write(text, () => resolve())));
  }

  out(text: string) {
    this.write(process.stdout, text);
  }

  err(text: string) {
    this.write(process.stderr, text);
  }

  /** Resolves when everything written so far has been handed to the operating system (or the reader left). */
  flushed(): Promise<void> {
    return Promise.all(this.pending).then(() => undefined);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The exit code and what to print for an error that ended the command. */
export function outcomeOf<O extends OptionTable>(spec: CommandSpec<O>, e: unknown): { code: number; text: string } {
  if (e instanceof UsageError) {
    return { code: EXIT.usage, text: `${spec.name}: ${e.message}\n\n${usageText(spec)}\n` };
  }
  if (e instanceof CliFailure) {
    return { code: e.code, text: `${spec.name}: ${e.message}\n` };
  }
  return { code: spec.failureCode, text: `${spec.name}: unexpected error: ${errorText(e)}\n` };
}

/**
 * Runs a command: parses its options, prints usage for `--help` (exit 0), runs `main`, and ends the process once
 * everything written is out. Usage errors exit 2 with the usage; other errors exit with their code, no usage.
 */
export async function runCommand<O extends OptionTable>(
  spec: CommandSpec<O>,
  main: (args: Parsed<O>, io: Io) => Promise<number>,
  argv: string[] = process.argv.slice(2)
): Promise<void> {
  const io = new ProcessIo(() => process.exit(EXIT.ok));
  let code: number;
  try {
    const args = parseCommandLine(spec, argv);
    if (args.help) {
      io.out(`${usageText(spec)}\n`);
      code = EXIT.ok;
    } else {
      code = await main(args, io);
    }
  } catch (e) {
    const o = outcomeOf(spec, e);
    io.err(o.text);
    code = o.code;
  }
  await io.flushed();
  // Everything is written: ending now cannot cut the output, and a stray keep-alive socket cannot hold the exit.
  process.exit(code);
}
