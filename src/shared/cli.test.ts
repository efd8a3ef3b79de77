/**
 * @jest-environment node
 */
import {
  CliFailure,
  intOption,
  outcomeOf,
  parseCommandLine,
  positiveOption,
  urlOption,
  UsageError,
  usageText,
  type CommandSpec,
  type OptionTable,
} from './cli';

const SPEC = {
  name: 'demo',
  synopsis: '<files…> [options]',
  positionals: true,
  failureCode: 3,
  options: {
    format: { type: 'string', choices: ['text', 'json'], default: 'text', help: 'output' },
    url: { type: 'string', value: 'URL', help: 'a server' },
    tag: { type: 'string', multiple: true, help: 'repeatable' },
    'dry-run': { type: 'boolean', short: 'n', help: 'change nothing' },
  },
  notes: 'Exit codes: 0 fine.',
} as const satisfies CommandSpec<OptionTable>;

describe('parseCommandLine', () => {
  it('accepts --flag value and --flag=value, short flags, repeats and positionals; applies defaults', () => {
    const p = parseCommandLine(SPEC, ['a.yml', '--url', 'http://x', '--format=json', '-n', '--tag', 't1', '--tag=t2', 'b.yml']);
    expect(p).toEqual({
      help: false,
      positionals: ['a.yml', 'b.yml'],
      values: { url: 'http://x', format: 'json', 'dry-run': true, tag: ['t1', 't2'] },
    });
    expect(parseCommandLine(SPEC, []).values).toEqual({ format: 'text' });
    expect(parseCommandLine(SPEC, ['--url', '-']).values.url).toBe('-');
  });

  it('--help or -h wins over anything else', () => {
    expect(parseCommandLine(SPEC, ['--bogus', '-h']).help).toBe(true);
    expect(parseCommandLine(SPEC, ['--format=xml', '--help']).help).toBe(true);
  });

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['-q'], 'unknown option -q'],
    [['--url'], '--url needs a value'],
    [['--url', '--format', 'json'], '--url needs a value'],
    [['--url='], '--url needs a value'],
    [['--dry-run=yes'], '--dry-run takes no value'],
    [['--format', 'xml'], '--format must be one of text, json, got "xml"'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseCommandLine(SPEC, argv)).toThrow(new UsageError(message));
  });

  it('refuses positionals where the command takes none', () => {
    expect(() => parseCommandLine({ ...SPEC, positionals: false }, ['x'])).toThrow(new UsageError('unexpected argument x'));
  });
});

describe('option helpers', () => {
  it('intOption, positiveOption and urlOption check and convert, with the flag in the message', () => {
    expect(intOption('max-priority', '3', 0, 7)).toBe(3);
    expect(() => intOption('max-priority', '8', 0, 7)).toThrow('--max-priority is 0 to 7, got "8"');
    expect(() => intOption('max-priority', '2.5', 0, 7)).toThrow(UsageError);
    expect(positiveOption('timeout', '1.5')).toBe(1.5);
    expect(() => positiveOption('timeout', '0', 'a number of seconds')).toThrow('--timeout is a number of seconds, got "0"');
    expect(urlOption('prometheus', 'http://prom:9090//')).toBe('http://prom:9090');
    expect(() => urlOption('prometheus', 'prom:9090')).toThrow('--prometheus must be an http(s) URL, got "prom:9090"');
    expect(() => urlOption('prometheus', 'file:///etc/passwd')).toThrow(UsageError);
  });
});

describe('usage and outcomes', () => {
  it('the usage lists every option from the table, then the notes', () => {
    expect(usageText(SPEC)).toBe(
      [
        'usage: npm run demo -- <files…> [options]',
        '',
        'options:',
        '  --format text|json  output (default text)',
        '  --url URL           a server',
        '  --tag VALUE         repeatable',
        '  -n, --dry-run       change nothing',
        '  -h, --help          show this help',
        '',
        'Exit codes: 0 fine.',
      ].join('\n')
    );
  });

  it('usage errors exit 2 with the usage; failures at run time their own code without it; others the command default', () => {
    const usage = outcomeOf(SPEC, new UsageError('no files'));
    expect(usage.code).toBe(2);
    expect(usage.text).toBe(`demo: no files\n\n${usageText(SPEC)}\n`);
    expect(outcomeOf(SPEC, new CliFailure('Prometheus could not be reached', 3))).toEqual({ code: 3, text: 'demo: Prometheus could not be reached\n' });
    expect(outcomeOf(SPEC, new TypeError('x is undefined'))).toEqual({ code: 3, text: 'demo: unexpected error: x is undefined\n' });
  });
});
