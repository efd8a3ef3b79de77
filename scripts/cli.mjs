#!/usr/bin/env node
// `npm run <name> -- …` lands here: runs the compiled command line dist-cli/<name>.cjs in this very process,
// building it first when it is missing or older than a source file it was built from (a fresh clone, an edit).
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2] ?? '';
const bundle = join(ROOT, 'dist-cli', `${name}.cjs`);

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** Whether the bundle is missing, or any of its sources (or this kit's build script) changed after it. */
function stale() {
  const built = mtime(bundle);
  if (built === Infinity) {
    return true;
  }
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(ROOT, 'dist-cli', `${name}.inputs.json`), 'utf8'));
  } catch {
    return true;
  }
  return [...inputs, 'scripts/build-cli.mjs'].some((p) => mtime(join(ROOT, p)) > built);
}

if (!/^[a-z][a-z0-9-]*$/.test(name) || mtime(join(ROOT, 'src', 'cli', `${name}.ts`)) === Infinity) {
  process.stderr.write(`usage: node scripts/cli.mjs <command> [arguments…]; no command line "${name}" in src/cli/\n`);
  process.exit(2);
}
if (stale()) {
  try {
    const { buildClis } = await import('./build-cli.mjs');
    await buildClis([name]);
  } catch (e) {
    // e.g. a read-only checkout (the compose init service) or no esbuild for this platform. 70 = EX_SOFTWARE,
    // a code none of the command lines uses for its own outcomes.
    process.stderr.write(
      `${name}: dist-cli/${name}.cjs is missing or older than its sources and could not be rebuilt here ` +
        `(${e instanceof Error ? e.message.split('\n')[0] : e}). Run \`npm run build:cli\` where the repository is writable.\n`
    );
    process.exit(70);
  }
}
/**
 * V8's compiled code for the bundle, kept beside it after a run (Node 20 has no module compile cache): a later run
 * skips compiling the functions the earlier one used. V8 refuses data from another V8 or other flags, but knows
 * the source only by its length, so the file name carries the bundle's size and time of writing too. The data
 * holds what the run that wrote it compiled: a run that works much longer (a review after a --help) rewrites it.
 */
const CACHE_DIR = join(ROOT, 'dist-cli', '.v8-cache');
/** Bytes before V8's data: the CPU milliseconds of the run that wrote it (a float64). */
const HEADER = 8;

function cacheFile() {
  const { size, mtimeMs } = statSync(bundle);
  return join(CACHE_DIR, `${name}-${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}.bin`);
}

function readCache(file) {
  try {
    const data = readFileSync(file);
    return data.length > HEADER ? { cpuMs: data.readDoubleLE(0), data: data.subarray(HEADER) } : undefined;
  } catch {
    return undefined;
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Writes the code compiled so far; a checkout that cannot be written to simply runs without. */
function writeCache(script, file) {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const header = Buffer.alloc(HEADER);
    header.writeDoubleLE(cpuMs(), 0);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([header, script.createCachedData()]));
    renameSync(tmp, file);
    for (const old of readdirSync(CACHE_DIR)) {
      if (old.startsWith(`${name}-`) && join(CACHE_DIR, old) !== file && old.endsWith('.bin')) {
        unlinkSync(join(CACHE_DIR, old));
      }
    }
  } catch {
    // read-only or full: the next run compiles again
  }
}

/** Runs the CommonJS bundle as require() would, with V8's code cache. */
function runBundle() {
  const source = readFileSync(bundle, 'utf8');
  // A dynamic import() inside a vm.Script needs a loader hook Node 20 does not offer: such a bundle is required.
  if (source.includes('import(')) {
    createRequire(import.meta.url)(bundle);
    return;
  }
  const file = cacheFile();
  const cached = readCache(file);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData: cached?.data,
  });
  process.once('exit', () => {
    if (!cached || script.cachedDataRejected || cpuMs() > 2 * cached.cpuMs) {
      writeCache(script, file);
    }
  });
  const mod = new Module(bundle);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(dirname(bundle));
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
}

// The command reads its own arguments from process.argv.slice(2).
process.argv.splice(2, 1);
runBundle();
