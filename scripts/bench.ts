// `npm run bench`: runs every bench/*.bench.ts in name order; each prints its own figures.
// Benchmarks measure and print; they never pass or fail on a wall-clock threshold.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

async function main() {
  if (process.argv[2] === 'parsing') {
    // `npm run bench -- parsing <dir> [--assignments <outdir>]`: the log-parsing benchmark on any loghub-style folder.
    const { parsingCommand } = await import('../bench/parsing');
    process.exitCode = parsingCommand(process.argv.slice(3));
    return;
  }
  const only = process.argv[2];
  const dir = join(process.cwd(), 'bench');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || f.includes(only))
    .sort();
  for (const f of files) {
    console.log(`\n== ${f.replace('.bench.ts', '')} ==`);
    const mod = await import(pathToFileURL(join(dir, f)).href);
    const run = mod.default?.default ?? mod.default;
    await run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
