import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files found under the paths given on the command line, each once, and what could not be read. */
export interface Walked {
  /** Per argument: the files found (explicit files as given, directories' *.yml/*.yaml/*.json). */
  files: Array<{ arg: string; path: string; explicit: boolean }>;
  errors: Array<{ path: string; message: string }>;
  /** Entries met inside a directory that cannot be followed (a dangling link, links that point at each other). */
  skipped: Array<{ path: string; message: string }>;
}

const RULE_FILE = /\.(ya?ml|json)$/i;

function errorCode(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Walks the given files and directories. Symbolic links are followed, but each directory and each file is visited
 * once (by its real path), so links that point at each other end instead of looping, and a file reached twice is
 * read once. Hidden entries (".git", ".cache") are skipped.
 */
export function walkRuleFiles(paths: string[]): Walked {
  const out: Walked = { files: [], errors: [], skipped: [] };
  const seen = new Set<string>();
  const visit = (arg: string, path: string, explicit: boolean) => {
    let real: string;
    let isDir: boolean;
    try {
      // One system call (the JavaScript realpath walks every component of every path with lstat).
      real = realpathSync.native(path);
      isDir = statSync(real).isDirectory();
    } catch (e) {
      (explicit ? out.errors : out.skipped).push({ path, message: `cannot read: ${errorCode(e)}` });
      return;
    }
    if (seen.has(real)) {
      return;
    }
    seen.add(real);
    if (!isDir) {
      if (explicit || RULE_FILE.test(path)) {
        out.files.push({ arg, path, explicit });
      }
      return;
    }
    let names: string[];
    try {
      names = readdirSync(path).sort();
    } catch (e) {
      out.errors.push({ path, message: `cannot read: ${errorCode(e)}` });
      return;
    }
    for (const name of names.filter((n) => !n.startsWith('.'))) {
      visit(arg, join(path, name), false);
    }
  };
  paths.forEach((p) => visit(p, p, true));
  return out;
}
