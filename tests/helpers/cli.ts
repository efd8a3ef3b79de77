import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The project root, where `npm run <cli>` runs. */
export const ROOT = join(__dirname, '..', '..');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface CliOptions {
  /** Standard input; nothing (closed at once) by default. */
  input?: string;
  /** Added to the environment the test runs in. */
  env?: Record<string, string | undefined>;
  /** Stop reading standard output after this many bytes and close the pipe, as `| head -c N` does. */
  closeAfterBytes?: number;
  timeoutMs?: number;
}

/**
 * Runs a command line exactly as `npm run <name> -- …` does (scripts/cli.mjs: the compiled bundle, built when
 * stale), with standard output and error as pipes. Never throws on a non-zero exit.
 */
export function runCli(name: string, args: string[], opts: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'cli.mjs'), name, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env, FORCE_COLOR: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => {
      chunks.push(d);
      size += d.length;
      if (opts.closeAfterBytes !== undefined && size >= opts.closeAfterBytes) {
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(chunks), stderr });
    });
    // The child may exit before reading its input; EPIPE then is not the test's concern.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** `runCli` with standard output as text and the exit code as a number (-1 when killed by a signal). */
export async function runCliText(name: string, args: string[], opts: CliOptions = {}) {
  const r = await runCli(name, args, opts);
  return { code: r.code ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
}
