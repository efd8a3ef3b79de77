#!/usr/bin/env node
// `npm run <name> -- …` lands here: runs the compiled command line dist-cli/<name>.cjs in this very process,
// building it first when it is missing or older than a source file it was built from (a fresh clone, an edit).
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
// The command reads its own arguments from process.argv.slice(2).
process.argv.splice(2, 1);
createRequire(import.meta.url)(bundle);
